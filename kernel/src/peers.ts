import type { HubContext } from './context';
import { EnvError } from './env';
import type { Logger } from './logger';
import { callSubgraph } from './subgraph-call';
import { DEFAULT_PORTS, type SubgraphName } from './subgraph';

/**
 * Facts one subgraph needs from another (referrals asking resources whether a service is
 * published, and students whether the caller may see a student). A subgraph never imports
 * another: it POSTs a GraphQL query to the other's `C2C_<NAME>_URL` with the subgraph secret
 * and the caller's OWN bearer token, so the answer is exactly what the caller may see.
 * A peer that is unreachable, slow or answers with a non-public failure is reported as
 * `unavailable`, and the caller refuses whatever depended on it (fail closed).
 */
export interface PeerAnswer {
  data?: any;
  /** The error codes of the answer (`NOT_FOUND`, `FORBIDDEN`, …), in order. */
  codes: string[];
}

export interface PeerClient {
  /** Runs `query` as the request's viewer against `peer`; throws `PeerUnavailable` when it cannot be asked. */
  query(peer: SubgraphName, query: string, variables: Record<string, unknown>, ctx: HubContext): Promise<PeerAnswer>;
}

export class PeerUnavailable extends Error {
  constructor(
    readonly peer: SubgraphName,
    reason: string,
  ) {
    super(`${peer} could not be asked: ${reason}`);
  }
}

export const defaultPeerUrl = (peer: SubgraphName) => `http://127.0.0.1:${DEFAULT_PORTS[peer]}/graphql`;

/** `C2C_<NAME>_URL` for each peer, defaulting to the local development port; refused unless http(s). */
export function readPeerUrls(
  peers: readonly SubgraphName[],
  source: NodeJS.ProcessEnv = process.env,
): Partial<Record<SubgraphName, string>> {
  const urls: Partial<Record<SubgraphName, string>> = {};
  const problems: string[] = [];
  for (const peer of peers) {
    const key = `C2C_${peer.toUpperCase()}_URL`;
    const url = source[key]?.trim() || defaultPeerUrl(peer);
    if (!/^https?:\/\//.test(url)) problems.push(`${key} must be an http(s) URL`);
    urls[peer] = url;
  }
  if (problems.length) throw new EnvError(problems);
  return urls;
}

/** Codes a peer may answer with that are a definite answer about the data, not a failure to answer. */
const DEFINITE = new Set(['NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT']);

export class HttpPeerClient implements PeerClient {
  constructor(
    private readonly o: { urls: Partial<Record<SubgraphName, string>>; subgraphSecret: string; log: Logger; timeoutMs?: number },
  ) {}

  async query(peer: SubgraphName, query: string, variables: Record<string, unknown>, ctx: HubContext): Promise<PeerAnswer> {
    const url = this.o.urls[peer];
    if (!url) throw new PeerUnavailable(peer, 'no URL configured');
    let answer: Awaited<ReturnType<typeof callSubgraph>>;
    try {
      answer = await callSubgraph({
        url,
        query,
        variables,
        token: ctx.token,
        subgraphSecret: this.o.subgraphSecret,
        requestId: ctx.requestId,
        timeoutMs: this.o.timeoutMs,
      });
    } catch (err) {
      ctx.log.error({ err: String((err as Error)?.message ?? err), peer }, 'peer subgraph unreachable');
      throw new PeerUnavailable(peer, 'unreachable');
    }
    return peerAnswer(peer, answer.body, answer.status, ctx.log);
  }
}

/** Reads a GraphQL response body as a peer answer: definite codes pass, anything else is a failure to answer. */
export function peerAnswer(peer: SubgraphName, body: any, status: number, log: Logger): PeerAnswer {
  if (!body || typeof body !== 'object') throw new PeerUnavailable(peer, `answered ${status} without a GraphQL body`);
  const codes: string[] = (body.errors ?? []).map((e: any) => String(e?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  const failure = codes.find((c) => !DEFINITE.has(c));
  if (failure) {
    log.error({ peer, code: failure }, 'peer subgraph answered with a failure');
    throw new PeerUnavailable(peer, `answered ${failure}`);
  }
  return { data: body.data, codes };
}
