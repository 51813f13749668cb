import { createRemoteJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { HubEnv } from './env';
import { unauthenticated } from './errors';

/** The roles of the access model (DESIGN.md). */
export const ROLES = ['partner_staff', 'district_sis', 'district_admin', 'cec_admin', 'evaluator', 'embed'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking, as proven by a verified token; `anonymous` when no token was sent. */
export interface Viewer {
  anonymous: boolean;
  sub?: string;
  roles: Role[];
  /** Organisation id, for partner roles. */
  org?: string;
  scope: string[];
}

export const ANONYMOUS: Viewer = Object.freeze({ anonymous: true, roles: [], scope: [] });

export const hasRole = (viewer: Viewer, ...roles: Role[]) => roles.some((r) => viewer.roles.includes(r));

export type TokenVerifier = (token: string) => Promise<Viewer>;

/** HS256 with the shared secret in development; a JWKS (the identity provider's) in production. */
export function createTokenVerifier(env: Pick<HubEnv, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience'>): TokenVerifier {
  const jwks = env.jwksUrl ? createRemoteJWKSet(new URL(env.jwksUrl)) : undefined;
  const secret = env.jwtSecret ? new TextEncoder().encode(env.jwtSecret) : undefined;
  const options = { issuer: env.jwtIssuer, audience: env.jwtAudience, clockTolerance: 5 };
  return async (token) => {
    let payload: JWTPayload;
    try {
      if (jwks) {
        payload = (await jwtVerify(token, jwks, options)).payload;
      } else {
        payload = (await jwtVerify(token, secret!, { ...options, algorithms: ['HS256'] })).payload;
      }
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('Token expired');
      throw unauthenticated('Invalid token');
    }
    return viewerFromClaims(payload);
  };
}

function viewerFromClaims(payload: JWTPayload): Viewer {
  const rawRoles = Array.isArray(payload.roles) ? payload.roles : [];
  const roles = rawRoles.filter((r): r is Role => typeof r === 'string' && (ROLES as readonly string[]).includes(r));
  if (rawRoles.length !== roles.length) throw unauthenticated('Token carries an unknown role');
  const org = typeof payload.org === 'string' && payload.org ? payload.org : undefined;
  if (roles.includes('partner_staff') && !org) throw unauthenticated('A partner_staff token must name its organisation (org claim)');
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
