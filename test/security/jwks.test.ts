import http from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, decodeProtectedHeader, decodeJwt, type JWK, type KeyLike } from 'jose';
import { DEV_JWT_SECRET, SUBGRAPH_SECRET_HEADER, type Role } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { freePort, gql, http as request, post, SECRETS, startTestHub } from '@c2c/testing';
import { tokenFor } from './helpers';

/**
 * The whole hub in production mode with an identity provider (`C2C_JWKS_URL`, a local JWKS
 * server here): users' tokens come from it, API-key tokens from the gateway's own key
 * (`C2C_GATEWAY_SIGNING_KEYS`, two keys as during a rotation), and every subgraph checks
 * each against the right key set only.
 */
interface TestKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
  privateJwk: JWK;
}

async function newKey(kid: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateKey,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
  };
}

const IDP_ISSUER = 'https://idp.c2c-test.example/';
const GATEWAY_ISSUER = 'c2c-gateway';
const u = demo.demoUniverse();
const partner = u.organizations.find((o) => o.slug === 'robotics-for-all')!;

const sign = (key: TestKey, o: { iss: string; sub: string; roles: Role[]; org?: string; kid?: string }) =>
  new SignJWT({ roles: o.roles, ...(o.org ? { org: o.org } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: o.kid ?? key.kid })
    .setSubject(o.sub)
    .setIssuer(o.iss)
    .setAudience('c2c-hub')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.privateKey);

const SEARCH = 'query Search { searchServices(first: 3) { totalCount edges { node { name } } } }';

