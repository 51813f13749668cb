#!/usr/bin/env node
'use strict';
/**
 * Bounded soak: mixed load from every role against a real hub for a fixed time, then a
 * verdict. An error is "unexpected" unless the scenario expects exactly that code (a partner
 * reading another organisation's referrals must get FORBIDDEN; a 500 or a RATE_LIMITED is
 * never expected). Memory is the gateway's resident set, sampled from /metrics; "flat" means
 * the last quarter of samples is not above the first (after warm-up) by more than the limit.
 *
 *   node scripts/soak.js [--seconds 60] [--concurrency 16] [--json]
 *
 * starts its own hub (production mode, SQLite in a temp folder, or PostgreSQL with
 * DATABASE_URL) from the compiled code (`npx tsc -b` first). Tests call `runSoak` on a hub
 * they started. Exit code 1 when the verdict fails.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { randomBytes } = require('node:crypto');

const DASHBOARD = `query SoakDashboard($org: ID!) { organization(id: $org) { name
  receivedReferrals(first: 20) { totalCount edges { node { status service { name organization { name } } student { givenName grade } } } }
  events(first: 5) { totalCount edges { node { title attendees } } } } }`;

/** Scenarios per role: the operation, its variables, and the error codes it may legitimately return. */
function scenarios(u, tokens) {
  const org = (slug) => u.organizations.find((o) => o.slug === slug);
  const receiver = org('robotics-for-all');
  const student = u.students[0];
  return [
    {
      role: 'anonymous',
      query:
        'query SoakOrgs { organizations(first: 10) { totalCount edges { node { name sector services(first: 3) { totalCount edges { node { name } } } } } } }',
    },
    {
      role: 'anonymous',
      query:
        'query SoakServices($s: String) { services(first: 20, search: $s) { totalCount edges { node { name organization { name } } } } }',
      variables: { s: 'youth' },
    },
    { role: 'anonymous', query: DASHBOARD, variables: { org: receiver.id }, expect: ['UNAUTHENTICATED'] },
    { role: 'embed', query: 'query SoakEmbed { services(first: 10) { edges { node { name minimumAge maximumAge } } } }' },
    { role: 'partner_staff', query: DASHBOARD, variables: { org: receiver.id } },
    { role: 'stranger', query: DASHBOARD, variables: { org: receiver.id }, expect: ['FORBIDDEN'] },
    {
      role: 'district_admin',
      query: 'query SoakStudent($id: ID!) { student(id: $id) { givenName familyName grade } disclosures(first: 5) { totalCount } }',
      variables: { id: student.id },
    },
    { role: 'district_sis', query: 'query SoakSis($id: ID!) { student(id: $id) { id grade } }', variables: { id: student.id } },
    {
      role: 'cec_admin',
      query:
        'query SoakTotals { eventTotals(from: "2025-01-01", to: "2025-12-31") { total { events attendees suppressed } byEngagementLevel { engagementLevel events suppressed } } organizations(first: 50) { totalCount } }',
    },
    {
      role: 'evaluator',
      query: 'query SoakEvaluator { eventTotals(from: "2025-01-01", to: "2025-12-31") { total { events suppressed } } }',
    },
    {
      role: 'stranger',
      query: 'query SoakIdor($id: ID!) { student(id: $id) { givenName } }',
      variables: { id: student.id },
      expect: ['FORBIDDEN'],
    },
  ].map((s) => ({ ...s, token: tokens[s.role], expect: new Set(s.expect ?? []) }));
}

async function gatewayRss(gatewayUrl, metricsToken) {
  try {
    const res = await fetch(new URL('/metrics', gatewayUrl), { headers: { authorization: `Bearer ${metricsToken}` } });
    const m = /^c2c_gateway_process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+\d+)?)$/m.exec(await res.text());
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs the load. `tokens` maps role → bearer token (anonymous: none); returns the report.
 * maxGrowthBytes bounds RSS growth between the first and last quarter of samples. With
 * warmupSeconds, load runs that long before memory is sampled: a short run's first quarter would
 * otherwise still be JIT, caches and connection pools filling up, which reads as growth.
 */
