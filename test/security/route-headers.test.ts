import fs from 'node:fs';
import path from 'node:path';
import { SECRETS, startTestHub, token } from '@c2c/testing';
import * as demo from '@c2c/demo';

/**
 * The cache and auth headers of every HTTP route of the gateway, for an anonymous caller, a
 * caller with a good token and one with a bad token. An answer that depends on the caller is
 * never stored by a shared cache; a refused token gets 401 with WWW-Authenticate, never a 500.
 */
type Route = {
  method: 'GET' | 'POST';
  path: string;
  /** Where the route is registered (a string literal in gateway/src), when it differs from `path`. */
  registered?: string;
  body?: unknown;
  /** Same bytes for everyone: it may be publicly cached whoever asks. */
  static?: boolean;
  /** Public caching allowed for anonymous callers (answers from the graph as the anonymous caller). */
  publicWhenAnonymous?: boolean;
  /** Reads the bearer token (so a bad one is refused with 401). */
  readsToken?: boolean;
};

const ROUTES: Route[] = [
  { method: 'POST', path: '/graphql', body: { query: '{ organizations(first: 1) { totalCount } }' }, readsToken: true },
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/readyz' },
  { method: 'GET', path: '/metrics' },
  { method: 'GET', path: '/.well-known/jwks.json', registered: 'GATEWAY_JWKS_PATH', static: true },
  { method: 'POST', path: '/auth/token', body: { apiKey: 'c2c_not-a-key' } },
  // The HSDS feed: every endpoint answers from the graph as the caller (ids filled in from the feed itself).
  { method: 'GET', path: '/hsds', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/openapi.json', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/services?per_page=1', registered: '/hsds/services', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/services/SERVICE', registered: '/hsds/services/:id', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/organizations?per_page=1', registered: '/hsds/organizations', publicWhenAnonymous: true, readsToken: true },
  {
    method: 'GET',
    path: '/hsds/organizations/ORGANIZATION',
    registered: '/hsds/organizations/:id',
    publicWhenAnonymous: true,
    readsToken: true,
  },
  { method: 'GET', path: '/hsds/taxonomies?per_page=1', registered: '/hsds/taxonomies', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/taxonomies/TAXONOMY', registered: '/hsds/taxonomies/:id', publicWhenAnonymous: true, readsToken: true },
  {
    method: 'GET',
    path: '/hsds/taxonomy_terms?per_page=1',
    registered: '/hsds/taxonomy_terms',
    publicWhenAnonymous: true,
    readsToken: true,
  },
  { method: 'GET', path: '/hsds/taxonomy_terms/TERM', registered: '/hsds/taxonomy_terms/:id', publicWhenAnonymous: true, readsToken: true },
  {
    method: 'GET',
    path: '/hsds/service_at_locations?per_page=1',
    registered: '/hsds/service_at_locations',
    publicWhenAnonymous: true,
    readsToken: true,
  },
  {
    method: 'GET',
    path: '/hsds/service_at_locations/SAL',
    registered: '/hsds/service_at_locations/:id',
    publicWhenAnonymous: true,
    readsToken: true,
  },
  { method: 'GET', path: '/hsds/locations?per_page=1', registered: '/hsds/locations', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/locations/LOCATION', registered: '/hsds/locations/:id', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/hsds/services?format=ndjson', registered: '/hsds/services', publicWhenAnonymous: true, readsToken: true },
  { method: 'GET', path: '/embed/c2c-listings.js', static: true },
  { method: 'GET', path: '/embed/demo.html', registered: "['/embed', '/embed/', '/embed/demo.html']", static: true },
  { method: 'GET', path: '/embed/api/search?per_page=1', registered: '/embed/api/search', publicWhenAnonymous: true, readsToken: true },
  {
    method: 'GET',
    path: '/reports/referral-metrics.csv?from=2026-01-01&to=2026-12-31&groupBy=PROVIDER',
    registered: '/reports/referral-metrics.csv',
    readsToken: true,
  },
  {
    method: 'GET',
    path: '/reports/referral-unmet-need.csv?from=2026-01-01&to=2026-12-31',
    registered: '/reports/referral-unmet-need.csv',
    readsToken: true,
  },
  {
    method: 'GET',
    path: '/reports/events-report.csv?by=ENGAGEMENT_LEVEL&year=2026',
    registered: '/reports/events-report.csv',
    readsToken: true,
  },
  {
    method: 'GET',
    path: '/reports/disclosures.csv?organization=ORGANIZATION&from=2026-01-01&to=2026-12-31',
    registered: '/reports/disclosures.csv',
    readsToken: true,
  },
];

/** Every route path registered in gateway/src, as written there. */
function registeredRoutes(): string[] {
  const dir = path.resolve(__dirname, '..', '..', 'gateway', 'src');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const found = new Set<string>();
  for (const f of files) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    for (const m of src.matchAll(/app\.(?:get|post|put|patch|delete|all)\(\s*('([^']+)'|\[[^\]]+\]|[A-Z_]+)/g)) found.add(m[2] ?? m[1]);
    // app.use with a path mounts a route too (the GraphQL endpoint).
    for (const m of src.matchAll(/app\.use\(\s*'([^']+)'/g)) found.add(m[1]);
    // Every CSV report of a `<topic>.reports.ts` is served at /reports/<name>.csv (reports/report.routes.ts).
    if (f.endsWith('.reports.ts')) for (const m of src.matchAll(/^\s*name: '([^']+)'/gm)) found.add(`/reports/${m[1]}.csv`);
  }
  return [...found].sort();
}

describe('headers of every gateway route', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let base: string;
  let good: string;
  const service = demo.demoUniverse().services.find((s) => s.status === 'ACTIVE')!;
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    base = hub.hub.gatewayUrl.replace(/\/graphql$/, '');
    good = await token('cec_admin');
    const first = async (list: string) => (await (await fetch(`${base}/hsds/${list}?per_page=1`)).json()).contents[0];
    const sal = await first('service_at_locations');
    ids = {
      SERVICE: service.id,
      ORGANIZATION: (await first('organizations')).id,
      TAXONOMY: (await first('taxonomies')).id,
      TERM: (await first('taxonomy_terms')).id,
      SAL: sal.id,
      LOCATION: sal.location_id,
    };
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('covers every route the gateway registers', () => {
    const listed = [...new Set(ROUTES.map((r) => r.registered ?? r.path.split('?')[0]))].sort();
    // The probes share one no-store middleware mounted on a list of paths.
    expect(registeredRoutes().filter((r) => !r.startsWith("['/healthz'"))).toEqual(listed);
  });

  const send = (r: Route, authorization?: string) =>
    fetch(`${base}${r.path.replace(/\b(SERVICE|ORGANIZATION|TAXONOMY|TERM|SAL|LOCATION)\b/, (k) => ids[k])}`, {
      method: r.method,
      headers: {
        ...(r.body ? { 'content-type': 'application/json' } : {}),
        ...(authorization ? { authorization } : {}),
        // The GraphQL endpoint refuses GET-less CSRF-unsafe requests only for GET; POST JSON is fine.
      },
      body: r.body ? JSON.stringify(r.body) : undefined,
    });

  it.each(ROUTES)('$method $path: anonymous answers are public only where nothing depends on the caller', async (r) => {
    const res = await send(r);
    expect(res.status).toBeLessThan(500);
    const cc = res.headers.get('cache-control') ?? '';
    if (r.static || r.publicWhenAnonymous) {
      expect(cc).toMatch(/^(public, max-age=\d+|no-store)$/);
      if (r.publicWhenAnonymous) expect(res.headers.get('vary') ?? '').toMatch(/authorization/i);
    } else {
      expect(cc).not.toMatch(/public/);
      expect(cc).toMatch(/no-store|private/);
    }
  });

  it.each(ROUTES.filter((r) => !r.static))('$method $path: an answer for a token is never shared-cacheable', async (r) => {
    const res = await send(r, `Bearer ${good}`);
    expect(res.status).toBeLessThan(500);
    const cc = res.headers.get('cache-control') ?? '';
    expect(cc).not.toMatch(/public/);
    expect(cc).toMatch(/no-store|private/);
  });

  it.each(ROUTES.filter((r) => r.readsToken))('$method $path: a bad token is 401 with WWW-Authenticate, never 500', async (r) => {
    for (const authorization of ['Bearer not-a-token', 'Basic abc', `Bearer ${good.slice(0, -4)}AAAA`]) {
      const res = await send(r, authorization);
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="c2c-hub"/);
      expect(res.headers.get('cache-control') ?? '').not.toMatch(/public/);
    }
  });

  it('keeps the subgraph secret out of every answer', async () => {
    for (const r of ROUTES) {
      const text = await (await send(r, `Bearer ${good}`)).text();
      expect({ route: r.path, leaks: text.includes(SECRETS.C2C_SUBGRAPH_SECRET) }).toEqual({ route: r.path, leaks: false });
    }
  });
});
