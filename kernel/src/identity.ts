import { hasRole, type Viewer } from './auth';
import { EnvError } from './env';
import { unauthenticated } from './errors';
import type { Logger } from './logger';
import { SUBGRAPH_SECRET_HEADER } from './secret';
import { MAX_AGREEMENT_TTL_SECONDS, type AgreementConfig } from './agreements';

/**
 * Identity bound to the staff directory. A partner-role token counts only while its `sub` is an
 * ACTIVE staff record of the token's `org`, and that organisation exists: a signed token alone
 * would let a deactivated person, or a person of one organisation claiming another, keep reading.
 *
 * The partners subgraph owns the directory and answers for itself from its database (the
 * `bindIdentity` of its definition). Every other service asks partners over HTTP — a POST of
 * `{ viewerIdentity { staffId } }` with the caller's own token and the subgraph secret, which
 * partners answers only for a bound token — and caches the answer per (organisation, subject)
 * for the agreements' TTL (at most 60 s), so a deactivation takes effect everywhere within it.
 * It fails closed: partners unreachable, slow or answering with an error means "not bound".
 */
export const VIEWER_IDENTITY_QUERY = '{ viewerIdentity { staffId } }';

/** The roles whose tokens must be bound to an active staff record. */
export const needsStaffBinding = (viewer: Viewer) => !viewer.anonymous && hasRole(viewer, 'partner_staff');

export const unboundIdentity = () => unauthenticated('This token does not belong to an active staff member of its organisation');

export interface IdentityClientOptions extends AgreementConfig {
  subgraphSecret: string;
  log: Logger;
  timeoutMs?: number;
}

/** Asks partners whether a partner-role token is bound; one process-wide TTL cache per (org, sub). */
export class IdentityClient {
  private readonly cache = new Map<string, { fetchedAt: number; value: Promise<boolean> }>();

  constructor(private readonly o: IdentityClientOptions) {
    if (o.ttlSeconds > MAX_AGREEMENT_TTL_SECONDS)
      throw new EnvError([`C2C_AGREEMENT_TTL_SECONDS must be at most ${MAX_AGREEMENT_TTL_SECONDS}`]);
  }

  /** True when the viewer's token is bound to an active staff record of its organisation. */
  async isBound(viewer: Viewer, token: string | undefined, log: Logger = this.o.log): Promise<boolean> {
    if (!viewer.org || !viewer.sub || !token) return false;
    const key = `${viewer.org}|${viewer.sub}`;
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && now - hit.fetchedAt < this.o.ttlSeconds * 1000) return hit.value;
    // The cached promise never rejects, so every request waiting on a failed lookup fails closed.
    const entry = { fetchedAt: now, value: Promise.resolve(false) };
    entry.value = this.fetch(token).catch((err) => {
      log.warn({ err: String(err?.message ?? err), org: viewer.org }, 'partners did not confirm the token’s staff record; refusing it');
      // A failure is not remembered: the next request asks again.
      if (this.cache.get(key) === entry) this.cache.delete(key);
      return false;
    });
    this.cache.set(key, entry);
    return entry.value;
  }

  private async fetch(token: string): Promise<boolean> {
    const res = await globalThis.fetch(this.o.partnersUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, [SUBGRAPH_SECRET_HEADER]: this.o.subgraphSecret },
      body: JSON.stringify({ query: VIEWER_IDENTITY_QUERY }),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 3000),
    });
    const body = (await res.json().catch(() => undefined)) as any;
    // An unbound token is refused by partners with UNAUTHENTICATED: a definite "no", kept for the TTL.
    if (body?.errors?.[0]?.extensions?.code === 'UNAUTHENTICATED') return false;
    if (!res.ok || !body || body.errors?.length) throw new Error(`partners answered ${res.status}`);
    return typeof body.data?.viewerIdentity?.staffId === 'string';
  }
}
