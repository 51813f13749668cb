import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Express, Request, Response } from 'express';
import type { Caller } from '@c2c/kernel';
import { cacheFor, callerOf, isUnauthenticated, refuseToken } from '../caller';
import type { RouteDeps } from '../routes';
import { embedCors } from '../embed/embed.cors';
import {
  envelope,
  hsdsLocation,
  hsdsOrganization,
  hsdsService,
  hsdsServiceAtLocation,
  hsdsTaxonomy,
  hsdsTerm,
  LOCATION_FIELDS,
  SERVICE_FIELDS,
} from './hsds.mapping';

/** The largest page: a bigger `per_page` is refused (400 naming it), so a client never silently gets less than it asked for. */
export const MAX_PER_PAGE = 100;
/** Graph page size while streaming ndjson: small enough that a client who leaves stops the work soon. */
const STREAM_BATCH = 25;
/** Organisations whose services `full` asks for at the same time. */
const ORGANIZATIONS_IN_PARALLEL = 8;
export const HSDS_VERSION = '3.0';
const PROFILE = 'https://openreferral.org/hsds/profiles/base';
/** The HSDS 3.0 OpenAPI document, shipped with the gateway byte for byte (licence beside it). */
const OPENAPI_FILE = path.resolve(__dirname, '../../standards/hsds/openapi.json');

/** Great-circle distance in km; a place without coordinates is out of every range. */
function distanceKm(from: { latitude: number; longitude: number }, to: { latitude?: number | null; longitude?: number | null }) {
  if (to.latitude == null || to.longitude == null) return Infinity;
  const rad = Math.PI / 180;
  const dLat = (to.latitude - from.latitude) * rad;
  const dLng = (to.longitude - from.longitude) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(from.latitude * rad) * Math.cos(to.latitude * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

const cursorBefore = (offset: number) => (offset > 0 ? Buffer.from(`o:${offset - 1}`).toString('base64url') : null);

class FeedError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

type Query = Request['query'];

const one = (v: unknown, name: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new FeedError(400, `${name} must be given once`, name);
  return v;
};

/** `page` (1-based) and `per_page` (at most MAX_PER_PAGE). */
function paging(q: Query) {
  const page = q.page === undefined ? 1 : Number(one(q.page, 'page'));
  const perPage = q.per_page === undefined ? 20 : Number(one(q.per_page, 'per_page'));
  if (!Number.isInteger(page) || page < 1 || page > 100000) throw new FeedError(400, 'page must be a whole number from 1', 'page');
  if (!Number.isInteger(perPage) || perPage < 1) throw new FeedError(400, 'per_page must be a whole number from 1', 'per_page');
  if (perPage > MAX_PER_PAGE) throw new FeedError(400, `per_page must be at most ${MAX_PER_PAGE}`, 'per_page');
  return { page, size: perPage, offset: (page - 1) * perPage };
}

function flag(q: Query, name: string): boolean {
  const v = one(q[name], name);
  if (v === undefined || v === 'false' || v === '0') return false;
  if (v === 'true' || v === '1' || v === '') return true;
  throw new FeedError(400, `${name} must be true or false`, name);
}

function formatOf(q: Query): 'json' | 'ndjson' {
  const v = one(q.format, 'format') ?? 'json';
  if (v !== 'json' && v !== 'ndjson') throw new FeedError(400, 'format must be json or ndjson', 'format');
  return v;
}

function modifiedAfter(q: Query): string | undefined {
  const v = one(q.modified_after, 'modified_after');
  if (v === undefined) return undefined;
  // Date.parse accepts "2026" or "1"; HSDS means a date or date-time.
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) || Number.isNaN(Date.parse(v)))
    throw new FeedError(400, 'modified_after must be a date or date-time (ISO 8601)', 'modified_after');
  return new Date(v).toISOString();
}

