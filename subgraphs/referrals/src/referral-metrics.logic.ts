import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput,
  DEFAULT_MINIMUM_COUNT,
  Imperative,
  suppressTable,
  type Contribution,
  type EntityManager,
  type Figure,
  type SuppressedTable,
} from '@c2c/kernel';
import { Referral } from './referral.entity';
import { DeclineReason, ReferralDirection, ReferralOutcome } from './referral-codes.enum';
import { ReferralMetricsGroupBy, ReferralMetricsScope } from './referral-metrics.enum';
import type { ReferralMetrics, ReferralMetricsRow, ReferralRate, ReferralUnmetNeed, ReferralUnmetNeedCell } from './referral-metrics.types';
import { ReferralStatusChange } from './referral-status-change.entity';
import { ReferralStatus } from './referral-status.enum';

/**
 * Referral metrics (issue "Referrals", section 9). Definitions, all over the referrals SENT in
 * the period (`createdAt` from `from` 00:00 UTC to the end of `to`):
 * - first response: the earliest history row after the sending (`fromStatus` not null) made
 *   for the receiving organisation (`changedByOrganizationId = toOrganizationId`). A withdrawal
 *   by the sender or an expiry by the sweep is not a response. Hours to first response =
 *   that row's `changedAt` − the referral's `createdAt`;
 * - median and 90th percentile: linear interpolation between the closest ranks of the sorted
 *   hours (PostgreSQL's `percentile_cont`), rounded to 0.01 h. Computed here from one read of
 *   the rows, because SQLite has no percentile function: one code path gives the same figures
 *   on both databases;
 * - accepted: the history has a change to ACCEPTED or to a status that only follows it
 *   (WAITLISTED, IN_PROGRESS, COMPLETED, FAILED); acceptance rate = accepted / received;
 *   completion rate = completed (status COMPLETED) / accepted;
 * - overdue: the referral was still SENT at its response deadline and that deadline is past
 *   (answered late, expired, withdrawn late, or still waiting);
 * - unmet need: declined for NO_CAPACITY or NOT_ELIGIBLE, by the family's ZIP × imperative.
 *
 * Cost: two statements for the metrics (the referrals of the period, their history rows after
 * sending) and one for unmet need, whatever the number of referrals or groups.
 *
 * Suppression (COLLABORATIVE scope). A referral is known to both its organisations, so for a
 * partner viewer every referral it is a party to counts as its own (known) part; any other is
 * attributed to its sending organisation, which recorded the family. The kernel's
 * suppressTable then decides on the others' part only, with complements, as for events.
 */

/** Bounds the report (and its reads) to something a chart can show. */
export const MAX_PERIOD_MONTHS = 60;

export interface MetricsPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Periods are whole months, as for event totals: a day-level period could be differenced
 * against its neighbour to expose the referrals of a single day.
 */
export function metricsPeriod(from: string, to: string): MetricsPeriod {
  const f = DATE.exec(from);
  if (!f || Number(f[2]) < 1 || Number(f[2]) > 12 || f[3] !== '01')
    throw badInput('from must be the first day of a month (YYYY-MM-01)', { field: 'from' });
  const t = DATE.exec(to);
  if (!t || Number(t[2]) < 1 || Number(t[2]) > 12 || Number(t[3]) !== lastDay(Number(t[1]), Number(t[2])))
    throw badInput('to must be the last day of a month (e.g. 2026-12-31)', { field: 'to' });
  if (to < from) throw badInput('to must not be before from', { field: 'to' });
  const months = (Number(t[1]) - Number(f[1])) * 12 + Number(t[2]) - Number(f[2]) + 1;
  if (months > MAX_PERIOD_MONTHS) throw badInput(`The period may span at most ${MAX_PERIOD_MONTHS} months`, { field: 'to' });
  return { from, to, start: new Date(`${from}T00:00:00.000Z`), end: new Date(Date.UTC(Number(t[1]), Number(t[2]), 1)) };
}

/**
 * Suppressed figures are decided on whole calendar years, as for event totals: had a period
 * of months its own hidden pattern, two overlapping periods could be subtracted to give
 * figures that both hide. A figure over several years is the sum of each year's, hidden if
 * any of them is, so it says nothing the single years do not.
 */
