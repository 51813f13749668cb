import * as demo from '@c2c/demo';
import { readGatewayConfig, startGateway } from '@c2c/gateway';
import { gql, SECRETS, startTestHub, token } from '@c2c/testing';

const u = demo.demoUniverse();
const robotics = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const service = u.services.find((s) => s.organizationId === robotics.id && s.status === 'ACTIVE')!;
const SERVICE = `query Service($id: ID!) { service(id: $id) { id name } }`;
const RENAME = `mutation Rename($id: ID!, $name: String!) { updateService(id: $id, input: { name: $name }) { id name } }`;
const TTL = 2;

/**
 * The gateway's response cache over real HTTP: a second gateway of ours, in this process, with
 * the cache on, in front of a test hub's subgraphs (the hub's own gateway runs without it, as
 * every test hub's does, and stands for another replica).
 */
describe('the response cache: anonymous answers kept for seconds, never a caller’s', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let cached: Awaited<ReturnType<typeof startGateway>>;
  let partner: string;
  beforeAll(async () => {
    hub = await startTestHub();
    const urls = Object.fromEntries(
      hub.hub.processes.filter((p) => p.name !== 'gateway').map((p) => [`C2C_${p.name.toUpperCase()}_URL`, p.url]),
    );
    cached = await startGateway(
      readGatewayConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        PORT: '0',
        C2C_RESPONSE_CACHE_SECONDS: String(TTL),
        ...SECRETS,
        ...urls,
      }),
    );
    partner = await token('partner_staff', robotics.id);
  }, 180_000);
  afterAll(async () => {
    await cached?.close();
    await hub?.stop();
  });

  const rename = async (url: string, name: string) => {
    const res = await gql(url, RENAME, { id: service.id, name }, partner);
    expect(res.json.errors).toBeUndefined();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  };
  const anonymous = async () => {
    const res = await gql(cached.url, SERVICE, { id: service.id });
    expect(res.json.errors).toBeUndefined();
    return { name: res.json.data.service.name, cache: res.headers.get('x-c2c-cache'), control: res.headers.get('cache-control') };
  };

  it('keeps an anonymous answer, sends it again marked public with the seconds it has left, and varies on Authorization', async () => {
    await rename(hub.hub.gatewayUrl, 'Cache test: first');
    const first = await gql(cached.url, SERVICE, { id: service.id });
    expect(first.json.data.service.name).toBe('Cache test: first');
    expect(first.headers.get('x-c2c-cache')).toBe('miss');
    expect(first.headers.get('cache-control')).toBe(`public, max-age=${TTL}`);
    expect(first.headers.get('vary')).toMatch(/authorization/i);
    const second = await gql(cached.url, SERVICE, { id: service.id });
    expect(second.headers.get('x-c2c-cache')).toBe('hit');
    expect(second.headers.get('cache-control')).toMatch(new RegExp(`^public, max-age=[0-${TTL}]$`));
    expect(second.text).toBe(first.text);
  });

  it('never keeps or serves a kept answer to a caller with a token', async () => {
    await anonymous();
    const res = await gql(cached.url, SERVICE, { id: service.id }, partner);
    expect(res.json.errors).toBeUndefined();
    expect(res.headers.get('x-c2c-cache')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('private, no-store');
  });

  it('empties itself when a mutation passes through it: the next anonymous query sees the change at once', async () => {
    expect((await anonymous()).cache).toMatch(/hit|miss/);
    await rename(cached.url, 'Cache test: renamed here');
    const after = await anonymous();
    expect(after).toEqual({ name: 'Cache test: renamed here', cache: 'miss', control: `public, max-age=${TTL}` });
  });

  it('is not emptied by a refused mutation, so no caller can empty it at will', async () => {
    await anonymous();
    expect((await anonymous()).cache).toBe('hit');
    const refused = await gql(cached.url, RENAME, { id: service.id, name: 'Anonymous rename' });
    expect(refused.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect((await anonymous()).cache).toBe('hit');
  });

  it('serves a change made elsewhere (another gateway) within its max-age, and fresh once that has passed', async () => {
    await anonymous();
    await rename(hub.hub.gatewayUrl, 'Cache test: renamed elsewhere');
    const stale = await anonymous();
    expect(stale.cache).toBe('hit');
    expect(stale.name).toBe('Cache test: renamed here');
    await new Promise((r) => setTimeout(r, TTL * 1000 + 100));
    expect(await anonymous()).toEqual({ name: 'Cache test: renamed elsewhere', cache: 'miss', control: `public, max-age=${TTL}` });
  });

  it('keeps no answer with errors, and marks it no-store', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await gql(cached.url, `query Missing { service(id: "00000000-0000-4000-8000-000000000000") { id } }`);
      expect(res.json.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-c2c-cache')).toBeNull();
    }
  });

  it('keys on the variables: another service is another answer', async () => {
    const other = u.services.find((s) => s.status === 'ACTIVE' && s.id !== service.id)!;
    const res = await gql(cached.url, SERVICE, { id: other.id });
    expect(res.json.data.service).toEqual({ id: other.id, name: other.name });
  });
});
