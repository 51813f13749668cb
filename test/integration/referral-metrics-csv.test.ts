import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import * as demo from '@c2c/demo';
import { gql, startTestHub, token } from '@c2c/testing';

/**
 * The referral metrics CSV export through a real gateway and the real subgraphs over HTTP,
 * on the demo data (referrals sent from August to November 2026): status codes, the same
 * numbers as the GraphQL query for the same caller, and no third organisation named.
 */
const u = demo.demoUniverse();
const counts = new Map<string, number>();
for (const r of u.referrals) counts.set(r.toOrganizationId, (counts.get(r.toOrganizationId) ?? 0) + 1);
// The busiest provider with an active staff member (the hub honours partner tokens only for those).
const busiest = [...counts.entries()]
  .filter(([org]) => demo.demoStaffSubject(org))
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
const partiesOf = (org: string) =>
  new Set(
    u.referrals
      .filter((r) => r.fromOrganizationId === org || r.toOrganizationId === org)
      .flatMap((r) => [r.fromOrganizationId, r.toOrganizationId]),
  );
const PERIOD = 'from=2026-08-01&to=2026-11-30';
// Collaborative (suppressed) figures are decided on whole calendar years.
const YEAR = 'from=2026-01-01&to=2026-12-31';

const METRICS = `query($from: String!, $to: String!, $groupBy: ReferralMetricsGroupBy!, $scope: ReferralMetricsScope) {
  referralMetrics(from: $from, to: $to, groupBy: $groupBy, scope: $scope) {
    totals { received responded accepted completed overdue medianHoursToFirstResponse p90HoursToFirstResponse }
    rows { suppressed received accepted organization { id } }
  }
}`;

