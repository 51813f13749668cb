import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { mintToken } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { freePort } from '@c2c/testing';
import { SECRETS, startTestHub } from '@c2c/testing';
import { postJson } from './helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runSoak, soakTokens, SOAK_ENV } = require('../../scripts/soak.js');

const ROOT = path.join(__dirname, '..', '..');
const u = demo.demoUniverse();
// The package's exports hide its bin; it is installed (gateway devDependency) in one of these.
const HIVE_BIN = [path.join(ROOT, 'gateway'), ROOT]
  .map((d) => path.join(d, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'))
  .find((f) => fs.existsSync(f))!;

/**
 * The hub beyond one gateway process: scripts/soak.js in its short mode (every role at once,
 * zero unexpected errors, flat memory), and the same committed supergraph behind Hive Gateway
 * with only the documented header propagation (gateway/hive/gateway.config.mjs), giving the
 * same answers as our gateway.
 */
describe('the hub under load and behind a second federation engine', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let hive: ChildProcess | undefined;
  let hiveUrl: string;
  let tokens: Record<string, string>;
  const metricsToken = randomBytes(16).toString('hex');

  beforeAll(async () => {
    hub = await startTestHub({ ...SOAK_ENV, C2C_METRICS_TOKEN: metricsToken });
    tokens = await soakTokens(u, (o: any) => mintToken({ secret: SECRETS.C2C_JWT_SECRET, ttlSeconds: 900, ...o }));
    const port = await freePort();
    const urls = Object.fromEntries(
      hub.hub.processes.filter((p) => p.name !== 'gateway').map((p) => [`C2C_${p.name.toUpperCase()}_URL`, p.url]),
    );
    hive = spawn(
      process.execPath,
      [
        HIVE_BIN,
        'supergraph',
        path.join(ROOT, 'schema', 'supergraph.graphql'),
        '-c',
        path.join(ROOT, 'gateway', 'hive', 'gateway.config.mjs'),
        '--port',
        String(port),
        '--host',
        '127.0.0.1',
      ],
      {
        env: { ...process.env, ...urls, C2C_SUBGRAPH_SECRET: SECRETS.C2C_SUBGRAPH_SECRET, NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    hive.stderr!.on('data', (d) => (stderr += d));
    hiveUrl = `http://127.0.0.1:${port}/graphql`;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (hive.exitCode !== null) throw new Error(`hive-gateway exited: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/readiness`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`hive-gateway not ready: ${stderr}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 180_000);
  afterAll(async () => {
    if (hive && hive.exitCode === null) {
      const exited = new Promise((r) => hive!.once('exit', r));
      hive.kill('SIGTERM');
      await exited;
    }
    await hub?.stop();
  });

  it('serves ten seconds of mixed load from every role, after a 3 s warm-up, with zero unexpected errors and flat memory', async () => {
    const report = await runSoak({
      gatewayUrl: hub.hub.gatewayUrl,
      tokens,
      universe: u,
      seconds: Number(process.env.C2C_SOAK_SECONDS || 10),
      concurrency: 8,
      metricsToken,
      // Ten seconds are short: memory is judged after the pools and JIT have warmed up.
      warmupSeconds: 3,
    });
    console.log(JSON.stringify({ ...report, unexpected: report.unexpected.slice(0, 3) }));
    expect(report.unexpected).toEqual([]);
    expect(report.unexpectedErrors).toBe(0);
    // One round of every scenario at least, even on a loaded CI machine; the verdict is the errors and memory.
    expect(report.requests).toBeGreaterThanOrEqual(11);
    expect(Object.keys(report.byRole).sort()).toEqual([
      'anonymous',
      'cec_admin',
      'district_admin',
      'district_sis',
      'embed',
      'evaluator',
      'partner_staff',
      'stranger',
    ]);
    expect(report.expectedErrors).toBeGreaterThan(0);
    expect(report.memoryFlat).toBe(true);
    expect(report.pass).toBe(true);
  }, 60_000);

  it('gives the same answers through Hive Gateway as through our gateway, for every role', async () => {
    const receiver = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
    const referral = u.referrals.find((r) => r.toOrganizationId === receiver.id && r.studentId)!;
    const dashboard = `query D($org: ID!) { organization(id: $org) { name receivedReferrals(first: 10) { totalCount edges { node { id status service { name organization { name } } student { givenName grade } } } } events(first: 3) { totalCount edges { node { title } } } } }`;
    const cases: [string | undefined, string, Record<string, unknown>][] = [
      [
        undefined,
        '{ organizations(first: 5) { totalCount edges { node { name services(first: 2) { totalCount edges { node { name } } } } } } }',
        {},
      ],
      [undefined, dashboard, { org: receiver.id }],
      [tokens.partner_staff, dashboard, { org: receiver.id }],
      [tokens.stranger, dashboard, { org: receiver.id }],
      [tokens.district_admin, 'query($id: ID!) { student(id: $id) { givenName familyName grade } }', { id: referral.studentId }],
      [
        tokens.stranger,
        'query($id: ID!) { student(id: $id) { givenName } referral(id: "' + referral.id + '") { id } }',
        { id: referral.studentId },
      ],
      [
        tokens.evaluator,
        '{ eventTotals(from: "2025-01-01", to: "2025-12-31") { total { events attendees suppressed } byEngagementLevel { engagementLevel events suppressed } } }',
        {},
      ],
      [tokens.embed, 'query Embed { services(first: 5) { edges { node { name minimumAge } } } }', {}],
    ];
    const shape = (json: any) => ({
      data: json.data,
      errors: (json.errors ?? []).map((e: any) => `${(e.path ?? []).join('.')}:${e.extensions?.code}`).sort(),
    });
    let compared = 0;
    for (const [token, query, variables] of cases) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const ours = await postJson(hub.hub.gatewayUrl, { query, variables }, headers);
      const theirs = await postJson(hiveUrl, { query, variables }, headers);
      expect(ours.status).toBe(200);
      expect(theirs.status).toBe(200);
      expect(shape(theirs.json)).toEqual(shape(ours.json));
      compared++;
    }
    expect(compared).toBe(cases.length);
    // Hive forwards no secret of the client's making: a direct call without the engine's header is still refused.
    const direct = await postJson(hub.hub.processes.find((p) => p.name === 'students')!.url, { query: '{ _service { sdl } }' });
    expect(direct.status).toBe(401);
  });
});