function proximity(q: Query) {
  const p = one(q.proximity, 'proximity');
  if (p === undefined) return undefined;
  // "lat,lng" with an optional third part, the radius in kilometres.
  const parts = p.split(',').map((x) => Number(x.trim()));
  if (parts.length < 2 || parts.length > 3 || parts.some((x) => !Number.isFinite(x)))
    throw new FeedError(400, 'proximity must be "latitude,longitude[,radiusKm]"', 'proximity');
  return { latitude: parts[0], longitude: parts[1], radiusKm: parts[2] ?? 10 };
}

/** Graph errors keep their meaning: bad input is 400 naming the HSDS parameter, missing is 404. */
function graphFailure(errors: readonly { message: string; extensions?: Record<string, unknown> }[], params: Record<string, string>) {
  const e = errors[0];
  const code = e.extensions?.code;
  const field = typeof e.extensions?.field === 'string' ? e.extensions.field : undefined;
  if (code === 'BAD_USER_INPUT') return new FeedError(400, e.message, field ? (params[field.split('.')[0]] ?? field) : undefined);
  if (code === 'NOT_FOUND') return new FeedError(404, e.message);
  if (code === 'UNAUTHENTICATED') return new FeedError(401, e.message);
  if (code === 'FORBIDDEN') return new FeedError(403, e.message);
  return new FeedError(502, 'The directory could not answer');
}

const SEARCH_PARAMS: Record<string, string> = {
  text: 'search',
  taxonomyTermId: 'taxonomy_term_id',
  taxonomy: 'taxonomy_id',
  organizationId: 'organization_id',
  zip: 'postcode',
  near: 'proximity',
  modifiedAfter: 'modified_after',
  first: 'per_page',
  after: 'page',
};

/** A list endpoint's rows: one page (with the total), or all of them in order for ndjson. */
interface ListSource<T> {
  page(offset: number, size: number): Promise<{ items: T[]; total: number }>;
  all(): AsyncIterable<T>;
  /** Settles once the request's parameters are checked: awaited before a stream starts, so bad input is still a 400. */
  ready?: Promise<unknown>;
}

function fromArray<T>(load: () => Promise<T[]>): ListSource<T> {
  return {
    async page(offset, size) {
      const list = await load();
      return { items: list.slice(offset, offset + size), total: list.length };
    },
    async *all() {
      yield* await load();
    },
  };
}

/** A source paged by the graph itself (offset cursors), so a page costs one graph request. */
function fromGraph<T>(
  fetch: (first: number, after: string | null) => Promise<{ items: T[]; total: number }>,
  ready?: Promise<unknown>,
): ListSource<T> {
  return {
    ready,
    page: (offset, size) => fetch(size, cursorBefore(offset)),
    async *all() {
      for (let offset = 0; ; offset += STREAM_BATCH) {
        const r = await fetch(STREAM_BATCH, cursorBefore(offset));
        yield* r.items;
        if (r.items.length < STREAM_BATCH || offset + STREAM_BATCH >= r.total) return;
      }
    },
  };
}

/**
 * Sends JSON with a strong validator of its bytes (ETag) and, when known, when its newest row
 * changed (Last-Modified): a client that already holds the same answer gets 304 and no body.
 */
function sendJson(req: Request, res: Response, body: unknown, lastModified?: Date | null) {
  const json = JSON.stringify(body);
  const etag = `"${createHash('sha1').update(json).digest('base64url')}"`;
  res.set('etag', etag);
  if (lastModified) res.set('last-modified', lastModified.toUTCString());
  const inm = req.header('if-none-match');
  const ims = req.header('if-modified-since');
  const same = inm
    ? inm.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag)
    : !!ims && !!lastModified && Math.floor(lastModified.getTime() / 1000) * 1000 <= Date.parse(ims);
  if (same) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(json);
}

const newest = (items: { last_modified?: string }[]) => {
  const times = items.map((i) => (i.last_modified ? Date.parse(i.last_modified) : NaN)).filter((t) => !Number.isNaN(t));
  return times.length ? new Date(Math.max(...times)) : null;
};

/**
 * Streams rows as ndjson, one document a line, without pages. A client that goes away stops the
 * work: no further graph page is fetched once the response has closed.
 */
