import type { Knex } from '@mikro-orm/knex';
import { badInput, containsPattern, type HubContext } from '@c2c/kernel';
import { localMoment, previousDate, previousWeekday } from './local-time.logic';
import { Service } from './service.entity';
import { ServiceStatus } from './service-status.enum';
import { taxonomyIndex } from './taxonomy.loaders';
import { PUBLIC_STATUSES } from './service.access';
import { FTS5_WEIGHTS, ftsMatch, parseQuery, PG_CONFIG, tsQuery, type QueryUnit } from './service-fulltext.logic';

export const KM_PER_DEGREE = 111.195;
export const MAX_RADIUS_KM = 200;

export type SortOrder = 'RELEVANCE' | 'NAME' | 'DISTANCE';

export interface SearchFilter {
  text?: string | null;
  taxonomyTermId?: string | null;
  taxonomy?: string | null;
  age?: number | null;
  language?: string | null;
  freeOnly?: boolean | null;
  zip?: string | null;
  near?: { latitude: number; longitude: number; radiusKm?: number | null } | null;
  distanceFrom?: { latitude: number; longitude: number } | null;
  openNow?: boolean | null;
  openAt?: Date | null;
  sort?: SortOrder | null;
  organizationId?: string | null;
  modifiedAfter?: Date | null;
}

export interface CheckedFilter {
  text?: string;
  /** `text` as full-text query units (words, synonyms, a trailing prefix). */
  query?: QueryUnit[];
  termId?: string;
  taxonomy?: string;
  age?: number;
  language?: string;
  freeOnly: boolean;
  zip?: string;
  near?: { latitude: number; longitude: number; radiusKm: number; kx: number };
  /** The point distances are measured from and ordered by: `near`'s centre or `distanceFrom`. */
  origin?: GeoOrigin;
  openAt?: Date;
  sort: SortOrder;
  organizationId?: string;
  modifiedAfter?: Date;
}

export interface GeoOrigin {
  latitude: number;
  longitude: number;
  /** Kilometres per degree of longitude at this latitude. */
  kx: number;
}

const originAt = (latitude: number, longitude: number): GeoOrigin => ({
  latitude,
  longitude,
  kx: KM_PER_DEGREE * Math.cos((latitude * Math.PI) / 180),
});

function checkPoint(latitude: number, longitude: number, at: string) {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90)
    throw badInput('latitude must be between -90 and 90', { field: `${at}.latitude` });
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180)
    throw badInput('longitude must be between -180 and 180', { field: `${at}.longitude` });
}

/** Checks every argument and names the one at fault; nothing touches the database before this passes (but the term lookup). */
export async function checkFilter(f: SearchFilter, ctx: HubContext, now = new Date()): Promise<CheckedFilter> {
  const text = f.text?.trim();
  const out: CheckedFilter = {
    freeOnly: !!f.freeOnly,
    sort: f.sort ?? (f.near || f.distanceFrom ? 'DISTANCE' : text ? 'RELEVANCE' : 'NAME'),
  };
  if (text) {
    if (text.length > 200) throw badInput('text must be at most 200 characters', { field: 'text' });
    out.text = text;
    // The untrimmed text: a trailing space says the last word is finished (no prefix match).
    out.query = parseQuery(f.text!);
  }
  if (out.sort === 'RELEVANCE' && !out.text) throw badInput('sort RELEVANCE needs text', { field: 'sort' });
  if (f.age != null) {
    if (!Number.isInteger(f.age) || f.age < 0 || f.age > 120)
      throw badInput('age must be a whole number between 0 and 120', { field: 'age' });
    out.age = f.age;
  }
  if (f.language != null) {
    const lang = f.language.trim().toLowerCase();
    if (!/^[a-z]{2}$/.test(lang)) throw badInput('language must be a 2-letter ISO 639-1 code', { field: 'language' });
    out.language = lang;
  }
  if (f.zip != null) {
    if (!/^\d{5}$/.test(f.zip.trim())) throw badInput('zip must be five digits', { field: 'zip' });
    out.zip = f.zip.trim();
  }
  if (f.near) {
    const { latitude, longitude } = f.near;
    const radiusKm = f.near.radiusKm ?? 10;
    checkPoint(latitude, longitude, 'near');
    if (!Number.isFinite(radiusKm) || radiusKm <= 0 || radiusKm > MAX_RADIUS_KM)
      throw badInput(`radiusKm must be more than 0 and at most ${MAX_RADIUS_KM}`, { field: 'near.radiusKm' });
    out.origin = originAt(latitude, longitude);
    out.near = { ...out.origin, radiusKm };
  }
  if (f.distanceFrom) {
    // Two points would be two different orders: the caller says which one it means.
    if (f.near) throw badInput('give near or distanceFrom, not both', { field: 'distanceFrom' });
    checkPoint(f.distanceFrom.latitude, f.distanceFrom.longitude, 'distanceFrom');
    out.origin = originAt(f.distanceFrom.latitude, f.distanceFrom.longitude);
  }
  if (out.sort === 'DISTANCE' && !out.origin) throw badInput('sort DISTANCE needs near or distanceFrom', { field: 'sort' });
  if (f.openAt != null) {
    if (!(f.openAt instanceof Date) || Number.isNaN(f.openAt.getTime())) throw badInput('openAt must be a date-time', { field: 'openAt' });
    if (f.openNow) throw badInput('give openNow or openAt, not both', { field: 'openAt' });
    out.openAt = f.openAt;
  } else if (f.openNow) {
    out.openAt = now;
  }
  if (f.organizationId != null) {
    const id = f.organizationId.trim().toLowerCase();
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
      throw badInput('organizationId is not an organisation id', { field: 'organizationId' });
    out.organizationId = id;
  }
  if (f.modifiedAfter != null) {
    if (!(f.modifiedAfter instanceof Date) || Number.isNaN(f.modifiedAfter.getTime()))
      throw badInput('modifiedAfter must be a date-time', { field: 'modifiedAfter' });
    out.modifiedAfter = f.modifiedAfter;
  }
  if (f.taxonomyTermId != null) {
    const id = f.taxonomyTermId.trim().toLowerCase();
    if (!(await taxonomyIndex(ctx)).byId.has(id))
      throw badInput(`taxonomyTermId ${f.taxonomyTermId.slice(0, 60)} is not a taxonomy term`, { field: 'taxonomyTermId' });
    out.termId = id;
  }
  if (f.taxonomy != null) {
    const name = f.taxonomy.trim();
    if (!(await taxonomyIndex(ctx)).terms.some((t) => t.taxonomy === name))
      throw badInput(`no taxonomy ${name.slice(0, 100)} in the hub`, { field: 'taxonomy' });
    out.taxonomy = name;
  }
  return out;
}

