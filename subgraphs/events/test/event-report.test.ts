import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { audienceOf } from '../src/event-import-values.logic';
import { universe } from './support';

/**
 * The stewarded event reports, against the REAL partners service for agreements: a partner's own
 * rows in full; the collaborative report only under an agreement in force, never naming or
 * broken down by another organisation, small cells suppressed; the per-organisation breakdown
 * for the hub operator alone.
 */
const REPORT = `query($by: EventReportDimension!, $scope: EventReportScope, $year: Int, $from: String, $to: String) {
  eventReport(by: $by, scope: $scope, year: $year, from: $from, to: $to) { scope by from to minimumCount total { key events attendees suppressed } rows { key events attendees suppressed } } }`;
const DIMENSIONS = ['ENGAGEMENT_LEVEL', 'TYPE', 'MONTH', 'QUARTER', 'ZIP', 'AUDIENCE'] as const;

const inForce = (a: (typeof universe.agreements)[number], at = new Date()) =>
  !a.revokedAt && Date.parse(a.effectiveFrom) <= at.getTime() && (!a.expiresAt || Date.parse(a.expiresAt) > at.getTime());
const orgWith = (pred: (agreements: typeof universe.agreements) => boolean) =>
  universe.organizations
    .filter((o) => universe.events.some((e) => e.organizationId === o.id))
    .find((o) => pred(universe.agreements.filter((a) => a.organizationId === o.id)))!;

type DemoEvent = (typeof universe.events)[number];
const audienceKey = (t: string) => {
  try {
    return audienceOf(t);
  } catch {
    return 'Other';
  }
};
const keyOf: Record<(typeof DIMENSIONS)[number] | 'ORGANIZATION', (e: DemoEvent) => string> = {
  ENGAGEMENT_LEVEL: (e) => e.engagementLevel,
  TYPE: (e) => e.type,
  MONTH: (e) => e.date.slice(0, 7),
  QUARTER: (e) => `${e.date.slice(0, 4)}-Q${Math.ceil(Number(e.date.slice(5, 7)) / 3)}`,
  ZIP: (e) => e.zip,
  AUDIENCE: (e) => audienceKey(e.targetAudience),
  ORGANIZATION: (e) => e.organizationId,
};
const tally = (list: DemoEvent[]) => ({ events: list.length, attendees: list.reduce((n, e) => n + e.attendees, 0) });

