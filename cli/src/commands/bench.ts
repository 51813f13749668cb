import type { Command } from 'commander';
import { Imperative } from '@c2c/kernel';
import { demoId, prng } from '@c2c/demo';
import { createTestSubgraph, type TestSubgraph } from '@c2c/testing';
import * as entities from '@c2c/resources';
import { checkFilter, resources, searchServices, type TextMode } from '@c2c/resources';
import { runReferralBench } from './bench-referrals';
import { failuresOf, HUB_SCENARIOS, parseHubBenchOptions, runHubBench, type HubBenchResult, type HubScenario } from './bench-hub';
import { benchSync } from './bench-sync';

const SCENARIOS = ['search', 'referrals', ...HUB_SCENARIOS, 'sync', 'all'] as const;

/**
 * Search throughput on a large directory, as a ratio to a trivial query on the same subgraph
 * (so the number means the same on a laptop and in CI), and the SQL statements one search
 * costs at several page sizes (which must not grow with the page).
 */
export interface BenchResult {
  services: number;
  database: 'sqlite' | 'postgresql';
  trivialPerSecond: number;
  searches: { name: string; perSecond: number; ratio: number; totalCount: number }[];
  statementsPerSearch: Record<string, number>;
  /**
   * Full-text search as a ratio to the LIKE substring search it replaced, the same filters on
   * the same data in the same run, both through the subgraph's search code (no GraphQL around it).
   */
  fullTextVsLike: {
    name: string;
    fullTextPerSecond: number;
    likePerSecond: number;
    ratio: number;
    fullTextMatches: number;
    likeMatches: number;
  }[];
}

const IMPS = Object.values(Imperative);
const TZ = 'America/Detroit';

async function load(sg: TestSubgraph, n: number, progress?: (m: string) => void) {
  const r = prng(20261124).next;
  const em = sg.em();
  const id = (kind: string, i: number | string) => demoId(`bench:${kind}`, i);
  const topIds = IMPS.map((imp) => id('term', imp));
  const subIds = IMPS.flatMap((imp, k) =>
    Array.from({ length: 6 }, (_, j) => ({ id: id('term', `${imp}/${j}`), parent: topIds[k], imp, j })),
  );
  await em.insertMany(entities.TaxonomyTerm, [
    ...IMPS.map((imp, k) => ({ id: topIds[k], code: `bench-${imp}`, name: imp, parentId: null, imperative: imp, taxonomy: 'bench' })),
    ...subIds.map((s) => ({
      id: s.id,
      code: `bench-${s.imp}/${s.j}`,
      name: `${s.imp} programme ${s.j}`,
      parentId: s.parent,
      imperative: null,
      taxonomy: 'bench',
    })),
  ]);
  const zips = Array.from({ length: 60 }, (_, i) => String(48201 + i));
  const words = ['tutoring', 'club', 'pantry', 'camp', 'screening', 'counseling', 'coaching', 'playgroup', 'internship', 'clinic'];
  const CHUNK = 500;
  const now = new Date();
  for (let start = 0; start < n; start += CHUNK) {
    const services: any[] = [];
    const links: any[] = [];
    const schedules: any[] = [];
    const areas: any[] = [];
    const locations: any[] = [];
    const sals: any[] = [];
    for (let i = start; i < Math.min(n, start + CHUNK); i++) {
      const sid = id('service', i);
      const k = Math.floor(r() * IMPS.length);
      const sub = subIds[k * 6 + Math.floor(r() * 6)];
      const min = Math.floor(r() * 14);
      const zip = zips[Math.floor(r() * zips.length)];
      const lat = 42.3 + r() * 0.2;
      const lon = -83.3 + r() * 0.35;
      const word = words[Math.floor(r() * words.length)];
      services.push({
        id: sid,
        organizationId: id('org', i % 500),
        name: `${word[0].toUpperCase()}${word.slice(1)} ${i}`,
        description: `A ${word} programme for families, number ${i}.`,
        status: r() < 0.9 ? 'ACTIVE' : 'INACTIVE',
        imperative: IMPS[k],
        minimumAge: min,
        maximumAge: min + 4 + Math.floor(r() * 10),
        free: r() < 0.7,
        languages: r() < 0.3 ? ['en', 'es'] : ['en'],
        zip,
        latitude: lat,
        longitude: lon,
        street: `${i} Main St`,
        city: 'Detroit',
        state: 'MI',
        createdAt: now,
        updatedAt: now,
      });
      links.push(
        { id: id('link', `${i}:s`), serviceId: sid, termId: sub.id, direct: true },
        { id: id('link', `${i}:t`), serviceId: sid, termId: sub.parent, direct: false },
      );
      const lid = id('location', i);
      locations.push({
        id: lid,
        organizationId: id('org', i % 500),
        locationType: 'PHYSICAL',
        name: `Site ${i}`,
        street: `${i} Main St`,
        city: 'Detroit',
        state: 'MI',
        postalCode: zip,
        country: 'US',
        latitude: lat,
        longitude: lon,
      });
      sals.push({ id: id('sal', i), serviceId: sid, locationId: lid });
      const opens = 8 + Math.floor(r() * 6);
      for (const [d, day] of ['MO', 'TU', 'WE', 'TH', 'FR'].entries()) {
        schedules.push({
          id: id('schedule', `${i}:${d}`),
          serviceId: sid,
          locationId: lid,
          weekday: day,
          opensAt: `${String(opens).padStart(2, '0')}:00`,
          closesAt: `${opens + 6}:00`,
          timezone: TZ,
          closed: false,
        });
      }
      areas.push(
        { id: id('area', `${i}:0`), serviceId: sid, postalCode: zip },
        { id: id('area', `${i}:1`), serviceId: sid, postalCode: zips[(zips.indexOf(zip) + 1) % zips.length] },
      );
    }
    await em.insertMany(entities.Service, services);
    await em.insertMany(entities.ServiceTaxonomy, links);
    await em.insertMany(entities.Location, locations);
    await em.insertMany(entities.ServiceAtLocation, sals);
    await em.insertMany(entities.Schedule, schedules);
    await em.insertMany(entities.ServiceArea, areas);
    progress?.(`loaded ${Math.min(n, start + CHUNK)}/${n} services`);
  }
  // PostgreSQL plans from statistics; a freshly bulk-loaded table has none until autovacuum runs.
  if (process.env.DATABASE_URL) await em.getKnex().raw('analyze');
  return { topIds, firstId: id('service', 0) };
}