/**
 * Distance on a local flat projection (equirectangular): within a city it is within a few
 * metres of the great-circle distance, and it needs only arithmetic, which both SQLite and
 * PostgreSQL have (SQLite's trigonometry is a compile-time option).
 */
export const squaredDistanceSql = '((s.latitude - ?) * ?) * ((s.latitude - ?) * ?) + ((s.longitude - ?) * ?) * ((s.longitude - ?) * ?)';
export function distanceKm(from: GeoOrigin, lat: number, lon: number) {
  const dy = (lat - from.latitude) * KM_PER_DEGREE;
  const dx = (lon - from.longitude) * from.kx;
  return Math.sqrt(dx * dx + dy * dy);
}
const distanceBindings = (n: GeoOrigin) => [n.latitude, KM_PER_DEGREE, n.latitude, KM_PER_DEGREE, n.longitude, n.kx, n.longitude, n.kx];

export const isPostgres = (knex: Knex) => String((knex.client as { dialect?: string }).dialect ?? '').startsWith('postgres');

export function sqlBool(knex: Knex, value: boolean): boolean | number {
  // better-sqlite3 cannot bind booleans; SQLite stores them as 0/1.
  return isPostgres(knex) ? value : value ? 1 : 0;
}

/**
 * How `text` matches. The public API only ever uses FULL_TEXT; LIKE is the substring match the
 * directory had before full-text search, kept so `c2c bench` and the ranking test can measure
 * against it in the same run. It is not reachable from GraphQL.
 */
export type TextMode = 'FULL_TEXT' | 'LIKE';

/** ORDER BY terms of the full-text join, best first: names matching the whole query, then the score (service-fulltext.logic.ts). */
function relevanceOrder(knex: Knex, f: CheckedFilter): [string, string[]] {
  const units = f.query!;
  if (isPostgres(knex)) {
    // ts_rank_cd normalisation 1 divides by the log of the document's length, so a long
    // description does not outrank a name that says the same thing.
    return [
      `(fts.document @@ to_tsquery('${PG_CONFIG}', ?)) desc, ts_rank_cd(fts.document, to_tsquery('${PG_CONFIG}', ?), 1) desc`,
      [tsQuery(units, { nameOnly: true }), tsQuery(units)],
    ];
  }
  // bm25() is smaller for better matches. The name tier is one more lookup in the same index.
  return [
    `(case when fd.id in (select rowid from service_fts where service_fts match ?) then 0 else 1 end) asc, bm25(service_fts, ${FTS5_WEIGHTS.join(', ')}) asc`,
    [ftsMatch(units, { nameOnly: true })],
  ];
}

/**
 * The public directory's services matching a filter, as a knex builder over `service as s`.
 * Time zones present in schedules are needed for open-at: the local day and time differ per zone.
 */
