import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { DEFAULT_GATEWAY_ISSUER, DEFAULT_JWKS_CACHE_SECONDS, type HubEnv } from './env';
import { unauthenticated } from './errors';
import type { Logger } from './logger';

/**
 * Which keys a token is checked with. Two signers are trusted, each for its own tokens only:
 *
 * - users' tokens: the identity provider's JWKS (`C2C_JWKS_URL`), or in development the HS256
 *   shared secret (`C2C_JWT_SECRET`), with issuer `C2C_JWT_ISSUER`;
 * - API-key tokens (role `embed`, sub `client:<id>`): the gateway's own key set, published at
 *   `/.well-known/jwks.json` on the gateway (`C2C_GATEWAY_JWKS_URL`), with issuer
 *   `C2C_GATEWAY_ISSUER`. A gateway-signed token claiming any other role is refused, and in
 *   JWKS mode an `embed` token from the identity provider is refused too.
 *
 * The issuer claim picks the key set, and the two issuers must differ, so a key of one signer
 * is never tried for the other's tokens.
 */
/** Asymmetric algorithms only: a key set never verifies an HS256 token. */
export const JWKS_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'EdDSA', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];

/** A key set could not be fetched (down, slow, not 200, not a key set): the token is refused, never a 500. */
export class SigningKeysUnavailable extends Error {
  constructor(
    public readonly url: string,
    cause: unknown,
  ) {
    super(`JWKS ${url} unavailable: ${String((cause as Error)?.message ?? cause)}`);
    this.name = 'SigningKeysUnavailable';
  }
}

export interface RemoteKeySetOptions {
  /** How long fetched keys are used without asking again (jose `cacheMaxAge`). */
  cacheSeconds: number;
  /** Per fetch (jose `timeoutDuration`); default 5000. */
  timeoutMs?: number;
  /**
   * After a failed fetch, no new fetch for this long: tokens are checked against the keys
   * still in cache, or refused at once, instead of every request waiting on a dead endpoint.
   * Default 5000.
   */
  retryAfterFailureMs?: number;
}

const isFetchFailure = (err: unknown) =>
  !(err instanceof joseErrors.JOSEError) ||
  err instanceof joseErrors.JWKSTimeout ||
  err instanceof joseErrors.JWKSInvalid ||
  err.code === 'ERR_JOSE_GENERIC';

/**
 * jose's remote key set: keys are used for `cacheSeconds` after a successful fetch, an unknown
 * `kid` triggers one refetch at most every `min(30 s, cacheSeconds / 2)`, and once the cache has
 * expired every token needs a successful fetch (fail closed). Added here: a failed fetch is not
 * retried for `retryAfterFailureMs`, and fetch failures are `SigningKeysUnavailable`.
 */
export function remoteKeySet(url: string, o: RemoteKeySetOptions): JWTVerifyGetKey {
  const cacheMaxAge = o.cacheSeconds * 1000;
  const remote = createRemoteJWKSet(new URL(url), {
    cacheMaxAge,
    cooldownDuration: Math.min(30_000, cacheMaxAge / 2),
    timeoutDuration: o.timeoutMs ?? 5000,
  });
  const retryAfterFailureMs = o.retryAfterFailureMs ?? 5000;
  let failedAt = -Infinity;
  return async (header, token) => {
    if (Date.now() - failedAt < retryAfterFailureMs) {
      const cached = remote.fresh ? remote.jwks() : undefined;
      if (!cached) throw new SigningKeysUnavailable(url, 'an earlier fetch failed moments ago');
      return createLocalJWKSet(cached)(header, token);
    }
    try {
      return await remote(header, token);
    } catch (err) {
      if (!isFetchFailure(err)) throw err;
      failedAt = Date.now();
      throw new SigningKeysUnavailable(url, err);
    }
  };
}

