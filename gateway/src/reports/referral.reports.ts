import type { Request } from 'express';
import type { CsvColumn } from './csv';
import { param, ReportError, type CsvReport } from './report';

/**
 * The referral metrics as CSV (issue "Referrals", section 9). Each is the GraphQL query as the
 * caller: the referrals subgraph decides scope and suppression, so the file holds exactly the
 * numbers `referralMetrics` / `referralUnmetNeed` give that caller, suppressed cells empty.
 */

const GROUP_BY = ['PROVIDER', 'SERVICE', 'IMPERATIVE'];
const SCOPES = ['OWN', 'COLLABORATIVE'];
const DIRECTIONS = ['SENT', 'RECEIVED'];
const OUTCOMES = ['GOT_HELP', 'REFERRED_ELSEWHERE', 'NO_LONGER_INTERESTED', 'COULD_NOT_CONTACT'];

function required(q: Request['query'], name: string): string {
  const v = param(q, name);
  if (!v) throw new ReportError(400, `${name} is required`, name);
  return v;
}

function oneOf(q: Request['query'], name: string, allowed: string[], fallback?: string): string | undefined {
  const v = param(q, name) ?? fallback;
  if (v !== undefined && !allowed.includes(v)) throw new ReportError(400, `${name} must be one of ${allowed.join(', ')}`, name);
  return v;
}

function periodVariables(q: Request['query']) {
  const vars: Record<string, unknown> = { from: required(q, 'from'), to: required(q, 'to') };
  const scope = oneOf(q, 'scope', SCOPES);
  const direction = oneOf(q, 'direction', DIRECTIONS);
  if (scope) vars.scope = scope;
  if (direction) vars.direction = direction;
  return vars;
}

const ROW = `total suppressed imperative organization { id name } service { id name }
  received responded accepted declined completed overdue
  acceptanceRate { numerator denominator rate } completionRate { numerator denominator rate }
  medianHoursToFirstResponse p90HoursToFirstResponse outcomes { outcome count }`;

interface MetricsRow {
  groupBy: string;
  scope: string;
  from: string;
  to: string;
  total: boolean;
  suppressed: boolean;
  imperative: string | null;
  organization: { id: string; name: string | null } | null;
  service: { id: string; name: string | null } | null;
  received: number | null;
  responded: number | null;
  accepted: number | null;
  declined: number | null;
  completed: number | null;
  overdue: number | null;
  acceptanceRate: { numerator: number | null; denominator: number | null; rate: number | null };
  completionRate: { numerator: number | null; denominator: number | null; rate: number | null };
  medianHoursToFirstResponse: number | null;
  p90HoursToFirstResponse: number | null;
  outcomes: { outcome: string; count: number | null }[];
}

const metricsColumns: CsvColumn<MetricsRow>[] = [
  { header: 'from', value: (r) => r.from },
  { header: 'to', value: (r) => r.to },
  { header: 'scope', value: (r) => r.scope },
  { header: 'group_by', value: (r) => r.groupBy },
  { header: 'row', value: (r) => (r.total ? 'TOTAL' : 'GROUP') },
  { header: 'organization_id', value: (r) => r.organization?.id },
  { header: 'organization_name', value: (r) => r.organization?.name },
  { header: 'service_id', value: (r) => r.service?.id },
  { header: 'service_name', value: (r) => r.service?.name },
  { header: 'imperative', value: (r) => r.imperative },
  { header: 'suppressed', value: (r) => r.suppressed },
  { header: 'received', value: (r) => r.received },
  { header: 'responded', value: (r) => r.responded },
  { header: 'accepted', value: (r) => r.accepted },
  { header: 'acceptance_rate', value: (r) => r.acceptanceRate.rate },
  { header: 'declined', value: (r) => r.declined },
  { header: 'completed', value: (r) => r.completed },
  { header: 'completion_rate', value: (r) => r.completionRate.rate },
  { header: 'overdue', value: (r) => r.overdue },
  { header: 'median_hours_to_first_response', value: (r) => r.medianHoursToFirstResponse },
  { header: 'p90_hours_to_first_response', value: (r) => r.p90HoursToFirstResponse },
  ...OUTCOMES.map((o) => ({
    header: `outcome_${o.toLowerCase()}`,
    value: (r: MetricsRow) => r.outcomes.find((x) => x.outcome === o)?.count,
  })),
];

