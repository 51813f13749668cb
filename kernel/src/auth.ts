import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { EnvError } from './env';
import { isUuid, normalizeId } from './ids';
import {
  checkTokenSource,
  createKeyResolver,
  SigningKeysUnavailable,
  type KeyChoice,
  type TokenTrustEnv,
  type TokenTrustOptions,
} from './jwks';
import { unauthenticated } from './errors';

/**
 * The roles of the access model (DESIGN.md). `partner_admin` is a partner's administrator: it
 * assigns caseloads and always carries `partner_staff` too (`viewerFromClaims` adds it), so an
 * admin reads whatever its organisation's staff read, of every participant rather than a caseload.
 */
export const ROLES = ['partner_staff', 'partner_admin', 'district_sis', 'district_admin', 'cec_admin', 'evaluator', 'embed'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as proven by a verified token; `anonymous` when no token was sent. */
export interface Viewer {
  anonymous: boolean;
  sub?: string;
  roles: Role[];
  /** Organisation id, for partner roles. */
  org?: string;
  scope: string[];
  /**
   * The staff record a partner-role token is bound to (kernel/src/identity.ts), set by the
   * server once partners confirmed it, never read from a claim: caseloads name staff ids.
   */
  staffId?: string;
}

export const ANONYMOUS: Viewer = Object.freeze({ anonymous: true, roles: [], scope: [] });

export const hasRole = (viewer: Viewer, ...roles: Role[]) => roles.some((r) => viewer.roles.includes(r));

export type TokenVerifier = (token: string) => Promise<Viewer>;

/**
 * Users' tokens: HS256 with the shared secret in development, the identity provider's JWKS in
 * production. API-key tokens: the gateway's JWKS (or `o.gatewayKeys` on the gateway itself).
 * Which key set, and what each signer may sign: kernel/src/jwks.ts. A key set that cannot be
 * fetched fails closed (UNAUTHENTICATED), never as an internal error.
 */
export function createTokenVerifier(env: TokenTrustEnv, o: TokenTrustOptions = {}): TokenVerifier {
  const keysFor = createKeyResolver(env, o);
  const options = { audience: env.jwtAudience, clockTolerance: 5 };
  const maxLifetimeSeconds = maxTokenLifetimeSeconds();
  return async (token) => {
    let payload: JWTPayload;
    let choice: KeyChoice;
    try {
      choice = keysFor(token);
      const { key, issuer, algorithms } = choice;
      const checks = { ...options, issuer, algorithms };
      // Two calls for jose's two overloads (a secret, or a key set function).
      payload = (key instanceof Uint8Array ? await jwtVerify(token, key, checks) : await jwtVerify(token, key, checks)).payload;
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('Token expired');
      if (err instanceof SigningKeysUnavailable) {
        o.log?.warn({ err: err.message }, 'token refused: its signing keys could not be fetched');
        throw unauthenticated('Token could not be verified now (signing keys unavailable); try again');
      }
      throw unauthenticated('Invalid token');
    }
    checkTokenSource(choice, payload, env);
    return viewerFromClaims(payload, { maxLifetimeSeconds });
  };
}

/** Tokens living longer than this are refused, whoever signed them (`C2C_MAX_TOKEN_LIFETIME_SECONDS`). */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;
const MAX_SUBJECT_LENGTH = 255;

export function maxTokenLifetimeSeconds(source: NodeJS.ProcessEnv = process.env): number {
  const raw = source.C2C_MAX_TOKEN_LIFETIME_SECONDS?.trim();
  if (!raw) return DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 60 || n > 30 * 86400) {
    throw new EnvError([`C2C_MAX_TOKEN_LIFETIME_SECONDS must be a whole number of seconds from 60 to ${30 * 86400} (got "${raw}")`]);
  }
  return n;
}

/**
 * The claims of a verified token, checked before anything trusts them: a token without `exp`
 * would never expire, one without `sub` could not be audited, and an `org` that is not a
 * canonical id could be compared differently by different services. The signature alone does
 * not make a claim usable.
 */
export function viewerFromClaims(payload: JWTPayload, o: { maxLifetimeSeconds?: number; now?: number } = {}): Viewer {
  const now = o.now ?? Math.floor(Date.now() / 1000);
  const maxLifetime = o.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) throw unauthenticated('Token must carry an expiry (exp claim)');
  // Five seconds of clock skew, as the signature check allows.
  if (payload.exp - now > maxLifetime + 5) throw unauthenticated(`Token lives longer than the ${maxLifetime} s this hub accepts`);
  if (typeof payload.sub !== 'string' || !payload.sub.trim() || payload.sub.length > MAX_SUBJECT_LENGTH) {
    throw unauthenticated('Token must name its subject (sub claim, a string)');
  }
  if (payload.roles !== undefined && !Array.isArray(payload.roles)) throw unauthenticated('The roles claim must be a list');
  const rawRoles: unknown[] = Array.isArray(payload.roles) ? payload.roles : [];
  const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (rawRoles.length !== roles.length) throw unauthenticated('Token carries an unknown role');
  if (payload.org !== undefined && typeof payload.org !== 'string') throw unauthenticated('The org claim must be an organisation id');
  let org: string | undefined;
  if (typeof payload.org === 'string' && payload.org.trim()) {
    // One canonical form for every comparison in every service; lookalike characters fail here.
    if (!isUuid(payload.org.trim())) throw unauthenticated('The org claim must be an organisation id');
    org = normalizeId(payload.org);
  }
  if (roles.includes('partner_staff') && !org) throw unauthenticated('A partner_staff token must name its organisation (org claim)');
  if (roles.includes('partner_admin') && !org) throw unauthenticated('A partner_admin token must name its organisation (org claim)');
  // An administrator is its organisation's staff member too: one rule, not two lists of reads.
  if (roles.includes('partner_admin') && !roles.includes('partner_staff')) roles.push('partner_staff');
  if (payload.scope !== undefined && typeof payload.scope !== 'string') throw unauthenticated('The scope claim must be a string');
  const scope = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
  return { anonymous: false, sub: payload.sub, roles, org, scope };
}

/** Who is asking, and the bearer token that proved it (to pass on to the next service). */
export interface Caller {
  viewer: Viewer;
  token?: string;
}

export const ANONYMOUS_CALLER: Caller = Object.freeze({ viewer: ANONYMOUS });

/**
 * The one reader of `Authorization: Bearer …`, for GraphQL and REST alike. No header is
 * anonymity; anything else in that header, or a token that does not verify, is an error.
 */
export async function readBearer(header: string | undefined, verify: TokenVerifier): Promise<Caller> {
  if (!header) return ANONYMOUS_CALLER;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw unauthenticated('Authorization header must be "Bearer <token>"');
  return { viewer: await verify(match[1]), token: match[1] };
}

export interface MintOptions {
  secret: string;
  sub: string;
  roles: Role[];
  org?: string;
  scope?: string[];
  ttlSeconds?: number;
  issuer?: string;
  audience?: string;
}

/** Mints an HS256 token: `c2c token` in development, and the gateway's API-key exchange. */
export async function mintToken(o: MintOptions): Promise<string> {
  const jwt = new SignJWT({ roles: o.roles, ...(o.org ? { org: o.org } : {}), ...(o.scope?.length ? { scope: o.scope.join(' ') } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(o.sub)
    .setIssuer(o.issuer ?? 'c2c-hub')
    .setAudience(o.audience ?? 'c2c-hub')
    .setIssuedAt()
    .setExpirationTime(`${o.ttlSeconds ?? 3600}s`);
  return jwt.sign(new TextEncoder().encode(o.secret));
}