describe('tokens in JWKS mode: identity provider for users, the gateway key for API clients (real processes)', () => {
  let idpKey: TestKey, gwNew: TestKey, gwOld: TestKey, gwUnpublished: TestKey;
  let idp: http.Server;
  let idpRequests = 0;
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gateway: string;
  let origin: string;
  let admin: string;
  const subgraphUrl = (name: string) => hub.hub.processes.find((p) => p.name === name)!.url;
  /** A request straight to a subgraph, as the gateway sends it (with the subgraph secret). */
  const direct = (name: string, query: string, token: string) =>
    post(subgraphUrl(name), { query }, { [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET, authorization: `Bearer ${token}` });
  const codes = (r: { json: any }) => (r.json?.errors ?? []).map((e: any) => e.extensions?.code);
  const gatewayToken = (key: TestKey, roles: Role[], sub = 'client:00000000-0000-4000-8000-000000000001') =>
    sign(key, { iss: GATEWAY_ISSUER, sub, roles, org: partner.id });

  beforeAll(async () => {
    [idpKey, gwNew, gwOld, gwUnpublished] = await Promise.all(['idp-1', 'gw-2', 'gw-1', 'gw-3'].map(newKey));
    const port = await freePort();
    idp = http.createServer((_req, res) => {
      idpRequests++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [idpKey.publicJwk] }));
    });
    await new Promise<void>((r) => idp.listen(port, '127.0.0.1', () => r()));
    hub = await startTestHub({
      C2C_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
      C2C_JWT_ISSUER: IDP_ISSUER,
      // Rotation overlap: the new key signs, the old one is still published.
      C2C_GATEWAY_SIGNING_KEYS: JSON.stringify({ keys: [gwNew.privateJwk, gwOld.privateJwk] }),
      C2C_JWKS_CACHE_SECONDS: '2',
    });
    gateway = hub.hub.gatewayUrl;
    origin = new URL(gateway).origin;
    admin = await sign(idpKey, { iss: IDP_ISSUER, sub: 'idp|ada', roles: ['cec_admin'] });
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    await new Promise<void>((r) => (idp ? idp.close(() => r()) : r()));
  });

  it("publishes the gateway's public keys at /.well-known/jwks.json, briefly cacheable, both keys of the overlap", async () => {
    const r = await request(`${origin}/.well-known/jwks.json`);
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('public, max-age=60');
    expect(r.json.keys.map((k: JWK) => [k.kid, k.alg, k.use])).toEqual([
      ['gw-2', 'ES256', 'sig'],
      ['gw-1', 'ES256', 'sig'],
    ]);
    expect(r.text).not.toMatch(/"d"/);
  });

  it("accepts a user's token from the identity provider through the gateway and at the subgraphs", async () => {
    const me = await gql(gateway, 'query Clients { apiClients(first: 1) { totalCount } }', {}, admin);
    expect(me.json.errors).toBeUndefined();
    expect((await direct('partners', 'query Clients { apiClients(first: 1) { totalCount } }', admin)).json.errors).toBeUndefined();
    expect(idpRequests).toBeGreaterThan(0);
  });

  describe('API keys', () => {
    let apiKey: string;
    let embed: string;

    beforeAll(async () => {
      const res = await gql(
        gateway,
        'mutation NewClient($input: ApiClientInput!) { createApiClient(input: $input) { apiKey client { id } } }',
        { input: { name: 'Library kiosk', organizationId: partner.id, scopes: ['PUBLIC_LISTINGS'] } },
        admin,
      );
      expect(res.json.errors).toBeUndefined();
      apiKey = res.json.data.createApiClient.apiKey;
      const exchanged = await post(`${origin}/auth/token`, { apiKey });
      expect(exchanged.status).toBe(200);
      embed = exchanged.json.access_token;
    });

    it('exchanges the key for an ES256 token signed with the newest gateway key, issuer c2c-gateway', () => {
      expect(decodeProtectedHeader(embed)).toMatchObject({ alg: 'ES256', kid: 'gw-2' });
      expect(decodeJwt(embed)).toMatchObject({ iss: GATEWAY_ISSUER, aud: 'c2c-hub', roles: ['embed'], org: partner.id });
    });

    it('the subgraphs accept it: public listings through the gateway, /embed/api/search and straight at a subgraph', async () => {
      const search = await gql(gateway, SEARCH, {}, embed);
      expect(search.json.errors).toBeUndefined();
      expect(search.json.data.searchServices.totalCount).toBeGreaterThan(0);
      const rest = await request(`${origin}/embed/api/search?per_page=2`, { headers: { authorization: `Bearer ${embed}` } });
      expect(rest.status).toBe(200);
      expect(rest.headers.get('cache-control')).toBe('private, no-store');
      expect(rest.json.totalCount).toBeGreaterThan(0);
      const feed = await request(`${origin}/hsds/services?per_page=2`, { headers: { authorization: `Bearer ${embed}` } });
      expect(feed.status).toBe(200);
      for (const [name, query] of [
        ['resources', '{ searchServices(first: 1) { totalCount } }'],
        ['partners', '{ organizations(first: 1) { totalCount } }'],
      ]) {
        const r = await direct(name, query, embed);
        expect({ name, errors: r.json.errors }).toEqual({ name, errors: undefined });
      }
    });

    it('rotation: a token of the previous gateway key still verifies everywhere while that key is published; an unpublished key does not', async () => {
      const old = await gatewayToken(gwOld, ['embed']);
      expect((await gql(gateway, SEARCH, {}, old)).json.errors).toBeUndefined();
      expect((await direct('resources', SEARCH, old)).json.errors).toBeUndefined();
      const stray = await gatewayToken(gwUnpublished, ['embed']);
      const viaGateway = await gql(gateway, SEARCH, {}, stray);
      expect(viaGateway.status).toBe(401);
      expect(codes(viaGateway)).toEqual(['UNAUTHENTICATED']);
      expect(codes(await direct('resources', SEARCH, stray))).toEqual(['UNAUTHENTICATED']);
    });
  });

  it('refuses a gateway-signed token claiming a role other than embed, at the gateway and at every subgraph', async () => {
    for (const roles of [['cec_admin'], ['embed', 'district_admin'], ['district_sis']] as Role[][]) {
      const forged = await gatewayToken(gwNew, roles);
      const r = await gql(gateway, 'query Clients { apiClients(first: 1) { totalCount } }', {}, forged);
      expect({ roles, status: r.status, codes: codes(r) }).toEqual({ roles, status: 401, codes: ['UNAUTHENTICATED'] });
      for (const name of ['partners', 'resources', 'students']) {
        expect({ roles, name, codes: codes(await direct(name, '{ __typename }', forged)) }).toEqual({
          roles,
          name,
          codes: ['UNAUTHENTICATED'],
        });
      }
    }
  });

  it('refuses an embed token that the identity provider signed: embed tokens come from the gateway only', async () => {
    const fromIdp = await sign(idpKey, { iss: IDP_ISSUER, sub: 'client:x', roles: ['embed'] });
    expect(codes(await gql(gateway, SEARCH, {}, fromIdp))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await direct('resources', SEARCH, fromIdp))).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses HS256 tokens in JWKS mode, signed with the development secret or with the deployed C2C_JWT_SECRET', async () => {
    for (const secret of [DEV_JWT_SECRET, SECRETS.C2C_JWT_SECRET]) {
      for (const iss of [IDP_ISSUER, GATEWAY_ISSUER, 'c2c-hub']) {
        const hs = await new SignJWT({ roles: ['cec_admin'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('forger')
          .setIssuer(iss)
          .setAudience('c2c-hub')
          .setExpirationTime('10m')
          .sign(new TextEncoder().encode(secret));
        const r = await gql(gateway, 'query Clients { apiClients(first: 1) { totalCount } }', {}, hs);
        expect({ iss, status: r.status, codes: codes(r) }).toEqual({ iss, status: 401, codes: ['UNAUTHENTICATED'] });
        expect({ iss, codes: codes(await direct('partners', '{ __typename }', hs)) }).toEqual({ iss, codes: ['UNAUTHENTICATED'] });
      }
      // The stock helper's HS256 tokens too (issuer c2c-hub, the shared secret of this hub).
      expect(codes(await gql(gateway, SEARCH, {}, await tokenFor('embed', { secret, sub: 'client:x' })))).toEqual(['UNAUTHENTICATED']);
    }
  });

  it("the identity provider's key set down: users are refused with 401 UNAUTHENTICATED (never 500) once the cache expires; API clients carry on", async () => {
    const before = await gql(gateway, 'query Clients { apiClients(first: 1) { totalCount } }', {}, admin);
    expect(before.json.errors).toBeUndefined();
    await new Promise<void>((r) => {
      idp.close(() => r());
      idp.closeAllConnections();
    });
    // Past the cache time (2 s): every process must fetch again, and cannot.
    await new Promise((r) => setTimeout(r, 2500));
    const r = await gql(gateway, 'query Clients { apiClients(first: 1) { totalCount } }', {}, admin);
    expect(r.status).toBe(401);
    expect(codes(r)).toEqual(['UNAUTHENTICATED']);
    expect(r.text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|jwks/i);
    const rest = await request(`${origin}/embed/api/search?per_page=1`, { headers: { authorization: `Bearer ${admin}` } });
    expect(rest.status).toBe(401);
    expect(codes(await direct('partners', '{ __typename }', admin))).toEqual(['UNAUTHENTICATED']);
    // API-key tokens do not depend on the identity provider.
    const res = await gql(
      gateway,
      'query Clients { apiClients(first: 1) { totalCount } }',
      {},
      await gatewayToken(gwNew, ['embed'], 'client:00000000-0000-4000-8000-000000000002'),
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect((await gql(gateway, SEARCH, {}, await gatewayToken(gwNew, ['embed']))).json.errors).toBeUndefined();
  });
});
