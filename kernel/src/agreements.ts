import type { Viewer } from './auth';
import type { HubContext } from './context';
import { EnvError } from './env';
import { callSubgraph, FailClosedCache } from './subgraph-call';
import type { Logger } from './logger';

/**
 * Data-sharing agreements as the other subgraphs see them.
 *
 * The partners subgraph owns agreements. A subgraph that must honour them (students,
 * events) never copies them: it asks partners, over HTTP, for the caller's organisation's
 * active agreements — a POST of `{ viewerAgreements { … } }` to C2C_PARTNERS_URL with the
 * deployment's subgraph secret and the caller's OWN bearer token, which partners verifies
 * and answers for the token's `org` — and caches that answer per organisation for at most
 * C2C_AGREEMENT_TTL_SECONDS (default 30, never more than 60, refused at start otherwise).
 *
 * So a revocation is honoured everywhere within the TTL, and an expiry at once: `expiresAt`
 * is evaluated at use time, even on a cached answer. The client fails closed: when partners
 * is unreachable, slow or answers with errors, the organisation has no agreement (logged).
 */

/** What an agreement may cover. */
export const AGREEMENT_SCOPES = ['EVENT_AGGREGATES', 'STUDENT_DATA'] as const;
export type AgreementScope = (typeof AGREEMENT_SCOPES)[number];

/** The kinds of education record a STUDENT_DATA agreement may cover. */
export const RECORD_KINDS = ['ATTENDANCE', 'BEHAVIOUR', 'COURSES', 'ASSESSMENTS'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** An agreement as partners reports it for the caller's organisation. */
export interface ActiveAgreement {
  id: string;
  scopes: string[];
  recordKinds: string[];
  effectiveFrom: Date;
  expiresAt: Date | null;
}

export const DEFAULT_AGREEMENT_TTL_SECONDS = 30;
/** The bound of the access model: a revoked agreement is honoured nowhere after 60 seconds. */
export const MAX_AGREEMENT_TTL_SECONDS = 60;
export const DEFAULT_PARTNERS_URL = 'http://127.0.0.1:4001/graphql';

export interface AgreementConfig {
  partnersUrl: string;
  ttlSeconds: number;
}

/** C2C_PARTNERS_URL and C2C_AGREEMENT_TTL_SECONDS, validated (a TTL above 60 s is refused). */
export function readAgreementConfig(source: NodeJS.ProcessEnv = process.env): AgreementConfig {
  const problems: string[] = [];
  const partnersUrl = source.C2C_PARTNERS_URL?.trim() || DEFAULT_PARTNERS_URL;
  if (!/^https?:\/\//.test(partnersUrl)) problems.push('C2C_PARTNERS_URL must be an http(s) URL');
  const rawTtl = source.C2C_AGREEMENT_TTL_SECONDS?.trim();
  const ttlSeconds = rawTtl ? Number(rawTtl) : DEFAULT_AGREEMENT_TTL_SECONDS;
  if (!Number.isFinite(ttlSeconds) || ttlSeconds < 0 || ttlSeconds > MAX_AGREEMENT_TTL_SECONDS) {
    problems.push(`C2C_AGREEMENT_TTL_SECONDS must be a number of seconds from 0 to ${MAX_AGREEMENT_TTL_SECONDS} (got "${rawTtl}")`);
  }
  if (problems.length) throw new EnvError(problems);
  return { partnersUrl, ttlSeconds };
}

export const VIEWER_AGREEMENTS_QUERY = '{ viewerAgreements { id scopes recordKinds effectiveFrom expiresAt } }';

export interface AgreementClientOptions extends AgreementConfig {
  subgraphSecret: string;
  log: Logger;
  /** Per-call timeout; a slow partners answer counts as none. */
  timeoutMs?: number;
}

/** Asks partners for an organisation's active agreements; one process-wide TTL cache per organisation. */
export class AgreementClient {
  private readonly cache: FailClosedCache<ActiveAgreement[]>;

  constructor(private readonly o: AgreementClientOptions) {
    if (o.ttlSeconds > MAX_AGREEMENT_TTL_SECONDS)
      throw new EnvError([`C2C_AGREEMENT_TTL_SECONDS must be at most ${MAX_AGREEMENT_TTL_SECONDS}`]);
    this.cache = new FailClosedCache<ActiveAgreement[]>(o.ttlSeconds, []);
  }

  get ttlSeconds() {
    return this.o.ttlSeconds;
  }

  /** The viewer's organisation's agreements (possibly from the cache); [] when it has none or partners cannot say. */
  async forViewer(viewer: Viewer, token: string | undefined, log: Logger = this.o.log): Promise<ActiveAgreement[]> {
    const org = viewer.org;
    if (!org || !token) return [];
    return this.cache.get(
      org,
      () => this.fetch(token),
      (err) => log.error({ err: String((err as Error)?.message ?? err), org }, 'partners did not answer for agreements; treating as none'),
    );
  }

  private async fetch(token: string): Promise<ActiveAgreement[]> {
    const { status, ok, body } = await callSubgraph({
      url: this.o.partnersUrl,
      query: VIEWER_AGREEMENTS_QUERY,
      token,
      subgraphSecret: this.o.subgraphSecret,
      timeoutMs: this.o.timeoutMs,
    });
    if (!ok || !body || body.errors?.length || !Array.isArray(body.data?.viewerAgreements)) {
      throw new Error(`partners answered ${status}${body?.errors?.[0]?.extensions?.code ? ` ${body.errors[0].extensions.code}` : ''}`);
    }
    return body.data.viewerAgreements.map((a: any) => ({
      id: String(a.id),
      scopes: Array.isArray(a.scopes) ? a.scopes.map(String) : [],
      recordKinds: Array.isArray(a.recordKinds) ? a.recordKinds.map(String) : [],
      effectiveFrom: new Date(a.effectiveFrom),
      expiresAt: a.expiresAt ? new Date(a.expiresAt) : null,
    }));
  }
}

const perRequest = new WeakMap<HubContext, Promise<ActiveAgreement[]>>();

/**
 * The calling organisation's agreements for this request (asked once per request). Empty for
 * callers without an organisation, without a token, or on a server without an agreement client.
 */
export function agreementsOf(ctx: HubContext): Promise<ActiveAgreement[]> {
  let p = perRequest.get(ctx);
  if (!p) {
    p = ctx.agreements ? ctx.agreements.forViewer(ctx.viewer, ctx.token, ctx.log) : Promise.resolve([]);
    perRequest.set(ctx, p);
  }
  return p;
}

/** The agreement is in force at `at`: effective, and not yet expired (evaluated now, whatever the cache holds). */
export function agreementInForce(a: ActiveAgreement, at: Date): boolean {
  return a.effectiveFrom.getTime() <= at.getTime() && (!a.expiresAt || a.expiresAt.getTime() > at.getTime());
}

/** The first agreement in force at `at` that covers `scope`, or null. */
export function agreementCovering(list: readonly ActiveAgreement[], scope: AgreementScope, at: Date): ActiveAgreement | null {
  return list.find((a) => a.scopes.includes(scope) && agreementInForce(a, at)) ?? null;
}

/** Shorthand: the viewer's organisation holds an agreement covering `scope` right now. */
export async function activeAgreementFor(ctx: HubContext, scope: AgreementScope, at: Date = new Date()): Promise<ActiveAgreement | null> {
  return agreementCovering(await agreementsOf(ctx), scope, at);
}
