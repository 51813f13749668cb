import http from 'node:http';
import https from 'node:https';

/**
 * The gateway's HTTP client for subgraph calls: `node:http` on a keep-alive agent per
 * subgraph. Node's global fetch (undici with web streams) was a quarter of the gateway's CPU
 * under the federation benchmark (BENCHMARKS.md); a subgraph answer is one small JSON body,
 * read whole, so none of the streaming is needed. The answer offers exactly what Apollo
 * Gateway's data source and ours read: status, headers.get, text() and json().
 */
export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/** An answer whose body has been read already (a coalesced or rewritten one). */
export function bufferedResponse(
  url: string,
  status: number,
  statusText: string,
  contentType: string | null,
  body: string,
): SubgraphResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url,
    headers: { get: (name) => (name.toLowerCase() === 'content-type' ? contentType : null) },
    text: async () => body,
    json: async () => JSON.parse(body) as unknown,
  };
}

export interface SubgraphAgentOptions {
  /** Sockets to one subgraph at most; requests beyond it queue in the agent. */
  maxSockets: number;
}

/**
 * A keep-alive agent for one subgraph: connections are reused across requests (a subgraph
 * keeps them open 65 s, longer than this agent's idle sockets live), capped per subgraph.
 */
export function subgraphAgent(url: string, o: SubgraphAgentOptions): http.Agent {
  const options: http.AgentOptions = { keepAlive: true, maxSockets: o.maxSockets, maxFreeSockets: o.maxSockets, timeout: 60_000 };
  return new URL(url).protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
}

/** An error named as `AbortSignal.timeout` names its own, so callers tell a timeout from a failure alike. */
class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** POSTs (or whatever `init.method` says) one request and reads the whole answer; `timeoutMs` bounds all of it. */
export function sendOverHttp(
  agent: http.Agent,
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string },
  timeoutMs: number,
): Promise<SubgraphResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: init.method ?? 'GET',
        agent,
        headers: { ...init.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', fail);
        res.on('end', () => {
          clearTimeout(timer);
          const ct = res.headers['content-type'];
          resolve(bufferedResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', ct ?? null, Buffer.concat(chunks).toString('utf8')));
        });
      },
    );
    function fail(err: Error) {
      clearTimeout(timer);
      reject(err);
    }
    const timer = setTimeout(() => request.destroy(new TimeoutError(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', fail);
    request.end(body);
  });
}
