import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { mintToken, readEnv, SUBGRAPH_NAMES, SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import { demoStaffSubject, demoUniverse } from '@c2c/demo';
import { createTestSubgraph, freePort, SECRETS, startTestHub } from '@c2c/testing';
import { resources } from '@c2c/resources';

/**
 * The hub's own performance over real HTTP: a demo hub (five subgraphs and our gateway, as
 * processes) and Hive Gateway on the same committed supergraph in front of the same subgraphs.
 * Every figure that compares two things is a ratio of medians measured in the same run, in
 * alternating rounds, so a machine shared with other work skews both sides alike.
 */
export const HUB_SCENARIOS = ['overhead', 'federation-identical', 'federation-varied', 'entities', 'cpu', 'listings'] as const;
export type HubScenario = (typeof HUB_SCENARIOS)[number];
/** What `--url` can measure: scenarios that need only a gateway and tokens it accepts. */
export const REMOTE_SCENARIOS: readonly HubScenario[] = ['federation-identical', 'federation-varied', 'listings'];

export interface HubBenchOptions {
  seconds: number;
  rounds: number;
  connections: number;
  /** A cap on requests per load run, whatever the duration: every loop ends by count or by time. */
  maxRequests: number;
  /** An already running gateway instead of a demo hub started here. */
  url?: URL;
  /** Directory for `node --cpu-prof` profiles of every hub process (and Hive). */
  cpuProfDir?: string;
  /** Environment of a second gateway of ours, measured alongside (a tuning's before and after). */
  variantEnv?: Record<string, string>;
}

/** Flags and their bounds: a typo must not start an hour-long run or a thousand connections. */
export const HUB_BOUNDS = {
  seconds: { min: 1, max: 60, default: 5 },
  rounds: { min: 1, max: 9, default: 3 },
  connections: { min: 1, max: 100, default: 20 },
  maxRequests: { min: 10, max: 1_000_000, default: 200_000 },
} as const;

function bounded(name: keyof typeof HUB_BOUNDS, flag: string, value: unknown): number {
  const b = HUB_BOUNDS[name];
  if (value === undefined) return b.default;
  const n = Number(value);
  if (!Number.isInteger(n) || n < b.min || n > b.max) throw new Error(`${flag} must be a whole number from ${b.min} to ${b.max}`);
  return n;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The gateway `--url` names, refused unless it is on this machine or `--yes` says the load is
 * meant: a benchmark is a load test, and pointed at production it is an outage.
 */
export function checkTarget(raw: string, yes: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`--url ${raw} is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`--url must be http(s), not ${url.protocol}`);
  const local = LOOPBACK.has(url.hostname) || url.hostname.startsWith('127.') || url.hostname.endsWith('.localhost');
  if (!local && !yes)
    throw new Error(
      `--url ${url.origin} is not this machine: the benchmark puts a gateway under full load; add --yes if that is what you mean`,
    );
  return url;
}

/** `KEY=value,KEY=value`: only C2C_* settings, so a variant cannot change what the benchmark itself runs. */
export function parseVariant(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of raw.split(',')) {
    const m = /^\s*(C2C_[A-Z0-9_]+)=(.*?)\s*$/.exec(pair);
    if (!m) throw new Error(`--variant takes C2C_NAME=value pairs, comma-separated; not ${JSON.stringify(pair)}`);
    out[m[1]] = m[2];
  }
  return out;
}

export function parseHubBenchOptions(raw: {
  seconds?: unknown;
  rounds?: unknown;
  connections?: unknown;
  maxRequests?: unknown;
  url?: string;
  yes?: boolean;
  cpuProf?: string;
  variant?: string;
}): HubBenchOptions {
  return {
    seconds: bounded('seconds', '--seconds', raw.seconds),
    rounds: bounded('rounds', '--rounds', raw.rounds),
    connections: bounded('connections', '--connections', raw.connections),
    maxRequests: bounded('maxRequests', '--max-requests', raw.maxRequests),
    url: raw.url ? checkTarget(raw.url, !!raw.yes) : undefined,
    cpuProfDir: raw.cpuProf ? path.resolve(raw.cpuProf) : undefined,
    variantEnv: raw.variant ? parseVariant(raw.variant) : undefined,
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const warm = <T extends { seconds: number }>(run: T): T => ({ ...run, seconds: Math.min(2, run.seconds) });
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
/** A ratio, or null when either side measured nothing (a starved run has no ratio, not an infinite one). */
const ratio = (a: number, b: number) => (a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? round(a / b) : null);

/** CPU seconds (user + system) a process has used so far (Linux /proc, clock ticks of 10 ms). */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

export interface Shot {
  perSecond: number;
  requests: number;
  p50: number;
  p95: number;
  failed: number;
  firstError?: string;
}

interface Load {
  url: string;
  headers: Record<string, string>;
  /** The i-th request's body and extra headers (a token, for varied callers). */
  request: (i: number) => { body: unknown; headers?: Record<string, string> };
}

/**
 * One autocannon run, ended by its duration or its request cap, whichever comes first, with a
 * hard stop a little later should the server hang. Every answer is read: a GraphQL error counts
 * as a failure, so an engine that answers fast with errors cannot win.
 */
export async function shoot(load: Load, o: { seconds: number; connections: number; maxRequests: number }): Promise<Shot> {
  let i = 0;
  let failed = 0;
  let firstError: string | undefined;
  let done!: (r: { err?: Error; result?: autocannon.Result }) => void;
  const finished = new Promise<{ err?: Error; result?: autocannon.Result }>((resolve) => (done = resolve));
  const instance = autocannon(
    {
      url: load.url,
      method: 'POST',
      connections: o.connections,
      duration: o.seconds,
      maxOverallRequests: o.maxRequests,
      headers: { 'content-type': 'application/json', ...load.headers },
      requests: [
        {
          setupRequest: (req) => {
            const r = load.request(i++);
            return { ...req, headers: { ...req.headers, ...r.headers }, body: JSON.stringify(r.body) };
          },
          onResponse: (status, text) => {
            let errors: unknown[] | undefined;
            try {
              errors = JSON.parse(text).errors;
            } catch {
              errors = [`not JSON: ${text.slice(0, 200)}`];
            }
            if (status !== 200 || errors?.length) {
              failed++;
              firstError ??= `HTTP ${status}: ${JSON.stringify(errors?.[0] ?? text).slice(0, 300)}`;
            }
          },
        },
      ],
    },
    (err, result) => done({ err: err ?? undefined, result }),
  );
  // autocannon's own histogram has no p95; every response time is kept (the run is capped).
  const times: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => void times.push(ms));
  const guard = setTimeout(() => instance.stop(), (o.seconds + 15) * 1000);
  try {
    const { err, result } = await finished;
    if (err || !result) throw err ?? new Error('autocannon gave no result');
    failed = Math.max(failed, result.errors + result.timeouts + result.non2xx);
    times.sort((a, b) => a - b);
    const at = (q: number) => round(times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN, 2);
    return {
      perSecond: round(result.requests.total / result.duration, 1),
      requests: result.requests.total,
      p50: at(0.5),
      p95: at(0.95),
      failed,
      firstError,
    };
  } finally {
    clearTimeout(guard);
  }
}

/** Rounds of A then B, B then A, …: the median of each side and the ratio of the medians. */
async function alternate(
  sides: Record<string, (warmUp?: boolean) => Promise<Shot>>,
  rounds: number,
  progress?: (m: string) => void,
): Promise<Record<string, Shot[]>> {
  const names = Object.keys(sides);
  const out: Record<string, Shot[]> = Object.fromEntries(names.map((n) => [n, []]));
  // An unmeasured run of each side first: JIT, connection pools and caches warm on both alike.
  for (const name of names) await sides[name](true);
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? [...names].reverse() : names) {
      const shot = await sides[name]();
      progress?.(
        `  round ${r + 1} ${name}: ${shot.perSecond}/s p50 ${shot.p50} ms p95 ${shot.p95} ms${shot.failed ? `, ${shot.failed} failed` : ''}`,
      );
      out[name].push(shot);
    }
  }
  return out;
}

export interface SideFigures {
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  failed: number;
  firstError?: string;
  rounds: number[];
}
const summarise = (shots: Shot[]): SideFigures => ({
  perSecond: median(shots.map((s) => s.perSecond)),
  p50Ms: median(shots.map((s) => s.p50)),
  p95Ms: median(shots.map((s) => s.p95)),
  failed: shots.reduce((n, s) => n + s.failed, 0),
  firstError: shots.find((s) => s.firstError)?.firstError,
  rounds: shots.map((s) => s.perSecond),
});

export const INBOX = `query Inbox($org: ID!) {
  organization(id: $org) {
    name
    receivedReferrals(first: 20) {
      totalCount
      edges { node { status reason createdAt
        fromOrganization { name }
        service { name organization { name } }
        student { givenName familyName grade }
        history { toStatus changedAt note } } }
    }
    events(first: 5) { edges { node { title date engagementLevel attendees } } }
  }
}`;
const ORGANIZATION = 'query Org($id: ID!) { organization(id: $id) { id name } }';
const LISTINGS = `query Listings($text: String) { searchServices(text: $text, first: 20) {
  totalCount edges { node { id name minimumAge maximumAge free organization { id } } } } }`;
const LISTING_WORDS = ['tutoring', 'robotics', 'pantry', 'camp', 'reading', 'club', 'art', 'music', 'coding', 'soccer'];

/** The partner organisations with the most received referrals, each with one active staff member to sign for. */
function inboxOrganizations(n: number) {
  const u = demoUniverse();
  return u.organizations
    .filter((o) => demoStaffSubject(o.id))
    .map((o) => ({ id: o.id, received: u.referrals.filter((r) => r.toOrganizationId === o.id).length }))
    .sort((a, b) => b.received - a.received || a.id.localeCompare(b.id))
    .slice(0, n);
}

async function partnerTokens(secret: string, orgs: { id: string }[], env: { issuer?: string; audience?: string } = {}) {
  return Promise.all(
    orgs.map((o) =>
      mintToken({
        secret,
        sub: demoStaffSubject(o.id)!,
        roles: ['partner_staff'],
        org: o.id,
        ttlSeconds: 3600,
        issuer: env.issuer,
        audience: env.audience,
      }),
    ),
  );
}

const HIVE_BIN = [path.resolve(__dirname, '..', '..', '..', 'gateway'), path.resolve(__dirname, '..', '..', '..')]
  .map((d) => path.join(d, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'))
  .find((f) => fs.existsSync(f));
const SUPERGRAPH = path.resolve(__dirname, '..', '..', '..', 'schema', 'supergraph.graphql');
const HIVE_CONFIG = path.resolve(__dirname, '..', '..', '..', 'gateway', 'hive', 'gateway.config.mjs');

/** Hive Gateway on the committed supergraph, in front of the hub's own subgraphs (the config adds only header propagation). */
async function startHive(
  subgraphUrls: Record<string, string>,
  cpuProfDir?: string,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  if (!HIVE_BIN) throw new Error('@graphql-hive/gateway is not installed (a gateway devDependency)');
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      ...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, '--cpu-prof-name=hive.cpuprofile'] : []),
      HIVE_BIN,
      'supergraph',
      SUPERGRAPH,
      '-c',
      HIVE_CONFIG,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
    ],
    {
      env: { ...process.env, ...subgraphUrls, C2C_SUBGRAPH_SECRET: SECRETS.C2C_SUBGRAPH_SECRET, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return waitFor(child, `http://127.0.0.1:${port}/readiness`, `http://127.0.0.1:${port}/graphql`, 'hive-gateway');
}

/** Waits (at most 60 s) until `probe` answers 200; then the process can be stopped with `stop`. */
async function waitFor(child: ChildProcess, probe: string, url: string, name: string) {
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited: ${stderr}`);
    const ok = await fetch(probe).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready within 60 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, stop };
}

/**
 * A second gateway of ours in front of the same subgraphs, with some environment changed
 * (`--variant C2C_COALESCE_FETCHES=off`): a tuning's before and after, alternated in one run.
 */
async function startVariantGateway(
  subgraphUrls: Record<string, string>,
  dataDir: string,
  overrides: Record<string, string>,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [require.resolve('@c2c/gateway/dist/main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      C2C_DATA_DIR: dataDir,
      C2C_AGREEMENT_TTL_SECONDS: '60',
      C2C_RATE_LIMIT_ANONYMOUS: '100000000',
      C2C_RATE_LIMIT_USER: '100000000',
      C2C_RATE_LIMIT_CLIENT: '100000000',
      ...SECRETS,
      ...subgraphUrls,
      PORT: String(port),
      ...overrides,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return waitFor(child, `http://127.0.0.1:${port}/healthz`, `http://127.0.0.1:${port}/graphql`, 'the variant gateway');
}

/** The same answer from both engines, or the comparison is void. */
async function sameAnswers(a: string, b: string, body: unknown, headers: Record<string, string>) {
  const ask = async (url: string) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return JSON.stringify(await res.json());
  };
  const [x, y] = [await ask(a), await ask(b)];
  if (x !== y)
    throw new Error(
      `the engines answer differently, so their speeds cannot be compared:\n ours:   ${x.slice(0, 300)}\n theirs: ${y.slice(0, 300)}`,
    );
  if (JSON.parse(x).errors) throw new Error(`the benchmark query fails: ${x.slice(0, 300)}`);
}

export interface HubBenchResult {
  database: 'sqlite' | 'postgresql';
  seconds: number;
  rounds: number;
  connections: number;
  nproc: number;
  cpuModel: string;
  loadAverage: { before: number[]; after?: number[] };
  node: string;
  scenarios: Partial<Record<HubScenario, Record<string, unknown>>>;
}

const machine = () => ({
  nproc: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  node: process.version,
});

/** Runs the named scenarios on one demo hub (and one Hive Gateway where a scenario compares engines). */
export async function runHubBench(scenarios: HubScenario[], o: HubBenchOptions, progress?: (m: string) => void): Promise<HubBenchResult> {
  const result: HubBenchResult = {
    database: process.env.DATABASE_URL && !o.url ? 'postgresql' : 'sqlite',
    seconds: o.seconds,
    rounds: o.rounds,
    connections: o.connections,
    ...machine(),
    loadAverage: { before: os.loadavg().map((x) => round(x, 2)) },
    scenarios: {},
  };
  const run = { seconds: o.seconds, connections: o.connections, maxRequests: o.maxRequests };
  const orgs = inboxOrganizations(20);
  const inbox = (urlOf: () => string, tokens: string[]): Load => ({
    url: urlOf(),
    headers: {},
    request: (i) => ({
      body: { query: INBOX, variables: { org: orgs[i % tokens.length].id } },
      headers: { authorization: `Bearer ${tokens[i % tokens.length]}` },
    }),
  });

  if (o.url) {
    const remote = scenarios.filter((s) => !REMOTE_SCENARIOS.includes(s));
    if (remote.length)
      throw new Error(
        `--url can measure only ${REMOTE_SCENARIOS.join(', ')} (not ${remote.join(', ')}): the others need the hub's processes`,
      );
    const env = readEnv();
    if (!env.jwtSecret) throw new Error('--url needs C2C_JWT_SECRET (the target hub’s) to sign partner tokens, as c2c token does');
    const tokens = await partnerTokens(env.jwtSecret, orgs, { issuer: env.jwtIssuer, audience: env.jwtAudience });
    const url = o.url.toString();
    for (const s of scenarios) {
      progress?.(`${s} against ${url}`);
      const load =
        s === 'listings'
          ? {
              url,
              headers: {},
              request: (i: number) => ({ body: { query: LISTINGS, variables: { text: LISTING_WORDS[i % LISTING_WORDS.length] } } }),
            }
          : inbox(() => url, s === 'federation-identical' ? tokens.slice(0, 1) : tokens);
      const shots = await alternate({ ours: (w) => shoot(load, w ? warm(run) : run) }, o.rounds, progress);
      result.scenarios[s] = { ours: summarise(shots.ours) };
    }
    result.loadAverage.after = os.loadavg().map((x) => round(x, 2));
    return result;
  }

  progress?.('starting the demo hub');
  const cpuProfEnv: NodeJS.ProcessEnv = o.cpuProfDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${o.cpuProfDir}` } : {};
  if (o.cpuProfDir) fs.mkdirSync(o.cpuProfDir, { recursive: true });
  // The rate limiter stays in the path (its cost is real) with limits no benchmark reaches.
  // Staff bindings and agreements are cached for the longest TTL allowed (60 s): on a loaded
  // machine each refetch can outlast its 3 s timeout and fail closed, which voids the run.
  const hub = await startTestHub({
    C2C_AGREEMENT_TTL_SECONDS: '60',
    C2C_RATE_LIMIT_ANONYMOUS: '100000000',
    C2C_RATE_LIMIT_USER: '100000000',
    C2C_RATE_LIMIT_CLIENT: '100000000',
    ...cpuProfEnv,
  });
  let hive: Awaited<ReturnType<typeof startHive>> | undefined;
  let variant: Awaited<ReturnType<typeof startHive>> | undefined;
  // Interrupted, the benchmark still takes its processes down with it.
  const interrupted = () => {
    void Promise.allSettled([hive?.stop(), variant?.stop(), hub.stop()]).then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const proc = (name: string) => hub.hub.processes.find((p) => p.name === name)!;
    const subgraphUrls = Object.fromEntries(
      hub.hub.processes.filter((p) => p.name !== 'gateway').map((p) => [`C2C_${p.name.toUpperCase()}_URL`, p.url]),
    );
    if (scenarios.some((s) => s.startsWith('federation') || s === 'cpu')) {
      progress?.('starting Hive Gateway on the same supergraph and subgraphs');
      hive = await startHive(subgraphUrls, o.cpuProfDir);
    }
    if (o.variantEnv && scenarios.some((s) => s.startsWith('federation') || s === 'cpu')) {
      progress?.(`starting a second gateway of ours with ${JSON.stringify(o.variantEnv)}`);
      variant = await startVariantGateway(subgraphUrls, hub.dataDir, o.variantEnv);
    }
    const tokens = await partnerTokens(SECRETS.C2C_JWT_SECRET, orgs);
    const gateway = hub.hub.gatewayUrl;
    const engines: Record<string, { url: string; pid: number }> = {
      ours: { url: gateway, pid: proc('gateway').child.pid! },
      ...(hive ? { hive: { url: hive.url, pid: hive.child.pid! } } : {}),
      ...(variant ? { variant: { url: variant.url, pid: variant.child.pid! } } : {}),
    };
    const secret = { [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET };

    for (const s of scenarios) {
      progress?.(`${s}: ${o.rounds} alternating rounds of ${o.seconds} s, ${o.connections} connections`);
      if (s === 'overhead') {
        // A different organisation on each of the 20 connections' requests in flight (36 in
        // turn), so the gateway cannot coalesce them: this is what it costs, not what it saves.
        const ids = demoUniverse().organizations.map((x) => x.id);
        const body = (i: number) => ({ query: ORGANIZATION, variables: { id: ids[i % ids.length] } });
        await sameAnswers(gateway, proc('partners').url, body(0), secret);
        const shots = await alternate(
          {
            gateway: (w) => shoot({ url: gateway, headers: {}, request: (i) => ({ body: body(i) }) }, w ? warm(run) : run),
            partners: (w) =>
              shoot({ url: proc('partners').url, headers: secret, request: (i) => ({ body: body(i) }) }, w ? warm(run) : run),
          },
          o.rounds,
          progress,
        );
        const [g, p] = [summarise(shots.gateway), summarise(shots.partners)];
        result.scenarios.overhead = { query: ORGANIZATION, gateway: g, partners: p, ratio: ratio(g.perSecond, p.perSecond), target: 0.8 };
      }
      if (s === 'federation-identical' || s === 'federation-varied') {
        const callers = s === 'federation-identical' ? tokens.slice(0, 1) : tokens;
        for (const e of Object.keys(engines).filter((x) => x !== 'ours'))
          for (let k = 0; k < callers.length; k++)
            await sameAnswers(
              gateway,
              engines[e].url,
              { query: INBOX, variables: { org: orgs[k].id } },
              { authorization: `Bearer ${callers[k]}` },
            );
        const shots = await alternate(
          Object.fromEntries(
            Object.entries(engines).map(([e, x]) => [
              e,
              (w?: boolean) =>
                shoot(
                  inbox(() => x.url, callers),
                  w ? warm(run) : run,
                ),
            ]),
          ),
          o.rounds,
          progress,
        );
        const [ours, theirs] = [summarise(shots.ours), summarise(shots.hive)];
        const variant = shots.variant ? summarise(shots.variant) : undefined;
        result.scenarios[s] = {
          callers: callers.length,
          ours,
          hive: theirs,
          ratio: ratio(ours.perSecond, theirs.perSecond),
          p95Ratio: ratio(ours.p95Ms, theirs.p95Ms),
          ...(variant
            ? {
                variant,
                variantEnv: o.variantEnv,
                oursOverVariant: ratio(ours.perSecond, variant.perSecond),
                variantOverHive: ratio(variant.perSecond, theirs.perSecond),
              }
            : {}),
          target: s === 'federation-identical' ? 1.0 : 1.3,
        };
      }
      if (s === 'entities') result.scenarios.entities = await entities(proc('resources').url, secret, o, progress);
      if (s === 'cpu') {
        const subgraphs = SUBGRAPH_NAMES.map((n) => ({ name: n, pid: proc(n).child.pid! }));
        const names = Object.keys(engines);
        const perEngine = async (engine: string, callers: string[]) => {
          const pids = [{ name: 'gateway', pid: engines[engine].pid }, ...subgraphs];
          const before = pids.map((p) => cpuSeconds(p.pid));
          const shot = await shoot(
            inbox(() => engines[engine].url, callers),
            run,
          );
          const ms = Object.fromEntries(
            pids.map((p, k) => [p.name, ((cpuSeconds(p.pid) - before[k]) * 1000) / Math.max(1, shot.requests)]),
          );
          return { shot, ms };
        };
        const out: Record<string, unknown> = {};
        for (const e of names)
          await shoot(
            inbox(() => engines[e].url, tokens),
            warm(run),
          );
        for (const [label, callers] of [
          ['varied', tokens],
          ['identical', tokens.slice(0, 1)],
        ] as const) {
          const runs: Record<string, Record<string, number>[]> = Object.fromEntries(names.map((e) => [e, []]));
          const failed: Record<string, number> = Object.fromEntries(names.map((e) => [e, 0]));
          const firstError: Record<string, string | undefined> = {};
          for (let r = 0; r < o.rounds; r++)
            for (const engine of r % 2 ? [...names].reverse() : names) {
              const { shot, ms } = await perEngine(engine, [...callers]);
              failed[engine] += shot.failed;
              firstError[engine] ??= shot.firstError;
              progress?.(
                `  round ${r + 1} ${label} ${engine}: ${shot.requests} requests, CPU ms/query ${JSON.stringify(Object.fromEntries(Object.entries(ms).map(([k, v]) => [k, round(v, 2)])))}`,
              );
              runs[engine].push(ms);
            }
          const med = (engine: string) => {
            const per = Object.fromEntries(Object.keys(runs[engine][0]).map((k) => [k, round(median(runs[engine].map((m) => m[k])), 2)]));
            const total = round(median(runs[engine].map((m) => Object.values(m).reduce((a, b) => a + b, 0))), 2);
            return {
              msPerQuery: per,
              totalMs: total,
              gatewayShare: round(per.gateway / total),
              failed: failed[engine],
              firstError: firstError[engine],
            };
          };
          out[label] = Object.fromEntries(names.map((e) => [e, med(e)]));
        }
        result.scenarios.cpu = { ...out, ...(o.variantEnv ? { variantEnv: o.variantEnv } : {}), target: { totalMs: 10, gatewayMs: 3 } };
      }
      if (s === 'listings') {
        const load = (url: string, headers: Record<string, string>): Load => ({
          url,
          headers,
          request: (i) => ({ body: { query: LISTINGS, variables: { text: LISTING_WORDS[i % LISTING_WORDS.length] } } }),
        });
        // The same query both ways (`organization { id }` needs no second subgraph), so the ratio is the gateway's cost.
        await sameAnswers(gateway, proc('resources').url, { query: LISTINGS, variables: { text: 'club' } }, secret);
        // The hub's gateway runs without its response cache (as every test hub does); a second one
        // of ours on the same subgraphs keeps anonymous answers for 10 s, its production default.
        progress?.('starting a second gateway of ours with its response cache on (C2C_RESPONSE_CACHE_SECONDS=10)');
        const cached = await startVariantGateway(subgraphUrls, hub.dataDir, { C2C_RESPONSE_CACHE_SECONDS: '10' });
        try {
          await sameAnswers(gateway, cached.url, { query: LISTINGS, variables: { text: 'club' } }, {});
          const shots = await alternate(
            {
              gateway: (w) => shoot(load(gateway, {}), w ? warm(run) : run),
              cached: (w) => shoot(load(cached.url, {}), w ? warm(run) : run),
              resources: (w) => shoot(load(proc('resources').url, secret), w ? warm(run) : run),
            },
            o.rounds,
            progress,
          );
          const [g, c, r] = [summarise(shots.gateway), summarise(shots.cached), summarise(shots.resources)];
          result.scenarios.listings = {
            query: LISTINGS,
            gateway: g,
            gatewayCached: c,
            resourcesDirect: r,
            ratio: ratio(g.perSecond, r.perSecond),
            cachedRatio: ratio(c.perSecond, r.perSecond),
          };
        } finally {
          await cached.stop();
        }
      }
    }
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await hive?.stop();
    await variant?.stop();
    await hub.stop();
  }
  result.loadAverage.after = os.loadavg().map((x) => round(x, 2));
  return result;
}

/** Sides that had failed requests: their figures are void (an error is not an answer). */
export function failuresOf(r: HubBenchResult): string[] {
  const out: string[] = [];
  for (const [name, x] of Object.entries(r.scenarios))
    for (const [side, v] of Object.entries(x ?? {}).flatMap(([k, v]) =>
      // cpu nests its sides one level deeper (varied/identical → ours/hive).
      v && typeof v === 'object' && !('failed' in v) ? Object.entries(v).map(([k2, v2]) => [`${k} ${k2}`, v2] as const) : [[k, v] as const],
    ))
      if (v && typeof v === 'object' && (v as SideFigures).failed)
        out.push(`${name} ${side}: ${(v as SideFigures).failed} failed, the first ${(v as SideFigures).firstError}`);
  return out;
}

/**
 * `_entities` on resources: the latency of 100 representations against 1 (one connection, so
 * the latency is the request's own, not a queue's), and the SQL statements one such request
 * costs, counted on the same subgraph code in this process (a statement counter is test-only).
 */
async function entities(url: string, secret: Record<string, string>, o: HubBenchOptions, progress?: (m: string) => void) {
  const u = demoUniverse();
  const services = u.services.filter((s) => s.status === 'ACTIVE').slice(0, 100);
  const orgIds = [...new Set(u.services.map((s) => s.organizationId))].slice(0, 20);
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { id name description minimumAge maximumAge free } ... on Organization { services(first: 3) { totalCount edges { node { id name } } } } } }`;
  const reps = (n: number) => services.slice(0, n).map((s) => ({ __typename: 'Service', id: s.id }));
  const body = (n: number) => ({ query, variables: { r: reps(n) } });
  const run = { seconds: o.seconds, connections: 1, maxRequests: o.maxRequests };
  const shots = await alternate(
    {
      one: (w) => shoot({ url, headers: secret, request: () => ({ body: body(1) }) }, w ? warm(run) : run),
      hundred: (w) => shoot({ url, headers: secret, request: () => ({ body: body(100) }) }, w ? warm(run) : run),
    },
    o.rounds,
    progress,
  );
  const [one, hundred] = [summarise(shots.one), summarise(shots.hundred)];
  const sg = await createTestSubgraph(resources, { seed: true });
  const statements: Record<string, number> = {};
  try {
    const count = async (label: string, r: unknown[]) => {
      sg.statements.reset();
      const res = await sg.exec(query, { r });
      if (res.errors) throw new Error(`_entities failed: ${res.errors[0].message}`);
      statements[label] = sg.statements.count;
    };
    await count('1 Service', reps(1));
    await count('100 Service', reps(100));
    await count('100 Service + 20 Organization', [...reps(100), ...orgIds.map((id) => ({ __typename: 'Organization', id }))]);
  } finally {
    await sg.close();
  }
  return {
    one,
    hundred,
    latencyRatio: ratio(hundred.p50Ms, one.p50Ms),
    throughputRatio: ratio(one.perSecond, hundred.perSecond),
    statements,
    target: { latencyRatio: 2, statementsPerEntityType: 1 },
  };
}