async function rate(run: () => Promise<void>, seconds: number): Promise<number> {
  for (let i = 0; i < 3; i++) await run(); // warm caches and the JIT
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  let n = 0;
  while (performance.now() < until || n < 5) {
    await run();
    n++;
  }
  return n / ((performance.now() - started) / 1000);
}

export async function runBench(o: { services: number; seconds: number; progress?: (m: string) => void }): Promise<BenchResult> {
  const sg = await createTestSubgraph(resources, { seed: false });
  try {
    const { topIds, firstId } = await load(sg, o.services, o.progress).catch((err: Error) => {
      // Driver errors carry the whole INSERT; a line is enough.
      throw new Error(`loading the benchmark data failed: ${err.message.slice(-300)}`);
    });
    const exec = async (q: string, v: Record<string, unknown> = {}) => {
      const res = await sg.exec(q, v);
      if (res.errors) throw new Error(`bench query failed: ${res.errors[0].message}`);
      return res.data;
    };
    const trivial = `query($id: ID!) { service(id: $id) { id name } }`;
    const SEARCH = (
      first: number,
      filters = 'text: "club", taxonomyTermId: $term, age: 10, freeOnly: true,',
    ) => `query($term: ID) { searchServices(${filters} first: ${first}) {
      totalCount facets { term { id } count } edges { distanceKm node { id name openNow locations { street postalCode } schedules { weekday opensAt closesAt } serviceAreas { postalCode } } } } }`;
    const searches: [string, string, Record<string, unknown>][] = [
      ['text + term + age + free, facets, 20 per page', SEARCH(20), { term: topIds[2] }],
      [
        'near 3 km by distance + language',
        `{ searchServices(near: { latitude: 42.4, longitude: -83.1, radiusKm: 3 }, language: "es", first: 20) { totalCount edges { distanceKm node { id name } } } }`,
        {},
      ],
      [
        'zip served + open at a time, facets',
        `{ searchServices(zip: "48230", openAt: "2026-11-24T15:30:00Z", first: 20) { totalCount facets { count } edges { node { id name schedules { weekday } } } } }`,
        {},
      ],
    ];
    o.progress?.('measuring');
    const trivialPerSecond = await rate(async () => void (await exec(trivial, { id: firstId })), o.seconds);
    const results = [];
    for (const [name, q, v] of searches) {
      const totalCount = (await exec(q, v)).searchServices.totalCount;
      const perSecond = await rate(async () => void (await exec(q, v)), o.seconds);
      results.push({
        name,
        perSecond: Math.round(perSecond * 10) / 10,
        ratio: Math.round((perSecond / trivialPerSecond) * 1000) / 1000,
        totalCount,
      });
    }
    const textSearches: [string, Parameters<typeof checkFilter>[0]][] = [
      ['"club" (a tenth of the directory), 20 per page with total', { text: 'club' }],
      ['"tutoring" + age + free, 20 per page with total', { text: 'tutoring', age: 10, freeOnly: true }],
      ['"number 4242" (one service), with total', { text: 'number 4242' }],
    ];
    const fullTextVsLike: BenchResult['fullTextVsLike'] = [];
    for (const [name, filter] of textSearches) {
      const run = async (textMode: TextMode) => {
        const ctx = await sg.context();
        return searchServices(ctx, await checkFilter(filter, ctx), { offset: 0, limit: 20 }, { facets: false, total: true, textMode });
      };
      const [fullTextMatches, likeMatches] = [(await run('FULL_TEXT')).totalCount, (await run('LIKE')).totalCount];
      // Alternating halves, so a drift in the machine's load falls on both alike.
      let [ft, like] = [0, 0];
      for (let round = 0; round < 2; round++) {
        like += await rate(async () => void (await run('LIKE')), o.seconds / 2);
        ft += await rate(async () => void (await run('FULL_TEXT')), o.seconds / 2);
      }
      fullTextVsLike.push({
        name,
        fullTextPerSecond: Math.round(ft * 5) / 10,
        likePerSecond: Math.round(like * 5) / 10,
        ratio: Math.round((ft / like) * 1000) / 1000,
        fullTextMatches,
        likeMatches,
      });
    }
    const statementsPerSearch: Record<string, number> = {};
    for (const first of [10, 50, 100]) {
      sg.statements.reset();
      // A broad search, so every page is full and nothing is skipped for a short page.
      await exec(SEARCH(first, 'taxonomyTermId: $term,'), { term: null });
      statementsPerSearch[`first ${first}`] = sg.statements.count;
    }
    return {
      services: o.services,
      database: process.env.DATABASE_URL ? 'postgresql' : 'sqlite',
      trivialPerSecond: Math.round(trivialPerSecond * 10) / 10,
      searches: results,
      statementsPerSearch,
      fullTextVsLike,
    };
  } finally {
    await sg.close();
  }
}

