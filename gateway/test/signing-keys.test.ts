import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet } from 'jose';
import { createTokenVerifier, EnvError } from '@c2c/kernel';
import { readGatewayConfig } from '@c2c/gateway';
import { jwkThumbprint, parseSigningKeys, publicKeySet, readSigningKeys, signEmbedToken } from '../src/auth/signing-keys';

/** The gateway's signing keys for API-key tokens: formats, refusals, the published set and the start-up rules. */
const privateJwk = async (kid?: string, alg = 'ES256') => {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}) });
  return { ...(await exportJWK(privateKey)), ...(kid ? { kid } : {}), alg };
};

describe('gateway signing keys', () => {
  it('reads a JWK set of private keys: the first signs, all are published with kid, alg and use, without private parts', async () => {
    const keys = parseSigningKeys(
      JSON.stringify({ keys: [await privateJwk('2025-06'), await privateJwk('2025-01'), await privateJwk(undefined, 'EdDSA')] }),
    );
    expect(keys.map((k) => [k.kid, k.alg])).toEqual([
      ['2025-06', 'ES256'],
      ['2025-01', 'ES256'],
      [keys[2].kid, 'EdDSA'],
    ]);
    expect(keys[2].kid).toBe(jwkThumbprint(keys[2].publicJwk));
    const published = publicKeySet({ keys, ephemeral: false });
    expect(published.keys.map((k) => k.kid)).toEqual(['2025-06', '2025-01', keys[2].kid]);
    for (const k of published.keys) {
      expect(k).toMatchObject({ use: 'sig' });
      expect(k).not.toHaveProperty('d');
    }
  });

  it('reads PEM private keys (PKCS#8 and SEC1), one after the other, kid = RFC 7638 thumbprint', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const b = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey.export({ format: 'pem', type: 'sec1' }) as string;
    const keys = parseSigningKeys(`${a}\n${b}`);
    expect(keys.map((k) => k.alg)).toEqual(['ES256', 'ES384']);
    expect(keys[0].kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('matches the RFC 7638 example thumbprint', () => {
    const rfc = {
      kty: 'RSA',
      n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
      e: 'AQAB',
    };
    expect(jwkThumbprint(rfc)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
  });

  it.each([
    ['not JSON or PEM', 'c2c-gateway-key', /must be a JWK set \(JSON\) or PEM/],
    ['bad JSON', '{"keys": [', /is not valid JSON/],
    ['an empty set', '{"keys": []}', /holds no key/],
    ['a symmetric key', '{"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}', /symmetric key/],
    ['a public key', 'PUBLIC', /not a private key \(no "d"\)/],
    ['a bad PEM', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', /PEM block 1 is not a private key/],
    ['a P-256 key declared RS256', 'WRONG_ALG', /alg RS256 does not fit a EC:P-256 key/],
    ['one kid twice', 'TWICE', /kid k appears twice/],
    ['a short RSA key', 'RSA1024', /2048 bits or more/],
  ])('refuses %s, with a message that shows no key material', async (_what, input, message) => {
    let text = input;
    if (input === 'PUBLIC') {
      const { d: _d, ...pub } = await privateJwk('k');
      text = JSON.stringify({ keys: [pub] });
    }
    if (input === 'WRONG_ALG') text = JSON.stringify([{ ...(await privateJwk('k')), alg: 'RS256' }]);
    if (input === 'TWICE') text = JSON.stringify({ keys: [await privateJwk('k'), await privateJwk('k')] });
    if (input === 'RSA1024')
      text = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    expect(() => parseSigningKeys(text)).toThrow(message);
    try {
      parseSigningKeys(text);
    } catch (err) {
      expect((err as Error).message).not.toMatch(/"d"\s*:/);
    }
  });

  describe('start-up rules', () => {
    const base = { C2C_SUBGRAPH_SECRET: 'x'.repeat(32), C2C_JWT_SECRET: 'y'.repeat(32) };

    it('HS256 with the shared secret when nothing is configured and no identity provider is set (npm start as before)', () => {
      expect(readGatewayConfig({}).signingKeys).toBeUndefined();
      expect(readGatewayConfig({ ...base, NODE_ENV: 'production' }).signingKeys).toBeUndefined();
    });

    it('refuses to start in production with an identity provider and no gateway key: API keys would stop working', () => {
      expect(() => readGatewayConfig({ ...base, NODE_ENV: 'production', C2C_JWKS_URL: 'https://idp.example.org/jwks' })).toThrow(
        /C2C_GATEWAY_SIGNING_KEYS \(or C2C_GATEWAY_SIGNING_KEYS_FILE\) is required with C2C_JWKS_URL in production/,
      );
    });

    it('makes an ephemeral key in development with an identity provider and no key', () => {
      const keys = readGatewayConfig({ C2C_JWKS_URL: 'https://idp.example.org/jwks' }).signingKeys!;
      expect(keys.ephemeral).toBe(true);
      expect(keys.keys.map((k) => k.alg)).toEqual(['ES256']);
    });

    it('reads the keys from the variable or from a file, not both; a bad value is an EnvError naming the variable', async () => {
      const set = JSON.stringify({ keys: [await privateJwk('from-file')] });
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-keys-'));
      const file = path.join(dir, 'keys.json');
      fs.writeFileSync(file, set);
      try {
        const prod = { ...base, NODE_ENV: 'production', C2C_JWKS_URL: 'https://idp.example.org/jwks' };
        expect(readGatewayConfig({ ...prod, C2C_GATEWAY_SIGNING_KEYS_FILE: file }).signingKeys!.keys[0].kid).toBe('from-file');
        expect(readGatewayConfig({ ...prod, C2C_GATEWAY_SIGNING_KEYS: set }).signingKeys!.ephemeral).toBe(false);
        expect(() => readSigningKeys({ inline: set, file }, { production: true })).toThrow(/not both/);
        expect(() => readSigningKeys({ file: path.join(dir, 'missing.json') }, { production: true })).toThrow(/cannot read .*ENOENT/);
        expect(() => readSigningKeys({ inline: '{"keys":[]}' }, { production: true })).toThrow(EnvError);
        expect(() => readSigningKeys({ inline: '{"keys":[]}' }, { production: true })).toThrow(
          /^Invalid environment:\n - C2C_GATEWAY_SIGNING_KEYS holds no key/,
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('signs API-key tokens with the first key; the published set and the hub verifier accept them, as embed only', async () => {
    const keys = { keys: parseSigningKeys(JSON.stringify({ keys: [await privateJwk('new'), await privateJwk('old')] })), ephemeral: false };
    const token = await signEmbedToken(keys, {
      sub: 'client:7',
      org: '7d13f678-5d22-5a8f-9fd7-30eb89485230',
      scope: ['PUBLIC_LISTINGS'],
      ttlSeconds: 300,
      issuer: 'c2c-gateway',
      audience: 'c2c-hub',
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', kid: 'new', typ: 'JWT' });
    const { payload } = await jwtVerify(token, createLocalJWKSet(publicKeySet(keys)), { issuer: 'c2c-gateway', audience: 'c2c-hub' });
    expect(payload).toMatchObject({ sub: 'client:7', roles: ['embed'], scope: 'PUBLIC_LISTINGS' });
    expect(payload.exp! - payload.iat!).toBe(300);
    const verify = createTokenVerifier(
      {
        jwksUrl: 'http://127.0.0.1:1/never-fetched',
        jwtIssuer: 'https://idp.example.org/',
        jwtAudience: 'c2c-hub',
        gatewayIssuer: 'c2c-gateway',
      },
      { gatewayKeys: publicKeySet(keys) },
    );
    await expect(verify(token)).resolves.toMatchObject({ sub: 'client:7', roles: ['embed'] });
  });
});
