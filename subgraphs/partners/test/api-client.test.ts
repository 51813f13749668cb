import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { ApiClient, hashApiKey, partners } from '@c2c/partners';

const u = demo.demoUniverse();
const owner = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const CREATE = `mutation($input: ApiClientInput!) { createApiClient(input: $input) { apiKey client { id name organizationId scopes keyPrefix createdAt lastUsedAt revokedAt } } }`;
const EXCHANGE = `mutation($k: String!) { exchangeApiKey(apiKey: $k) { clientId organizationId scopes } }`;

const OTHERS: [string, Viewer, string][] = [
  ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ...(['partner_staff', 'district_sis', 'district_admin', 'evaluator', 'embed'] as Role[]).map(
    (r) => [r, testing.viewerFor(r, r === 'partner_staff' ? owner.id : undefined), 'FORBIDDEN'] as [string, Viewer, string],
  ),
];

describe('partners subgraph: API clients', () => {
  let sg: testing.TestSubgraph;
  const cec = testing.viewerFor('cec_admin');
  const count = () => sg.em().count(ApiClient, {});
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  it('creates a client and shows its key once; only the key’s SHA-256 is stored', async () => {
    const res = await sg.exec(CREATE, { input: { name: 'Family Finder', organizationId: owner.id, scopes: ['PUBLIC_LISTINGS'] } }, cec);
    expect(res.errors).toBeUndefined();
    const { apiKey, client } = res.data!.createApiClient;
    expect(apiKey).toMatch(/^c2c_[A-Za-z0-9_-]{43}$/);
    expect(client).toMatchObject({
      name: 'Family Finder',
      organizationId: owner.id,
      scopes: ['PUBLIC_LISTINGS'],
      keyPrefix: apiKey.slice(0, 12),
      lastUsedAt: null,
      revokedAt: null,
    });
    const row = await sg.em().findOneOrFail(ApiClient, { id: client.id });
    expect(row.keyHash).toBe(hashApiKey(apiKey));
    const raw = await sg.em().getConnection().execute('select * from api_client');
    expect(JSON.stringify(raw)).not.toContain(apiKey);
    // No field of the schema gives the key or its hash back.
    const list = await sg.exec(`{ apiClients(first: 10) { totalCount edges { node { id name keyPrefix } } } }`, {}, cec);
    expect(list.data!.apiClients.totalCount).toBe(1);
    expect(sg.sdl).not.toMatch(/keyHash/);
  });

  it.each([
    ['an unknown scope', { scopes: ['PUBLIC_LISTINGS', 'STUDENTS'] }, 'input.scopes', 'BAD_USER_INPUT'],
    ['no scope', { scopes: [] }, 'input.scopes', 'BAD_USER_INPUT'],
    ['a blank name', { name: ' ' }, 'input.name', 'BAD_USER_INPUT'],
    ['an unknown organisation', { organizationId: '00000000-0000-4000-8000-000000000000' }, 'input.organizationId', 'BAD_USER_INPUT'],
    ['a duplicate name in the organisation', { name: 'Family Finder' }, 'input.name', 'CONFLICT'],
  ])('refuses %s, saving nothing', async (_why, over, field, code) => {
    const before = await count();
    const res = await sg.exec(
      CREATE,
      { input: { name: 'Another App', organizationId: owner.id, scopes: ['PUBLIC_LISTINGS'], ...over } },
      cec,
    );
    expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code, field })]);
    expect(await count()).toBe(before);
  });

  it.each(OTHERS)('refuses %s every API-client operation, saving nothing', async (_r, viewer, code) => {
    const before = await count();
    const created = await sg.exec(CREATE, { input: { name: 'Sneaky', organizationId: owner.id, scopes: ['PUBLIC_LISTINGS'] } }, viewer);
    expect(created.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    const list = await sg.exec(`{ apiClients(first: 5) { totalCount } }`, {}, viewer);
    expect(list.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    const revoke = await sg.exec(`mutation { revokeApiClient(id: "00000000-0000-4000-8000-000000000000") { id } }`, {}, viewer);
    expect(revoke.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    expect(await count()).toBe(before);
  });

  describe('exchangeApiKey (internal: the gateway’s key exchange)', () => {
    let key: string;
    let id: string;
    beforeAll(async () => {
      const res = await sg.exec(CREATE, { input: { name: 'Exchange App', organizationId: owner.id, scopes: ['PUBLIC_LISTINGS'] } }, cec);
      ({
        apiKey: key,
        client: { id },
      } = res.data!.createApiClient);
    });

    it('is not part of the public API: @inaccessible in the subgraph SDL', () => {
      expect(sg.sdl).toMatch(/exchangeApiKey\([^)]*\): ApiKeyGrant @inaccessible/);
      expect(sg.sdl).toMatch(/type ApiKeyGrant\s+@inaccessible/);
    });

    it('answers a caller without a user token (the gateway) with the grant, and records the use', async () => {
      const res = await sg.exec(EXCHANGE, { k: key });
      expect(res.errors).toBeUndefined();
      expect(res.data!.exchangeApiKey).toEqual({ clientId: id, organizationId: owner.id, scopes: ['PUBLIC_LISTINGS'] });
      const row = await sg.em().findOneOrFail(ApiClient, { id });
      expect(row.lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it.each([cec, ...OTHERS.slice(1).map(([, v]) => v)])('refuses any caller holding a user token (%#)', async (viewer) => {
      const res = await sg.exec(EXCHANGE, { k: key }, viewer);
      expect(res.data).toEqual({ exchangeApiKey: null });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    });

    it('refuses an unknown key and, once revoked, the client’s key', async () => {
      expect((await sg.exec(EXCHANGE, { k: `${key}x` })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      const rev = await sg.exec(`mutation($id: ID!) { revokeApiClient(id: $id) { id revokedAt } }`, { id }, cec);
      expect(rev.errors).toBeUndefined();
      expect((await sg.exec(EXCHANGE, { k: key })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await sg.exec(`mutation($id: ID!) { revokeApiClient(id: $id) { id } }`, { id }, cec)).errors?.[0].extensions?.code).toBe(
        'CONFLICT',
      );
    });
  });
});