function printSearch(r: BenchResult) {
  console.log(`\n${r.services} services on ${r.database}; trivial query (service by id): ${r.trivialPerSecond}/s`);
  for (const x of r.searches) console.log(`  ${x.name}: ${x.perSecond}/s = ${x.ratio} × trivial (${x.totalCount} matches)`);
  console.log(
    `SQL statements per search: ${Object.entries(r.statementsPerSearch)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ')}`,
  );
  console.log('full-text search vs the LIKE search it replaced (same filters, same data, same run):');
  for (const x of r.fullTextVsLike)
    console.log(
      `  ${x.name}: full text ${x.fullTextPerSecond}/s, LIKE ${x.likePerSecond}/s = ${x.ratio} × LIKE (${x.fullTextMatches} and ${x.likeMatches} matches)`,
    );
}

/** One line per figure, the ratio first: that is the number that means the same on any machine. */
function printHub(r: HubBenchResult) {
  console.log(
    `\nhub on ${r.database}; ${r.nproc} × ${r.cpuModel}; Node ${r.node}; load average ${r.loadAverage.before.join(' ')} → ${r.loadAverage.after?.join(' ')}; median of ${r.rounds} alternating rounds of ${r.seconds} s`,
  );
  const side = (x: any) =>
    `${x.perSecond}/s p50 ${x.p50Ms} ms p95 ${x.p95Ms} ms${x.failed ? ` (${x.failed} failed: ${x.firstError})` : ''}`;
  for (const [name, x] of Object.entries(r.scenarios) as [HubScenario, any][]) {
    if (name === 'overhead')
      console.log(
        `overhead: gateway ÷ partners = ${x.ratio} (target ≥ ${x.target}); gateway ${side(x.gateway)}; partners ${side(x.partners)}`,
      );
    else if (name.startsWith('federation') && x.hive) {
      console.log(
        `${name} (${x.callers} caller${x.callers > 1 ? 's' : ''}): ours ÷ Hive = ${x.ratio} (target ≥ ${x.target}), p95 ours ÷ Hive ${x.p95Ratio}; ours ${side(x.ours)}; Hive ${side(x.hive)}`,
      );
      if (x.variant)
        console.log(
          `  variant ${JSON.stringify(x.variantEnv)}: ${side(x.variant)}; ours ÷ variant = ${x.oursOverVariant}, variant ÷ Hive = ${x.variantOverHive}`,
        );
    } else if (name === 'entities')
      console.log(
        `entities: 100 ÷ 1 representations latency (p50) = ${x.latencyRatio} (target ≤ ${x.target.latencyRatio}); 1: ${side(x.one)}; 100: ${side(x.hundred)}; SQL statements ${JSON.stringify(x.statements)}`,
      );
    else if (name === 'cpu')
      for (const label of ['varied', 'identical'])
        for (const [engine, y] of Object.entries<any>(x[label]))
          console.log(
            `cpu ${label} callers, ${engine}: ${y.totalMs} ms per Inbox query (target ≤ ${x.target.totalMs}), gateway ${y.msPerQuery.gateway} ms = ${y.gatewayShare} of it; ${JSON.stringify(y.msPerQuery)}${y.failed ? `; ${y.failed} failed: ${y.firstError}` : ''}`,
          );
    else if (name === 'listings')
      console.log(
        `listings: gateway ÷ resources = ${x.ratio}, with the response cache ${x.cachedRatio}; gateway ${side(x.gateway)}; cached ${side(x.gatewayCached)}; resources ${side(x.resourcesDirect)}`,
      );
    else console.log(`${name}: ours ${side(x.ours)}`);
  }
}

