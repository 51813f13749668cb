import type { Express, Request, Response } from 'express';
import type { Caller } from '@c2c/kernel';
import { cacheFor, callerOf, isUnauthenticated, refuseToken } from '../caller';
import type { RouteDeps } from '../routes';
import { embedCors } from '../embed/embed.cors';
import { envelope, hsdsOrganization, hsdsService, hsdsTerm, SERVICE_FIELDS } from './hsds.mapping';

export const MAX_PER_PAGE = 100;
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

/** `page` (1-based) and `per_page`, capped rather than refused, as HSDS clients expect. */
function paging(q: Request['query']) {
  const page = q.page === undefined ? 1 : Number(q.page);
  const perPage = q.per_page === undefined ? 20 : Number(q.per_page);
  if (!Number.isInteger(page) || page < 1 || page > 100000) throw new FeedError(400, 'page must be a whole number from 1', 'page');
  if (!Number.isInteger(perPage) || perPage < 1) throw new FeedError(400, 'per_page must be a whole number from 1', 'per_page');
  const size = Math.min(perPage, MAX_PER_PAGE);
  return { page, size, after: cursorBefore((page - 1) * size) };
}

const one = (v: unknown, name: string): string | undefined => {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new FeedError(400, `${name} must be given once`, name);
  return v;
};

/** Graph errors keep their meaning: bad input is 400 naming the HSDS parameter, missing is 404. */
function graphFailure(
  errors: readonly { message: string; extensions?: Record<string, unknown> }[],
  params: Record<string, string>,
): FeedError {
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
  organizationId: 'organization_id',
  zip: 'postcode',
  near: 'proximity',
  modifiedAfter: 'modified_after',
  first: 'per_page',
  after: 'page',
};

function handler(deps: RouteDeps, run: (req: Request, caller: Caller) => Promise<unknown>) {
  return async (req: Request, res: Response) => {
    try {
      const caller = callerOf(res);
      const body = await run(req, caller);
      cacheFor(res, caller, 60);
      res.json(body);
    } catch (err) {
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
}

/**
 * The HSDS-shaped read-only REST feed. Every answer comes from the graph through `execute`,
 * so it shows exactly what the caller could see there.
 */
export function hsdsFeed(app: Express, deps: RouteDeps) {
  const { execute } = deps;
  const cors = embedCors();
  const ask = async (query: string, variables: Record<string, unknown>, caller: Caller, params = SEARCH_PARAMS) => {
    const r = await execute(query, variables, { caller });
    if (r.errors?.length) throw graphFailure(r.errors, params);
    return r.data;
  };

  app.get(
    '/hsds/services',
    cors,
    ...deps.protect,
    handler(deps, async (req, caller) => {
      const q = req.query;
      const { page, size, after } = paging(q);
      let near: unknown;
      const proximity = one(q.proximity, 'proximity');
      if (proximity !== undefined) {
        // HSDS: "lat,lng" with an optional third part, the radius in kilometres.
        const parts = proximity.split(',').map((p) => Number(p.trim()));
        if (parts.length < 2 || parts.length > 3 || parts.some((p) => !Number.isFinite(p)))
          throw new FeedError(400, 'proximity must be "latitude,longitude[,radiusKm]"', 'proximity');
        near = { latitude: parts[0], longitude: parts[1], radiusKm: parts[2] ?? 10 };
      }
      const modified = one(q.modified_after, 'modified_after');
      if (modified !== undefined && Number.isNaN(Date.parse(modified)))
        throw new FeedError(400, 'modified_after must be a date-time', 'modified_after');
      const data = await ask(
        `query HsdsServices($text: String, $term: ID, $org: ID, $zip: String, $near: GeoRadiusInput, $modified: DateTimeISO, $first: Int, $after: String) {
        searchServices(text: $text, taxonomyTermId: $term, organizationId: $org, zip: $zip, near: $near, modifiedAfter: $modified, first: $first, after: $after) {
          totalCount edges { node { ${SERVICE_FIELDS} } } } }`,
        {
          text: one(q.search, 'search'),
          term: one(q.taxonomy_term_id, 'taxonomy_term_id'),
          org: one(q.organization_id, 'organization_id'),
          zip: one(q.postcode, 'postcode'),
          near,
          modified: modified ? new Date(modified).toISOString() : undefined,
          first: size,
          after,
        },
        caller,
      );
      const r = data.searchServices;
      return envelope(
        r.edges.map((e: any) => hsdsService(e.node)),
        r.totalCount,
        page,
        size,
      );
    }),
  );

  app.get(
    '/hsds/services/:id',
    cors,
    ...deps.protect,
    handler(deps, async (req, caller) => {
      const data = await ask(
        `query HsdsService($id: ID!) { service(id: $id) { ${SERVICE_FIELDS} } }`,
        { id: String(req.params.id) },
        caller,
      );
      return hsdsService(data.service);
    }),
  );

  app.get(
    '/hsds/organizations',
    cors,
    ...deps.protect,
    handler(deps, async (req, caller) => {
      const { page, size, after } = paging(req.query);
      const data = await ask(
        `query HsdsOrganizations($first: Int, $after: String, $search: String) { organizations(first: $first, after: $after, search: $search) { totalCount edges { node { id name description email website phone street city state zip latitude longitude } } } }`,
        { first: size, after, search: one(req.query.search, 'search') },
        caller,
        { search: 'search', first: 'per_page', after: 'page' },
      );
      const r = data.organizations;
      return envelope(
        r.edges.map((e: any) => hsdsOrganization(e.node)),
        r.totalCount,
        page,
        size,
      );
    }),
  );

  app.get(
    '/hsds/taxonomy_terms',
    cors,
    ...deps.protect,
    handler(deps, async (req, caller) => {
      const { page, size } = paging(req.query);
      const data = await ask(`query HsdsTaxonomyTerms { taxonomyTerms { id code name description parentId taxonomy } }`, {}, caller);
      // The taxonomy is one small list in the graph; the feed pages it here.
      const all = data.taxonomyTerms as any[];
      const parent = one(req.query.parent_id, 'parent_id');
      const list = parent === undefined ? all : all.filter((t) => (t.parentId ?? '') === parent);
      return envelope(list.slice((page - 1) * size, page * size).map(hsdsTerm), list.length, page, size);
    }),
  );
}