export function requireWholeYears(period: MetricsPeriod) {
  if (!period.from.endsWith('-01-01'))
    throw badInput('In scope COLLABORATIVE the period is whole calendar years: from must be a 1 January (YYYY-01-01)', { field: 'from' });
  if (!period.to.endsWith('-12-31'))
    throw badInput('In scope COLLABORATIVE the period is whole calendar years: to must be a 31 December (YYYY-12-31)', { field: 'to' });
}

const calendarYears = (period: MetricsPeriod) =>
  Array.from(
    { length: Number(period.to.slice(0, 4)) - Number(period.from.slice(0, 4)) + 1 },
    (_, i) => Number(period.from.slice(0, 4)) + i,
  );

/** The sum of one figure over several years' tables: hidden if any year hides it. */
function sumFigures<M extends string>(figures: readonly Figure<M>[], measures: readonly M[]): Figure<M> {
  const suppressed = figures.some((f) => f.suppressed);
  return {
    suppressed,
    records: suppressed ? null : figures.reduce((n, f) => n + f.records!, 0),
    measures: Object.fromEntries(measures.map((m) => [m, suppressed ? null : figures.reduce((n, f) => n + f.measures[m]!, 0)])) as Record<
      M,
      number | null
    >,
  };
}

/** Linear interpolation between closest ranks (percentile_cont) of ascending `sorted`; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
}

const round2 = (x: number | null) => (x === null ? null : Math.round(x * 100) / 100);
const HOUR_MS = 3_600_000;

/** What the metrics need to know of one referral. */
interface Fact {
  referral: Referral;
  responseHours: number | null;
  accepted: boolean;
  overdue: boolean;
}

export interface MetricsViewer {
  /** The viewer's organisation (partner staff), or null (hub operators, evaluators). */
  org: string | null;
  scope: ReferralMetricsScope;
  direction?: ReferralDirection | null;
  /** Records other organisations must contribute to a shown figure (default 10). */
  minimum?: number;
  now: Date;
}

function periodWhere(period: MetricsPeriod, viewer: MetricsViewer): FilterQuery<Referral> {
  const where: FilterQuery<Referral>[] = [{ createdAt: { $gte: period.start, $lt: period.end } }];
  if (viewer.scope === ReferralMetricsScope.OWN) {
    const org = viewer.org!;
    if (viewer.direction === ReferralDirection.SENT) where.push({ fromOrganizationId: org });
    else if (viewer.direction === ReferralDirection.RECEIVED) where.push({ toOrganizationId: org });
    else where.push({ $or: [{ fromOrganizationId: org }, { toOrganizationId: org }] });
  }
  return { $and: where };
}

async function facts(em: EntityManager, period: MetricsPeriod, viewer: MetricsViewer): Promise<Fact[]> {
  const where = periodWhere(period, viewer);
  const referrals = await em.find(Referral, where, { orderBy: { id: 'asc' } });
  const changes = referrals.length
    ? await em.find(ReferralStatusChange, { referral: where, fromStatus: { $ne: null } }, { orderBy: { changedAt: 'asc', id: 'asc' } })
    : [];
  const byReferral = new Map<string, ReferralStatusChange[]>();
  for (const c of changes) {
    const list = byReferral.get(c.referral.id) ?? [];
    list.push(c);
    byReferral.set(c.referral.id, list);
  }
  return referrals.map((referral) => {
    const history = byReferral.get(referral.id) ?? [];
    const response = history.find((c) => c.changedByOrganizationId === referral.toOrganizationId);
    const leftSent = history.find((c) => c.fromStatus === ReferralStatus.SENT);
    const due = referral.responseDueAt;
    return {
      referral,
      responseHours: response ? (response.changedAt.getTime() - referral.createdAt.getTime()) / HOUR_MS : null,
      accepted: AFTER_ACCEPTANCE.includes(referral.status) || history.some((c) => AFTER_ACCEPTANCE.includes(c.toStatus)),
      overdue: !!due && due.getTime() <= viewer.now.getTime() && (!leftSent || leftSent.changedAt.getTime() > due.getTime()),
    };
  });
}