/** What `createTokenVerifier` reads of the environment; the gateway fields are optional for callers that trust no gateway. */
export type TokenTrustEnv = Pick<HubEnv, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience'> &
  Partial<Pick<HubEnv, 'gatewayJwksUrl' | 'gatewayIssuer' | 'jwksCacheSeconds'>>;

export interface TokenTrustOptions {
  /** The gateway's own public keys: the gateway checks its tokens against these instead of fetching its own JWKS. */
  gatewayKeys?: JSONWebKeySet;
  /** See `RemoteKeySetOptions`; tests shorten them. */
  jwksTimeoutMs?: number;
  jwksRetryAfterFailureMs?: number;
  /** Where a key set that could not be fetched is reported. */
  log?: Pick<Logger, 'warn'>;
}

export type TokenSource = 'user' | 'gateway';

export interface KeyChoice {
  source: TokenSource;
  key: Uint8Array | JWTVerifyGetKey;
  /** Overrides for `jwtVerify`'s options. */
  issuer: string;
  algorithms: string[];
}

/** Picks the key set for a token by its (not yet verified) issuer claim. */
export function createKeyResolver(env: TokenTrustEnv, o: TokenTrustOptions = {}): (token: string) => KeyChoice {
  const remoteOptions: RemoteKeySetOptions = {
    cacheSeconds: env.jwksCacheSeconds ?? DEFAULT_JWKS_CACHE_SECONDS,
    timeoutMs: o.jwksTimeoutMs,
    retryAfterFailureMs: o.jwksRetryAfterFailureMs,
  };
  const users: KeyChoice | undefined = env.jwksUrl
    ? { source: 'user', key: remoteKeySet(env.jwksUrl, remoteOptions), issuer: env.jwtIssuer, algorithms: JWKS_ALGORITHMS }
    : env.jwtSecret
      ? { source: 'user', key: new TextEncoder().encode(env.jwtSecret), issuer: env.jwtIssuer, algorithms: ['HS256'] }
      : undefined;
  const gatewayIssuer = env.gatewayIssuer ?? DEFAULT_GATEWAY_ISSUER;
  const gatewayKey = o.gatewayKeys
    ? createLocalJWKSet(o.gatewayKeys)
    : env.gatewayJwksUrl
      ? remoteKeySet(env.gatewayJwksUrl, remoteOptions)
      : undefined;
  const gateway: KeyChoice | undefined = gatewayKey
    ? { source: 'gateway', key: gatewayKey, issuer: gatewayIssuer, algorithms: JWKS_ALGORITHMS }
    : undefined;
  return (token) => {
    const { iss } = decodeJwt(token);
    if (gateway && iss === gatewayIssuer) {
      // Several keys are published during a rotation: the gateway names the one it signed with.
      if (typeof decodeProtectedHeader(token).kid !== 'string') throw new joseErrors.JWTInvalid('A gateway token must name its key (kid)');
      return gateway;
    }
    if (!users) throw new joseErrors.JWTInvalid('No key to verify user tokens with');
    return users;
  };
}

/**
 * What each signer may sign: the gateway's key signs API-key tokens only (role `embed` and
 * nothing else, sub `client:<id>`); with an identity provider, `embed` tokens come from the
 * gateway only. (With the development secret, `c2c token --role embed` still works.)
 */
export function checkTokenSource(choice: KeyChoice, payload: JWTPayload, env: Pick<TokenTrustEnv, 'jwksUrl'>): void {
  const roles = Array.isArray(payload.roles) ? payload.roles : [];
  if (choice.source === 'gateway') {
    const embedOnly = roles.length === 1 && roles[0] === 'embed';
    if (!embedOnly || typeof payload.sub !== 'string' || !/^client:\S+$/.test(payload.sub)) {
      throw unauthenticated('A gateway-signed token may only be an API client token (role embed, sub client:<id>)');
    }
  } else if (env.jwksUrl && roles.includes('embed')) {
    throw unauthenticated('Embed tokens are issued by the gateway (POST /auth/token) only');
  }
}
