import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import { createTokenVerifier, mintToken, readEnv, type Role, type TokenTrustEnv, type TokenTrustOptions } from '@c2c/kernel';
import { freePort } from '@c2c/testing';

/**
 * The key resolution of `createTokenVerifier` against real key sets served over HTTP: the
 * identity provider's for users, the gateway's for API-key tokens; rotation, cache expiry and
 * a key set endpoint that is down, slow or broken.
 */

interface TestKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function newKey(kid: string): Promise<TestKey> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

type Mode = 'ok' | 'error' | 'garbage' | 'hang';

/** A JWKS endpoint on a fixed free port, so it can be stopped and started again at the same URL. */
async function keySetServer() {
  const port = await freePort();
  let keys: TestKey[] = [];
  let mode: Mode = 'ok';
  let srv: http.Server | undefined;
  const state = { requests: 0 };
  const start = () =>
    new Promise<void>((resolve) => {
      srv = http.createServer((_req, res) => {
        state.requests++;
        if (mode === 'hang') return;
        if (mode === 'error') return void res.writeHead(500).end('down for maintenance');
        if (mode === 'garbage') return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>');
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: keys.map((k) => k.jwk) }));
      });
      srv.listen(port, '127.0.0.1', () => resolve());
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!srv) return resolve();
      srv.close(() => resolve());
      srv.closeAllConnections();
      srv = undefined;
    });
  await start();
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    state,
    publish: (...k: TestKey[]) => void (keys = k),
    answer: (m: Mode) => void (mode = m),
    start,
    stop,
  };
}

const IDP_ISSUER = 'https://idp.example.org/';
const AUDIENCE = 'c2c-hub';
const GATEWAY_ISSUER = 'c2c-gateway';

interface Claims {
  sub?: string;
  roles?: Role[];
  iss?: string;
  ttl?: number;
  kid?: string | null;
}

