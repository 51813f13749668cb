import { ApolloServer } from '@apollo/server';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type Role, type Viewer } from '@c2c/kernel';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { GatewayContext } from '../src/context';
import { countDirectives, estimateCost, limitError, operationLimits, readOperationLimits, type OperationLimits } from '../src/limits';

const DEFAULTS: OperationLimits = {
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 5,
  maxTokens: 2000,
  maxCost: 25_000,
  maxBodyBytes: 1_048_576,
  requireOperationNames: true,
};

describe('readOperationLimits', () => {
  it('has the documented defaults when nothing is set', () => {
    expect(readOperationLimits({})).toEqual(DEFAULTS);
  });

  it('reads every variable', () => {
    expect(
      readOperationLimits({
        C2C_MAX_DEPTH: '5',
        C2C_MAX_ALIASES: '3',
        C2C_MAX_DIRECTIVES: '2',
        C2C_MAX_TOKENS: '400',
        C2C_MAX_COST: '900',
        C2C_MAX_BODY_BYTES: '4096',
        C2C_REQUIRE_OPERATION_NAMES: 'false',
      }),
    ).toEqual({
      maxDepth: 5,
      maxAliases: 3,
      maxDirectives: 2,
      maxTokens: 400,
      maxCost: 900,
      maxBodyBytes: 4096,
      requireOperationNames: false,
    });
  });

  it.each([
    ['an empty', ''],
    ['a zero', '0'],
    ['a negative', '-5'],
    ['a non-numeric', 'twelve'],
    ['an infinite', 'Infinity'],
    ['a NaN', 'NaN'],
  ])('falls back to the defaults for %s value (%p)', (_label, raw) => {
    const l = readOperationLimits({
      C2C_MAX_DEPTH: raw,
      C2C_MAX_ALIASES: raw,
      C2C_MAX_DIRECTIVES: raw,
      C2C_MAX_TOKENS: raw,
      C2C_MAX_COST: raw,
      C2C_MAX_BODY_BYTES: raw,
    });
    expect(l).toEqual(DEFAULTS);
  });

  it('takes any positive finite number as written (no integer check, JavaScript number syntax)', () => {
    expect(readOperationLimits({ C2C_MAX_DEPTH: '1.5' }).maxDepth).toBe(1.5);
    expect(readOperationLimits({ C2C_MAX_COST: '1e3' }).maxCost).toBe(1000);
    expect(readOperationLimits({ C2C_MAX_TOKENS: ' 300 ' }).maxTokens).toBe(300);
    expect(readOperationLimits({ C2C_MAX_BODY_BYTES: '0x10' }).maxBodyBytes).toBe(16);
  });

  it('requires operation names unless the variable is exactly "false"', () => {
    expect(readOperationLimits({ C2C_REQUIRE_OPERATION_NAMES: 'false' }).requireOperationNames).toBe(false);
    for (const raw of ['true', '', '0', 'no', 'FALSE', ' false']) {
      expect({ raw, required: readOperationLimits({ C2C_REQUIRE_OPERATION_NAMES: raw }).requireOperationNames }).toEqual({
        raw,
        required: true,
      });
    }
  });
});

describe('limitError', () => {
  it('is a client error with a public validation code, 400 unless told otherwise', () => {
    const e = limitError('too much');
    expect(e.message).toBe('too much');
    expect(e.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } });
    expect(limitError('x', 413).extensions.http).toEqual({ status: 413 });
  });
});

