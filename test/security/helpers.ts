import { createHmac } from 'node:crypto';
import { mintToken, type Role } from '@c2c/kernel';
import { SECRETS, testSubject } from '@c2c/testing';

export { bearer, http, post as postJson } from '@c2c/testing';

export const tokenFor = (roles: Role | Role[], o: { org?: string; sub?: string; ttlSeconds?: number; secret?: string } = {}) =>
  mintToken({
    secret: o.secret ?? SECRETS.C2C_JWT_SECRET,
    sub: o.sub ?? testSubject([roles].flat(), o.org, `sec-${[roles].flat().join('-')}`),
    roles: [roles].flat(),
    org: o.org,
    // The mutation matrix mints its tokens once and has run past ten minutes on a loaded machine.
    ttlSeconds: o.ttlSeconds ?? 3600,
  });

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A correctly signed token that expired a minute ago (beyond the verifier's clock tolerance). */
export const expiredToken = async (roles: Role[]) => {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: 'expired', roles, iss: 'c2c-hub', aud: 'c2c-hub', iat: now - 3600, exp: now - 60 })}`;
  return `${unsigned}.${createHmac('sha256', SECRETS.C2C_JWT_SECRET).update(unsigned).digest('base64url')}`;
};

/** `alg: none`: an unsigned token claiming any role. */
export const unsignedToken = (roles: Role[]) => {
  const now = Math.floor(Date.now() / 1000);
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'forger', roles, iss: 'c2c-hub', aud: 'c2c-hub', iat: now, exp: now + 600 })}.`;
};

/** The client-visible text of errors, less their paths (a path names a field, which may contain a subgraph's name). */
export const errorText = (errors: any[] | undefined) => JSON.stringify((errors ?? []).map(({ path, ...rest }) => rest));

/** Nothing internal in a client-facing body: stacks, SQL, subgraph names or addresses. */
export const LEAK =
  /stacktrace|exception|at \w+ \(|node_modules|127\.0\.0\.1|localhost|ECONNREFUSED|fetch failed|select |insert |sqlite|postgres|serviceName|partners|resources|referrals|students|subgraph/i;