const sign = (key: TestKey, c: Claims = {}) =>
  new SignJWT({ roles: c.roles ?? ['district_admin'] })
    .setProtectedHeader({ alg: 'ES256', ...(c.kid === null ? {} : { kid: c.kid ?? key.kid }) })
    .setSubject(c.sub ?? 'user-1')
    .setIssuer(c.iss ?? IDP_ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${c.ttl ?? 300}s`)
    .sign(key.privateKey);

const embedClaims = (o: Claims = {}): Claims => ({ sub: `client:${randomUUID()}`, roles: ['embed'], iss: GATEWAY_ISSUER, ...o });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The error a refused token gets, as clients see it. */
async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (err: any) {
    return { code: err?.extensions?.code, message: String(err?.message) };
  }
  throw new Error('the token was accepted');
}

describe('token verification with JWKS (identity provider and gateway)', () => {
  let idp: Awaited<ReturnType<typeof keySetServer>>;
  let gw: Awaited<ReturnType<typeof keySetServer>>;
  let k1: TestKey, k2: TestKey, stranger: TestKey, g1: TestKey, g2: TestKey;
  const warnings: unknown[] = [];

  const verifier = (env: Partial<TokenTrustEnv> = {}, o: TokenTrustOptions = {}) =>
    createTokenVerifier(
      {
        jwksUrl: idp.url,
        // Set, to show it verifies nothing once an identity provider is configured.
        jwtSecret: 's'.repeat(32),
        jwtIssuer: IDP_ISSUER,
        jwtAudience: AUDIENCE,
        gatewayJwksUrl: gw.url,
        gatewayIssuer: GATEWAY_ISSUER,
        jwksCacheSeconds: 1,
        ...env,
      },
      { jwksTimeoutMs: 400, jwksRetryAfterFailureMs: 300, log: { warn: (...a: unknown[]) => void warnings.push(a) } as any, ...o },
    );

  beforeAll(async () => {
    [k1, k2, stranger, g1, g2] = await Promise.all(['idp-1', 'idp-2', 'idp-1', 'gw-1', 'gw-2'].map(newKey));
  });
  beforeEach(async () => {
    idp = await keySetServer();
    gw = await keySetServer();
    idp.publish(k1);
    gw.publish(g1);
    warnings.length = 0;
  });
  afterEach(async () => {
    await idp.stop();
    await gw.stop();
  });

  describe("users' tokens (identity provider)", () => {
    it('verifies a token signed with a published key, fetching the key set once for many tokens', async () => {
      const verify = verifier();
      const token = await sign(k1, { sub: 'ada', roles: ['cec_admin'] });
      const viewers = await Promise.all(Array.from({ length: 20 }, () => verify(token)));
      expect(viewers[0]).toMatchObject({ anonymous: false, sub: 'ada', roles: ['cec_admin'] });
      expect(idp.state.requests).toBe(1);
      expect(gw.state.requests).toBe(0);
    });

    it('refuses an unknown kid, a known kid with another key, no kid at all, and a wrong issuer or audience', async () => {
      const verify = verifier();
      await verify(await sign(k1));
      const unknown = await newKey('idp-9');
      expect(await refusal(verify(await sign(unknown)))).toEqual({ code: 'UNAUTHENTICATED', message: 'Invalid token' });
      expect(await refusal(verify(await sign(stranger)))).toEqual({ code: 'UNAUTHENTICATED', message: 'Invalid token' });
      expect((await refusal(verify(await sign(stranger, { kid: null })))).code).toBe('UNAUTHENTICATED');
      expect((await refusal(verify(await sign(k1, { iss: 'https://other.example.org/' })))).code).toBe('UNAUTHENTICATED');
      const otherAudience = await new SignJWT({ roles: ['cec_admin'] })
        .setProtectedHeader({ alg: 'ES256', kid: k1.kid })
        .setSubject('ada')
        .setIssuer(IDP_ISSUER)
        .setAudience('someone-else')
        .setExpirationTime('5m')
        .sign(k1.privateKey);
      expect((await refusal(verify(otherAudience))).code).toBe('UNAUTHENTICATED');
    });

    it('refuses HS256 tokens, signed with the configured secret or not, and unsigned ones', async () => {
      const verify = verifier();
      const hs = await mintToken({ secret: 's'.repeat(32), sub: 'forger', roles: ['cec_admin'], issuer: IDP_ISSUER, audience: AUDIENCE });
      expect(await refusal(verify(hs))).toEqual({ code: 'UNAUTHENTICATED', message: 'Invalid token' });
      const hsGateway = await mintToken({
        secret: 's'.repeat(32),
        sub: 'client:x',
        roles: ['embed'],
        issuer: GATEWAY_ISSUER,
        audience: AUDIENCE,
      });
      expect((await refusal(verify(hsGateway))).code).toBe('UNAUTHENTICATED');
      const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
      const none = `${b64({ alg: 'none' })}.${b64({ sub: 'x', roles: ['cec_admin'], iss: IDP_ISSUER, aud: AUDIENCE, exp: Date.now() / 1000 + 60 })}.`;
      expect((await refusal(verify(none))).code).toBe('UNAUTHENTICATED');
    });

    it('refuses an embed token from the identity provider: API-key tokens come from the gateway only', async () => {
      const verify = verifier();
      expect(await refusal(verify(await sign(k1, { sub: 'client:x', roles: ['embed'] })))).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'Embed tokens are issued by the gateway (POST /auth/token) only',
      });
    });

    it('rotation: old and new keys both verify during the overlap; the old one is refused once dropped and the cache has expired', async () => {
      idp.publish(k1, k2);
      const verify = verifier();
      const [old, fresh] = [await sign(k1), await sign(k2)];
      await expect(verify(old)).resolves.toMatchObject({ sub: 'user-1' });
      await expect(verify(fresh)).resolves.toMatchObject({ sub: 'user-1' });
      expect(idp.state.requests).toBe(1);

      idp.publish(k2);
      // Within the cache time the dropped key still counts: that is what the cache time means.
      await expect(verify(old)).resolves.toBeTruthy();
      await sleep(1100);
      expect(await refusal(verify(old))).toEqual({ code: 'UNAUTHENTICATED', message: 'Invalid token' });
      await expect(verify(fresh)).resolves.toBeTruthy();
      expect(idp.state.requests).toBe(2);
    });

    it('a key published after the last fetch is fetched for its first token, at most once per cooldown', async () => {
      const verify = verifier({ jwksCacheSeconds: 60 });
      await verify(await sign(k1));
      idp.publish(k1, k2);
      // The cooldown (min(30 s, half the cache time)) holds back a refetch right after a fetch…
      expect((await refusal(verify(await sign(k2)))).code).toBe('UNAUTHENTICATED');
      expect((await refusal(verify(await sign(await newKey('idp-7'))))).code).toBe('UNAUTHENTICATED');
      expect(idp.state.requests).toBe(1);
      idp.publish(k1);
      const quick = verifier({ jwksCacheSeconds: 2 });
      await quick(await sign(k1));
      idp.publish(k1, k2);
      expect((await refusal(quick(await sign(k2)))).code).toBe('UNAUTHENTICATED');
      await sleep(1100);
      // …and once it has passed, an unknown kid fetches again, while the cache is still fresh.
      await expect(quick(await sign(k2))).resolves.toBeTruthy();
      expect(idp.state.requests).toBe(3);
    });
  });

  describe('a key set endpoint that is down: fail closed', () => {
    it('uses keys already fetched until the cache expires, then refuses every token with UNAUTHENTICATED, then recovers', async () => {
      const verify = verifier();
      const token = await sign(k1);
      await verify(token);
      await idp.stop();
      await expect(verify(token)).resolves.toMatchObject({ sub: 'user-1' });
      await sleep(1100);
      const refused = await refusal(verify(token));
      expect(refused).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'Token could not be verified now (signing keys unavailable); try again',
      });
      expect(refused.message).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|http/);
      expect(warnings.length).toBeGreaterThan(0);
      // Failures are not retried for a moment: the next tokens are refused without a fetch.
      const before = idp.state.requests;
      expect((await refusal(verify(token))).code).toBe('UNAUTHENTICATED');
      await idp.start();
      expect(idp.state.requests).toBe(before);
      await sleep(350);
      await expect(verify(token)).resolves.toMatchObject({ sub: 'user-1' });
    });

    it('never fetched: the first tokens are refused, none is accepted', async () => {
      await idp.stop();
      const verify = verifier();
      expect((await refusal(verify(await sign(k1)))).code).toBe('UNAUTHENTICATED');
    });

    it.each(['error', 'garbage', 'hang'] as const)('answering %s: UNAUTHENTICATED, never an internal error', async (mode) => {
      idp.answer(mode);
      const verify = verifier();
      const started = Date.now();
      expect(await refusal(verify(await sign(k1)))).toEqual({
        code: 'UNAUTHENTICATED',
        message: 'Token could not be verified now (signing keys unavailable); try again',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('a key set endpoint that breaks after a fetch keeps the cached keys until they expire', async () => {
      const verify = verifier();
      const token = await sign(k1);
      await verify(token);
      idp.answer('error');
      await expect(verify(token)).resolves.toBeTruthy();
      await sleep(1100);
      expect((await refusal(verify(token))).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('API-key tokens (the gateway key set)', () => {
    it('verifies an embed token signed with the gateway key, fetched from the gateway key set only', async () => {
      const verify = verifier();
      const sub = `client:${randomUUID()}`;
      await expect(verify(await sign(g1, embedClaims({ sub })))).resolves.toMatchObject({ sub, roles: ['embed'] });
      expect(gw.state.requests).toBe(1);
      expect(idp.state.requests).toBe(0);
    });

    it('refuses a gateway-signed token that claims any role but embed alone, or a subject that is not an API client', async () => {
      const verify = verifier();
      for (const claims of [
        embedClaims({ roles: ['cec_admin'] }),
        embedClaims({ roles: ['embed', 'cec_admin'] }),
        embedClaims({ roles: ['partner_staff'] }),
        embedClaims({ roles: [] }),
        embedClaims({ sub: 'ada' }),
      ]) {
        expect({ claims, refused: await refusal(verify(await sign(g1, claims))) }).toEqual({
          claims,
          refused: {
            code: 'UNAUTHENTICATED',
            message: 'A gateway-signed token may only be an API client token (role embed, sub client:<id>)',
          },
        });
      }
    });

    it("never tries one signer's keys for the other's tokens", async () => {
      const verify = verifier();
      // Gateway key, identity provider's issuer: checked against the identity provider's keys.
      expect((await refusal(verify(await sign(g1, { iss: IDP_ISSUER, roles: ['cec_admin'] })))).code).toBe('UNAUTHENTICATED');
      // Identity provider's key, gateway issuer: checked against the gateway's keys, whatever kid it names.
      expect((await refusal(verify(await sign(k1, embedClaims())))).code).toBe('UNAUTHENTICATED');
      expect((await refusal(verify(await sign(k1, embedClaims({ kid: g1.kid }))))).code).toBe('UNAUTHENTICATED');
      // The gateway names its key; a kid-less token is refused even with one key published.
      expect((await refusal(verify(await sign(g1, embedClaims({ kid: null }))))).code).toBe('UNAUTHENTICATED');
    });

    it('rotation of the gateway key: both verify during the overlap, the dropped one is refused after the cache time', async () => {
      gw.publish(g2, g1);
      const verify = verifier();
      const [old, fresh] = [await sign(g1, embedClaims()), await sign(g2, embedClaims())];
      await expect(verify(old)).resolves.toBeTruthy();
      await expect(verify(fresh)).resolves.toBeTruthy();
      gw.publish(g2);
      await sleep(1100);
      expect((await refusal(verify(old))).code).toBe('UNAUTHENTICATED');
      await expect(verify(fresh)).resolves.toBeTruthy();
    });

    it('on the gateway itself, checks against the keys it holds and fetches nothing', async () => {
      const verify = verifier({}, { gatewayKeys: { keys: [g1.jwk] } });
      await expect(verify(await sign(g1, embedClaims()))).resolves.toBeTruthy();
      expect(gw.state.requests).toBe(0);
      const none = verifier({}, { gatewayKeys: { keys: [] } });
      expect((await refusal(none(await sign(g1, embedClaims())))).code).toBe('UNAUTHENTICATED');
    });

    it('a gateway key set that is down refuses embed tokens with UNAUTHENTICATED and leaves users unaffected', async () => {
      await gw.stop();
      const verify = verifier();
      expect((await refusal(verify(await sign(g1, embedClaims())))).code).toBe('UNAUTHENTICATED');
      await expect(verify(await sign(k1))).resolves.toBeTruthy();
    });

    it('with the development secret (no identity provider), users and c2c token embed tokens are HS256 as before', async () => {
      const verify = createTokenVerifier({
        jwtSecret: 's'.repeat(32),
        jwtIssuer: 'c2c-hub',
        jwtAudience: AUDIENCE,
        gatewayJwksUrl: gw.url,
      });
      const embed = await mintToken({ secret: 's'.repeat(32), sub: 'client:x', roles: ['embed'] });
      await expect(verify(embed)).resolves.toMatchObject({ roles: ['embed'] });
      // The gateway's own key is still the only one trusted for its issuer.
      await expect(verify(await sign(g1, embedClaims()))).resolves.toMatchObject({ roles: ['embed'] });
      expect((await refusal(verify(await sign(g1, embedClaims({ roles: ['cec_admin'] }))))).code).toBe('UNAUTHENTICATED');
    });
  });
});

describe('readEnv: key set variables', () => {
  const base = { NODE_ENV: 'production', C2C_JWKS_URL: 'https://idp.example.org/jwks', C2C_SUBGRAPH_SECRET: 'x'.repeat(32) };

  it('defaults: the gateway key set on the gateway port, its own issuer, five minutes of cache', () => {
    expect(readEnv(base)).toMatchObject({
      gatewayJwksUrl: 'http://127.0.0.1:4000/.well-known/jwks.json',
      gatewayIssuer: 'c2c-gateway',
      jwksCacheSeconds: 300,
    });
    expect(readEnv({ ...base, C2C_GATEWAY_PORT: '4400' }).gatewayJwksUrl).toBe('http://127.0.0.1:4400/.well-known/jwks.json');
    expect(readEnv({ ...base, C2C_GATEWAY_JWKS_URL: 'http://gateway:4000/.well-known/jwks.json' }).gatewayJwksUrl).toBe(
      'http://gateway:4000/.well-known/jwks.json',
    );
  });

  it('refuses bad URLs, a shared issuer and a cache time out of range, all at once', () => {
    expect(() =>
      readEnv({
        ...base,
        C2C_JWKS_URL: 'idp.example.org/jwks',
        C2C_GATEWAY_JWKS_URL: 'file:///etc/keys.json',
        C2C_GATEWAY_ISSUER: 'c2c-hub',
        C2C_JWKS_CACHE_SECONDS: '0',
      }),
    ).toThrow(
      /C2C_JWKS_URL must be an http[\s\S]*C2C_GATEWAY_JWKS_URL must be an http[\s\S]*C2C_GATEWAY_ISSUER must differ[\s\S]*C2C_JWKS_CACHE_SECONDS must be/,
    );
    expect(() => readEnv({ ...base, C2C_JWKS_CACHE_SECONDS: '7200' })).toThrow(/C2C_JWKS_CACHE_SECONDS/);
  });
});