describe('estimateCost', () => {
  /** Cost of the first operation in `source` (or the one named `name`). */
  const cost = (source: string, variables: Record<string, unknown> = {}, name?: string) => {
    const document = parse(source);
    const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = name ? ops.find((o) => o.name?.value === name)! : ops[0];
    return estimateCost(document, operation, variables);
  };

  it('uses the kernel page sizes (20 by default, at most 100)', () => {
    expect([DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE]).toEqual([20, 100]);
  });

  it('counts one per field, objects included, and nothing for __typename', () => {
    expect(cost('{ a }')).toBe(1);
    expect(cost('{ a b c }')).toBe(3);
    // organization 1 + (id + name)
    expect(cost('{ organization(id: "x") { id name } }')).toBe(3);
    expect(cost('{ organization(id: "x") { id name __typename } __typename }')).toBe(3);
    expect(cost('{ __typename }')).toBe(0);
    // Aliases are separate fields.
    expect(cost('{ a: organization(id: "1") { id } b: organization(id: "2") { id } }')).toBe(4);
  });

  it('multiplies what is below a field by its `first`', () => {
    // organizations 1 + 5 × (edges 1 + node (1 + id + name)) = 1 + 5 × 4
    expect(cost('{ organizations(first: 5) { edges { node { id name } } } }')).toBe(21);
    // totalCount is below the page too: it is multiplied like any field.
    expect(cost('{ organizations(first: 5) { totalCount } }')).toBe(6);
    // `last` counts as a page size as well.
    expect(cost('{ organizations(last: 3) { edges { node { id } } } }')).toBe(1 + 3 * 3);
    // A leaf with a page size costs one: nothing below it to multiply.
    expect(cost('{ tags(first: 50) }')).toBe(1);
  });

  it('takes the default page (20) for a connection without `first`, recognised by its edges', () => {
    expect(cost('{ organizations { edges { node { id } } } }')).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    // Without `first` and without edges it is not a page.
    expect(cost('{ organizations { totalCount } }')).toBe(2);
  });

  it('clamps page sizes to 1..100', () => {
    expect(cost('{ organizations(first: 0) { edges { node { id } } } }')).toBe(1 + 1 * 3);
    expect(cost('{ organizations(first: -7) { edges { node { id } } } }')).toBe(1 + 1 * 3);
    expect(cost('{ organizations(first: 100000) { edges { node { id } } } }')).toBe(1 + MAX_PAGE_SIZE * 3);
  });

  it('reads `first` from variables, and takes the default page for a missing or non-numeric one', () => {
    const q = 'query Q($n: Int) { organizations(first: $n) { edges { node { id } } } }';
    expect(cost(q, { n: 7 })).toBe(1 + 7 * 3);
    expect(cost(q, { n: 1000 })).toBe(1 + 100 * 3);
    expect(cost(q, {})).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    expect(cost(q, { n: '7' })).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    expect(cost(q, { n: null })).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    // A literal that is not an integer also falls back.
    expect(cost('{ organizations(first: "7") { edges { node { id } } } }')).toBe(1 + DEFAULT_PAGE_SIZE * 3);
    // Without a variables argument at all.
    const document = parse(q);
    expect(estimateCost(document, document.definitions[0] as OperationDefinitionNode)).toBe(1 + DEFAULT_PAGE_SIZE * 3);
  });

  it('multiplies nested pages: a hundred organisations of a hundred services each', () => {
    // services: 1 + 100 × (edges 1 + node (1 + id)) = 301; organization node 1 + 301; edges 1 + 302; organizations 1 + 100 × 303
    const q = '{ organizations(first: 100) { edges { node { services(first: 100) { edges { node { id } } } } } } }';
    expect(cost(q)).toBe(30_301);
    expect(cost(q)).toBeGreaterThan(DEFAULTS.maxCost);
  });

  it('counts named fragments where they are spread (each time) and inline fragments in place', () => {
    const viaFragment = cost('query { organizations(first: 5) { edges { node { ...Org } } } } fragment Org on Organization { id name }');
    expect(viaFragment).toBe(cost('{ organizations(first: 5) { edges { node { id name } } } }'));
    expect(cost('{ a { ...F } b { ...F } } fragment F on T { x y }')).toBe(2 + 2 * 2);
    expect(cost('{ node(id: "1") { ... on Organization { id name } ... on Service { id } } }')).toBe(1 + 3);
    // A fragment's own page sizes apply below the spread.
    expect(
      cost(
        '{ organization(id: "1") { ...Refs } } fragment Refs on Organization { receivedReferrals(first: 10) { edges { node { id } } } }',
      ),
    ).toBe(1 + (1 + 10 * 3));
  });

  it('never loops on a fragment that spreads itself, and costs an unknown fragment nothing', () => {
    expect(cost('{ a { ...F } } fragment F on T { x ...F }')).toBe(2);
    expect(cost('{ a { ...F } } fragment F on T { x ...G } fragment G on T { y ...F }')).toBe(3);
    expect(cost('{ a { ...Missing } }')).toBe(1);
  });

  it('costs only the operation asked for', () => {
    const doc = 'query Cheap { a } query Dear { organizations(first: 100) { edges { node { id } } } }';
    expect(cost(doc, {}, 'Cheap')).toBe(1);
    expect(cost(doc, {}, 'Dear')).toBe(301);
  });
});

