import fs from 'node:fs';
import path from 'node:path';
import { ApolloGateway, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { SUBGRAPH_SECRET_HEADER, type Viewer } from '@c2c/kernel';
import type { GatewayContext } from '../src/context';
import { HubDataSource } from '../src/datasource';

/**
 * How the gateway places a failed subgraph's fields: `HubDataSource.process` turns a fetch that
 * throws (refused, timed out, 5xx, unreadable) into `null` data with one SUBGRAPH_UNAVAILABLE
 * error per selected response name — `_entities.i.field` for an entity fetch, the root field
 * for a root fetch — which Apollo Gateway then maps to the client's own paths.
 * No network: `globalThis.fetch` is replaced for each test.
 */

const SECRET = 's'.repeat(32);
const ANON: Viewer = { anonymous: true, roles: [], scope: [] };

type Call = { url: string; headers: Record<string, string>; body: any };
let calls: Call[];
let fetchSpy: jest.SpyInstance;

/** Replaces fetch with `answer`, recording each call's URL, headers and JSON body. */
function stubFetch(answer: (call: Call) => Promise<Response> | Response) {
  calls = [];
  fetchSpy = jest.spyOn(globalThis, 'fetch').mockImplementation(async (input: any, init?: RequestInit) => {
    const call = { url: String(input), headers: { ...(init?.headers as Record<string, string>) }, body: JSON.parse(String(init?.body)) };
    calls.push(call);
    return answer(call);
  });
}
afterEach(() => fetchSpy?.mockRestore());

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refused = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));

function source(name = 'referrals', timeoutMs = 1000) {
  const warnings: { obj: any; msg: string }[] = [];
  const log = { warn: (obj: any, msg: string) => warnings.push({ obj, msg }) } as any;
  return { ds: new HubDataSource(name, `http://${name}.test/graphql`, SECRET, timeoutMs, undefined, log), warnings };
}

/** What Apollo Gateway hands a data source for one fetch of the plan. */
function process(
  ds: HubDataSource,
  query: string,
  variables?: Record<string, unknown>,
  context: Partial<GatewayContext> = { viewer: ANON, requestId: 'req-1' },
) {
  // The request-kind enum is not exported at run time; this is its INCOMING_OPERATION value.
  const kind = 'incoming operation' as Extract<GraphQLDataSourceProcessOptions['kind'], 'incoming operation'>;
  return ds.process({ kind, request: { query, variables }, context: context as GatewayContext, incomingRequestContext: {} as any });
}

const unavailable = (subgraph: string, p: (string | number)[]) => ({
  message: `Subgraph ${subgraph} is unavailable`,
  path: p,
  extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
});