export function filteredServices(
  knex: Knex,
  f: CheckedFilter,
  o: { timezones: string[]; withTaxonomy: boolean; textMode?: TextMode },
): Knex.QueryBuilder {
  const q = knex('service as s').whereIn('s.status', f.openAt ? [ServiceStatus.ACTIVE] : [...PUBLIC_STATUSES]);
  if (f.organizationId) q.where('s.organization_id', f.organizationId);
  // SQLite keeps MikroORM datetimes as epoch milliseconds.
  // HSDS: "modified on or after this datetime".
  if (f.modifiedAfter) q.where('s.updated_at', '>=', isPostgres(knex) ? (f.modifiedAfter as any) : f.modifiedAfter.getTime());
  if (f.text && o.textMode === 'LIKE') {
    const p = containsPattern(f.text);
    q.whereRaw(`(lower(s.name) like ? escape '!' or lower(s.description) like ? escape '!')`, [p, p]);
  } else if (f.text) {
    const units = f.query ?? [];
    if (!units.length) {
      // Punctuation only: no word to look for, so nothing matches (as with LIKE, nothing would).
      q.whereRaw('1 = 0');
    } else if (isPostgres(knex)) {
      q.join('service_fts as fts', 'fts.service_id', 's.id').whereRaw(`fts.document @@ to_tsquery('${PG_CONFIG}', ?)`, [tsQuery(units)]);
    } else {
      // Unaliased: FTS5's MATCH and bm25() name the table itself. The unary + keeps SQLite from
      // carrying an `s.id in (…)` filter (term, ZIP) over to fd.service_id and probing that
      // index once per list entry for every match: 150 times slower on 20,000 services.
      q.joinRaw('inner join service_fts_doc as fd on s.id = +fd.service_id')
        .join('service_fts', 'service_fts.rowid', 'fd.id')
        .whereRaw('service_fts match ?', [ftsMatch(units)]);
    }
  }
  if (f.termId && o.withTaxonomy) {
    // IN rather than a correlated EXISTS: the (term_id, service_id) index answers it once, not once per service.
    q.whereIn('s.id', knex('service_taxonomy as st').select('st.service_id').where('st.term_id', f.termId));
  }
  if (f.taxonomy) {
    q.whereIn(
      's.id',
      knex('service_taxonomy as sx')
        .join('taxonomy_term as tx', 'tx.id', 'sx.term_id')
        .select('sx.service_id')
        .where('tx.taxonomy', f.taxonomy),
    );
  }
  if (f.age != null) {
    q.whereRaw('(s.minimum_age is null or s.minimum_age <= ?) and (s.maximum_age is null or s.maximum_age >= ?)', [f.age, f.age]);
  }
  // Codes are validated to two letters, so the quoted code cannot carry a LIKE wildcard.
  if (f.language) q.whereRaw('cast(s.languages as text) like ?', [`%"${f.language}"%`]);
  if (f.freeOnly) q.where('s.free', sqlBool(knex, true) as any);
  if (f.zip) {
    q.whereIn('s.id', knex('service_area as sa').select('sa.service_id').where('sa.postal_code', f.zip));
  }
  if (f.near) {
    const n = f.near;
    const dLat = n.radiusKm / KM_PER_DEGREE;
    const dLon = n.radiusKm / n.kx;
    // The bounding box lets an index on latitude narrow the rows before the distance test.
    q.whereNotNull('s.latitude')
      .whereBetween('s.latitude', [n.latitude - dLat, n.latitude + dLat])
      .whereBetween('s.longitude', [n.longitude - dLon, n.longitude + dLon]);
    q.whereRaw(`(${squaredDistanceSql}) <= ?`, [...distanceBindings(n), n.radiusKm * n.radiusKm]);
  }
  if (f.openAt) {
    const at = f.openAt;
    const moments = o.timezones.map((tz) => [tz, localMoment(at, tz)] as const);
    const falsy = sqlBool(knex, false);
    const truthy = sqlBool(knex, true);
    q.whereExists(
      knex('schedule as sc')
        .select(knex.raw('1'))
        .whereRaw('sc.service_id = s.id')
        .andWhere('sc.closed', falsy as any)
        .andWhere((w) => {
          for (const [tz, m] of moments) {
            w.orWhere((x) =>
              x
                .where('sc.timezone', tz)
                .andWhere('sc.weekday', m.weekday)
                .andWhere('sc.opens_at', '<=', m.time)
                // Until closing, or until midnight for hours that run past it (closing before opening).
                .andWhere((v) => v.where('sc.closes_at', '>', m.time).orWhereRaw('sc.closes_at < sc.opens_at'))
                .andWhere((v) => v.whereNull('sc.valid_from').orWhere('sc.valid_from', '<=', m.date))
                .andWhere((v) => v.whereNull('sc.valid_to').orWhere('sc.valid_to', '>=', m.date)),
            );
            // Opened the day before and still open after midnight.
            const before = previousDate(m.date);
            w.orWhere((x) =>
              x
                .where('sc.timezone', tz)
                .andWhere('sc.weekday', previousWeekday(m.weekday))
                .whereRaw('sc.closes_at < sc.opens_at')
                .andWhere('sc.closes_at', '>', m.time)
                .andWhere((v) => v.whereNull('sc.valid_from').orWhere('sc.valid_from', '<=', before))
                .andWhere((v) => v.whereNull('sc.valid_to').orWhere('sc.valid_to', '>=', before)),
            );
          }
          if (!moments.length) w.whereRaw('1 = 0');
        }),
    );
    q.whereNotExists(
      knex('schedule as sx')
        .select(knex.raw('1'))
        .whereRaw('sx.service_id = s.id')
        .andWhere('sx.closed', truthy as any)
        .andWhere((w) => {
          for (const [tz, m] of moments) {
            w.orWhere((x) =>
              x
                .where('sx.timezone', tz)
                .andWhere((v) => v.whereNull('sx.valid_from').orWhere('sx.valid_from', '<=', m.date))
                .andWhere((v) => v.whereNull('sx.valid_to').orWhere('sx.valid_to', '>=', m.date)),
            );
          }
          if (!moments.length) w.whereRaw('1 = 0');
        }),
    );
  }
  return q;
}