describe('GET /reports/referral-*.csv through the gateway', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let base: string;
  let partner: string;
  let admin: string;
  beforeAll(async () => {
    hub = await startTestHub();
    base = hub.hub.gatewayUrl.replace(/\/graphql$/, '');
    partner = await token('partner_staff', busiest);
    admin = await token('cec_admin');
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const get = (path: string, bearer?: string) => fetch(`${base}${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
  const csv = async (path: string, bearer: string) => {
    const res = await get(path, bearer);
    const text = await res.text();
    expect({ status: res.status, text: res.status === 200 ? '' : text }).toEqual({ status: 200, text: '' });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    return { text, rows: parse(text, { columns: true }) as Record<string, string>[] };
  };
  const num = (s: string) => (s === '' ? null : Number(s));

  it('gives a partner its own metrics, the same numbers as GraphQL, naming only organisations on its referrals', async () => {
    const { rows, text } = await csv(`/reports/referral-metrics.csv?${PERIOD}&groupBy=PROVIDER`, partner);
    const graph = await gql(hub.hub.gatewayUrl, METRICS, { from: '2026-08-01', to: '2026-11-30', groupBy: 'PROVIDER' }, partner);
    expect(graph.json.errors).toBeUndefined();
    const m = graph.json.data.referralMetrics;
    const total = rows.find((r) => r.row === 'TOTAL')!;
    expect(total).toMatchObject({ scope: 'OWN', group_by: 'PROVIDER', suppressed: 'false' });
    expect({
      received: num(total.received),
      responded: num(total.responded),
      accepted: num(total.accepted),
      completed: num(total.completed),
      overdue: num(total.overdue),
      medianHoursToFirstResponse: num(total.median_hours_to_first_response),
      p90HoursToFirstResponse: num(total.p90_hours_to_first_response),
    }).toEqual(m.totals);
    expect(m.totals.received).toBe(u.referrals.filter((r) => r.toOrganizationId === busiest || r.fromOrganizationId === busiest).length);
    expect(rows.filter((r) => r.row === 'GROUP').map((r) => [r.organization_id, num(r.received)])).toEqual(
      m.rows.map((r: any) => [r.organization.id, r.received]),
    );
    const parties = partiesOf(busiest);
    const named = u.organizations.filter((o) => text.includes(o.id));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((o) => !parties.has(o.id)).map((o) => o.name)).toEqual([]);
    // Names come from the partners subgraph through the graph.
    expect(rows.find((r) => r.organization_id === busiest)!.organization_name).toBe(u.organizations.find((o) => o.id === busiest)!.name);
  });

  it('gives the collaborative view suppressed: no small provider row, no organisation named outside a shown row', async () => {
    for (const [who, bearer] of [
      ['partner', () => partner],
      ['admin', () => admin],
    ] as const) {
      const { rows, text } = await csv(`/reports/referral-metrics.csv?${YEAR}&groupBy=PROVIDER&scope=COLLABORATIVE`, bearer());
      const groups = rows.filter((r) => r.row === 'GROUP');
      // Every listed provider row is shown and holds at least the minimum of ten referrals.
      for (const g of groups)
        expect({ who, suppressed: g.suppressed, big: num(g.received)! >= 10 }).toEqual({ who, suppressed: 'false', big: true });
      // The demo's three busiest providers received 16, 11 and 10: the hub operator sees them (at least one).
      if (who === 'admin') expect(groups.length).toBeGreaterThan(0);
      // Fewer shown rows than providers with referrals: the small ones are left out.
      expect(groups.length).toBeLessThan(counts.size);
      const listed = new Set(groups.map((g) => g.organization_id));
      const named = u.organizations.filter((o) => text.includes(o.id));
      expect({ who, unlisted: named.filter((o) => !listed.has(o.id)).map((o) => o.name) }).toEqual({ who, unlisted: [] });
      const graph = await gql(
        hub.hub.gatewayUrl,
        METRICS,
        { from: '2026-01-01', to: '2026-12-31', groupBy: 'PROVIDER', scope: 'COLLABORATIVE' },
        bearer(),
      );
      expect(num(rows.find((r) => r.row === 'TOTAL')!.received)).toBe(graph.json.data.referralMetrics.totals.received);
      expect(groups.length).toBe(graph.json.data.referralMetrics.rows.length);
    }
  });

  it('exports unmet need by ZIP × imperative, naming no organisation', async () => {
    const { rows, text } = await csv(`/reports/referral-unmet-need.csv?${PERIOD}`, partner);
    expect(rows[0]).toMatchObject({ level: 'TOTAL', scope: 'OWN', suppressed: 'false' });
    expect(rows.filter((r) => r.level === 'IMPERATIVE')).toHaveLength(5);
    expect(u.organizations.filter((o) => text.includes(o.id) || text.includes(o.name))).toEqual([]);
    const suppressed = await csv(`/reports/referral-unmet-need.csv?${YEAR}&scope=COLLABORATIVE`, admin);
    expect(suppressed.rows[0]).toMatchObject({ level: 'TOTAL', scope: 'COLLABORATIVE' });
  });

  const c2c = (args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve(__dirname, '..', '..', 'cli', 'bin', 'c2c.js'), 'report', ...args], {
      env: { ...process.env, NODE_ENV: 'development' },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e) => ({ code: e.code as number, stdout: e.stdout as string, stderr: e.stderr as string }),
    );

  it('prints the same report from `c2c report` (CSV, JSON, table), talking only to the gateway', async () => {
    const common = [
      '--from',
      '2026-08-01',
      '--to',
      '2026-11-30',
      '--group-by',
      'IMPERATIVE',
      '--url',
      hub.hub.gatewayUrl,
      '--token',
      partner,
    ];
    const { text } = await csv(`/reports/referral-metrics.csv?${PERIOD}&groupBy=IMPERATIVE`, partner);
    const raw = await c2c(['referrals', ...common, '--csv']);
    expect(raw).toMatchObject({ code: 0, stdout: text });
    const json = await c2c(['referral-metrics', ...common, '--json']);
    expect(JSON.parse(json.stdout)).toEqual(parse(text, { columns: true }));
    const table = await c2c(['referral-metrics', ...common]);
    expect(table.stdout.split('\n')[0]).toMatch(/^from\s+to\s+scope\s+group_by\s+row\s+/);
    expect(table.stdout.split('\n')).toHaveLength(2 + 1 + 5 + 1);
    const bad = await c2c(['referrals', ...common.slice(0, -2), '--token', 'not-a-token']);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringMatching(/^c2c: HTTP 401/) });
    const missing = await c2c(['referrals', '--to', '2026-11-30', '--url', hub.hub.gatewayUrl, '--token', partner, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toEqual({ error: 'HTTP 400: from: from is required' });
    const unknown = await c2c(['no-such-report', '--url', hub.hub.gatewayUrl, '--token', partner]);
    expect(unknown).toMatchObject({ code: 1, stderr: 'c2c: the gateway has no report named no-such-report\n' });
  });

  it('refuses a bad or missing parameter with 400 naming it', async () => {
    for (const [query, field] of [
      ['to=2026-11-30&groupBy=PROVIDER', 'from'],
      [`${PERIOD}&groupBy=NOPE`, 'groupBy'],
      [`${PERIOD}&scope=EVERYONE`, 'scope'],
      ['from=2026-08-02&to=2026-11-30', 'from'],
      ['from=2026-08-01&to=2026-11-29', 'to'],
      [`${PERIOD}&from=2026-09-01`, 'from'],
      // A period of months is for one's own referrals; the suppressed view takes whole years.
      [`${PERIOD}&scope=COLLABORATIVE`, 'from'],
    ]) {
      const res = await get(`/reports/referral-metrics.csv?${query}`, partner);
      expect({ query, status: res.status, body: await res.json() }).toEqual({
        query,
        status: 400,
        body: { error: expect.any(String), field },
      });
    }
    const own = await get(`/reports/referral-unmet-need.csv?${PERIOD}&scope=OWN`, admin);
    expect({ status: own.status, body: await own.json() }).toEqual({ status: 400, body: { error: expect.any(String), field: 'scope' } });
  });

  it('asks for a token with 401 and WWW-Authenticate, and refuses other roles with 403', async () => {
    for (const name of ['referral-metrics', 'referral-unmet-need']) {
      for (const bearer of [undefined, 'not-a-token']) {
        const res = await get(`/reports/${name}.csv?${PERIOD}`, bearer);
        expect({ name, bearer, status: res.status }).toEqual({ name, bearer, status: 401 });
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="c2c-hub"/);
      }
      for (const role of ['district_admin', 'embed'] as const) {
        const res = await get(`/reports/${name}.csv?${PERIOD}`, await token(role));
        expect({ name, role, status: res.status }).toEqual({ name, role, status: 403 });
      }
    }
  });
});