describe('HubDataSource: a failed fetch costs only the fields it selected, on their paths', () => {
  it('a root fetch: data null and one error per root response name (aliases as written, __typename left out)', async () => {
    stubFetch(refused);
    const { ds, warnings } = source('partners');
    const res = await process(
      ds,
      'query Q($id: ID!) { organization(id: $id) { __typename id name } mine: organizations(first: 2) { totalCount } __typename }',
      { id: 'o1' },
    );
    expect(res).toEqual({ data: null, errors: [unavailable('partners', ['organization']), unavailable('partners', ['mine'])] });
    expect(warnings).toEqual([{ obj: { subgraph: 'partners', requestId: 'req-1', err: 'fetch failed' }, msg: 'subgraph fetch failed' }]);
  });

  it('an entity fetch: _entities is one null per representation, with errors on _entities.i.field for that type’s fields', async () => {
    stubFetch(refused);
    const { ds } = source('referrals');
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Organization { __typename receivedReferrals(first: 20) { totalCount } sent: sentReferrals { totalCount } }
      ... on Service { referralCount } } }`;
    const representations = [
      { __typename: 'Organization', id: 'o1' },
      { __typename: 'Service', id: 's1' },
      { __typename: 'Organization', id: 'o2' },
    ];
    const res = await process(ds, query, { representations });
    expect(res).toEqual({
      data: { _entities: [null, null, null] },
      errors: [
        unavailable('referrals', ['_entities', 0, 'receivedReferrals']),
        unavailable('referrals', ['_entities', 0, 'sent']),
        unavailable('referrals', ['_entities', 1, 'referralCount']),
        unavailable('referrals', ['_entities', 2, 'receivedReferrals']),
        unavailable('referrals', ['_entities', 2, 'sent']),
      ],
    });
  });

  it('a representation of a type the fetch selects nothing of gets its error on _entities.i', async () => {
    stubFetch(refused);
    const { ds } = source('students');
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Student { givenName } } }';
    const res = await process(ds, query, {
      representations: [
        { __typename: 'Teacher', id: 't' },
        { __typename: 'Student', id: 's' },
      ],
    });
    expect(res).toEqual({
      data: { _entities: [null, null] },
      errors: [unavailable('students', ['_entities', 0]), unavailable('students', ['_entities', 1, 'givenName'])],
    });
  });

  it('caps the errors at 100, however many entities failed', async () => {
    stubFetch(refused);
    const { ds } = source('resources');
    const query =
      'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Service { name description } } }';
    const representations = Array.from({ length: 80 }, (_, i) => ({ __typename: 'Service', id: `s${i}` }));
    const res = await process(ds, query, { representations });
    expect((res.data as any)._entities).toHaveLength(80);
    expect(res.errors).toHaveLength(100);
    expect(res.errors![99]).toEqual(unavailable('resources', ['_entities', 49, 'description']));
  });

  it('a timeout is reported like any other failure, and logged with the subgraph’s own budget', async () => {
    stubFetch(() => Promise.reject(new DOMException('The operation was aborted due to timeout', 'TimeoutError')));
    const { ds, warnings } = source('events', 2500);
    const res = await process(ds, '{ eventTotals { count } }');
    expect(res).toEqual({ data: null, errors: [unavailable('events', ['eventTotals'])] });
    expect(warnings.map((w) => w.obj.err)).toEqual(['events did not answer within 2500 ms']);
  });

  it('a 5xx answer, and a non-GraphQL 4xx answer, are failures too', async () => {
    const { ds } = source('partners');
    stubFetch(() => json({ data: { organization: { name: 'ignored' } } }, 502));
    expect(await process(ds, '{ organization(id: "o1") { name } }')).toEqual({
      data: null,
      errors: [unavailable('partners', ['organization'])],
    });
    fetchSpy.mockRestore();
    stubFetch(() => json({ error: 'bad gateway secret' }, 403));
    expect(await process(ds, '{ organization(id: "o1") { name } }')).toEqual({
      data: null,
      errors: [unavailable('partners', ['organization'])],
    });
    fetchSpy.mockRestore();
    stubFetch(() => new Response('<html>busy</html>', { status: 429, headers: { 'content-type': 'text/html' } }));
    expect(await process(ds, '{ organization(id: "o1") { name } }')).toEqual({
      data: null,
      errors: [unavailable('partners', ['organization'])],
    });
  });

  it('an unparsable query gives no paths at all', async () => {
    stubFetch(refused);
    const { ds } = source('partners');
    expect(await process(ds, '{ organization(')).toEqual({ data: null, errors: [] });
  });

  it('a 4xx answer with a GraphQL body is the answer: the data and each error’s own code and path survive', async () => {
    const body = {
      data: { organization: { name: 'Robotics for All', receivedReferrals: null } },
      errors: [{ message: 'Sign in', path: ['organization', 'receivedReferrals'], extensions: { code: 'UNAUTHENTICATED' } }],
    };
    stubFetch(() => json(body, 401));
    const { ds } = source('referrals');
    const res = await process(ds, '{ organization(id: "o1") { name receivedReferrals { totalCount } } }');
    expect({ data: res.data, errors: res.errors }).toEqual(body);
  });

  it('sends the subgraph secret, the caller’s own token and the request id, and nothing else of the caller’s', async () => {
    stubFetch(() => json({ data: { a: 1 } }));
    const { ds } = source('partners');
    await process(ds, '{ a }', undefined, { viewer: ANON, token: 'tok-123', requestId: 'req-9' });
    await process(ds, '{ a }', undefined, {});
    expect(calls.map((c) => c.url)).toEqual(['http://partners.test/graphql', 'http://partners.test/graphql']);
    expect(calls[0].headers).toEqual({
      'content-type': 'application/json',
      [SUBGRAPH_SECRET_HEADER]: SECRET,
      authorization: 'Bearer tok-123',
      'x-request-id': 'req-9',
    });
    // The gateway's own requests (health checks) carry no identity.
    expect(calls[1].headers).toEqual({ 'content-type': 'application/json', [SUBGRAPH_SECRET_HEADER]: SECRET });
    expect(calls[0].body).toEqual({ query: '{ a }' });
  });
});

describe('through Apollo Gateway on the committed supergraph: the client sees the error on its own path', () => {
  const supergraphSdl = fs.readFileSync(path.resolve(__dirname, '../../schema/supergraph.graphql'), 'utf8');
  const QUERY = `query Org($org: ID!) { organization(id: $org) { name
    receivedReferrals(first: 20) { totalCount }
    events(first: 5) { edges { node { title } } } } }`;
  let apollo: ApolloServer<GatewayContext>;
  beforeAll(async () => {
    const gateway = new ApolloGateway({
      supergraphSdl,
      buildService: ({ name }) => new HubDataSource(name, `http://${name}.test/graphql`, SECRET, 1000),
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    apollo = new ApolloServer<GatewayContext>({ gateway });
    await apollo.start();
  });
  afterAll(() => apollo?.stop());

  const subgraphOf = (url: string) => new URL(url).hostname.replace(/\.test$/, '');

  it('referrals down: receivedReferrals is null with SUBGRAPH_UNAVAILABLE at organization.receivedReferrals; the rest answers', async () => {
    stubFetch((call) => {
      const sg = subgraphOf(call.url);
      if (sg === 'partners') return json({ data: { organization: { __typename: 'Organization', id: 'o1', name: 'Robotics for All' } } });
      if (sg === 'events') return json({ data: { _entities: [{ events: { edges: [{ node: { title: 'Demo night' } }] } }] } });
      return refused();
    });
    const res = await apollo.executeOperation(
      { query: QUERY, variables: { org: 'o1' } },
      { contextValue: { viewer: ANON, requestId: 'r' } },
    );
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = res.body.singleResult;
    expect(data).toEqual({
      organization: { name: 'Robotics for All', receivedReferrals: null, events: { edges: [{ node: { title: 'Demo night' } }] } },
    });
    expect(errors?.map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code }))).toEqual([
      { message: 'Subgraph referrals is unavailable', path: ['organization', 'receivedReferrals'], code: 'SUBGRAPH_UNAVAILABLE' },
    ]);
    expect(calls.map((c) => subgraphOf(c.url)).sort()).toEqual(['events', 'partners', 'referrals']);
  });

  it('partners down: the root field is null with the error on organization, and nothing else is asked', async () => {
    stubFetch(refused);
    const res = await apollo.executeOperation(
      { query: QUERY, variables: { org: 'o1' } },
      { contextValue: { viewer: ANON, requestId: 'r' } },
    );
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = res.body.singleResult;
    expect(data).toEqual({ organization: null });
    expect(errors?.map((e) => ({ path: e.path, code: e.extensions?.code }))).toEqual([
      { path: ['organization'], code: 'SUBGRAPH_UNAVAILABLE' },
    ]);
    expect(calls.map((c) => subgraphOf(c.url))).toEqual(['partners']);
  });
});