export interface SearchPage {
  items: { service: Service; distanceKm: number | null }[];
  totalCount: number;
  facets: { termId: string; count: number }[] | null;
}

/**
 * One search in a fixed number of statements whatever the page size: the taxonomy (when a
 * term or facets are asked for), the time zones (for open-at), the count, the page and the
 * facet counts.
 */
export async function searchServices(
  ctx: HubContext,
  f: CheckedFilter,
  page: { offset: number; limit: number },
  o: { facets: boolean; total: boolean; textMode?: TextMode },
): Promise<SearchPage> {
  const textMode = o.textMode ?? 'FULL_TEXT';
  const knex = ctx.em.getKnex();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- knex rows are untyped: the cast names their shape
  const timezones = f.openAt ? ((await knex('schedule').distinct('timezone')) as { timezone: string }[]).map((r) => r.timezone) : [];
  const base = filteredServices(knex, f, { timezones, withTaxonomy: true, textMode });

  const pageQuery = base.clone().select('s.*');
  if (f.sort === 'DISTANCE' && f.origin) {
    // Without a radius, services with no site match too. They go last by an explicit term:
    // SQLite sorts nulls first and PostgreSQL last, so the null distance alone would disagree.
    pageQuery.orderByRaw(
      `(case when s.latitude is null or s.longitude is null then 1 else 0 end) asc, (${squaredDistanceSql}) asc`,
      distanceBindings(f.origin),
    );
  }
  // Ties (equal relevance, equal distance) go by name, then id: the order is total, so pages
  // never overlap or skip. LIKE has no relevance: it orders by name, as the directory used to.
  if (f.sort === 'RELEVANCE' && textMode === 'FULL_TEXT' && f.query?.length) {
    pageQuery.orderByRaw(...relevanceOrder(knex, f));
  }
  pageQuery
    .orderBy([
      { column: 's.name', order: 'asc' },
      { column: 's.id', order: 'asc' },
    ])
    .limit(page.limit)
    .offset(page.offset);
  const rows = (await pageQuery) as Record<string, unknown>[];
  const items = rows.map((row) => {
    const service = ctx.em.map(Service, row);
    const distance =
      f.origin && service.latitude != null && service.longitude != null ? distanceKm(f.origin, service.latitude, service.longitude) : null;
    return { service, distanceKm: distance == null ? null : Math.round(distance * 1000) / 1000 };
  });

  let totalCount = page.offset + items.length;
  // Skip the count when the page itself proves the total: a short first page holds everything.
  if (o.total && !(page.offset === 0 && items.length < page.limit)) {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- knex rows are untyped: the cast names their shape
    const [{ n }] = (await base.clone().count({ n: '*' })) as { n: string | number }[];
    totalCount = Number(n);
  }

  let facets: SearchPage['facets'] = null;
  if (o.facets) {
    // Facets ignore the term filter itself, so a family sees the other imperatives' counts
    // and can switch; every other filter applies.
    const others = filteredServices(knex, f, { timezones, withTaxonomy: false, textMode }).select('s.id');
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- knex rows are untyped: the cast names their shape
    const counts = (await knex('service_taxonomy as ft')
      .select('ft.term_id')
      .count({ n: '*' })
      .whereIn('ft.service_id', others)
      .groupBy('ft.term_id')) as {
      term_id: string;
      n: string | number;
    }[];
    facets = counts.map((c) => ({ termId: c.term_id, count: Number(c.n) }));
  }
  return { items, totalCount, facets };
}
