import { randomBytes } from 'node:crypto';
import { readGatewayConfig, startGateway, type RunningGateway } from '@c2c/gateway';
import { freePort } from '@c2c/testing';
import { SECRETS } from '@c2c/testing';
import { bearer, http, postJson, tokenFor } from './helpers';

/**
 * Rate limits on real gateways over HTTP: two replicas sharing one budget through the real
 * Redis (REDIS_URL, default the local one), one replica counting in memory, one whose Redis
 * is unreachable. `{ __typename }` is answered by the gateway itself, so no subgraph is needed.
 */
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const LIMIT = 4;

describe('rate limits per API client, per user and per IP', () => {
  const started: RunningGateway[] = [];
  let a: string, b: string, memory: string, noRedis: string;
  const METRICS_TOKEN = randomBytes(16).toString('hex');
  const start = async (extra: NodeJS.ProcessEnv) => {
    const down = `http://127.0.0.1:${await freePort()}/graphql`;
    const gw = await startGateway(
      readGatewayConfig({
        NODE_ENV: 'production',
        LOG_LEVEL: 'silent',
        PORT: '0',
        HOST: '127.0.0.1',
        ...SECRETS,
        C2C_PARTNERS_URL: down,
        C2C_RESOURCES_URL: down,
        C2C_REFERRALS_URL: down,
        C2C_EVENTS_URL: down,
        C2C_STUDENTS_URL: down,
        // An hour-long window: a test never straddles two windows.
        C2C_RATE_WINDOW_MS: '3600000',
        C2C_RATE_LIMIT_ANONYMOUS: String(LIMIT),
        C2C_RATE_LIMIT_USER: String(LIMIT),
        C2C_RATE_LIMIT_CLIENT: String(LIMIT),
        C2C_METRICS_TOKEN: METRICS_TOKEN,
        ...extra,
      }),
    );
    started.push(gw);
    return gw.url;
  };
  const ping = (url: string, headers: Record<string, string> = {}) => postJson(url, { query: 'query Ping { __typename }' }, headers);

  beforeAll(async () => {
    const prefix = `c2c-test-${randomBytes(6).toString('hex')}`;
    a = await start({ REDIS_URL, C2C_REDIS_PREFIX: prefix });
    b = await start({ REDIS_URL, C2C_REDIS_PREFIX: prefix });
    memory = await start({});
    noRedis = await start({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, C2C_REDIS_PREFIX: prefix });
  });
  afterAll(async () => {
    await Promise.all(started.map((g) => g.close()));
  });

  it('two replicas share one budget per IP through Redis, and answer 429 RATE_LIMITED with Retry-After', async () => {
    const statuses = [];
    for (const url of [a, b, a, b]) statuses.push((await ping(url)).status);
    expect(statuses).toEqual([200, 200, 200, 200]);
    for (const url of [a, b]) {
      const r = await ping(url);
      expect(r.status).toBe(429);
      expect(r.json.errors).toHaveLength(1);
      expect(r.json.errors[0].extensions.code).toBe('RATE_LIMITED');
      const retryAfter = Number(r.headers.get('retry-after'));
      expect(Number.isInteger(retryAfter)).toBe(true);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(r.json.errors[0].extensions.retryAfter).toBe(retryAfter);
      expect(r.headers.get('ratelimit-limit')).toBe(String(LIMIT));
      expect(r.headers.get('ratelimit-remaining')).toBe('0');
    }
    // A forged X-Forwarded-For does not buy a new budget: the gateway trusts no proxy unless told to.
    expect((await ping(a, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(429);
  });

  it('counts each signed-in user and each API client on its own budget', async () => {
    const user = bearer(await tokenFor('district_admin', { sub: `user-${randomBytes(4).toString('hex')}` }));
    const client = bearer(await tokenFor('embed', { sub: `client:${randomBytes(4).toString('hex')}` }));
    const otherClient = bearer(await tokenFor('embed', { sub: `client:${randomBytes(4).toString('hex')}` }));
    for (let i = 0; i < LIMIT; i++) {
      expect((await ping(i % 2 ? a : b, user)).status).toBe(200);
      expect((await ping(i % 2 ? b : a, client)).status).toBe(200);
    }
    expect((await ping(a, user)).status).toBe(429);
    expect((await ping(b, client)).status).toBe(429);
    expect((await ping(b, otherClient)).status).toBe(200);
    // An invalid token is refused, and counted against the caller's IP (already spent above).
    const bad = await ping(a, bearer('not.a.token'));
    expect(bad.status).toBe(429);
  });

  it('counts in memory per replica without REDIS_URL, and falls back to memory when Redis is unreachable', async () => {
    for (const url of [memory, noRedis]) {
      for (let i = 0; i < LIMIT; i++) expect((await ping(url)).status).toBe(200);
      const r = await ping(url);
      expect(r.status).toBe(429);
      expect(r.json.errors[0].extensions.code).toBe('RATE_LIMITED');
    }
  });

  it('counts refusals in the metrics', async () => {
    const m = await http(new URL('/metrics', a).toString(), { headers: bearer(METRICS_TOKEN) });
    expect(m.text).toMatch(/c2c_gateway_errors_total\{code="RATE_LIMITED"\} [1-9]/);
    expect(m.text).toMatch(/c2c_gateway_requests_total\{operation="anonymous",status="429"\} [1-9]/);
  });
});
