import { SUBGRAPH_SECRET_HEADER } from './secret';

export interface SubgraphCall {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  /** The caller's own bearer token: the other subgraph answers exactly what the caller may see. */
  token?: string;
  subgraphSecret: string;
  requestId?: string;
  /** A slow answer counts as none; default 3 s. */
  timeoutMs?: number;
}

/**
 * One GraphQL operation POSTed to another subgraph with the deployment's subgraph secret and the
 * caller's own token (never a user id of our own making). The one way the kernel's clients
 * (agreements, staff directory, peers) ask another service; network errors are thrown.
 */
export async function callSubgraph(c: SubgraphCall): Promise<{ status: number; ok: boolean; body: any }> {
  const res = await globalThis.fetch(c.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [SUBGRAPH_SECRET_HEADER]: c.subgraphSecret,
      ...(c.requestId ? { 'x-request-id': c.requestId } : {}),
      ...(c.token ? { authorization: `Bearer ${c.token}` } : {}),
    },
    body: JSON.stringify({ query: c.query, ...(c.variables ? { variables: c.variables } : {}) }),
    signal: AbortSignal.timeout(c.timeoutMs ?? 3000),
  });
  return { status: res.status, ok: res.ok, body: await res.json().catch(() => undefined) };
}

/**
 * A per-key cache of answers from another service, for at most `ttlSeconds`, that fails closed.
 * The cached promise never rejects, so every request waiting on a failed lookup gets `fallback`,
 * not only the one that started it; a failure is not remembered, so the next request asks again.
 */
export class FailClosedCache<V> {
  private readonly entries = new Map<string, { fetchedAt: number; value: Promise<V> }>();

  constructor(
    private readonly ttlSeconds: number,
    private readonly fallback: V,
  ) {}

  get(key: string, load: () => Promise<V>, onError: (err: unknown) => void): Promise<V> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.fetchedAt < this.ttlSeconds * 1000) return hit.value;
    const entry: { fetchedAt: number; value: Promise<V> } = { fetchedAt: now, value: Promise.resolve(this.fallback) };
    entry.value = load().then(
      (v) => v,
      (err: unknown) => {
        onError(err);
        if (this.entries.get(key) === entry) this.entries.delete(key);
        return this.fallback;
      },
    );
    this.entries.set(key, entry);
    return entry.value;
  }
}
