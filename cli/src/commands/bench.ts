import type { Command } from 'commander';
import { Imperative } from '@c2c/kernel';
import { demoId, prng } from '@c2c/demo';
import { createTestSubgraph, type TestSubgraph } from '@c2c/testing';
import * as entities from '@c2c/resources';
import { checkFilter, resources, searchServices, type TextMode } from '@c2c/resources';
import { runReferralBench } from './bench-referrals';

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

export function registerBench(program: Command) {
  program
    .command('bench')
    .description(
      'Benchmark directory search on a temporary database (in-memory SQLite, or a throwaway PostgreSQL database when DATABASE_URL is set): throughput as a ratio to a trivial query, full-text search as a ratio to the old LIKE search, and SQL statements per search by page size.',
    )
    .option('--scenario <name>', 'search (directory search, in process) or referrals (referral writes over HTTP on the demo hub)', 'search')
    .option('--services <n>', 'search: services to load', (v) => Number(v), 20000)
    .option('--seconds <s>', 'seconds to measure each query', (v) => Number(v), 3)
    .option('--rounds <n>', 'referrals: alternating rounds; the median is reported', (v) => Number(v), 3)
    .option('--connections <n>', 'referrals: concurrent HTTP connections', (v) => Number(v), 10)
    .option('--json', 'print the results as JSON')
    .action(async (opts) => {
      if (!(opts.seconds > 0 && opts.seconds <= 600)) throw new Error('--seconds must be more than 0 and at most 600');
      if (opts.scenario === 'referrals') {
        if (!Number.isInteger(opts.rounds) || opts.rounds < 1 || opts.rounds > 20) throw new Error('--rounds must be 1..20');
        if (!Number.isInteger(opts.connections) || opts.connections < 1 || opts.connections > 200)
          throw new Error('--connections must be 1..200');
        const r = await runReferralBench({
          seconds: opts.seconds,
          rounds: opts.rounds,
          connections: opts.connections,
          progress: opts.json ? undefined : (m) => process.stderr.write(`${m}\n`),
        });
        if (opts.json) return void console.log(JSON.stringify(r, null, 2));
        console.log(`referrals subgraph on ${r.database}, ${r.connections} connections, median of ${r.rounds} alternating rounds`);
        console.log(`  trivial mutation (addReferralComment): ${r.trivialPerSecond}/s`);
        console.log(`  createReferral: ${r.createPerSecond}/s = ${r.createRatio} × trivial`);
        console.log(`  status change (accept): ${r.statusChangePerSecond}/s = ${r.statusChangeRatio} × trivial`);
        console.log(
          `  outbox delivery (email over SMTP): ${r.outboxDeliveredPerSecond}/s = ${r.outboxDeliveryRatio} × trivial (${r.outboxDelivered} delivered, ${r.emailsReceived} received)`,
        );
        if (r.failed) throw new Error(`${r.failed} requests failed, the first with ${r.firstError}: the figures above are void`);
        return;
      }
      if (opts.scenario !== 'search') throw new Error('--scenario must be search or referrals');
      if (!Number.isInteger(opts.services) || opts.services < 10 || opts.services > 1_000_000)
        throw new Error('--services must be 10..1000000');
      const r = await runBench({
        services: opts.services,
        seconds: opts.seconds,
        progress: opts.json ? undefined : (m) => process.stderr.write(`${m}\r`),
      });
      if (opts.json) return void console.log(JSON.stringify(r, null, 2));
      console.log(`\n${r.services} services on ${r.database}; trivial query (service by id): ${r.trivialPerSecond}/s`);
      for (const s of r.searches) console.log(`  ${s.name}: ${s.perSecond}/s = ${s.ratio} × trivial (${s.totalCount} matches)`);
      console.log(
        `SQL statements per search: ${Object.entries(r.statementsPerSearch)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ')}`,
      );
      console.log('full-text search vs the LIKE search it replaced (same filters, same data, same run):');
      for (const s of r.fullTextVsLike)
        console.log(
          `  ${s.name}: full text ${s.fullTextPerSecond}/s, LIKE ${s.likePerSecond}/s = ${s.ratio} × LIKE (${s.fullTextMatches} and ${s.likeMatches} matches)`,
        );
    });
}