describe('operationLimits: what the gateway refuses before asking any subgraph', () => {
  const typeDefs = `#graphql
    type Query {
      organization(id: ID!): Organization
      organizations(first: Int, after: String): OrganizationConnection!
    }
    type OrganizationConnection { totalCount: Int! edges: [OrganizationEdge!]! }
    type OrganizationEdge { node: Organization! }
    type Organization { id: ID! name: String! parent: Organization services(first: Int): ServiceConnection! }
    type ServiceConnection { totalCount: Int! edges: [ServiceEdge!]! }
    type ServiceEdge { node: Service! }
    type Service { id: ID! name: String! }
  `;
  const org = (id: string): any => ({ id, name: `Org ${id}`, parent: () => org(`${id}.p`), services: { totalCount: 0, edges: [] } });
  const resolvers = {
    Query: {
      organization: (_: unknown, a: { id: string }) => org(a.id),
      organizations: () => ({ totalCount: 1, edges: [{ node: org('1') }] }),
    },
  };

  const viewer = (...roles: Role[]): Viewer =>
    roles.length ? { anonymous: false, sub: 'u1', roles, scope: [] } : { anonymous: true, roles: [], scope: [] };

  const servers: ApolloServer<GatewayContext>[] = [];
  async function server(overrides: Partial<OperationLimits> = {}, production = false) {
    const limits = operationLimits({ ...DEFAULTS, ...overrides }, production);
    const s = new ApolloServer<GatewayContext>({
      typeDefs,
      resolvers,
      introspection: true,
      validationRules: limits.validationRules,
      parseOptions: limits.parseOptions,
      plugins: limits.plugins,
    });
    await s.start();
    servers.push(s);
    return async (query: string, as: Viewer = viewer(), variables?: Record<string, unknown>) => {
      const res = await s.executeOperation({ query, variables }, { contextValue: { viewer: as, requestId: 'r' } });
      if (res.body.kind !== 'single') throw new Error('expected a single result');
      const { errors, data } = res.body.singleResult;
      return {
        status: res.http.status ?? 200,
        data,
        messages: (errors ?? []).map((e) => e.message),
        codes: (errors ?? []).map((e) => e.extensions?.code),
      };
    };
  }
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it('lets an ordinary query through under the defaults', async () => {
    const run = await server();
    const r = await run('query Q { organizations(first: 5) { totalCount edges { node { id name } } } }');
    expect(r).toEqual({
      status: 200,
      data: { organizations: { totalCount: 1, edges: [{ node: { id: '1', name: 'Org 1' } }] } },
      messages: [],
      codes: [],
    });
  });

  it('refuses depth beyond maxDepth, counting fragments as flattened', async () => {
    const run = await server({ maxDepth: 3 });
    // Leaves count: organization > parent > id is depth 3.
    expect((await run('{ organization(id: "1") { parent { id } } }')).messages).toEqual([]);
    const deep = await run('{ organization(id: "1") { parent { parent { id } } } }');
    expect(deep.data).toBeUndefined();
    expect(deep.status).toBe(400);
    expect(deep.codes).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(deep.messages).toEqual([expect.stringMatching(/Query depth limit of 3 exceeded, found 4/)]);
    const viaFragment = await run('{ organization(id: "1") { ...P } } fragment P on Organization { parent { parent { id } } }');
    expect(viaFragment.messages).toEqual([expect.stringMatching(/depth limit of 3 exceeded/)]);
  });

  it('refuses more aliases than maxAliases, __typename aliases included', async () => {
    const run = await server({ maxAliases: 2 });
    expect((await run('{ a: organization(id: "1") { id } b: organization(id: "2") { id } }')).messages).toEqual([]);
    const three = await run('{ a: organization(id: "1") { id } b: organization(id: "2") { id } c: organization(id: "3") { id } }');
    expect(three.status).toBe(400);
    expect(three.messages).toEqual([expect.stringMatching(/Aliases limit of 2 exceeded, found 3/)]);
    const typenames = await run('{ t1: __typename t2: __typename t3: __typename }');
    expect(typenames.messages).toEqual([expect.stringMatching(/Aliases limit of 2 exceeded, found 3/)]);
  });

  it('refuses more directives than maxDirectives', async () => {
    const run = await server({ maxDirectives: 2 });
    expect((await run('{ organization(id: "1") { id @include(if: true) name @skip(if: false) } }')).messages).toEqual([]);
    const many = await run('{ organization(id: "1") { id @include(if: true) name @skip(if: false) parent @include(if: true) { id } } }');
    expect(many.status).toBe(400);
    expect(many.messages).toEqual([expect.stringMatching(/Directives limit of 2 exceeded, found 3/)]);
  });

  it('refuses a document with more tokens than maxTokens while parsing', async () => {
    const run = await server({ maxTokens: 11 });
    // { organization ( id : "1" ) { id } } and the end of the document: 11 tokens for graphql-js.
    expect((await run('{ organization(id: "1") { id } }')).messages).toEqual([]);
    const long = await run('{ organization(id: "1") { id name } }');
    expect(long.status).toBe(400);
    expect(long.codes).toEqual(['GRAPHQL_PARSE_FAILED']);
    // (graphql-js spells it "more that")
    expect(long.messages).toEqual([expect.stringMatching(/Document contains more tha[nt] 11 tokens/)]);
  });

  it('refuses an estimated cost above maxCost, with the estimate in the message, and reads `first` from variables', async () => {
    const run = await server({ maxCost: 300 });
    const q = 'query Q($n: Int) { organizations(first: $n) { edges { node { id } } } }';
    // 1 + n × 3: 298 for 99, 301 for 100.
    expect((await run(q, viewer(), { n: 99 })).messages).toEqual([]);
    const dear = await run(q, viewer(), { n: 100 });
    expect(dear).toEqual({
      status: 400,
      data: undefined,
      messages: ['Query is too expensive: estimated cost 301 exceeds 300'],
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    // The query limits.ts names as the reason for the estimate, against the default budget.
    const defaults = await server();
    const nested = await defaults('{ organizations(first: 100) { edges { node { services(first: 100) { edges { node { id } } } } } } }');
    expect(nested.messages).toEqual(['Query is too expensive: estimated cost 30301 exceeds 25000']);
  });

  it('requires API clients (embed role) to name their operations, unless turned off', async () => {
    const run = await server();
    expect((await run('{ organization(id: "1") { id } }', viewer('embed'))).messages).toEqual([
      'API clients must name their operations (query Name { … })',
    ]);
    expect((await run('query Listing { organization(id: "1") { id } }', viewer('embed'))).messages).toEqual([]);
    // People (and anonymous callers) may send anonymous operations.
    expect((await run('{ organization(id: "1") { id } }', viewer('partner_staff'))).messages).toEqual([]);
    expect((await run('{ organization(id: "1") { id } }')).messages).toEqual([]);
    const off = await server({ requireOperationNames: false });
    expect((await off('{ organization(id: "1") { id } }', viewer('embed'))).messages).toEqual([]);
  });

  it('allows introspection in development and, in production, to hub operators only', async () => {
    const q = '{ __schema { queryType { name } } }';
    const dev = await server({}, false);
    expect((await dev(q)).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const prod = await server({}, true);
    const anon = await prod(q);
    expect(anon).toEqual({ status: 400, data: undefined, messages: ['Introspection is disabled'], codes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect((await prod(q, viewer('district_admin'))).messages).toEqual(['Introspection is disabled']);
    expect((await prod('{ __type(name: "Organization") { name } }', viewer('partner_staff'))).messages).toEqual([
      'Introspection is disabled',
    ]);
    expect((await prod(q, viewer('cec_admin'))).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    // __typename is not introspection.
    expect((await prod('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('refuses circular introspection even to operators in development, but not the standard two type-to-type hops', async () => {
    const run = await server({}, false);
    const standard = await run('{ __schema { types { fields { type { name ofType { name } } } } } }');
    expect(standard.messages).toEqual([]);
    const circular = await run('{ __schema { types { fields { type { fields { type { name } } } } } } }', viewer('cec_admin'));
    expect(circular).toEqual({
      status: 400,
      data: undefined,
      messages: ['Introspection query is too deep'],
      codes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    // Hidden in a fragment on an introspection type, it is still found (Apollo's own
    // introspection-depth rule, which counts only fields/interfaces/possibleTypes/inputFields, lets it pass).
    const viaFragment = await run('{ __schema { ...S } } fragment S on __Schema { types { fields { type { fields { name } } } } }');
    expect(viaFragment.messages).toEqual(['Introspection query is too deep']);
  });

  it('hides field suggestions in production only', async () => {
    const dev = await server({}, false);
    expect((await dev('{ organization(id: "1") { nam } }')).messages).toEqual([expect.stringContaining('Did you mean "name"?')]);
    const prod = await server({}, true);
    const hidden = await prod('{ organization(id: "1") { nam } }');
    expect(hidden.messages).toHaveLength(1);
    expect(hidden.messages[0]).not.toMatch(/Did you mean/);
  });
});

describe('countDirectives', () => {
  it('counts directive tokens, not "@" characters in strings or comments', () => {
    expect(countDirectives('{ a @include(if: true) b @skip(if: false) }')).toBe(2);
    expect(countDirectives('{ a(search: "@@@@") }')).toBe(0);
    expect(countDirectives('# @nope\n{ a }')).toBe(0);
    expect(countDirectives(`{ __typename ${'@aa'.repeat(10)} }`)).toBe(10);
  });

  it('leaves a document that does not lex to the parser, counting what came before', () => {
    expect(countDirectives('{ a @x "unterminated')).toBe(1);
  });
});