async function runSoak({
  gatewayUrl,
  tokens,
  universe,
  seconds = 60,
  concurrency = 16,
  metricsToken,
  maxGrowthBytes = 64 * 1024 * 1024,
  warmupSeconds = 0,
  onProgress,
}) {
  const list = scenarios(universe, tokens);
  const stats = { requests: 0, ok: 0, expectedErrors: 0, unexpected: 0, byStatus: {}, byRole: {}, samples: [] };
  const unexpected = [];
  const latencies = [];
  const deadline = Date.now() + (warmupSeconds + seconds) * 1000;
  let i = 0;
  let sampler;
  const startSampling = () => {
    sampler = setInterval(
      async () => {
        const rss = await gatewayRss(gatewayUrl, metricsToken);
        if (rss) stats.samples.push(rss);
        onProgress?.(stats);
      },
      Math.max(250, Math.floor((seconds * 1000) / 40)),
    );
  };
  const warmup = setTimeout(startSampling, warmupSeconds * 1000);
  async function worker() {
    while (Date.now() < deadline) {
      const s = list[i++ % list.length];
      const started = performance.now();
      let status = 0;
      let codes;
      try {
        const res = await fetch(gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(s.token ? { authorization: `Bearer ${s.token}` } : {}) },
          body: JSON.stringify({ query: s.query, variables: s.variables ?? {} }),
        });
        status = res.status;
        const body = await res.json().catch(() => ({ errors: [{ extensions: { code: 'NOT_JSON' } }] }));
        codes = (body.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
      } catch (err) {
        codes = [`NETWORK:${err.message}`];
      }
      latencies.push(performance.now() - started);
      stats.requests++;
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      stats.byRole[s.role] = (stats.byRole[s.role] ?? 0) + 1;
      const bad = status >= 500 || status === 0 || status === 429 || codes.some((c) => !s.expect.has(c));
      if (bad) {
        stats.unexpected++;
        if (unexpected.length < 20) unexpected.push({ role: s.role, query: s.query.slice(0, 40), status, codes });
      } else if (codes.length) stats.expectedErrors++;
      else stats.ok++;
    }
  }
  const rssBefore = await gatewayRss(gatewayUrl, metricsToken);
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearTimeout(warmup);
  clearInterval(sampler);
  const rssAfter = await gatewayRss(gatewayUrl, metricsToken);
  latencies.sort((a, b) => a - b);
  const q = Math.max(1, Math.floor(stats.samples.length / 4));
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // Skip the first sample: warm-up (JIT, query plan cache) is not a leak.
  const early = stats.samples.slice(1, 1 + q);
  const late = stats.samples.slice(-q);
  const growth = early.length && late.length ? median(late) - median(early) : 0;
  const report = {
    seconds,
    concurrency,
    requests: stats.requests,
    requestsPerSecond: Math.round(stats.requests / seconds),
    ok: stats.ok,
    expectedErrors: stats.expectedErrors,
    unexpectedErrors: stats.unexpected,
    byStatus: stats.byStatus,
    byRole: stats.byRole,
    latencyMs: {
      p50: round(latencies[Math.floor(latencies.length * 0.5)]),
      p95: round(latencies[Math.floor(latencies.length * 0.95)]),
      p99: round(latencies[Math.floor(latencies.length * 0.99)]),
    },
    gatewayRssMb: {
      before: mb(rssBefore),
      after: mb(rssAfter),
      early: mb(median(early)),
      late: mb(median(late)),
      growth: mb(growth),
      samples: stats.samples.length,
    },
    memoryFlat: growth <= maxGrowthBytes,
    unexpected,
  };
  report.pass = report.unexpectedErrors === 0 && report.memoryFlat && report.requests > 0;
  return report;
}

const round = (x) => (x === undefined ? undefined : Math.round(x * 10) / 10);
const mb = (x) => (x === undefined ? undefined : Math.round((x / 1048576) * 10) / 10);

