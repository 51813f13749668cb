import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import type { RequestHandler } from 'express';
import { SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import { EnvError, type HubEnv } from '@c2c/kernel';

/**
 * The gateway's own signing keys for the API-key tokens it issues (role `embed`). The first
 * key signs; every key is published at `/.well-known/jwks.json`, so during a rotation tokens
 * of the previous key keep verifying until they expire. Subgraphs trust these keys for
 * `embed` tokens only (kernel/src/jwks.ts).
 *
 * From `C2C_GATEWAY_SIGNING_KEYS` (a JWK set `{"keys":[…]}` of private keys, one private JWK,
 * or PEM private keys one after the other) or `C2C_GATEWAY_SIGNING_KEYS_FILE` (a file holding
 * the same). A JWK's `kid` and `alg` are kept; otherwise the kid is the key's RFC 7638
 * thumbprint and the algorithm follows the key: EC P-256 ES256, P-384 ES384, P-521 ES512,
 * Ed25519 EdDSA, RSA (2048 bits or more) RS256.
 */
export interface SigningKey {
  kid: string;
  alg: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

export interface GatewaySigningKeys {
  /** `keys[0]` signs. */
  keys: SigningKey[];
  /** Generated at start-up (development with an identity provider and no key configured): lost on restart, one gateway only. */
  ephemeral: boolean;
}

const ALGORITHMS: Record<string, string[]> = {
  'EC:P-256': ['ES256'],
  'EC:P-384': ['ES384'],
  'EC:P-521': ['ES512'],
  'OKP:Ed25519': ['EdDSA'],
  RSA: ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'],
};

const b64url = (b: Buffer) => b.toString('base64url');

/** RFC 7638: SHA-256 of the key's required public members, in lexicographic order. */
export function jwkThumbprint(jwk: JWK): string {
  const members = jwk.kty === 'EC' ? ['crv', 'kty', 'x', 'y'] : jwk.kty === 'OKP' ? ['crv', 'kty', 'x'] : ['e', 'kty', 'n'];
  const canonical = JSON.stringify(Object.fromEntries(members.map((m) => [m, (jwk as unknown as Record<string, unknown>)[m]])));
  return b64url(createHash('sha256').update(canonical).digest());
}

function signingKey(privateKey: KeyObject, declared: { kid?: unknown; alg?: unknown }, where: string): SigningKey {
  if (privateKey.type !== 'private') throw new Error(`${where} is not a private key`);
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' }) as JWK;
  const family = publicJwk.kty === 'RSA' ? 'RSA' : `${publicJwk.kty}:${publicJwk.crv}`;
  const allowed = ALGORITHMS[family];
  if (!allowed) throw new Error(`${where}: ${family} keys are not supported (EC P-256/P-384/P-521, Ed25519 or RSA)`);
  if (family === 'RSA' && (privateKey.asymmetricKeyDetails?.modulusLength ?? 0) < 2048)
    throw new Error(`${where}: RSA keys need 2048 bits or more`);
  if (declared.alg !== undefined && !allowed.includes(String(declared.alg))) {
    throw new Error(`${where}: alg ${String(declared.alg)} does not fit a ${family} key (${allowed.join(', ')})`);
  }
  if (declared.kid !== undefined && (typeof declared.kid !== 'string' || !declared.kid.trim()))
    throw new Error(`${where}: kid must be a non-empty string`);
  const kid = declared.kid ?? jwkThumbprint(publicJwk);
  const alg = (declared.alg as string | undefined) ?? allowed[0];
  return { kid, alg, privateKey, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}

/** Parses the key material; errors name the key by position, never its content. */
export function parseSigningKeys(text: string): SigningKey[] {
  const input = text.trim();
  let keys: SigningKey[];
  if (input.startsWith('-----BEGIN')) {
    const blocks = input.match(/-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g) ?? [];
    keys = blocks.map((pem, i) => {
      let key: KeyObject;
      try {
        key = createPrivateKey(pem);
      } catch {
        throw new Error(`PEM block ${i + 1} is not a private key`);
      }
      return signingKey(key, {}, `PEM block ${i + 1}`);
    });
  } else if (input.startsWith('{') || input.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(input);
    } catch {
      throw new Error('is not valid JSON');
    }
    const list: unknown = Array.isArray(json)
      ? json
      : (json as { keys?: unknown }).keys !== undefined
        ? (json as { keys: unknown }).keys
        : [json];
    if (!Array.isArray(list)) throw new Error('"keys" must be a list of JWKs');
    keys = list.map((jwk: any, i) => {
      const where = `key ${i + 1}${typeof jwk?.kid === 'string' ? ` (kid ${jwk.kid})` : ''}`;
      if (!jwk || typeof jwk !== 'object') throw new Error(`${where} is not a JWK`);
      if (jwk.kty === 'oct')
        throw new Error(`${where} is a symmetric key; the gateway signs with a private key others verify with its public half`);
      if (jwk.d === undefined) throw new Error(`${where} is not a private key (no "d")`);
      let key: KeyObject;
      try {
        key = createPrivateKey({ key: jwk, format: 'jwk' });
      } catch {
        throw new Error(`${where} is not a valid private JWK`);
      }
      return signingKey(key, { kid: jwk.kid, alg: jwk.alg }, where);
    });
  } else {
    throw new Error('must be a JWK set (JSON) or PEM private keys');
  }
  if (!keys.length) throw new Error('holds no key');
  const kids = keys.map((k) => k.kid);
  const twice = kids.find((k, i) => kids.indexOf(k) !== i);
  if (twice) throw new Error(`kid ${twice} appears twice`);
  return keys;
}

/** One P-256 key made at start-up. */
export function ephemeralSigningKeys(): GatewaySigningKeys {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { keys: [signingKey(privateKey, {}, 'ephemeral key')], ephemeral: true };
}

/**
 * The gateway's signing keys from the environment, or undefined for HS256 with the shared
 * secret (development and HS256 deployments, as before). With an identity provider
 * (`C2C_JWKS_URL`) the shared secret verifies nothing, so production refuses to start without
 * a key (API keys would stop working) and development makes an ephemeral one.
 */
export function readSigningKeys(
  source: { inline?: string; file?: string },
  env: Pick<HubEnv, 'production' | 'jwksUrl'>,
): GatewaySigningKeys | undefined {
  const inline = source.inline?.trim() || undefined;
  const file = source.file?.trim() || undefined;
  if (inline && file) throw new EnvError(['Set C2C_GATEWAY_SIGNING_KEYS or C2C_GATEWAY_SIGNING_KEYS_FILE, not both']);
  if (inline || file) {
    const name = inline ? 'C2C_GATEWAY_SIGNING_KEYS' : 'C2C_GATEWAY_SIGNING_KEYS_FILE';
    let text: string;
    try {
      text = inline ?? fs.readFileSync(file!, 'utf8');
    } catch (err) {
      throw new EnvError([`${name}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    try {
      return { keys: parseSigningKeys(text), ephemeral: false };
    } catch (err) {
      throw new EnvError([`${name} ${(err as Error).message}`]);
    }
  }
  if (!env.jwksUrl) return undefined;
  if (env.production) {
    throw new EnvError([
      'C2C_GATEWAY_SIGNING_KEYS (or C2C_GATEWAY_SIGNING_KEYS_FILE) is required with C2C_JWKS_URL in production: the gateway signs API-key tokens with it',
    ]);
  }
  return ephemeralSigningKeys();
}

/** The public halves, as served at `/.well-known/jwks.json` and trusted by the gateway's own verifier. */
export const publicKeySet = (keys: GatewaySigningKeys | undefined): JSONWebKeySet => ({ keys: (keys?.keys ?? []).map((k) => k.publicJwk) });

/** How long caches between the gateway and its verifiers may keep the key set. */
export const JWKS_MAX_AGE_SECONDS = 60;

/** `GET /.well-known/jwks.json`: public keys only, briefly cacheable (a rotation waits this long plus the verifiers' cache). */
export function jwksRoute(keys: GatewaySigningKeys | undefined): RequestHandler {
  const body = JSON.stringify(publicKeySet(keys));
  return (_req, res) => {
    res.type('application/json').set('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`).send(body);
  };
}

export interface EmbedClaims {
  sub: string;
  org?: string;
  scope?: string[];
  ttlSeconds: number;
  issuer: string;
  audience: string;
}

/** An API-key token signed with the newest key; the same claims as `mintToken` gives HS256 tokens. */
export async function signEmbedToken(keys: GatewaySigningKeys, c: EmbedClaims): Promise<string> {
  const key = keys.keys[0];
  return new SignJWT({ roles: ['embed'], ...(c.org ? { org: c.org } : {}), ...(c.scope?.length ? { scope: c.scope.join(' ') } : {}) })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
    .setSubject(c.sub)
    .setIssuer(c.issuer)
    .setAudience(c.audience)
    .setIssuedAt()
    .setExpirationTime(`${c.ttlSeconds}s`)
    .sign(key.privateKey);
}