/**
 * Statuses that only follow an acceptance. Rows recorded before the lifecycle kept every step
 * (the demo's, imports) go from SENT straight to COMPLETED; they were accepted all the same, and
 * counting them keeps "completed" a part of "accepted".
 */
const AFTER_ACCEPTANCE: readonly ReferralStatus[] = [
  ReferralStatus.ACCEPTED,
  ReferralStatus.WAITLISTED,
  ReferralStatus.IN_PROGRESS,
  ReferralStatus.COMPLETED,
  ReferralStatus.FAILED,
];

const OUTCOMES = Object.values(ReferralOutcome);
const IMPERATIVES = Object.values(Imperative);
type Measure = 'responded' | 'accepted' | 'declined' | 'completed' | 'overdue' | `outcome:${ReferralOutcome}`;
const MEASURES: Measure[] = ['responded', 'accepted', 'declined', 'completed', 'overdue', ...OUTCOMES.map((o) => `outcome:${o}` as const)];

function measuresOf(f: Fact): Record<Measure, number> {
  const m = Object.fromEntries(MEASURES.map((k) => [k, 0])) as Record<Measure, number>;
  if (f.responseHours !== null) m.responded = 1;
  if (f.accepted) m.accepted = 1;
  if (f.referral.status === ReferralStatus.DECLINED) m.declined = 1;
  if (f.referral.status === ReferralStatus.COMPLETED) m.completed = 1;
  if (f.overdue) m.overdue = 1;
  if (f.referral.outcome) m[`outcome:${f.referral.outcome}`] = 1;
  return m;
}

/** Who a referral counts for: the viewer when it is a party (it knows the row), else the sender. */
const contributorOf = (r: Pick<Referral, 'fromOrganizationId' | 'toOrganizationId'>, viewer: string | null) =>
  viewer && (r.fromOrganizationId === viewer || r.toOrganizationId === viewer) ? viewer : r.fromOrganizationId;

function contributions<M extends string>(
  items: readonly Fact[],
  viewer: string | null,
  measures: (f: Fact) => Partial<Record<M, number>>,
): Contribution<M>[] {
  const byOrg = new Map<string, Contribution<M>>();
  for (const f of items) {
    const org = contributorOf(f.referral, viewer);
    const c = byOrg.get(org) ?? { organization: org, records: 0 };
    const sums: Partial<Record<M, number>> = c.measures ?? {};
    c.records++;
    for (const [k, v] of Object.entries(measures(f)) as [M, number][]) sums[k] = (sums[k] ?? 0) + v;
    c.measures = sums;
    byOrg.set(org, c);
  }
  return [...byOrg.values()];
}

const rateOf = (numerator: number | null, denominator: number | null): ReferralRate => ({
  numerator,
  denominator,
  rate: numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator,
});

interface Group {
  organizationId: string | null;
  serviceId: string | null;
  imperative: Imperative | null;
  total: boolean;
  items: Fact[];
}

/** One row from a figure (null = shown in full) and whether the response times may be shown. */
function rowOf(g: Group, figure: Figure<Measure> | null, timesShown: boolean): ReferralMetricsRow {
  const full = measuresFull(g.items);
  const hidden = !!figure?.suppressed;
  const get = (m: Measure) => (hidden ? null : figure ? figure.measures[m] : full[m]);
  const received = hidden ? null : figure ? figure.records : g.items.length;
  const hours = g.items
    .map((f) => f.responseHours)
    .filter((h): h is number => h !== null)
    .sort((a, b) => a - b);
  const times = !hidden && timesShown;
  return {
    organizationId: g.organizationId,
    serviceId: g.serviceId,
    imperative: g.imperative,
    total: g.total,
    suppressed: hidden,
    received,
    responded: get('responded'),
    accepted: get('accepted'),
    declined: get('declined'),
    completed: get('completed'),
    overdue: get('overdue'),
    acceptanceRate: rateOf(get('accepted'), received),
    completionRate: rateOf(get('completed'), get('accepted')),
    medianHoursToFirstResponse: times ? round2(percentile(hours, 0.5)) : null,
    p90HoursToFirstResponse: times ? round2(percentile(hours, 0.9)) : null,
    outcomes: OUTCOMES.map((outcome) => ({ outcome, count: get(`outcome:${outcome}`) })),
  };
}