async function main() {
  const args = process.argv.slice(2);
  const arg = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  if (args.includes('--help')) {
    console.log('usage: node scripts/soak.js [--seconds 60] [--concurrency 16] [--json]');
    return;
  }
  const seconds = Number(arg('seconds', 60));
  const concurrency = Number(arg('concurrency', 16));
  const root = path.join(__dirname, '..');
  const { startHub, freePort, subgraphDatabaseUrl } = require(path.join(root, 'testing/dist/index.js'));
  const { mintToken, SUBGRAPH_NAMES, adminSql } = require(path.join(root, 'kernel/dist/index.js'));
  const demo = require(path.join(root, 'demo/dist/index.js'));
  const secrets = { C2C_JWT_SECRET: randomBytes(32).toString('hex'), C2C_SUBGRAPH_SECRET: randomBytes(32).toString('hex') };
  const metricsToken = randomBytes(16).toString('hex');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-soak-'));
  const databaseUrl = process.env.DATABASE_URL ? subgraphDatabaseUrl(process.env.DATABASE_URL, `soak_${process.pid}`) : undefined;
  const ports = await Promise.all([...SUBGRAPH_NAMES.map(() => freePort()), freePort()]);
  if (!args.includes('--json')) console.error(`starting the hub in ${dataDir}…`);
  const hub = await startHub({
    dataDir,
    databaseUrl,
    gatewayPort: ports[5],
    subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, ports[i]])),
    seedDemo: true,
    env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...secrets, ...SOAK_ENV, C2C_METRICS_TOKEN: metricsToken },
  });
  try {
    const universe = demo.demoUniverse();
    const tokens = await soakTokens(universe, (o) => mintToken({ secret: secrets.C2C_JWT_SECRET, ttlSeconds: seconds + 600, ...o }));
    const report = await runSoak({ gatewayUrl: hub.gatewayUrl, tokens, universe, seconds, concurrency, metricsToken });
    console.log(JSON.stringify(report, null, 2));
    process.exitCode = report.pass ? 0 : 1;
  } finally {
    await hub.stop();
    if (databaseUrl) {
      for (const name of SUBGRAPH_NAMES)
        await adminSql(
          databaseUrl,
          `drop database if exists "${new URL(subgraphDatabaseUrl(databaseUrl, name)).pathname.slice(1)}" with (force)`,
        );
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Limits high enough that the soak measures the hub, not the rate limiter (one IP sends everything). */
// The hub's processes run with a production-like heap cap. Without one V8 grows the heap
// lazily on a 24 GiB machine (RSS 215 → 359 MB in a 60 s run, then collected), which reads as
// growth but is deferred GC; under a cap it must collect, so growth that remains is retained
// memory — and a real leak ends in an out-of-memory crash that the load counts as errors.
const SOAK_ENV = {
  C2C_RATE_LIMIT_ANONYMOUS: '1000000',
  C2C_RATE_LIMIT_USER: '1000000',
  C2C_RATE_LIMIT_CLIENT: '1000000',
  NODE_OPTIONS: '--max-old-space-size=192',
};

/** One token per role; `mint` takes `{ sub, roles, org }`. */
async function soakTokens(u, mint) {
  const org = (slug) => u.organizations.find((o) => o.slug === slug).id;
  const staff = (slug) => u.staff.find((s) => s.active && s.organizationId === org(slug) && s.roles.includes('partner_staff')).subject;
  return {
    embed: await mint({ sub: 'client:soak', roles: ['embed'] }),
    // Partner tokens count only for active staff records: each is a seeded staff member's subject.
    partner_staff: await mint({ sub: staff('robotics-for-all'), roles: ['partner_staff'], org: org('robotics-for-all') }),
    stranger: await mint({ sub: staff('neighborhood-food-partners'), roles: ['partner_staff'], org: org('neighborhood-food-partners') }),
    district_admin: await mint({ sub: 'soak-district', roles: ['district_admin'] }),
    district_sis: await mint({ sub: 'soak-sis', roles: ['district_sis'] }),
    cec_admin: await mint({ sub: 'soak-cec', roles: ['cec_admin'] }),
    evaluator: await mint({ sub: 'soak-evaluator', roles: ['evaluator'] }),
  };
}

module.exports = { runSoak, soakTokens, SOAK_ENV };

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
