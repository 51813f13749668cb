import { hasRole, type Viewer } from './auth';
import { EnvError } from './env';
import { unauthenticated } from './errors';
import type { Logger } from './logger';
import { callSubgraph, FailClosedCache } from './subgraph-call';
import { MAX_AGREEMENT_TTL_SECONDS, type AgreementConfig } from './agreements';

/**
 * Identity bound to the staff directory. A partner-role token counts only while its `sub` is an
 * ACTIVE staff record of the token's `org`, and that organisation exists: a signed token alone
 * would let a deactivated person, or a person of one organisation claiming another, keep reading.
 *
 * The partners subgraph owns the directory and answers for itself from its database (the
 * `bindIdentity` of its definition). Every other service asks partners over HTTP — a POST of
 * `{ viewerIdentity { staffId roles } }` with the caller's own token and the subgraph secret,
 * which partners answers only for a bound token (one whose every partner role the record holds)
 * — and caches the answer per (organisation, subject, partner roles) for the agreements' TTL (at
 * most 60 s), so a deactivation takes effect everywhere within it. The answer names the staff
 * record, because a partner's student access narrows to that record's caseload. It fails closed:
 * partners unreachable, slow or answering with an error means "not bound".
 */
export const VIEWER_IDENTITY_QUERY = '{ viewerIdentity { staffId roles } }';

/** The roles whose tokens must be bound to an active staff record. */
export const needsStaffBinding = (viewer: Viewer) => !viewer.anonymous && hasRole(viewer, 'partner_staff', 'partner_admin');

/** The staff record a token is bound to, as partners answers it. */
export interface BoundIdentity {
  staffId: string;
  /** The roles the record holds (a superset of the token's partner roles). */
  roles: string[];
}

export const unboundIdentity = () => unauthenticated('This token does not belong to an active staff member of its organisation');

export interface IdentityClientOptions extends AgreementConfig {
  subgraphSecret: string;
  log: Logger;
  timeoutMs?: number;
}

/** Asks partners which staff record a partner-role token is bound to; one process-wide TTL cache per (org, sub, partner roles). */
export class IdentityClient {
  private readonly cache: FailClosedCache<BoundIdentity | null>;

  constructor(private readonly o: IdentityClientOptions) {
    if (o.ttlSeconds > MAX_AGREEMENT_TTL_SECONDS)
      throw new EnvError([`C2C_AGREEMENT_TTL_SECONDS must be at most ${MAX_AGREEMENT_TTL_SECONDS}`]);
    this.cache = new FailClosedCache<BoundIdentity | null>(o.ttlSeconds, null);
  }

  /** True when the viewer's token is bound to an active staff record of its organisation. */
  async isBound(viewer: Viewer, token: string | undefined, log: Logger = this.o.log): Promise<boolean> {
    return (await this.identify(viewer, token, log)) !== null;
  }

  /** The active staff record of its organisation the viewer's token is bound to; null when none. */
  async identify(viewer: Viewer, token: string | undefined, log: Logger = this.o.log): Promise<BoundIdentity | null> {
    if (!viewer.org || !viewer.sub || !token) return null;
    const org = viewer.org;
    // The roles are part of the key: partners answers a partner_admin token only for an admin's record.
    const partnerRoles = viewer.roles.filter((r) => r === 'partner_staff' || r === 'partner_admin').sort();
    return this.cache.get(
      `${org}|${viewer.sub}|${partnerRoles.join(',')}`,
      () => this.fetch(token),
      (err) =>
        log.warn({ err: String((err as Error)?.message ?? err), org }, 'partners did not confirm the token’s staff record; refusing it'),
    );
  }

  private async fetch(token: string): Promise<BoundIdentity | null> {
    const { status, ok, body } = await callSubgraph({
      url: this.o.partnersUrl,
      query: VIEWER_IDENTITY_QUERY,
      token,
      subgraphSecret: this.o.subgraphSecret,
      timeoutMs: this.o.timeoutMs,
    });
    // An unbound token is refused by partners with UNAUTHENTICATED: a definite "no", kept for the TTL.
    if (body?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return null;
    if (!ok || !body || body.errors?.length) throw new Error(`partners answered ${status}`);
    const answer = body.data?.viewerIdentity;
    if (!answer) return null;
    if (typeof answer.staffId !== 'string' || !Array.isArray(answer.roles))
      throw new Error('partners answered without a staff id and roles');
    return { staffId: answer.staffId.toLowerCase(), roles: answer.roles.map(String) };
  }
}
