import type { EntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { EquityDimension } from './equity-dimension.enum';
import {
  groupRows,
  publishRelease,
  rawRows,
  TOTAL,
  type EquityRelease,
  type GroupQuery,
  type GroupRow,
  type PublishOptions,
} from './equity.logic';
import { isSqlite } from './sync.logic';

/*
 * Stored releases. The exact groups of a period depend only on the records, never on who asks
 * or when, so they are computed once per records revision and kept (equity_release); a report
 * reads them by key, one indexed row, and suppresses and rounds them for its viewer. What does
 * depend on the viewer is computed fresh from the programme's participants alone, a few hundred
 * students read through the participation and (student_id, date) indexes:
 * - the viewer organisation's own participants, which suppression counts as known to it;
 * - the participants of a named programme organisation, with the non-participants as the
 *   district's total less them.
 * Every change to the records these read bumps the revision in the writing transaction
 * (bumpRevision), so a release is never served past a committed change.
 */

const inFlight = new WeakMap<Knex, Map<string, Promise<GroupRow[]>>>();

/**
 * The releases last read, per database, with what was published from them: at the region's
 * size a release is 3,700 groups (264 schools × 13 grades), 0.8 MB to read back and parse, and
 * publishing it (rounding, and suppression's audit outside the district) costs more than
 * reading it. Both are functions of the rows alone, and the rows of the records revision alone,
 * so an entry is good for as long as the revision stands.
 */
export interface ReleaseEntry {
  key: string;
  revision: number;
  rows: GroupRow[];
  /** What publishRelease made of the rows, per publishing options, for viewers with nothing known. */
  published: Map<string, EquityRelease>;
}
const MEMORY_ENTRIES = 16;
const memory = new WeakMap<Knex, Map<string, ReleaseEntry>>();

function remember(knex: Knex, entry: ReleaseEntry): ReleaseEntry {
  let m = memory.get(knex);
  if (!m) memory.set(knex, (m = new Map()));
  m.delete(entry.key);
  m.set(entry.key, entry);
  if (m.size > MEMORY_ENTRIES) m.delete(m.keys().next().value!);
  return entry;
}

const groupKey = (r: GroupRow) => `${r.dimension}|${r.school ?? ''}|${r.group}`;

/** The district's exact groups of a period (of one school, for the district's own per-school report), from the stored release when it is current. */
export async function storedRelease(em: EntityManager, q: Pick<GroupQuery, 'from' | 'to' | 'schoolId'>): Promise<ReleaseEntry> {
  const knex = em.getKnex();
  const key = `${q.from}|${q.to}|${q.schoolId ?? ''}`;
  const [row] = rawRows(
    await knex.raw(
      `select v.value as current, r.revision from (select 1 as one) x
         left join students_revision v on v.id = 1
         left join equity_release r on r.key = ?`,
      [key],
    ),
  );
  const current = Number(row?.current ?? 0);
  const known = memory.get(knex)?.get(key);
  if (known && known.revision === current) return remember(knex, known);
  if (row && row.revision !== null && Number(row.revision) === current) {
    const [stored] = rawRows(await knex.raw('select rows from equity_release where key = ? and revision = ?', [key, current]));
    if (stored) {
      const rows = (typeof stored.rows === 'string' ? JSON.parse(stored.rows) : stored.rows) as GroupRow[];
      return remember(knex, { key, revision: current, rows, published: new Map() });
    }
  }
  // Concurrent readers of a stale release share one computation. Rows read after the revision
  // can only be newer than it: at worst the next reader computes them again.
  let flights = inFlight.get(knex);
  if (!flights) inFlight.set(knex, (flights = new Map()));
  const flight = `${key}@${current}`;
  let pending = flights.get(flight);
  if (!pending) {
    pending = (async () => {
      const rows = await groupRows(em, { from: q.from, to: q.to, schoolId: q.schoolId ?? null });
      const sqlite = isSqlite(em);
      await knex('equity_release')
        .insert({ key, revision: current, rows: JSON.stringify(rows), computed_at: sqlite ? Date.now() : new Date() })
        .onConflict('key')
        .merge();
      return rows;
    })().finally(() => flights.delete(flight));
    flights.set(flight, pending);
  }
  return remember(knex, { key, revision: current, rows: await pending, published: new Map() });
}

/**
 * The groups groupRows would return for the same query, from the stored release and the
 * viewer's and the programme's participants. equity.test.ts checks the two agree.
 */
export async function releaseGroups(em: EntityManager, q: GroupQuery): Promise<GroupRow[]> {
  const release = await storedRelease(em, q);
  const base = release.rows;
  const viewer = q.viewerOrganizationId ?? null;
  const program = q.programOrganizationId ?? null;
  if (!viewer && !program) return base;
  const period = { from: q.from, to: q.to, schoolId: q.schoolId ?? null };
  const [own, participants] = await Promise.all([
    viewer ? groupRows(em, { ...period, participantsOf: viewer, programOrganizationId: program }) : Promise.resolve([]),
    program ? groupRows(em, { ...period, participantsOf: program }) : Promise.resolve(null),
  ]);
  // A region's release has 3,700 groups: the viewer's are looked up by key, not searched for each.
  const ownStudents = new Map(own.map((o) => [groupKey(o), o.students]));
  const knownOf = (r: GroupRow) => ownStudents.get(groupKey(r)) ?? 0;
  const main = base.filter((r) => r.dimension !== EquityDimension.PARTICIPATION).map((r) => ({ ...r, known: knownOf(r) }));
  let participation = base.filter((r) => r.dimension === EquityDimension.PARTICIPATION);
  if (participants) {
    const total = base.find((r) => r.dimension === TOTAL);
    const taking = participants.find((r) => r.dimension === TOTAL);
    const group = (name: string, counts: Omit<GroupRow, 'dimension' | 'group' | 'school' | 'known'>): GroupRow => ({
      dimension: EquityDimension.PARTICIPATION,
      group: name,
      school: null,
      known: 0,
      ...counts,
    });
    const counts = (r: GroupRow | undefined) => ({
      students: r?.students ?? 0,
      enrolledDays: r?.enrolledDays ?? 0,
      missedDays: r?.missedDays ?? 0,
      chronic: r?.chronic ?? 0,
      assessed: r?.assessed ?? 0,
      proficient: r?.proficient ?? 0,
    });
    const all = counts(total);
    const part = counts(taking);
    const rest = Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v - part[k as keyof typeof part]])) as typeof part;
    // groupRows leaves out a group with no students; so does this.
    participation = [group('participant', part), group('nonParticipant', rest)].filter((r) => r.students > 0);
  }
  return [...main, ...participation.map((r) => ({ ...r, known: knownOf(r) }))];
}

/**
 * The published release of a query: for a viewer with no participants of its own and no
 * programme named (the district, hub operators, evaluators) the one kept with the stored rows;
 * otherwise published afresh from releaseGroups.
 */
export async function publishedRelease(em: EntityManager, q: GroupQuery, o: PublishOptions): Promise<EquityRelease> {
  if (q.viewerOrganizationId || q.programOrganizationId) return publishRelease(await releaseGroups(em, q), o);
  const release = await storedRelease(em, q);
  const key = `${o.exact}|${o.minimum}`;
  let published = release.published.get(key);
  if (!published) release.published.set(key, (published = publishRelease(release.rows, o)));
  return published;
}
