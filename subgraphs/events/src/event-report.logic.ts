import { badInput, suppressTable, type Contribution, type EntityManager } from '@c2c/kernel';
import { ENGAGEMENT_LEVELS } from './engagement-level.enum';
import { Event } from './event.entity';
import { AUDIENCES, audienceOf } from './event-import-values.logic';
import { MINIMUM_CELL_COUNT } from './event-totals.logic';
import { EventType } from './event-type.enum';
import { isCalendarDate, isoDate, monthsBetween, todayUtc } from './iso-date.logic';

/** What a report breaks its events down by. */
export enum EventReportDimension {
  ENGAGEMENT_LEVEL = 'ENGAGEMENT_LEVEL',
  TYPE = 'TYPE',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  ZIP = 'ZIP',
  AUDIENCE = 'AUDIENCE',
  ORGANIZATION = 'ORGANIZATION',
}

/** Whose events a report counts. */
export enum EventReportScope {
  OWN = 'OWN',
  COLLABORATIVE = 'COLLABORATIVE',
}

export interface EventReportRow {
  key: string | null;
  events: number | null;
  attendees: number | null;
  suppressed: boolean;
}

export interface EventReportResult {
  scope: EventReportScope;
  by: EventReportDimension;
  from: string;
  to: string;
  minimumCount: number | null;
  total: EventReportRow;
  rows: EventReportRow[];
}

/** Audiences typed by hand (createEvent takes free text) that match none of the five. */
export const OTHER_AUDIENCE = 'Other';

export interface EventReportRequest {
  scope: EventReportScope;
  by: EventReportDimension;
  year?: number | null;
  from?: string | null;
  to?: string | null;
  /** The viewer's organisation: the one an OWN report counts; its part never decides a collaborative cell. */
  viewer: string | null;
  today?: string;
}

/**
 * The period: a calendar year by default. An organisation's own report may span any dates; a
 * collaborative one is always one whole calendar year, so every published figure has one
 * visibility and no two periods can be subtracted to reveal what either hides.
 */
export function eventReportPeriod(req: Pick<EventReportRequest, 'scope' | 'year' | 'from' | 'to' | 'today'>): { from: string; to: string } {
  const year = req.year ?? Number((req.today ?? todayUtc()).slice(0, 4));
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('year must be from 2000 to 2100', { field: 'year' });
  if (req.from == null && req.to == null) return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31) };
  if (req.scope === EventReportScope.COLLABORATIVE) {
    throw badInput('A collaborative report covers one whole calendar year: give year, not from/to', {
      field: req.from != null ? 'from' : 'to',
    });
  }
  if (req.year != null) throw badInput('Give either year or from/to, not both', { field: 'year' });
  for (const f of ['from', 'to'] as const) {
    if (!isCalendarDate(req[f])) throw badInput(`${f} must be a real calendar date written YYYY-MM-DD`, { field: f });
  }
  if (req.to! < req.from!) throw badInput('to must not be before from', { field: 'to' });
  return { from: req.from!, to: req.to! };
}

const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
const audienceKey = (text: string) => {
  try {
    return audienceOf(text);
  } catch {
    return OTHER_AUDIENCE;
  }
};

/** The keys a dimension always lists, zero or not; ZIP and ORGANIZATION list what the data holds. */
function fixedKeys(by: EventReportDimension, from: string, to: string): string[] | null {
  switch (by) {
    case EventReportDimension.ENGAGEMENT_LEVEL:
      return ENGAGEMENT_LEVELS;
    case EventReportDimension.TYPE:
      return Object.values(EventType);
    case EventReportDimension.MONTH:
      return monthsBetween(from, to);
    case EventReportDimension.QUARTER:
      return [...new Set(monthsBetween(from, to).map(quarterOf))];
    case EventReportDimension.AUDIENCE:
      return [...AUDIENCES, OTHER_AUDIENCE];
    default:
      return null;
  }
}

