import { randomUUID } from 'node:crypto';
import { Imperative, stableId, type Role, type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { deadlinesFor, referrals } from '@c2c/referrals';
import { resetClock, setClock } from '../src/clock.logic';
import { Referral } from '../src/referral.entity';
import { DeclineReason, ReferralOutcome } from '../src/referral-codes.enum';
import { percentile } from '../src/referral-metrics.logic';
import { ReferralStatusChange } from '../src/referral-status-change.entity';
import { ReferralStatus } from '../src/referral-status.enum';
import { codesOf, staffOf } from './fixtures';

/**
 * The metrics on a data set this test builds (no demo data), with every expected figure
 * worked out by hand in the comments. The clock is pinned, so "overdue" is fixed too.
 */
const org = (name: string) => stableId(`metrics-test:org:${name}`);
const svc = (name: string) => stableId(`metrics-test:service:${name}`);
const A = org('A');
const B = org('B');
const C = org('C');
const [P1, P2, P3] = ['P1', 'P2', 'P3'].map(org);
const [S1, S2, S3, S4] = ['S1', 'S2', 'S3', 'S4'].map(org);
const NOW = new Date('2026-06-01T12:00:00.000Z');
const H = 3_600_000;

type By = 'receiver' | 'sender' | 'sweep';
interface Spec {
  from: string;
  to: string;
  service: string;
  imperative: Imperative | null;
  zip: string | null;
  at: string;
  steps?: [ReferralStatus, By, number][];
  declineReason?: DeclineReason;
  outcome?: ReferralOutcome;
}

async function add(sg: testing.TestSubgraph, specs: Spec[]) {
  const em = sg.em();
  for (const s of specs) {
    const createdAt = new Date(s.at);
    const steps = s.steps ?? [];
    const status = steps.length ? steps[steps.length - 1][0] : ReferralStatus.SENT;
    const r = em.create(Referral, {
      fromOrganizationId: s.from,
      toOrganizationId: s.to,
      serviceId: s.service,
      imperative: s.imperative,
      zip: s.zip,
      reason: 'metrics test',
      status,
      declineReason: s.declineReason ?? null,
      outcome: s.outcome ?? null,
      createdAt,
      updatedAt: createdAt,
      ...deadlinesFor(createdAt, { responseBusinessDays: 2, escalationCalendarDays: 14, sweepSeconds: 0 }),
    });
    em.create(ReferralStatusChange, {
      referral: r,
      toStatus: ReferralStatus.SENT,
      changedBy: 'test',
      changedByOrganizationId: s.from,
      changedAt: createdAt,
    });
    let from = ReferralStatus.SENT;
    for (const [to, by, hours] of steps) {
      em.create(ReferralStatusChange, {
        id: randomUUID(),
        referral: r,
        fromStatus: from,
        toStatus: to,
        changedBy: by === 'sweep' ? 'system:sweep' : 'test',
        changedByOrganizationId: by === 'receiver' ? s.to : by === 'sender' ? s.from : null,
        changedAt: new Date(createdAt.getTime() + hours * H),
      });
      from = to;
    }
  }
  await em.flush();
}

const { K12, BASIC_NEEDS, EARLY_CHILDHOOD } = Imperative;
const { ACCEPTED, IN_PROGRESS, COMPLETED, FAILED, DECLINED, WITHDRAWN } = ReferralStatus;

/**
 * Organisation A's six referrals of March 2026 (responses due two business days after sending):
 *  1 A→B K12 48201, Mon 2 Mar 10:00: accepted +4 h, completed (GOT_HELP)       response 4 h
 *  2 A→B K12 48201, Tue 3 Mar: declined NO_CAPACITY +72 h (due +48 h: overdue)   response 72 h
 *  3 A→C BASIC_NEEDS 48202, Wed 4 Mar: never answered (due 6 Mar: overdue)
 *  4 B→A BASIC_NEEDS 48202, Thu 5 Mar: accepted +24 h, failed (COULD_NOT_CONTACT) response 24 h
 *  5 C→A EARLY_CHILDHOOD 48203, Tue 10 Mar: withdrawn by C +1 h (not a response, not overdue)
 *  6 A→B K12 48201, Wed 11 Mar: declined NOT_ELIGIBLE +2 h                        response 2 h
 */
const OWN: Spec[] = [
  {
    from: A,
    to: B,
    service: svc('B'),
    imperative: K12,
    zip: '48201',
    at: '2026-03-02T10:00:00Z',
    steps: [
      [ACCEPTED, 'receiver', 4],
      [IN_PROGRESS, 'receiver', 10],
      [COMPLETED, 'receiver', 100],
    ],
    outcome: ReferralOutcome.GOT_HELP,
  },
  {
    from: A,
    to: B,
    service: svc('B'),
    imperative: K12,
    zip: '48201',
    at: '2026-03-03T10:00:00Z',
    steps: [[DECLINED, 'receiver', 72]],
    declineReason: DeclineReason.NO_CAPACITY,
  },
  { from: A, to: C, service: svc('C'), imperative: BASIC_NEEDS, zip: '48202', at: '2026-03-04T10:00:00Z' },
  {
    from: B,
    to: A,
    service: svc('A'),
    imperative: BASIC_NEEDS,
    zip: '48202',
    at: '2026-03-05T10:00:00Z',
    steps: [
      [ACCEPTED, 'receiver', 24],
      [IN_PROGRESS, 'receiver', 30],
      [FAILED, 'receiver', 50],
    ],
    outcome: ReferralOutcome.COULD_NOT_CONTACT,
  },
  {
    from: C,
    to: A,
    service: svc('A'),
    imperative: EARLY_CHILDHOOD,
    zip: '48203',
    at: '2026-03-10T10:00:00Z',
    steps: [[WITHDRAWN, 'sender', 1]],
  },
  {
    from: A,
    to: B,
    service: svc('B'),
    imperative: K12,
    zip: '48201',
    at: '2026-03-11T10:00:00Z',
    steps: [[DECLINED, 'receiver', 2]],
    declineReason: DeclineReason.NOT_ELIGIBLE,
  },
];

/** Outside A's view or outside the period: B→C in March; A→B just before and just after March. */
const BYSTANDER_AND_EDGES: Spec[] = [
  {
    from: B,
    to: C,
    service: svc('C'),
    imperative: BASIC_NEEDS,
    zip: '48202',
    at: '2026-03-20T10:00:00Z',
    steps: [[ACCEPTED, 'receiver', 5]],
  },
  { from: A, to: B, service: svc('B'), imperative: K12, zip: '48201', at: '2026-02-28T23:59:59Z' },
  { from: A, to: B, service: svc('B'), imperative: K12, zip: '48201', at: '2026-04-01T00:00:00Z' },
];

/** Everyone else's March: P1 12 K12 (S1, S2, S3 ×4), P2 11 BASIC_NEEDS (S1, S2 ×4, S4 ×3), P3 3 EARLY_CHILDHOOD (S3); each accepted after i hours. */
const bulk = (to: string, imperative: Imperative, senders: [string, number][]): Spec[] =>
  senders.flatMap(([from, n], k) =>
    Array.from({ length: n }, (_, i) => ({
      from,
      to,
      service: svc(`${to}`),
      imperative,
      zip: '48205',
      at: `2026-03-${String(12 + i).padStart(2, '0')}T0${k}:00:00Z`,
      steps: [[ACCEPTED, 'receiver', i + 1] as [ReferralStatus, By, number]],
    })),
  );
const OTHERS: Spec[] = [
  ...bulk(P1, K12, [
    [S1, 4],
    [S2, 4],
    [S3, 4],
  ]),
  ...bulk(P2, BASIC_NEEDS, [
    [S1, 4],
    [S2, 4],
    [S4, 3],
  ]),
  ...bulk(P3, EARLY_CHILDHOOD, [[S3, 3]]),
];

/**
 * 2027, for unmet need: in ZIP 48210 ten declines of every imperative (S1 ×4, S2 ×3, S3 ×3; NO_CAPACITY
 * and NOT_ELIGIBLE alternately, five each); in ZIP 48211 two K12 declines from S4 (NO_CAPACITY).
 */
const DENSE_DECLINES: Spec[] = [
  ...Object.values(Imperative).flatMap((imperative, k) =>
    ([S1, S1, S1, S1, S2, S2, S2, S3, S3, S3] as string[]).map((from, i): Spec => ({
      from,
      to: P2,
      service: svc('P2'),
      imperative,
      zip: '48210',
      at: `2027-02-${String(1 + i).padStart(2, '0')}T1${k}:00:00Z`,
      steps: [[DECLINED, 'receiver', 1]],
      declineReason: i % 2 ? DeclineReason.NOT_ELIGIBLE : DeclineReason.NO_CAPACITY,
    })),
  ),
  ...[1, 2].map((d): Spec => ({
    from: S4,
    to: P2,
    service: svc('P2'),
    imperative: K12,
    zip: '48211',
    at: `2027-03-0${d}T10:00:00Z`,
    steps: [[DECLINED, 'receiver', 1]],
    declineReason: DeclineReason.NO_CAPACITY,
  })),
];

/** 2028: one A→B referral recorded straight from SENT to COMPLETED, as older rows (the demo's) are; in June one whose need was not coded. */
const SKIPPED_STEPS: Spec[] = [
  { from: A, to: B, service: svc('B'), imperative: null, zip: null, at: '2028-06-05T10:00:00Z' },
  { from: A, to: B, service: svc('B'), imperative: K12, zip: '48201', at: '2028-05-02T10:00:00Z', steps: [[COMPLETED, 'receiver', 30]] },
];

const ROW = `imperative total suppressed received responded accepted declined completed overdue
  acceptanceRate { numerator denominator rate } completionRate { numerator denominator rate }
  medianHoursToFirstResponse p90HoursToFirstResponse outcomes { outcome count }
  organization { id } service { id }`;
const METRICS = `query($from: String!, $to: String!, $groupBy: ReferralMetricsGroupBy!, $scope: ReferralMetricsScope, $direction: ReferralDirection) {
  referralMetrics(from: $from, to: $to, groupBy: $groupBy, scope: $scope, direction: $direction) {
    from to groupBy scope minimumCount totals { ${ROW} } rows { ${ROW} }
  }
}`;
const UNMET = `query($from: String!, $to: String!, $scope: ReferralMetricsScope) {
  referralUnmetNeed(from: $from, to: $to, scope: $scope) {
    from to scope minimumCount
    total { zip imperative declined noCapacity notEligible suppressed }
    byZip { zip imperative declined noCapacity notEligible suppressed }
    byImperative { zip imperative declined noCapacity notEligible suppressed }
    cells { zip imperative declined noCapacity notEligible suppressed }
  }
}`;
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
// Collaborative figures are decided on whole calendar years; 2026 adds A's two edge referrals (28 Feb, 1 Apr) to March's.
const YEAR = { from: '2026-01-01', to: '2026-12-31' };
const admin = testing.viewerFor('cec_admin');
const evaluator = testing.viewerFor('evaluator');

const outcomes = (o: Partial<Record<ReferralOutcome, number>>, hidden = false) =>
  Object.values(ReferralOutcome).map((outcome) => ({ outcome, count: hidden ? null : (o[outcome] ?? 0) }));
const rate = (numerator: number, denominator: number) => ({ numerator, denominator, rate: denominator ? numerator / denominator : null });

describe('referrals subgraph: metrics', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    setClock(() => NOW);
    sg = await testing.createTestSubgraph(referrals);
    await add(sg, [...OWN, ...BYSTANDER_AND_EDGES, ...OTHERS, ...DENSE_DECLINES, ...SKIPPED_STEPS]);
  });
  afterAll(async () => {
    resetClock();
    await sg.close();
  });

  const metrics = async (viewer: Viewer, vars: Record<string, unknown>) => {
    const res = await sg.exec(METRICS, { ...MARCH, ...vars }, viewer);
    expect(res.errors).toBeUndefined();
    return res.data.referralMetrics;
  };

  it('interpolates percentiles between closest ranks, like percentile_cont', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([2, 4, 24, 72], 0.5)).toBe(14);
    expect(percentile([2, 4, 24, 72], 0.9)).toBeCloseTo(57.6, 10);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });

  it('gives a partner its own referrals in full (scope OWN): totals worked out by hand', async () => {
    const m = await metrics(staffOf(A), { groupBy: 'PROVIDER' });
    expect(m).toMatchObject({ ...MARCH, groupBy: 'PROVIDER', scope: 'OWN', minimumCount: null });
    // Six referrals; answered 2, 4, 24, 72 h: median (4 + 24) / 2 = 14, p90 at rank 2.7 = 24 + 0.7 × 48 = 57.6.
    expect(m.totals).toEqual({
      imperative: null,
      total: true,
      suppressed: false,
      received: 6,
      responded: 4,
      accepted: 2,
      declined: 2,
      completed: 1,
      overdue: 2,
      acceptanceRate: rate(2, 6),
      completionRate: rate(1, 2),
      medianHoursToFirstResponse: 14,
      p90HoursToFirstResponse: 57.6,
      outcomes: outcomes({ GOT_HELP: 1, COULD_NOT_CONTACT: 1 }),
      organization: null,
      service: null,
    });
  });

  it('groups A’s referrals by provider: A, B and C, each worked out by hand', async () => {
    const m = await metrics(staffOf(A), { groupBy: 'PROVIDER' });
    const byOrg = Object.fromEntries(m.rows.map((r: any) => [r.organization.id, r]));
    expect(Object.keys(byOrg).sort()).toEqual([A, B, C].sort());
    // B: 1, 2, 6 answered in 4, 72, 2 h → sorted 2, 4, 72: median 4, p90 at rank 1.8 = 4 + 0.8 × 68 = 58.4.
    expect(byOrg[B]).toMatchObject({
      received: 3,
      responded: 3,
      accepted: 1,
      declined: 2,
      completed: 1,
      overdue: 1,
      acceptanceRate: rate(1, 3),
      completionRate: rate(1, 1),
      medianHoursToFirstResponse: 4,
      p90HoursToFirstResponse: 58.4,
      outcomes: outcomes({ GOT_HELP: 1 }),
    });
    // A: 4 (answered in 24 h, failed) and 5 (withdrawn: no response).
    expect(byOrg[A]).toMatchObject({
      received: 2,
      responded: 1,
      accepted: 1,
      completed: 0,
      overdue: 0,
      acceptanceRate: rate(1, 2),
      completionRate: rate(0, 1),
      medianHoursToFirstResponse: 24,
      p90HoursToFirstResponse: 24,
      outcomes: outcomes({ COULD_NOT_CONTACT: 1 }),
    });
    // C: 3, never answered, overdue; no acceptance, so no completion rate.
    expect(byOrg[C]).toMatchObject({
      received: 1,
      responded: 0,
      overdue: 1,
      acceptanceRate: rate(0, 1),
      completionRate: rate(0, 0),
      medianHoursToFirstResponse: null,
      p90HoursToFirstResponse: null,
    });
  });

  it('counts a referral completed without a recorded acceptance as accepted, so completion stays a share of acceptance', async () => {
    const m = await metrics(staffOf(A), { from: '2028-05-01', to: '2028-05-31', groupBy: 'PROVIDER' });
    expect(m.totals).toMatchObject({
      received: 1,
      responded: 1,
      accepted: 1,
      completed: 1,
      completionRate: rate(1, 1),
      medianHoursToFirstResponse: 30,
    });
  });

  it('gives needs not coded a row of their own, left out when suppressed', async () => {
    const own = await metrics(staffOf(A), { from: '2028-06-01', to: '2028-06-30', groupBy: 'IMPERATIVE' });
    expect(own.rows.map((r: any) => [r.imperative, r.received])).toEqual([...Object.values(Imperative).map((imp) => [imp, 0]), [null, 1]]);
    const collaborative = await metrics(admin, { from: '2028-01-01', to: '2028-12-31', groupBy: 'IMPERATIVE' });
    expect(collaborative.rows.map((r: any) => [r.imperative, r.suppressed])).toEqual(Object.values(Imperative).map((imp) => [imp, true]));
  });

  it('groups by service and by imperative, and narrows OWN to one direction', async () => {
    const bySvc = await metrics(staffOf(A), { groupBy: 'SERVICE' });
    expect(Object.fromEntries(bySvc.rows.map((r: any) => [r.service.id, r.received]))).toEqual({
      [svc('A')]: 2,
      [svc('B')]: 3,
      [svc('C')]: 1,
    });
    const byImp = await metrics(staffOf(A), { groupBy: 'IMPERATIVE' });
    expect(Object.fromEntries(byImp.rows.map((r: any) => [r.imperative, r.received]))).toEqual({
      EARLY_CHILDHOOD: 1,
      K12: 3,
      AFTERSCHOOL_AND_SUMMER: 0,
      COLLEGE_AND_CAREER: 0,
      BASIC_NEEDS: 2,
    });
    expect(byImp.rows.find((r: any) => r.imperative === 'K12').acceptanceRate).toEqual(rate(1, 3));
    expect((await metrics(staffOf(A), { groupBy: 'PROVIDER', direction: 'SENT' })).totals.received).toBe(4);
    const received = await metrics(staffOf(A), { groupBy: 'PROVIDER', direction: 'RECEIVED' });
    expect(received.totals).toMatchObject({ received: 2, responded: 1, medianHoursToFirstResponse: 24 });
    // B's view of its own: 1, 2, 6 (from A), 4 (to A) and the bystander referral to C.
    expect((await metrics(staffOf(B), { groupBy: 'PROVIDER' })).totals.received).toBe(5);
  });

  it('suppresses the collaborative view for a hub operator, with a complement so the small cell cannot be recovered', async () => {
    // 2026: K12 17 (12 + A's 1, 2, 6 and two edge ones), BASIC_NEEDS 14 (11 + 3, 4, B→C), EARLY_CHILDHOOD 4, two imperatives 0: total 35.
    // Hidden alone (4 + 0 + 0) the rest would be total − shown; so BASIC_NEEDS (the smaller shown) is hidden too.
    const m = await metrics(admin, { ...YEAR, groupBy: 'IMPERATIVE' });
    expect(m).toMatchObject({ scope: 'COLLABORATIVE', minimumCount: 10 });
    expect(m.totals).toMatchObject({ suppressed: false, received: 35, accepted: 29 });
    const shown = m.rows.filter((r: any) => !r.suppressed);
    expect(shown.map((r: any) => [r.imperative, r.received])).toEqual([['K12', 17]]);
    expect(m.rows.find((r: any) => r.imperative === 'BASIC_NEEDS')).toMatchObject({
      suppressed: true,
      received: null,
      accepted: null,
      acceptanceRate: { numerator: null, denominator: null, rate: null },
      medianHoursToFirstResponse: null,
      outcomes: outcomes({}, true),
    });
    // What total − shown gives away is the sum of the hidden rows: 18, at least the minimum.
    expect(m.totals.received - 17).toBe(18);
    expect(m.totals.received - shown.reduce((n: number, r: any) => n + r.received, 0)).toBeGreaterThanOrEqual(10);
    expect(await metrics(evaluator, { ...YEAR, groupBy: 'IMPERATIVE' })).toEqual(m);
  });

  it('leaves out the providers whose row is suppressed, and shows the others with their response times', async () => {
    // P1 12, P2 11 shown; P3 3, A 2, B 5, C 2 hidden (12 together, so total − shown is no small cell).
    const m = await metrics(admin, { ...YEAR, groupBy: 'PROVIDER' });
    expect(m.rows.map((r: any) => [r.organization.id, r.received])).toEqual(
      [
        [P1, 12],
        [P2, 11],
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    // P1's twelve were each accepted after 1–4 hours (three of each): median 2.5, p90 at rank 9.9 = 4.
    const p1 = m.rows.find((r: any) => r.organization.id === P1);
    expect(p1).toMatchObject({ responded: 12, accepted: 12, medianHoursToFirstResponse: 2.5, p90HoursToFirstResponse: 4 });
    expect(m.totals.received).toBe(35);
  });

  it('never lets a partner’s own referrals open a cell, and hides a complement chosen on the others’ part', async () => {
    // For A: others' K12 12 (S1–S3), BASIC_NEEDS 12 (S1, S2, S4, B), EARLY_CHILDHOOD 3 (S3; A's own 5 is known to A).
    // The hidden others' part (3) is too small, so the cheaper of the tied K12 / BASIC_NEEDS is hidden: K12, first in order.
    const m = await metrics(staffOf(A), { ...YEAR, groupBy: 'IMPERATIVE', scope: 'COLLABORATIVE' });
    expect(m.rows.filter((r: any) => !r.suppressed).map((r: any) => [r.imperative, r.received])).toEqual([['BASIC_NEEDS', 14]]);
    expect(m.totals).toMatchObject({ suppressed: false, received: 35 });
    // By provider: B's and A's rows are all A's own, C has one other referral: hidden; P2 hides as the complement.
    const byProvider = await metrics(staffOf(A), { ...YEAR, groupBy: 'PROVIDER', scope: 'COLLABORATIVE' });
    expect(byProvider.rows.map((r: any) => [r.organization.id, r.received])).toEqual([[P1, 12]]);
    // A party sees its own small cells in full, in scope OWN.
    const own = await metrics(staffOf(A), { groupBy: 'IMPERATIVE' });
    expect(own.rows.find((r: any) => r.imperative === 'EARLY_CHILDHOOD')).toMatchObject({ suppressed: false, received: 1 });
  });

  it('gives a partner with no referrals an empty OWN view and the whole collaborative total', async () => {
    const outsider = staffOf(org('outsider'));
    const own = await metrics(outsider, { groupBy: 'PROVIDER' });
    expect(own.totals.received).toBe(0);
    expect(own.rows).toEqual([]);
    const collaborative = await metrics(outsider, { ...YEAR, groupBy: 'IMPERATIVE', scope: 'COLLABORATIVE' });
    expect(collaborative.totals.received).toBe(35);
  });

  it('decides collaborative figures on whole calendar years, so overlapping periods cannot be subtracted', async () => {
    // 2025 holds no referral: every 2025 figure is hidden, so every 2025–2026 sum is too. (Were 2025–2026
    // shown, it minus 2026 would publish 2025's figures, which 2025 alone hides.)
    const twoYears = await metrics(admin, { from: '2025-01-01', to: '2026-12-31', groupBy: 'IMPERATIVE' });
    expect(twoYears.totals).toMatchObject({ suppressed: true, received: null, medianHoursToFirstResponse: null });
    expect(twoYears.rows.every((r: any) => r.suppressed)).toBe(true);
    const y2025 = await metrics(admin, { from: '2025-01-01', to: '2025-12-31', groupBy: 'PROVIDER' });
    expect(y2025).toMatchObject({ rows: [], totals: { suppressed: true, received: null } });
    const y2026 = await metrics(admin, { ...YEAR, groupBy: 'IMPERATIVE' });
    expect(y2026.totals).toMatchObject({ suppressed: false, received: 35 });
    // A period of months is refused in that scope, naming the bound.
    for (const [vars, field] of [
      [{ ...MARCH }, 'from'],
      [{ from: '2026-01-01', to: '2026-06-30' }, 'to'],
    ] as const) {
      const res = await sg.exec(METRICS, { ...vars, groupBy: 'IMPERATIVE' }, admin);
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
      const unmet = await sg.exec(UNMET, { ...vars, scope: 'COLLABORATIVE' }, staffOf(A));
      expect(unmet.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', field]]);
    }
  });

  it('counts unmet need by ZIP × imperative: in full for the parties, suppressed for everyone else', async () => {
    const own = await sg.exec(UNMET, MARCH, staffOf(A));
    expect(own.errors).toBeUndefined();
    const u = own.data.referralUnmetNeed;
    expect(u).toMatchObject({ scope: 'OWN', minimumCount: null });
    expect(u.total).toEqual({ zip: null, imperative: null, declined: 2, noCapacity: 1, notEligible: 1, suppressed: false });
    expect(u.byZip).toEqual([{ zip: '48201', imperative: null, declined: 2, noCapacity: 1, notEligible: 1, suppressed: false }]);
    expect(u.byImperative.find((c: any) => c.imperative === 'K12')).toMatchObject({ declined: 2 });
    expect(u.byImperative.filter((c: any) => c.imperative !== 'K12').every((c: any) => c.declined === 0)).toBe(true);
    expect(u.cells).toHaveLength(5);
    for (const viewer of [admin, staffOf(C)]) {
      const res = await sg.exec(UNMET, { ...YEAR, scope: 'COLLABORATIVE' }, viewer);
      expect(res.errors).toBeUndefined();
      // Two declines in one ZIP code: nothing may be shown, and the ZIP code is not even listed.
      expect(res.data.referralUnmetNeed).toMatchObject({
        minimumCount: 10,
        total: { declined: null, suppressed: true },
        byZip: [],
        cells: [],
      });
      expect(res.data.referralUnmetNeed.byImperative.every((c: any) => c.suppressed && c.declined === null)).toBe(true);
    }
  });

  it('shows dense unmet need, and hides the cells beside a small one so it cannot be recovered from its margins', async () => {
    const res = await sg.exec(UNMET, { from: '2027-01-01', to: '2027-12-31', scope: 'COLLABORATIVE' }, admin);
    expect(res.errors).toBeUndefined();
    const u = res.data.referralUnmetNeed;
    const cell = (
      zip: string | null,
      imperative: string | null,
      declined: number | null,
      noCapacity: number | null,
      notEligible: number | null,
    ) => ({
      zip,
      imperative,
      declined,
      noCapacity,
      notEligible,
      suppressed: declined === null,
    });
    expect(u.total).toEqual(cell(null, null, 52, 27, 25));
    // Shown beside the total (52), ZIP 48210's 50 would give 48211's two by subtraction, and 48210 × K12 (10)
    // beside K12's margin (12) likewise: so every cell and both ZIP codes are hidden (and not listed), while the
    // imperative margins, each summing at least ten declines, stay shown.
    expect(u.byZip).toEqual([]);
    expect(u.cells).toEqual([]);
    expect(u.byImperative).toEqual(
      Object.values(Imperative).map((imp) => (imp === 'K12' ? cell(null, imp, 12, 7, 5) : cell(null, imp, 10, 5, 5))),
    );
    // A year without any decline: nothing to show, every imperative hidden, no crash on the empty table.
    const empty = (await sg.exec(UNMET, { from: '2025-01-01', to: '2025-12-31', scope: 'COLLABORATIVE' }, admin)).data.referralUnmetNeed;
    expect(empty).toMatchObject({ total: cell(null, null, null, null, null), byZip: [], cells: [] });
    expect(empty.byImperative).toEqual(Object.values(Imperative).map((imp) => cell(null, imp, null, null, null)));
    // The parties see their own in full: P2 every decline, S4 its two in 48211.
    const provider = (await sg.exec(UNMET, { from: '2027-01-01', to: '2027-12-31' }, staffOf(P2))).data.referralUnmetNeed;
    expect(provider.byZip).toEqual([cell('48210', null, 50, 25, 25), cell('48211', null, 2, 2, 0)]);
    expect(provider.cells).toHaveLength(10);
    // The parties see their own in full: S4 its two declines in 48211.
    const own = (await sg.exec(UNMET, { from: '2027-01-01', to: '2027-12-31' }, staffOf(S4))).data.referralUnmetNeed;
    expect(own.byZip).toEqual([cell('48211', null, 2, 2, 0)]);
  });

  it('reads the metrics in two SQL statements and unmet need in one, however many referrals and groups', async () => {
    for (const [viewer, vars] of [
      [staffOf(A), { groupBy: 'PROVIDER' }],
      [admin, { ...YEAR, groupBy: 'SERVICE' }],
      [staffOf(A), { ...YEAR, groupBy: 'IMPERATIVE', scope: 'COLLABORATIVE' }],
    ] as const) {
      sg.statements.reset();
      await metrics(viewer, vars);
      expect(sg.statements.count).toBe(2);
      expect(sg.statements.statements[1]).toMatch(/from [`"]referral_status_change[`"]/);
    }
    sg.statements.reset();
    await sg.exec(UNMET, { ...YEAR, scope: 'COLLABORATIVE' }, admin);
    expect(sg.statements.count).toBe(1);
  });

  it('refuses a bad period or scope with the argument named, and reads nothing', async () => {
    for (const [vars, viewer, field] of [
      [{ from: '2026-03-02' }, staffOf(A), 'from'],
      [{ from: '2026-13-01' }, staffOf(A), 'from'],
      [{ to: '2026-03-30' }, staffOf(A), 'to'],
      [{ to: '2026-02-28' }, staffOf(A), 'to'],
      [{ from: '2020-01-01', to: '2026-03-31' }, staffOf(A), 'to'],
      [{ scope: 'OWN' }, admin, 'scope'],
      [{ scope: 'COLLABORATIVE', direction: 'SENT' }, staffOf(A), 'direction'],
    ] as const) {
      sg.statements.reset();
      const res = await sg.exec(METRICS, { ...MARCH, groupBy: 'PROVIDER', ...vars }, viewer);
      expect({ field, errors: res.errors?.map((e) => [e.extensions?.code, e.extensions?.field]) }).toEqual({
        field,
        errors: [['BAD_USER_INPUT', field]],
      });
      expect(sg.statements.count).toBe(0);
    }
  });

  describe('role × operation', () => {
    const REFERRAL = `query($id: ID!) { referral(id: $id) { id } }`;
    const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id reason } } }`;
    // `row`: a referral through `_entities`; anyone but a party is told it does not exist.
    const cases: [string, Viewer, Record<string, string | null>][] = [
      [
        'anonymous',
        testing.ANONYMOUS,
        { own: 'UNAUTHENTICATED', collaborative: 'UNAUTHENTICATED', unmet: 'UNAUTHENTICATED', row: 'UNAUTHENTICATED' },
      ],
      ['partner staff (party)', staffOf(A), { own: null, collaborative: null, unmet: null, row: null }],
      ['partner staff (bystander)', staffOf(P3), { own: null, collaborative: null, unmet: null, row: 'NOT_FOUND' }],
      ['cec_admin', admin, { own: 'BAD_USER_INPUT', collaborative: null, unmet: null, row: 'NOT_FOUND' }],
      ['evaluator', evaluator, { own: 'BAD_USER_INPUT', collaborative: null, unmet: null, row: 'NOT_FOUND' }],
      ...(['district_sis', 'district_admin', 'embed'] as Role[]).map((role): [string, Viewer, Record<string, string | null>] => [
        role,
        testing.viewerFor(role),
        { own: 'FORBIDDEN', collaborative: 'FORBIDDEN', unmet: 'FORBIDDEN', row: 'NOT_FOUND' },
      ]),
      [
        'partner staff without organisation',
        testing.viewerFor('partner_staff'),
        { own: 'FORBIDDEN', collaborative: 'FORBIDDEN', unmet: 'FORBIDDEN', row: 'NOT_FOUND' },
      ],
    ];

    it.each(cases)('%s', async (_name, viewer, expected) => {
      const row = (await sg.em().findOneOrFail(Referral, { fromOrganizationId: A, toOrganizationId: B }, { orderBy: { createdAt: 'asc' } }))
        .id;
      const first = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => codesOf(res)[0] ?? null;
      const got = {
        own: first(await sg.exec(METRICS, { ...MARCH, groupBy: 'PROVIDER', scope: 'OWN' }, viewer)),
        collaborative: first(await sg.exec(METRICS, { ...YEAR, groupBy: 'IMPERATIVE', scope: 'COLLABORATIVE' }, viewer)),
        unmet: first(await sg.exec(UNMET, { ...YEAR, scope: 'COLLABORATIVE' }, viewer)),
        // Aggregates only: a referral row by `_entities` stays the parties' alone (referral(id) says NOT_FOUND to partners).
        row: first(await sg.exec(ENTITIES, { r: [{ __typename: 'Referral', id: row }] }, viewer)),
      };
      expect(got).toEqual(expected);
      if (viewer.roles.includes('cec_admin') || viewer.roles.includes('evaluator')) {
        expect(codesOf(await sg.exec(REFERRAL, { id: row }, viewer))).toEqual(['FORBIDDEN']);
      }
    });
  });
});