export function registerBench(program: Command) {
  program
    .command('bench')
    .description(
      'Benchmarks. search: directory search on a temporary database (in-memory SQLite, or a throwaway PostgreSQL database when DATABASE_URL is set), with full-text search as a ratio to the old LIKE search. referrals: referral writes on the demo hub. overhead, federation-identical, federation-varied, entities, cpu, listings: the demo hub over HTTP, against Hive Gateway on the same supergraph where engines are compared. sync: the OneRoster sync (as bench-sync). all: every one.',
    )
    .option('--scenario <name>', SCENARIOS.join(', '), 'search')
    .option('--services <n>', 'search: services to load', (v) => Number(v), 20000)
    .option('--seconds <s>', 'seconds per measurement (search: per query, default 3; hub scenarios: per run, default 5, at most 60)', (v) =>
      Number(v),
    )
    .option('--rounds <n>', 'referrals and hub scenarios: alternating rounds; the median is reported', (v) => Number(v))
    .option('--connections <n>', 'referrals (default 10) and hub scenarios (default 20): concurrent HTTP connections', (v) => Number(v))
    .option('--max-requests <n>', 'hub scenarios: a cap on requests per run, whatever the duration', (v) => Number(v))
    .option(
      '--url <gateway>',
      'federation-*, listings: measure this running gateway instead of a demo hub (tokens signed with C2C_JWT_SECRET)',
    )
    .option('--yes', 'allow --url to name a host that is not this machine')
    .option(
      '--variant <C2C_NAME=value,…>',
      'federation-*, cpu: also measure a second gateway of ours with these settings (a tuning off and on, in one run)',
    )
    .option('--cpu-prof <dir>', 'hub scenarios: run every hub process (and Hive) under node --cpu-prof, profiles into <dir>')
    .option('--sizes <rows,…>', 'sync: attendance rows per run', '50000')
    .option('--json', 'print the results as JSON')
    .action(async (opts) => {
      // Several scenarios at once (comma-separated) share one demo hub.
      const chosen = String(opts.scenario)
        .split(',')
        .map((x) => x.trim());
      for (const x of chosen)
        if (!(SCENARIOS as readonly string[]).includes(x))
          throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')} (or several, comma-separated)`);
      const all = chosen.includes('all');
      const wants = (x: string) => all || chosen.includes(x);
      const progress = opts.json ? undefined : (m: string) => process.stderr.write(`${m}\n`);
      // Hub flags are checked before anything starts, so a bad one costs nothing.
      const hubScenarios = all ? [...HUB_SCENARIOS] : HUB_SCENARIOS.filter(wants);
      const hubOptions = hubScenarios.length
        ? parseHubBenchOptions({
            seconds: opts.seconds,
            rounds: opts.rounds,
            connections: opts.connections,
            maxRequests: opts.maxRequests,
            url: opts.url,
            yes: opts.yes,
            cpuProf: opts.cpuProf,
            variant: opts.variant,
          })
        : undefined;
      if (opts.url && !hubScenarios.length) throw new Error('--url applies to the hub scenarios only');
      const seconds = opts.seconds ?? 3;
      if (!(seconds > 0 && seconds <= 600)) throw new Error('--seconds must be more than 0 and at most 600');
      const out: Record<string, unknown> = {};
      if (wants('referrals')) {
        const rounds = opts.rounds ?? 3;
        const connections = opts.connections ?? 10;
        if (!Number.isInteger(rounds) || rounds < 1 || rounds > 20) throw new Error('--rounds must be 1..20');
        if (!Number.isInteger(connections) || connections < 1 || connections > 200) throw new Error('--connections must be 1..200');
        const r = await runReferralBench({ seconds, rounds, connections, progress });
        out.referrals = r;
        if (!opts.json) {
          console.log(`referrals subgraph on ${r.database}, ${r.connections} connections, median of ${r.rounds} alternating rounds`);
          console.log(`  trivial mutation (addReferralComment): ${r.trivialPerSecond}/s`);
          console.log(`  createReferral: ${r.createPerSecond}/s = ${r.createRatio} × trivial`);
          console.log(`  status change (accept): ${r.statusChangePerSecond}/s = ${r.statusChangeRatio} × trivial`);
          console.log(
            `  outbox delivery (email over SMTP): ${r.outboxDeliveredPerSecond}/s = ${r.outboxDeliveryRatio} × trivial (${r.outboxDelivered} delivered, ${r.emailsReceived} received)`,
          );
        }
        if (r.failed) throw new Error(`${r.failed} requests failed, the first with ${r.firstError}: the figures above are void`);
      }
      if (wants('search')) {
        if (!Number.isInteger(opts.services) || opts.services < 10 || opts.services > 1_000_000)
          throw new Error('--services must be 10..1000000');
        const r = await runBench({
          services: opts.services,
          seconds,
          progress: opts.json ? undefined : (m) => process.stderr.write(`${m}\r`),
        });
        out.search = r;
        if (!opts.json) printSearch(r);
      }
      if (hubOptions) {
        const r = await runHubBench(hubScenarios, hubOptions, progress);
        out.hub = r;
        if (!opts.json) printHub(r);
        const failed = failuresOf(r);
        if (failed.length) {
          if (opts.json) console.log(JSON.stringify(out, null, 2));
          throw new Error(`requests failed, so these figures are void: ${failed.join('; ')}`);
        }
      }
      if (wants('sync')) {
        // The sync benchmark is its own command (bench-sync); this only runs it with its defaults.
        const databaseUrl = process.env.DATABASE_URL;
        if (!databaseUrl) {
          if (!all) throw new Error('the sync scenario measures PostgreSQL: set DATABASE_URL');
          out.sync = { skipped: 'DATABASE_URL is not set: the sync benchmark measures PostgreSQL' };
        } else {
          const sizes = String(opts.sizes)
            .split(',')
            .map((x) => Number(x.trim()));
          if (sizes.some((n) => !Number.isInteger(n) || n < 20 || n > 30_000_000))
            throw new Error('--sizes must be whole numbers of rows, 20..30000000');
          out.sync = await benchSync({ sizes, days: 20, databaseUrl, progress });
          if (!opts.json) console.log(`sync: ${JSON.stringify(out.sync)}`);
        }
      }
      if (opts.json) console.log(JSON.stringify(Object.keys(out).length > 1 ? out : Object.values(out)[0], null, 2));
    });
}