/** Events and attendees by key and organisation: one grouped statement. */
async function grouped(em: EntityManager, req: EventReportRequest, from: string, to: string) {
  const meta = em.getMetadata().get<Event>(Event.name);
  const column = (property: keyof Event & string) => meta.properties[property].fieldNames[0];
  const knex = em.getKnex();
  const keyColumn: Record<EventReportDimension, string> = {
    ENGAGEMENT_LEVEL: column('engagementLevel'),
    TYPE: column('type'),
    MONTH: column('date'),
    QUARTER: column('date'),
    ZIP: column('zip'),
    AUDIENCE: column('targetAudience'),
    ORGANIZATION: column('organizationId'),
  };
  const monthly = req.by === EventReportDimension.MONTH || req.by === EventReportDimension.QUARTER;
  const keyExpr = monthly ? knex.raw('substr(??, 1, 7)', [column('date')]) : knex.raw('??', [keyColumn[req.by]]);
  const query = knex(meta.tableName)
    .select(knex.raw('? as ??', [keyExpr, 'key']), knex.ref(column('organizationId')).as('organization'))
    .count({ events: '*' })
    .sum({ attendees: column('attendees') })
    .whereBetween(column('date'), [from, to])
    .groupByRaw('?, ??', [keyExpr, column('organizationId')]);
  if (req.scope === EventReportScope.OWN) query.where(column('organizationId'), req.viewer);
  const rows = (await query) as unknown as {
    key: string;
    organization: string;
    events: number | string;
    attendees: number | string | null;
  }[];
  const byKey = new Map<string, Contribution<'attendees'>[]>();
  for (const r of rows) {
    const key =
      req.by === EventReportDimension.QUARTER ? quarterOf(r.key) : req.by === EventReportDimension.AUDIENCE ? audienceKey(r.key) : r.key;
    const list = byKey.get(key) ?? [];
    // PostgreSQL returns bigint aggregates as strings.
    list.push({ organization: r.organization, records: Number(r.events), measures: { attendees: Number(r.attendees ?? 0) } });
    byKey.set(key, list);
  }
  return byKey;
}

const sum = (list: Contribution<'attendees'>[]) => ({
  events: list.reduce((n, c) => n + c.records, 0),
  attendees: list.reduce((n, c) => n + (c.measures?.attendees ?? 0), 0),
});

/**
 * A breakdown of events by one dimension. OWN: the viewer organisation's rows, in full.
 * COLLABORATIVE: every organisation's rows, with the kernel's small-cell suppression decided for
 * the viewer (its own rows never open a cell); zips and audiences that are hidden are folded
 * into one suppressed row, so the list of keys does not say where a single organisation worked.
 * ORGANIZATION: the hub operator's per-organisation breakdown, unsuppressed.
 */
export async function eventReport(em: EntityManager, req: EventReportRequest): Promise<EventReportResult> {
  const { from, to } = eventReportPeriod(req);
  const data = await grouped(em, req, from, to);
  const keys = fixedKeys(req.by, from, to) ?? [...data.keys()].sort();
  const head = { scope: req.scope, by: req.by, from, to };

  if (req.scope === EventReportScope.OWN || req.by === EventReportDimension.ORGANIZATION) {
    const rows = keys.map((key) => ({ key, ...sum(data.get(key) ?? []), suppressed: false }));
    const total = { key: null, ...sum([...data.values()].flat()), suppressed: false };
    return { ...head, minimumCount: null, total, rows };
  }

  const table = suppressTable(
    keys.map((key) => [data.get(key) ?? []]),
    { viewer: req.viewer, minimum: MINIMUM_CELL_COUNT, measures: ['attendees'] },
  );
  const figure = (key: string | null, f: typeof table.total) => ({
    key,
    events: f.suppressed ? null : f.records,
    attendees: f.suppressed ? null : f.measures.attendees,
    suppressed: f.suppressed,
  });
  let rows = keys.map((key, i) => figure(key, table.cells[i][0]));
  if (req.by === EventReportDimension.ZIP || req.by === EventReportDimension.AUDIENCE) {
    const hidden = rows.some((r) => r.suppressed);
    rows = rows.filter((r) => !r.suppressed);
    if (hidden) rows.push({ key: null, events: null, attendees: null, suppressed: true });
  }
  return { ...head, minimumCount: MINIMUM_CELL_COUNT, total: figure(null, table.total), rows };
}