/** `GET /reports/referral-metrics.csv?from=2026-01-01&to=2026-12-31&groupBy=PROVIDER[&scope=…][&direction=…]`: the total first, then each group. */
export const referralMetricsReport: CsvReport<MetricsRow> = {
  name: 'referral-metrics',
  query: `query ReferralMetricsCsv($from: String!, $to: String!, $groupBy: ReferralMetricsGroupBy!, $scope: ReferralMetricsScope, $direction: ReferralDirection) {
    referralMetrics(from: $from, to: $to, groupBy: $groupBy, scope: $scope, direction: $direction) {
      from to groupBy scope totals { ${ROW} } rows { ${ROW} }
    }
  }`,
  variables: (q) => ({ ...periodVariables(q), groupBy: oneOf(q, 'groupBy', GROUP_BY, 'PROVIDER') }),
  rows: (data) => {
    const m = data.referralMetrics;
    const head = { from: m.from, to: m.to, scope: m.scope, groupBy: m.groupBy };
    return [m.totals, ...m.rows].map((r: Omit<MetricsRow, keyof typeof head>) => ({ ...head, ...r }));
  },
  columns: metricsColumns,
};

interface UnmetRow {
  level: 'TOTAL' | 'ZIP' | 'IMPERATIVE' | 'CELL';
  from: string;
  to: string;
  scope: string;
  zip: string | null;
  imperative: string | null;
  declined: number | null;
  noCapacity: number | null;
  notEligible: number | null;
  suppressed: boolean;
}

const CELL = 'zip imperative declined noCapacity notEligible suppressed';

/** `GET /reports/referral-unmet-need.csv?from=…&to=…[&scope=…]`: the total, each ZIP code, each imperative, then every cell. */
export const referralUnmetNeedReport: CsvReport<UnmetRow> = {
  name: 'referral-unmet-need',
  query: `query ReferralUnmetNeedCsv($from: String!, $to: String!, $scope: ReferralMetricsScope, $direction: ReferralDirection) {
    referralUnmetNeed(from: $from, to: $to, scope: $scope, direction: $direction) {
      from to scope total { ${CELL} } byZip { ${CELL} } byImperative { ${CELL} } cells { ${CELL} }
    }
  }`,
  variables: periodVariables,
  rows: (data) => {
    const u = data.referralUnmetNeed;
    const head = { from: u.from, to: u.to, scope: u.scope };
    const tag = (level: UnmetRow['level'], list: any[]) => list.map((c) => ({ ...head, level, ...c }));
    return [...tag('TOTAL', [u.total]), ...tag('ZIP', u.byZip), ...tag('IMPERATIVE', u.byImperative), ...tag('CELL', u.cells)];
  },
  columns: [
    { header: 'from', value: (r) => r.from },
    { header: 'to', value: (r) => r.to },
    { header: 'scope', value: (r) => r.scope },
    { header: 'level', value: (r) => r.level },
    { header: 'zip', value: (r) => r.zip },
    { header: 'imperative', value: (r) => r.imperative },
    { header: 'suppressed', value: (r) => r.suppressed },
    { header: 'declined', value: (r) => r.declined },
    { header: 'no_capacity', value: (r) => r.noCapacity },
    { header: 'not_eligible', value: (r) => r.notEligible },
  ],
};

export const REFERRAL_REPORTS: CsvReport[] = [referralMetricsReport, referralUnmetNeedReport];