function measuresFull(items: readonly Fact[]): Record<Measure, number> {
  const sum = Object.fromEntries(MEASURES.map((k) => [k, 0])) as Record<Measure, number>;
  for (const f of items) for (const [k, v] of Object.entries(measuresOf(f)) as [Measure, number][]) sum[k] += v;
  return sum;
}

function groupsOf(all: Fact[], groupBy: ReferralMetricsGroupBy): Group[] {
  const keyOf = (f: Fact): string | null =>
    groupBy === ReferralMetricsGroupBy.PROVIDER
      ? f.referral.toOrganizationId
      : groupBy === ReferralMetricsGroupBy.SERVICE
        ? f.referral.serviceId
        : (f.referral.imperative ?? null);
  const byKey = new Map<string | null, Fact[]>();
  // Imperatives are a fixed list: every one is a row, even with no referral.
  if (groupBy === ReferralMetricsGroupBy.IMPERATIVE) for (const i of IMPERATIVES) byKey.set(i, []);
  for (const f of all) {
    const k = keyOf(f);
    byKey.set(k, [...(byKey.get(k) ?? []), f]);
  }
  const keys = [...byKey.keys()];
  if (groupBy !== ReferralMetricsGroupBy.IMPERATIVE) keys.sort((a, b) => (a ?? '').localeCompare(b ?? ''));
  return keys.map((k) => ({
    organizationId: groupBy === ReferralMetricsGroupBy.PROVIDER ? k : null,
    serviceId: groupBy === ReferralMetricsGroupBy.SERVICE ? k : null,
    imperative: groupBy === ReferralMetricsGroupBy.IMPERATIVE ? (k as Imperative | null) : null,
    total: false,
    items: byKey.get(k)!,
  }));
}

export async function referralMetrics(
  em: EntityManager,
  period: MetricsPeriod,
  groupBy: ReferralMetricsGroupBy,
  viewer: MetricsViewer,
): Promise<ReferralMetrics> {
  const all = await facts(em, period, viewer);
  const groups = groupsOf(all, groupBy);
  const totalGroup: Group = { organizationId: null, serviceId: null, imperative: null, total: true, items: all };
  const head = { from: period.from, to: period.to, groupBy, scope: viewer.scope };
  if (viewer.scope === ReferralMetricsScope.OWN) {
    return { ...head, minimumCount: null, totals: rowOf(totalGroup, null, true), rows: groups.map((g) => rowOf(g, null, true)) };
  }
  const minimum = viewer.minimum ?? DEFAULT_MINIMUM_COUNT;
  const perYear = calendarYears(period).map((year) => {
    const inYear = (f: Fact) => f.referral.createdAt.getUTCFullYear() === year;
    // One column: each row equation is "group = its one cell", the column's is "total = every group".
    const shown = suppressTable(
      groups.map((g) => [contributions(g.items.filter(inYear), viewer.org, measuresOf)]),
      { viewer: viewer.org, minimum, measures: MEASURES },
    );
    // Percentiles describe the answered referrals only, so those must reach the minimum on their own.
    const answered = suppressTable(
      groups.map((g) => [
        contributions(
          g.items.filter((f) => inYear(f) && f.responseHours !== null),
          viewer.org,
          () => ({}),
        ),
      ]),
      { viewer: viewer.org, minimum },
    );
    return { shown, answered };
  });
  const figure = (pick: (t: SuppressedTable<Measure>) => Figure<Measure>) =>
    sumFigures(
      perYear.map((y) => pick(y.shown)),
      MEASURES,
    );
  const timesShown = (pick: (t: SuppressedTable) => Figure) => perYear.every((y) => !pick(y.answered).suppressed);
  const rows = groups
    .map((g, i) =>
      rowOf(
        g,
        figure((t) => t.rows[i]),
        timesShown((t) => t.rows[i]),
      ),
    )
    // The five imperatives are always rows; any other hidden row (a provider, a service, needs not coded) is left out.
    .filter((r) => !r.suppressed || (groupBy === ReferralMetricsGroupBy.IMPERATIVE && r.imperative !== null));
  const totals = rowOf(
    totalGroup,
    figure((t) => t.total),
    timesShown((t) => t.total),
  );
  return { ...head, minimumCount: minimum, totals, rows };
}

