import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import {
  buildSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { gql, post, SECRETS, startTestHub, token } from '@c2c/testing';

/**
 * Data-sharing agreements across subgraphs, over real HTTP: the partners subgraph owns them;
 * students and events ask it (kernel/src/agreements.ts) and cache the answer per
 * organisation for C2C_AGREEMENT_TTL_SECONDS — 2 s here, at most 60 in production (a larger
 * value is refused at start). Then the API-key exchange at the gateway and what an `embed`
 * token can reach: every query and mutation of the API schema.
 */
const TTL_SECONDS = 2;
const u = demo.demoUniverse();
const partner = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const NOW_ISH = new Date();
const inForce = (a: demo.DemoAgreement) =>
  !a.revokedAt && Date.parse(a.effectiveFrom) <= NOW_ISH.getTime() && (!a.expiresAt || Date.parse(a.expiresAt) > NOW_ISH.getTime());
const consentedStudent = u.participations.find(
  (p) =>
    p.organizationId === partner.id &&
    p.consentGivenAt &&
    !p.consentRevokedAt &&
    (!p.consentExpiresAt || Date.parse(p.consentExpiresAt) > Date.now()) &&
    p.startDate <= NOW_ISH.toISOString().slice(0, 10) &&
    (!p.endDate || p.endDate >= NOW_ISH.toISOString().slice(0, 10)),
)!.studentId;

const PARTNER_VIEW = `query($org: ID!, $student: ID!) {
  eventTotals(from: "2026-01-01", to: "2026-12-31") { total { events attendees suppressed } }
  student(id: $student) { id givenName }
  organization(id: $org) { name programParticipants(first: 100) { totalCount } }
}`;

describe('data-sharing agreements across subgraphs, and API keys, over HTTP', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gateway: string;
  let cec: string;
  let staff: string;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** What the partner sees: each of the three is 'read' or its error code. */
  async function partnerSees() {
    const res = await gql(gateway, PARTNER_VIEW, { org: partner.id, student: consentedStudent }, staff);
    const codeAt = (p: string) => res.json.errors?.find((e: any) => e.path?.join('.') === p)?.extensions?.code;
    const d = res.json.data ?? {};
    return {
      eventTotals: d.eventTotals ? 'read' : codeAt('eventTotals'),
      student: d.student ? 'read' : codeAt('student'),
      programParticipants: d.organization?.programParticipants?.totalCount > 0 ? 'read' : codeAt('organization.programParticipants'),
    };
  }
  const SEES_ALL = { eventTotals: 'read', student: 'read', programParticipants: 'read' };
  const SEES_NONE = { eventTotals: 'FORBIDDEN', student: 'FORBIDDEN', programParticipants: 'FORBIDDEN' };

  /** Polls until the partner's view equals `expected`; returns the seconds it took. */
  async function until(expected: object, limitSeconds: number) {
    const start = Date.now();
    for (;;) {
      const seen = await partnerSees();
      if (JSON.stringify(seen) === JSON.stringify(expected)) return (Date.now() - start) / 1000;
      if (Date.now() - start > limitSeconds * 1000) return expect(seen).toEqual(expected);
      await sleep(200);
    }
  }

  beforeAll(async () => {
    hub = await startTestHub({ C2C_AGREEMENT_TTL_SECONDS: String(TTL_SECONDS) });
    gateway = hub.hub.gatewayUrl;
    cec = await token('cec_admin');
    staff = await token('partner_staff', partner.id);
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('shows a partner under an agreement the collaborative-wide event totals and its consented programme participants', async () => {
    expect(
      u.agreements.some(
        (a) => a.organizationId === partner.id && inForce(a) && a.scopes.includes('STUDENT_DATA') && a.scopes.includes('EVENT_AGGREGATES'),
      ),
    ).toBe(true);
    expect(await partnerSees()).toEqual(SEES_ALL);
  });

  it('after revocation, shows it neither, in either subgraph, within the TTL (far inside 60 s)', async () => {
    const agreement = u.agreements.find((a) => a.organizationId === partner.id && inForce(a))!;
    const res = await gql(
      gateway,
      `mutation($id: ID!) { revokeAgreement(id: $id, reason: "Programme closed") { id revokedAt } }`,
      { id: agreement.id },
      cec,
    );
    expect(res.json.errors).toBeUndefined();
    const took = await until(SEES_NONE, TTL_SECONDS + 3);
    expect(took).toBeLessThanOrEqual(TTL_SECONDS + 3);
    // And it stays so.
    await sleep(TTL_SECONDS * 1000 + 200);
    expect(await partnerSees()).toEqual(SEES_NONE);
  });

  it('an expired agreement behaves like a revoked one', async () => {
    const expiresAt = new Date(Date.now() + 6000);
    const res = await gql(
      gateway,
      `mutation($input: AgreementInput!) { createAgreement(input: $input) { id } }`,
      {
        input: {
          organizationId: partner.id,
          scopes: ['EVENT_AGGREGATES', 'STUDENT_DATA'],
          recordKinds: ['ATTENDANCE'],
          signatory: 'Director',
          signedAt: new Date().toISOString(),
          expiresAt: expiresAt.toISOString(),
        },
      },
      cec,
    );
    expect(res.json.errors).toBeUndefined();
    await until(SEES_ALL, TTL_SECONDS + 2);
    await sleep(Math.max(0, expiresAt.getTime() - Date.now()) + 50);
    // Expiry is checked at use time: no TTL to wait out.
    expect(await partnerSees()).toEqual(SEES_NONE);
  });

  it('refuses to start a subgraph whose agreement cache TTL exceeds 60 seconds', async () => {
    const script = path.resolve(__dirname, '..', '..', 'subgraphs', 'students', 'dist', 'main.js');
    const child = spawn(process.execPath, [script], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        ...SECRETS,
        C2C_AGREEMENT_TTL_SECONDS: '61',
        PORT: '0',
        C2C_DATA_DIR: hub.dataDir,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(78);
    expect(stderr).toMatch(/C2C_AGREEMENT_TTL_SECONDS must be .* 0 to 60/);
  });

  describe('API keys', () => {
    let apiKey: string;
    let clientId: string;
    const exchange = (key: unknown) => post(new URL('/auth/token', gateway).toString(), { apiKey: key });

    beforeAll(async () => {
      const res = await gql(
        gateway,
        `mutation($input: ApiClientInput!) { createApiClient(input: $input) { apiKey client { id } } }`,
        { input: { name: 'Neighbourhood app', organizationId: partner.id, scopes: ['PUBLIC_LISTINGS'] } },
        cec,
      );
      expect(res.json.errors).toBeUndefined();
      ({
        apiKey,
        client: { id: clientId },
      } = res.json.data.createApiClient);
    });

    it('exchanges a key for a short-lived embed token that reads public listings', async () => {
      const res = await exchange(apiKey);
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
      const claims = JSON.parse(Buffer.from(res.json.access_token.split('.')[1], 'base64url').toString());
      expect(claims).toMatchObject({ sub: `client:${clientId}`, roles: ['embed'], org: partner.id, scope: 'PUBLIC_LISTINGS' });
      expect(claims.exp - claims.iat).toBe(300);
      const listing = await gql(
        gateway,
        `query Listing { organizations(first: 3) { totalCount edges { node { name } } } services(first: 3) { totalCount } }`,
        {},
        res.json.access_token,
      );
      expect(listing.json.errors).toBeUndefined();
      expect(listing.json.data.organizations.totalCount).toBe(u.organizations.length);
      expect(listing.json.data.services.totalCount).toBeGreaterThan(0);
    });

    it('refuses bad, unknown and missing keys with typed errors', async () => {
      expect((await exchange(undefined)).json.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'apiKey' });
      expect((await exchange(`${apiKey}x`)).status).toBe(401);
      expect((await exchange('c2c_nope')).json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    });

    it('keeps the key check out of the public graph: not through the gateway, not with a user token, not without the secret', async () => {
      const viaGateway = await gql(gateway, `mutation($k: String!) { exchangeApiKey(apiKey: $k) { clientId } }`, { k: apiKey });
      expect(viaGateway.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const partnersUrl = hub.hub.processes.find((p) => p.name === 'partners')!.url;
      const body = { query: `mutation($k: String!) { exchangeApiKey(apiKey: $k) { clientId } }`, variables: { k: apiKey } };
      const withToken = await post(partnersUrl, body, {
        [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET,
        authorization: `Bearer ${staff}`,
      });
      expect(withToken.json.errors[0].extensions.code).toBe('FORBIDDEN');
      const noSecret = await post(partnersUrl, body);
      expect(noSecret.status).toBe(401);
    });

    it('gives an embed token nothing but what anonymous callers get, for every query and mutation of the API schema', async () => {
      const embed = (await exchange(apiKey)).json.access_token;
      const ops = rootOperations();
      expect(ops.length).toBeGreaterThan(25);
      const PUBLIC_LISTINGS = new Set([
        'organizations',
        'organization',
        'services',
        'service',
        'searchServices',
        'taxonomyTerms',
        'taxonomyTerm',
        // The HSDS directory's other public parts: service_at_location, location, crosswalks, taxonomy records.
        'serviceAtLocation',
        'location',
        'taxonomyMappings',
        'taxonomies',
      ]);
      const reached: string[] = [];
      for (const op of ops) {
        const [asEmbed, asAnonymous] = [await gql(gateway, op.source, {}, embed), await gql(gateway, op.source, {})];
        const code = (r: any) =>
          r.json.errors?.find((e: any) => e.path?.[0] === op.field)?.extensions?.code ?? r.json.errors?.[0]?.extensions?.code;
        const anonymousDenied = code(asAnonymous) === 'UNAUTHENTICATED' || code(asAnonymous) === 'FORBIDDEN';
        if (anonymousDenied || op.kind === 'mutation') {
          expect({ op: op.field, code: code(asEmbed), data: asEmbed.json.data?.[op.field] ?? null }).toEqual({
            op: op.field,
            code: 'FORBIDDEN',
            data: null,
          });
        } else {
          reached.push(op.field);
          expect({ op: op.field, code: code(asEmbed) }).toEqual({ op: op.field, code: code(asAnonymous) });
        }
      }
      expect(reached.every((f) => PUBLIC_LISTINGS.has(f))).toBe(true);
      expect(ops.length - reached.length).toBeGreaterThan(20); // the refusals above are most of the API
      expect(reached).toEqual(expect.arrayContaining(['organizations', 'organization', 'services']));
    });

    it('stops issuing tokens once the client is revoked', async () => {
      const res = await gql(gateway, `mutation($id: ID!) { revokeApiClient(id: $id) { revokedAt } }`, { id: clientId }, cec);
      expect(res.json.errors).toBeUndefined();
      const after = await exchange(apiKey);
      expect(after.status).toBe(401);
      expect(after.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      const listed = await gql(gateway, `{ apiClients(first: 10) { edges { node { id lastUsedAt revokedAt } } } }`, {}, cec);
      const node = listed.json.data.apiClients.edges.find((e: any) => e.node.id === clientId).node;
      expect(node.lastUsedAt).not.toBeNull();
      expect(node.revokedAt).not.toBeNull();
    });
  });
});

/** One operation per root field of the API schema (the supergraph minus @inaccessible), with placeholder arguments. */
function rootOperations() {
  const sdl = fs.readFileSync(path.resolve(__dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
  const schema = buildSchema(sdl, { assumeValidSDL: true });
  const inaccessible = (node: { astNode?: any } | undefined) =>
    !!node?.astNode?.directives?.some((d: any) => d.name.value === 'inaccessible');
  const value = (type: GraphQLInputType, depth = 0): string => {
    if (isNonNullType(type)) return value(type.ofType as GraphQLInputType, depth);
    if (isListType(type)) return `[${value(type.ofType as GraphQLInputType, depth)}]`;
    const named = getNamedType(type);
    if (isEnumType(named)) return named.getValues().filter((v) => !inaccessible(v))[0].name;
    if (isInputObjectType(named)) {
      if (depth > 4) return 'null';
      const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
      return `{ ${fields.map((f) => `${f.name}: ${value(f.type, depth + 1)}`).join(', ')} }`;
    }
    switch (named.name) {
      case 'ID':
        return '"00000000-0000-4000-8000-000000000000"';
      case 'Int':
      case 'Float':
        return '1';
      case 'Boolean':
        return 'false';
      case 'DateTimeISO':
        return '"2030-01-01T00:00:00.000Z"';
      case 'SyncRowTable':
        return '[]';
      default:
        return '"x"';
    }
  };
  const op = (kind: 'query' | 'mutation', f: GraphQLField<unknown, unknown>) => {
    const args = f.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined && !inaccessible(a));
    const argText = args.length ? `(${args.map((a) => `${a.name}: ${value(a.type)}`).join(', ')})` : '';
    const ret = getNamedType(getNullableType(f.type));
    const selection = isObjectType(ret) || isInterfaceType(ret) || isUnionType(ret) ? ' { __typename }' : '';
    return { kind, field: f.name, source: `${kind} Probe_${f.name} { ${f.name}${argText}${selection} }` };
  };
  const fields = (t: any) =>
    Object.values(t?.getFields?.() ?? {}).filter((f: any) => !inaccessible(f) && !f.name.startsWith('_')) as GraphQLField<
      unknown,
      unknown
    >[];
  return [...fields(schema.getQueryType()).map((f) => op('query', f)), ...fields(schema.getMutationType()).map((f) => op('mutation', f))];
}