async function streamNdjson<T>(res: Response, rows: AsyncIterable<T>, map: (row: T) => unknown) {
  let closed = false;
  res.on('close', () => (closed = true));
  res.type('application/x-ndjson');
  res.flushHeaders();
  for await (const row of rows) {
    if (closed) break;
    if (!res.write(`${JSON.stringify(map(row))}\n`))
      await new Promise((resolve) => (closed ? resolve(null) : res.once('drain', resolve).once('close', resolve)));
  }
  if (!closed) res.end();
}

type Run = (req: Request, caller: Caller) => Promise<{ body: unknown; lastModified?: Date | null } | { stream: () => Promise<void> }>;

/**
 * The HSDS 3.0 API (openreferral.org), read-only, over the graph: every answer comes from
 * the graph through `execute`, so it shows exactly what the caller could see there.
 */
export function hsdsFeed(app: Express, deps: RouteDeps) {
  const { execute } = deps;
  const cors = embedCors();
  const ask = async (query: string, variables: Record<string, unknown>, caller: Caller, params = SEARCH_PARAMS) => {
    const r = await execute(query, variables, { caller });
    if (r.errors?.length) throw graphFailure(r.errors, params);
    return r.data;
  };

  const handle = (run: Run) => async (req: Request, res: Response) => {
    try {
      const caller = callerOf(res);
      const out = await run(req, caller);
      cacheFor(res, caller, 60);
      if ('stream' in out) {
        await out.stream();
        return;
      }
      sendJson(req, res, out.body, out.lastModified);
    } catch (err) {
      if (res.headersSent) {
        // Mid-stream the status is gone: cut the stream so the client sees it is incomplete.
        deps.log.warn({ err }, 'hsds stream failed');
        res.destroy();
        return;
      }
      res.set('cache-control', 'no-store');
      if (isUnauthenticated(err)) return refuseToken(res, (err as Error).message);
      if (err instanceof FeedError && err.status === 401) return refuseToken(res, err.message);
      if (err instanceof FeedError) {
        res.status(err.status).json({ error: err.message, ...(err.field ? { field: err.field } : {}) });
        return;
      }
      deps.log.error({ err }, 'hsds feed failed');
      res.status(500).json({ error: 'Internal server error' });
    }
  };

  /**
   * A list endpoint: the page envelope, or ndjson of every row; `map` turns a row into its HSDS
   * document. Last-Modified is the newest `last_modified` of the page's documents, or, for
   * documents without one, the newest that `modifiedOf` tells of the page's rows.
   */
  const list =
    <T>(
      source: (req: Request, caller: Caller) => ListSource<T>,
      map: (row: T) => any,
      modifiedOf?: (row: T) => string | null | undefined,
    ): Run =>
    async (req, caller) => {
      const format = formatOf(req.query);
      const { page, size, offset } = paging(req.query);
      const rows = source(req, caller);
      await rows.ready;
      if (format === 'ndjson') return { stream: () => streamNdjson(res(req), rows.all(), map) };
      const r = await rows.page(offset, size);
      const contents = r.items.map(map);
      const lastModified = modifiedOf ? newest(r.items.map((row) => ({ last_modified: modifiedOf(row) ?? undefined }))) : newest(contents);
      return { body: envelope(contents, r.total, page, size), lastModified };
    };
  const res = (req: Request) => req.res!;

  const baseUrl = (req: Request) => `${req.protocol}://${req.get('host')}`;

  app.get(
    '/hsds',
    cors,
    ...deps.protect,
    handle(async (req) => ({
      body: { version: HSDS_VERSION, profile: PROFILE, openapi_url: `${baseUrl(req)}/hsds/openapi.json` },
    })),
  );

  const openapi = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8'));
  app.get(
    '/hsds/openapi.json',
    cors,
    ...deps.protect,
    handle(async (req) => ({
      body: {
        ...openapi,
        info: {
          title: 'C2C Hub directory (HSDS 3.0)',
          version: HSDS_VERSION,
          summary: 'The service directory of a cradle-to-career collaborative, in Open Referral HSDS 3.0.',
          description: `Read-only HSDS 3.0 API. per_page is at most ${MAX_PER_PAGE}; format=ndjson streams every row without pages.`,
          license: { name: 'CC-BY-SA-4.0 (the HSDS specification)', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
        },
        servers: [{ url: `${baseUrl(req)}/hsds` }],
      },
    })),
  );

  // --- services -------------------------------------------------------------------------

  const serviceFilters = async (q: Query, caller: Caller) => {
    // HSDS names a taxonomy by id; the graph by name (the feed derives taxonomy ids from names).
    const taxonomyId = one(q.taxonomy_id, 'taxonomy_id');
    let taxonomy: string | undefined;
    if (taxonomyId !== undefined) {
      taxonomy = (await taxonomies(caller)).find((t) => t.id === taxonomyId.trim().toLowerCase())?.name;
      if (!taxonomy) throw new FeedError(400, `taxonomy_id ${taxonomyId.slice(0, 60)} is not a taxonomy`, 'taxonomy_id');
    }
    return {
      text: one(q.search, 'search'),
      term: one(q.taxonomy_term_id, 'taxonomy_term_id'),
      taxonomy,
      org: one(q.organization_id, 'organization_id'),
      zip: one(q.postcode, 'postcode'),
      near: proximity(q),
      modified: modifiedAfter(q),
    };
  };
  const searchServices = (fields: string) => (req: Request, caller: Caller) => {
    const filters = serviceFilters(req.query, caller);
    return fromGraph(async (first, after) => {
      const data = await ask(
        `query HsdsServices($text: String, $term: ID, $taxonomy: String, $org: ID, $zip: String, $near: GeoRadiusInput, $modified: DateTimeISO, $first: Int, $after: String) {
        searchServices(text: $text, taxonomyTermId: $term, taxonomy: $taxonomy, organizationId: $org, zip: $zip, near: $near, modifiedAfter: $modified, first: $first, after: $after) {
          totalCount edges { node { ${fields} } } } }`,
        { ...(await filters), first, after },
        caller,
      );
      return { items: data.searchServices.edges.map((e: any) => e.node), total: data.searchServices.totalCount };
    }, filters);
  };

  const minimalService = (s: any) => ({
    id: s.id,
    name: s.name,
    status: s.status.toLowerCase().replace(/_/g, ' '),
    ...(s.organization ? { organization_id: s.organization.id } : {}),
    last_modified: s.lastModified,
  });
  app.get(
    '/hsds/services',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      // `minimal`: just what a client needs to see what changed (HSDS: "id and modified date"), with the fields the schema requires.
      const minimal = flag(req.query, 'minimal');
      flag(req.query, 'full');
      return minimal
        ? list(searchServices('id name status lastModified organization { id }'), minimalService)(req, caller)
        : list(searchServices(SERVICE_FIELDS), hsdsService)(req, caller);
    }),
  );

  app.get(
    '/hsds/services/:id',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const data = await ask(
        `query HsdsService($id: ID!) { service(id: $id) { ${SERVICE_FIELDS} } }`,
        { id: String(req.params.id) },
        caller,
      );
      const body = hsdsService(data.service);
      return { body, lastModified: newest([body]) };
    }),
  );

  // --- service_at_locations and locations -------------------------------------------------
  // Derived from the services that match (the graph has no list of its own for them): a page
  // costs one pass over the matching services, in pages of MAX_PER_PAGE.

  const matchingServices = async (req: Request, caller: Caller, fields: string) => {
    const out: any[] = [];
    for await (const s of allOf(searchServices(fields)(req, caller))) out.push(s);
    return out;
  };
  async function* allOf<T>(src: ListSource<T>) {
    for (let offset = 0; ; offset += MAX_PER_PAGE) {
      const r = await src.page(offset, MAX_PER_PAGE);
      yield* r.items;
      if (r.items.length < MAX_PER_PAGE || offset + MAX_PER_PAGE >= r.total) return;
    }
  }

  app.get(
    '/hsds/service_at_locations',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const full = flag(req.query, 'full');
      const near = proximity(req.query);
      return list(
        () =>
          fromArray(async () => {
            const services = await matchingServices(
              req,
              caller,
              full ? SERVICE_FIELDS : `id lastModified serviceAtLocations { id location { ${LOCATION_FIELDS} } }`,
            );
            const rows = services.flatMap((s) =>
              s.serviceAtLocations.map((x: any) => ({ service: s, sal: x, km: near ? distanceKm(near, x.location) : 0 })),
            );
            // With proximity, each row is the service at one place: that place must be in range, nearest first.
            return near ? rows.filter((r) => r.km <= near.radiusKm).sort((a, b) => a.km - b.km) : rows;
          }),
        ({ service, sal }: { service: any; sal: any }) => ({
          ...hsdsServiceAtLocation(service.id, sal),
          ...(full ? { service: hsdsService(service) } : {}),
        }),
        // A service at a location changes when its service's listing does.
        ({ service }) => service.lastModified,
      )(req, caller);
    }),
  );

  app.get(
    '/hsds/service_at_locations/:id',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const data = await ask(
        `query HsdsServiceAtLocation($id: ID!) { serviceAtLocation(id: $id) { id location { ${LOCATION_FIELDS} } service { ${SERVICE_FIELDS} } } }`,
        { id: String(req.params.id) },
        caller,
      );
      const x = data.serviceAtLocation;
      return {
        body: { ...hsdsServiceAtLocation(x.service.id, x), service: hsdsService(x.service) },
        lastModified: x.service.lastModified ? new Date(x.service.lastModified) : null,
      };
    }),
  );

  app.get(
    '/hsds/locations',
    cors,
    ...deps.protect,
    handle(async (req, caller) =>
      list(
        () =>
          fromArray(async () => {
            // Each location with the newest change among its matching services: its Last-Modified.
            const byId = new Map<string, { location: any; lastModified: string | null }>();
            for (const s of await matchingServices(
              req,
              caller,
              `id lastModified serviceAtLocations { id location { ${LOCATION_FIELDS} } }`,
            ))
              for (const x of s.serviceAtLocations) {
                const seen = byId.get(x.location.id)?.lastModified ?? null;
                byId.set(x.location.id, { location: x.location, lastModified: !seen || s.lastModified > seen ? s.lastModified : seen });
              }
            return [...byId.values()].sort(
              (a, b) => (a.location.name ?? '').localeCompare(b.location.name ?? '') || a.location.id.localeCompare(b.location.id),
            );
          }),
        (row) => hsdsLocation(row.location),
        (row) => row.lastModified,
      )(req, caller),
    ),
  );

  app.get(
    '/hsds/locations/:id',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const data = await ask(
        `query HsdsLocation($id: ID!) { location(id: $id) { ${LOCATION_FIELDS} } }`,
        { id: String(req.params.id) },
        caller,
      );
      return { body: hsdsLocation(data.location) };
    }),
  );

  // --- organizations ----------------------------------------------------------------------

  const ORG_FIELDS = 'id name description email website phone street city state zip latitude longitude';
  /**
   * With `full`, each organisation's services as full documents: asked one organisation at a
   * time, a few in parallel, because a page of organisations with all their services nested would
   * exceed the gateway's query cost limit, and a hundred at once would crowd the subgraph out.
   */
  const servicesOf = async (o: any, caller: Caller) => {
    const services: any[] = [];
    for (let after: string | null = null; ;) {
      const data = await ask(
        `query HsdsOrganizationServices($org: ID!, $first: Int, $after: String) { services(organizationId: $org, first: $first, after: $after) { edges { node { ${SERVICE_FIELDS} } } pageInfo { hasNextPage endCursor } } }`,
        { org: o.id, first: MAX_PER_PAGE, after },
        caller,
      );
      services.push(...data.services.edges.map((e: any) => hsdsService(e.node)));
      if (!data.services.pageInfo.hasNextPage) break;
      after = data.services.pageInfo.endCursor;
    }
    return { ...hsdsOrganization(o), services };
  };
  const withServices = async (orgs: any[], caller: Caller) => {
    const out: any[] = [];
    for (let i = 0; i < orgs.length; i += ORGANIZATIONS_IN_PARALLEL)
      out.push(...(await Promise.all(orgs.slice(i, i + ORGANIZATIONS_IN_PARALLEL).map((o) => servicesOf(o, caller)))));
    return out;
  };

  app.get(
    '/hsds/organizations',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const full = flag(req.query, 'full') || flag(req.query, 'full_service');
      const search = one(req.query.search, 'search');
      return list(
        () =>
          fromGraph(async (first, after) => {
            const data = await ask(
              `query HsdsOrganizations($first: Int, $after: String, $search: String) { organizations(first: $first, after: $after, search: $search) { totalCount edges { node { ${ORG_FIELDS} } } } }`,
              { first, after, search },
              caller,
              { search: 'search', first: 'per_page', after: 'page' },
            );
            const orgs = data.organizations.edges.map((e: any) => e.node);
            return { items: full ? await withServices(orgs, caller) : orgs.map(hsdsOrganization), total: data.organizations.totalCount };
          }),
        (o: any) => o,
      )(req, caller);
    }),
  );

  app.get(
    '/hsds/organizations/:id',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const full = flag(req.query, 'full_service') || flag(req.query, 'full');
      const data = await ask(
        `query HsdsOrganization($id: ID!) { organization(id: $id) { ${ORG_FIELDS} } }`,
        { id: String(req.params.id) },
        caller,
      );
      if (!data.organization) throw new FeedError(404, 'Organization not found');
      return { body: full ? (await withServices([data.organization], caller))[0] : hsdsOrganization(data.organization) };
    }),
  );

  // --- taxonomies and taxonomy terms ------------------------------------------------------
  // The taxonomy is one small list in the graph; the feed filters and pages it here.

  const allTerms = async (caller: Caller) =>
    (await ask(`query HsdsTaxonomyTerms { taxonomyTerms { id code name description parentId taxonomy taxonomyId } }`, {}, caller))
      .taxonomyTerms as any[];
  const taxonomies = async (caller: Caller) =>
    ((await ask(`query HsdsTaxonomies { taxonomies { id name description uri version } }`, {}, caller)).taxonomies as any[]).map((t) =>
      hsdsTaxonomy(t),
    );
  const matches = (search: string | undefined, ...values: (string | null | undefined)[]) =>
    !search || values.some((v) => v?.toLowerCase().includes(search.toLowerCase()));

  app.get(
    '/hsds/taxonomies',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const search = one(req.query.search, 'search');
      return list(
        () => fromArray(async () => (await taxonomies(caller)).filter((t) => matches(search, t.name))),
        (t) => t,
      )(req, caller);
    }),
  );

  app.get(
    '/hsds/taxonomies/:id',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const t = (await taxonomies(caller)).find((x) => x.id === String(req.params.id).toLowerCase());
      if (!t) throw new FeedError(404, 'Taxonomy not found');
      return { body: t };
    }),
  );

  app.get(
    '/hsds/taxonomy_terms',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const q = req.query;
      const parent = one(q.parent_id, 'parent_id');
      const taxonomy = one(q.taxonomy_id, 'taxonomy_id');
      const topOnly = flag(q, 'top_only');
      const search = one(q.search, 'search');
      return list(
        () =>
          fromArray(async () =>
            (await allTerms(caller)).filter(
              (t) =>
                (parent === undefined || (t.parentId ?? '') === parent) &&
                (!topOnly || !t.parentId) &&
                (taxonomy === undefined || t.taxonomyId === taxonomy.toLowerCase()) &&
                matches(search, t.name, t.code, t.description),
            ),
          ),
        hsdsTerm,
      )(req, caller);
    }),
  );

  app.get(
    '/hsds/taxonomy_terms/:id',
    cors,
    ...deps.protect,
    handle(async (req, caller) => {
      const data = await ask(
        `query HsdsTaxonomyTerm($id: ID!) { taxonomyTerm(id: $id) { id code name description parentId taxonomy taxonomyId } }`,
        { id: String(req.params.id) },
        caller,
      );
      return { body: hsdsTerm(data.taxonomyTerm) };
    }),
  );
}