const UNMET: DeclineReason[] = [DeclineReason.NO_CAPACITY, DeclineReason.NOT_ELIGIBLE];
type UnmetMeasure = 'noCapacity' | 'notEligible';

export async function referralUnmetNeed(em: EntityManager, period: MetricsPeriod, viewer: MetricsViewer): Promise<ReferralUnmetNeed> {
  const rows = await em.find(
    Referral,
    { $and: [periodWhere(period, viewer), { declineReason: { $in: UNMET }, zip: { $ne: null }, imperative: { $ne: null } }] },
    { orderBy: { id: 'asc' } },
  );
  const zips = [...new Set(rows.map((r) => r.zip!))].sort();
  const own = viewer.scope === ReferralMetricsScope.OWN;
  const cellOf = (
    zip: string | null,
    imperative: Imperative | null,
    items: Referral[],
    figure: Figure<UnmetMeasure> | null,
  ): ReferralUnmetNeedCell => {
    const hidden = !!figure?.suppressed;
    const count = (reason: DeclineReason) => items.filter((r) => r.declineReason === reason).length;
    return {
      zip,
      imperative,
      suppressed: hidden,
      declined: hidden ? null : figure ? figure.records : items.length,
      noCapacity: hidden ? null : figure ? figure.measures.noCapacity : count(DeclineReason.NO_CAPACITY),
      notEligible: hidden ? null : figure ? figure.measures.notEligible : count(DeclineReason.NOT_ELIGIBLE),
    };
  };
  const at = (zip: string | null, imperative: Imperative | null) =>
    rows.filter((r) => (zip === null || r.zip === zip) && (imperative === null || r.imperative === imperative));
  const minimum = viewer.minimum ?? DEFAULT_MINIMUM_COUNT;
  const U: UnmetMeasure[] = ['noCapacity', 'notEligible'];
  const years = own
    ? []
    : calendarYears(period).map((year) =>
        suppressTable(
          zips.map((zip) =>
            IMPERATIVES.map((imperative) =>
              contributions(
                at(zip, imperative)
                  .filter((r) => r.createdAt.getUTCFullYear() === year)
                  .map((referral) => ({ referral, responseHours: null, accepted: false, overdue: false })),
                viewer.org,
                (f): Partial<Record<UnmetMeasure, number>> => ({
                  noCapacity: f.referral.declineReason === DeclineReason.NO_CAPACITY ? 1 : 0,
                  notEligible: f.referral.declineReason === DeclineReason.NOT_ELIGIBLE ? 1 : 0,
                }),
              ),
            ),
          ),
          { viewer: viewer.org, minimum, measures: U },
        ),
      );
  const pick = (f: (t: SuppressedTable<UnmetMeasure>) => Figure<UnmetMeasure>) => (own ? null : sumFigures(years.map(f), U));
  const table = own
    ? null
    : {
        total: pick((t) => t.total)!,
        rows: zips.map((_, z) => pick((t) => t.rows[z])!),
        // A table with no ZIP code has no columns either (kernel: nothing in it can be published).
        columns: IMPERATIVES.map((_, i) =>
          pick((t) => t.columns[i] ?? { suppressed: true, records: null, measures: { noCapacity: null, notEligible: null } })!,
        ),
        cells: zips.map((_, z) => IMPERATIVES.map((_, i) => pick((t) => t.cells[z][i])!)),
      };
  // A ZIP code whose total is hidden is left out with its cells: listing it would say it had declines.
  const listed = zips.map((zip, z) => ({ zip, z })).filter(({ z }) => !table || !table.rows[z].suppressed);
  return {
    from: period.from,
    to: period.to,
    scope: viewer.scope,
    minimumCount: own ? null : minimum,
    total: cellOf(null, null, rows, table?.total ?? null),
    byZip: listed.map(({ zip, z }) => cellOf(zip, null, at(zip, null), table?.rows[z] ?? null)),
    byImperative: IMPERATIVES.map((imp, i) => cellOf(null, imp, at(null, imp), table?.columns[i] ?? null)),
    cells: listed.flatMap(({ zip, z }) => IMPERATIVES.map((imp, i) => cellOf(zip, imp, at(zip, imp), table?.cells[z][i] ?? null))),
  };
}