describe('events subgraph: stewarded event reports', () => {
  let partners: testing.PartnersProcess;
  let sg: testing.TestSubgraph;
  const covered = orgWith((list) => list.some((a) => inForce(a) && a.scopes.includes('EVENT_AGGREGATES')));
  const uncovered = orgWith((list) => !list.some((a) => inForce(a) && a.scopes.includes('EVENT_AGGREGATES')));
  const coveredStaff = testing.viewerFor('partner_staff', covered.id);
  const year2026 = universe.events.filter((e) => e.date.startsWith('2026'));

  beforeAll(async () => {
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(events, { seed: true, partners, agreementTtlSeconds: 1 });
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  it.each(DIMENSIONS)('gives partner staff their own events by %s in full, in one SQL statement', async (by) => {
    const own = year2026.filter((e) => e.organizationId === covered.id);
    sg.statements.reset();
    const res = await sg.exec(REPORT, { by, scope: 'OWN', year: 2026 }, coveredStaff);
    expect(res.errors).toBeUndefined();
    expect(sg.statements.count).toBe(1);
    const report = res.data!.eventReport;
    expect(report).toMatchObject({ scope: 'OWN', by, from: '2026-01-01', to: '2026-12-31', minimumCount: null });
    expect(report.total).toEqual({ key: null, ...tally(own), suppressed: false });
    const expected = new Map<string, DemoEvent[]>();
    for (const e of own) expected.set(keyOf[by](e), [...(expected.get(keyOf[by](e)) ?? []), e]);
    for (const row of report.rows) {
      expect(row).toEqual({ key: row.key, ...tally(expected.get(row.key) ?? []), suppressed: false });
    }
    expect(
      report.rows
        .filter((r: any) => r.events > 0)
        .map((r: any) => r.key)
        .sort(),
    ).toEqual([...expected.keys()].sort());
  });

  it('an own report takes any period', async () => {
    const own = universe.events.filter((e) => e.organizationId === covered.id && e.date >= '2026-03-15' && e.date <= '2026-07-02');
    const res = await sg.exec(REPORT, { by: 'ENGAGEMENT_LEVEL', scope: 'OWN', from: '2026-03-15', to: '2026-07-02' }, coveredStaff);
    expect(res.data!.eventReport.total).toMatchObject(tally(own));
  });

  it.each([
    [{ scope: 'COLLABORATIVE', from: '2026-01-01', to: '2026-06-30' }, 'from'],
    [{ scope: 'OWN', from: '2026-02-30', to: '2026-06-30' }, 'from'],
    [{ scope: 'OWN', from: '2026-07-01', to: '2026-06-30' }, 'to'],
    [{ scope: 'OWN', year: 1999 }, 'year'],
  ])('refuses the period %j naming %s', async (args, field) => {
    const res = await sg.exec(REPORT, { by: 'TYPE', ...args }, coveredStaff);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it.each(DIMENSIONS)(
    'gives a covered partner the collaborative report by %s, each shown row backed by other organisations alone',
    async (by) => {
      const res = await sg.exec(REPORT, { by, scope: 'COLLABORATIVE', year: 2026 }, coveredStaff);
      expect(res.errors).toBeUndefined();
      const report = res.data!.eventReport;
      expect(report.minimumCount).toBe(10);
      let shown = 0;
      for (const row of [...report.rows, report.total]) {
        if (row.suppressed) {
          expect(row).toMatchObject({ events: null, attendees: null });
          continue;
        }
        shown++;
        const all = row.key === null ? year2026 : year2026.filter((e) => keyOf[by](e) === row.key);
        const others = all.filter((e) => e.organizationId !== covered.id);
        expect(row).toEqual({ key: row.key, ...tally(all), suppressed: false });
        expect(others.length).toBeGreaterThanOrEqual(10);
        expect(new Set(others.map((e) => e.organizationId)).size).toBeGreaterThanOrEqual(3);
      }
      expect(shown).toBeGreaterThan(0);
      if (by === 'ZIP') {
        // Hidden zips are one folded row: the list of keys does not say where a small organisation worked.
        expect(report.rows.filter((r: any) => r.key === null).length).toBeLessThanOrEqual(1);
        expect(report.rows.every((r: any) => r.key === null || !r.suppressed)).toBe(true);
      }
    },
  );

  it('never names another organisation to a partner: no report, list or import record holds another organisation’s id or name', async () => {
    const others = universe.organizations.filter((o) => o.id !== covered.id);
    const bodies: string[] = [];
    for (const by of DIMENSIONS) {
      for (const scope of ['OWN', 'COLLABORATIVE'])
        bodies.push(JSON.stringify(await sg.exec(REPORT, { by, scope, year: 2026 }, coveredStaff)));
    }
    bodies.push(JSON.stringify(await sg.exec(REPORT, { by: 'ORGANIZATION', scope: 'COLLABORATIVE', year: 2026 }, coveredStaff)));
    bodies.push(
      JSON.stringify(
        await sg.exec(
          '{ events(first: 100) { edges { node { id title organization { id } } } } eventImports { totalCount } }',
          {},
          coveredStaff,
        ),
      ),
    );
    bodies.push(
      JSON.stringify(
        await sg.exec(
          '{ eventTotals(from: "2026-01-01", to: "2026-12-31") { total { events } cells { month events } } }',
          {},
          coveredStaff,
        ),
      ),
    );
    const text = bodies.join('\n');
    for (const o of others) {
      expect(text).not.toContain(o.id);
      expect(text).not.toContain(o.name);
    }
    expect(text).toContain(covered.id);
  });

  it('refuses the per-organisation breakdown to partners and evaluators, and gives it to the hub operator', async () => {
    for (const viewer of [coveredStaff, testing.viewerFor('evaluator')]) {
      const res = await sg.exec(REPORT, { by: 'ORGANIZATION', scope: 'COLLABORATIVE', year: 2026 }, viewer);
      expect(res.data).toEqual({ eventReport: null });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const res = await sg.exec(REPORT, { by: 'ORGANIZATION', scope: 'COLLABORATIVE', year: 2026 }, testing.viewerFor('cec_admin'));
    expect(res.errors).toBeUndefined();
    const byOrg = new Map<string, DemoEvent[]>();
    for (const e of year2026) byOrg.set(e.organizationId, [...(byOrg.get(e.organizationId) ?? []), e]);
    expect(res.data!.eventReport.rows).toEqual(
      [...byOrg.keys()].sort().map((id) => ({ key: id, ...tally(byOrg.get(id)!), suppressed: false })),
    );
    expect(res.data!.eventReport.total).toMatchObject(tally(year2026));
  });

  it('gives hub operators and evaluators the collaborative report, and refuses them an own report', async () => {
    for (const role of ['cec_admin', 'evaluator'] as const) {
      const ok = await sg.exec(REPORT, { by: 'ENGAGEMENT_LEVEL', scope: 'COLLABORATIVE', year: 2026 }, testing.viewerFor(role));
      expect(ok.errors).toBeUndefined();
      expect(ok.data!.eventReport.total).toEqual({ key: null, ...tally(year2026), suppressed: false });
      const own = await sg.exec(REPORT, { by: 'ENGAGEMENT_LEVEL', scope: 'OWN', year: 2026 }, testing.viewerFor(role));
      expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });

  it.each([
    ['a partner without an agreement covering event aggregates', testing.viewerFor('partner_staff', uncovered.id), 'FORBIDDEN'],
    ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
    ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ])('refuses the collaborative report to %s', async (_who, viewer, code) => {
    const res = await sg.exec(REPORT, { by: 'TYPE', scope: 'COLLABORATIVE', year: 2026 }, viewer);
    expect(res.data).toEqual({ eventReport: null });
    expect(res.errors?.[0].extensions?.code).toBe(code);
  });

  it('a partner without an agreement still reads its own report', async () => {
    const res = await sg.exec(REPORT, { by: 'TYPE', scope: 'OWN', year: 2026 }, testing.viewerFor('partner_staff', uncovered.id));
    expect(res.errors).toBeUndefined();
    expect(res.data!.eventReport.total).toMatchObject(tally(year2026.filter((e) => e.organizationId === uncovered.id)));
  });

  it('stops the collaborative report within the TTL once the agreement is revoked; the own report goes on', async () => {
    expect((await sg.exec(REPORT, { by: 'TYPE', scope: 'COLLABORATIVE', year: 2026 }, coveredStaff)).errors).toBeUndefined();
    const cec = await partners.token('cec_admin');
    for (const a of universe.agreements.filter((x) => x.organizationId === covered.id && inForce(x))) {
      const res = await partners.gql(`mutation($id: ID!) { revokeAgreement(id: $id, reason: "ended") { id } }`, { id: a.id }, cec);
      expect(res.errors).toBeUndefined();
    }
    await new Promise((r) => setTimeout(r, 1100));
    const res = await sg.exec(REPORT, { by: 'TYPE', scope: 'COLLABORATIVE', year: 2026 }, coveredStaff);
    expect(res.data).toEqual({ eventReport: null });
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await sg.exec(REPORT, { by: 'TYPE', scope: 'OWN', year: 2026 }, coveredStaff)).errors).toBeUndefined();
  });
});
