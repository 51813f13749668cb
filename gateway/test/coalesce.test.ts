import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Viewer } from '@c2c/kernel';
import { coalesceKey, InflightFetches, NEVER_COALESCED } from '../src/coalesce';
import type { GatewayContext } from '../src/context';
import { HubDataSource } from '../src/datasource';

/**
 * Coalescing of identical in-flight subgraph fetches, over real HTTP: a server that holds
 * every request until the test releases them, so "in flight together" is certain, and that
 * answers each with the authorization it saw, so a shared answer would show.
 */
const SECRET = 's'.repeat(32);
const ANON: Viewer = { anonymous: true, roles: [], scope: [] };
const VIEWER: Viewer = { anonymous: false, sub: 'x', roles: ['partner_staff'], org: 'o', scope: [] };

let server: http.Server;
let url: string;
let held: (() => void)[] = [];
let received: { authorization?: string; body: any }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      const n = received.push({ authorization: req.headers.authorization, body: JSON.parse(text) });
      held.push(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ data: { who: req.headers.authorization ?? 'anonymous', n } }));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  held = [];
  received = [];
});

/** Releases the held requests once `n` have arrived (or after a second: then fewer came, and the test says so). */
async function releaseAfter(n: number) {
  const until = Date.now() + 1000;
  while (received.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  // A moment more, so a fetch that should not have been shared has every chance to arrive.
  await new Promise((r) => setTimeout(r, 50));
  for (const release of held.splice(0)) release();
}

const kind = 'incoming operation' as Extract<GraphQLDataSourceProcessOptions['kind'], 'incoming operation'>;
function call(ds: HubDataSource, query: string, context: Partial<GatewayContext>, variables: Record<string, unknown> = { id: '1' }) {
  return ds.process({ kind, request: { query, variables }, context: context as GatewayContext, incomingRequestContext: {} as any });
}
const source = (inflight?: InflightFetches, name = 'partners') =>
  new HubDataSource(name, url, SECRET, 5000, undefined, undefined, inflight);
const Q = 'query Q__partners__0($id: ID!) { organization(id: $id) { name } }';
const asCaller = (token?: string, requestId = 'r') => ({ viewer: token ? VIEWER : ANON, token, requestId });

describe('coalescing identical in-flight subgraph fetches', () => {
  it('one caller, the same query twice at once: one subgraph request, and both get its answer', async () => {
    const inflight = new InflightFetches();
    const ds = source(inflight);
    const [a, b] = await Promise.all([call(ds, Q, asCaller('t1', 'r1')), call(ds, Q, asCaller('t1', 'r2')), releaseAfter(2)]);
    expect(received).toHaveLength(1);
    expect(a.data).toEqual({ who: 'Bearer t1', n: 1 });
    expect(b.data).toEqual(a.data);
    expect(inflight.shared).toBe(1);
    // Nothing is kept: the next identical fetch goes to the subgraph again.
    expect(inflight.size).toBe(0);
    await Promise.all([call(ds, Q, asCaller('t1')), releaseAfter(1)]);
    expect(received).toHaveLength(2);
  });

  it('two callers never share: each token gets its own request and its own answer, anonymous included', async () => {
    const ds = source(new InflightFetches());
    const [a, b, c] = await Promise.all([
      call(ds, Q, asCaller('t1')),
      call(ds, Q, asCaller('t2')),
      call(ds, Q, asCaller()),
      releaseAfter(3),
    ]);
    expect(received.map((r) => r.authorization ?? 'anonymous').sort()).toEqual(['Bearer t1', 'Bearer t2', 'anonymous']);
    expect([a.data?.who, b.data?.who, c.data?.who]).toEqual(['Bearer t1', 'Bearer t2', 'anonymous']);
  });

  it('different variables are different fetches', async () => {
    const ds = source(new InflightFetches());
    await Promise.all([call(ds, Q, asCaller('t1'), { id: '1' }), call(ds, Q, asCaller('t1'), { id: '2' }), releaseAfter(2)]);
    expect(received.map((r) => r.body.variables.id).sort()).toEqual(['1', '2']);
  });

  it('a mutation is never coalesced, even the same one by the same caller at the same moment', async () => {
    const ds = source(new InflightFetches());
    const m = 'mutation M__partners__0($id: ID!) { touch(id: $id) { name } }';
    const [a, b] = await Promise.all([call(ds, m, asCaller('t1')), call(ds, m, asCaller('t1')), releaseAfter(2)]);
    expect(received).toHaveLength(2);
    expect([a.data?.n, b.data?.n].sort()).toEqual([1, 2]);
  });

  it('without a coalescer (the students subgraph, or C2C_COALESCE_FETCHES=off) every fetch goes alone', async () => {
    // Every student read is an audited disclosure: two requests must reach students as two.
    expect(NEVER_COALESCED).toContain('students');
    const ds = source(undefined, 'students');
    await Promise.all([call(ds, Q, asCaller('t1')), call(ds, Q, asCaller('t1')), releaseAfter(2)]);
    expect(received).toHaveLength(2);
  });

  it('keys only plain queries, and on url, caller and body', () => {
    const init = (query: string, authorization?: string) => ({
      method: 'POST',
      headers: (authorization ? { authorization } : {}) as Record<string, string>,
      body: JSON.stringify({ query, variables: {} }),
    });
    expect(coalesceKey(url, init('{ a }'))).toBeDefined();
    expect(coalesceKey(url, init('mutation { a }'))).toBeUndefined();
    expect(coalesceKey(url, init('subscription { a }'))).toBeUndefined();
    // Conservative: a query that so much as mentions the word is sent alone.
    expect(coalesceKey(url, init('query { a(note: "mutation") }'))).toBeUndefined();
    expect(coalesceKey(url, { ...init('{ a }'), method: 'GET' })).toBeUndefined();
    expect(coalesceKey(url, { method: 'POST', body: 'not json' })).toBeUndefined();
    expect(coalesceKey(url, init('{ a }', 'Bearer a'))).not.toBe(coalesceKey(url, init('{ a }', 'Bearer b')));
    expect(coalesceKey(url, init('{ a }'))).not.toBe(coalesceKey(`${url}?x`, init('{ a }')));
    // The caller is found however the headers are given.
    const key = coalesceKey(url, init('{ a }', 'Bearer a'));
    const body = init('{ a }').body;
    expect(coalesceKey(url, { method: 'POST', body, headers: { Authorization: 'Bearer a' } })).toBe(key);
    expect(coalesceKey(url, { method: 'POST', body, headers: new Headers({ authorization: 'Bearer a' }) })).toBe(key);
    expect(coalesceKey(url, { method: 'POST', body, headers: [['AUTHORIZATION', 'Bearer a']] })).toBe(key);
    expect(coalesceKey(url, { method: 'POST', body })).not.toBe(key);
  });
});
