import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { SUBGRAPH_SECRET_HEADER, type Logger } from '@c2c/kernel';
import { Kind, parse, type GraphQLFormattedError, type SelectionNode } from 'graphql';
import type { Agent } from 'node:http';
import { coalesceKey, type InflightFetches } from './coalesce';
import type { GatewayContext } from './context';
import type { GatewayMetrics } from './metrics';
import { bufferedResponse, sendOverHttp, type SubgraphResponse } from './transport';

/**
 * A subgraph answers 401 when a field error says UNAUTHENTICATED, yet its body still holds
 * the rest of the data and each error's code and path. Apollo Gateway throws away any
 * non-2xx body; a GraphQL body (data, or errors) is read as the answer instead.
 */
async function withGraphQLBody(res: SubgraphResponse): Promise<SubgraphResponse> {
  if (res.status >= 500 || !/json/.test(res.headers.get('content-type') ?? '')) return res;
  const text = await res.text();
  let graphql = false;
  try {
    const body = JSON.parse(text);
    graphql =
      !!body &&
      typeof body === 'object' &&
      ((body.data !== undefined && body.data !== null) || (Array.isArray(body.errors) && body.errors.length > 0));
  } catch {
    // not JSON after all: let the gateway report the status
  }
  return bufferedResponse(res.url, graphql ? 200 : res.status, graphql ? 'OK' : res.statusText, res.headers.get('content-type'), text);
}

/**
 * How the gateway calls a subgraph: the caller's own bearer token (each subgraph verifies it
 * again; identity never travels as a plain header), the deployment's subgraph secret, the
 * request id, and a per-call timeout. Node's fetch keeps connections alive per origin.
 * Nothing else from the client's request is forwarded.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    url: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    metrics?: GatewayMetrics,
    private readonly log?: Logger,
    /** Shares identical in-flight query fetches of one caller (coalesce.ts); absent: every fetch goes alone. */
    inflight?: InflightFetches,
    /** The keep-alive agent of transport.ts; absent: Node's global fetch. */
    agent?: Agent,
  ) {
    super({
      url,
      fetcher: (async (input: string, init: RequestInit) => {
        const started = performance.now();
        let outcome = 'ok';
        try {
          const send = (): Promise<SubgraphResponse> =>
            agent
              ? sendOverHttp(agent, input, init as { headers?: Record<string, string>; body?: string }, this.timeoutMs)
              : globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
          const res = inflight ? await inflight.fetch(coalesceKey(input, init), send) : await send();
          if (res.ok) return res;
          const read = await withGraphQLBody(res);
          if (!read.ok) outcome = 'error';
          return read;
        } catch (err) {
          outcome = (err as Error).name === 'TimeoutError' ? 'timeout' : 'error';
          // A DOMException (the abort) is not an Error Apollo can place on a path: in production
          // it failed the whole response. A plain Error costs only this subgraph's fields.
          if (outcome === 'timeout') throw new Error(`${subgraph} did not answer within ${this.timeoutMs} ms`, { cause: err });
          throw err;
        } finally {
          metrics?.subgraphFetch.observe({ subgraph, outcome }, (performance.now() - started) / 1000);
        }
      }) as any,
    });
  }

  /**
   * A subgraph that is down, hung or broken answers for it: `null` for what it owns, with an
   * error on each affected path (`_entities.i` for entities, which the gateway maps to the
   * client's path; the root fields for a root fetch). Thrown, Apollo Gateway reports a failed
   * fetch as one error with no path at all.
   */
  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']> {
    try {
      return await super.process(options);
    } catch (err) {
      const requestId = (options.context as Partial<GatewayContext>)?.requestId;
      this.log?.warn({ subgraph: this.subgraph, requestId, err: (err as Error).message }, 'subgraph fetch failed');
      const error = (path: (string | number)[]): GraphQLFormattedError => ({
        message: `Subgraph ${this.subgraph} is unavailable`,
        path,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
      });
      const representations = options.request.variables?.representations;
      const fields = selectedFields(options.request.query);
      if (Array.isArray(representations)) {
        const errors = representations.flatMap((r: { __typename?: string }, i) =>
          (fields.get(r?.__typename ?? '') ?? [undefined]).map((f) => error(f ? ['_entities', i, f] : ['_entities', i])),
        );
        // Bounded: a page of a hundred entities must not become thousands of identical errors.
        return { data: { _entities: representations.map(() => null) }, errors: errors.slice(0, MAX_FAULT_ERRORS) };
      }
      return { data: null, errors: (fields.get('') ?? []).map((name) => error([name])).slice(0, MAX_FAULT_ERRORS) };
    }
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    const headers = request.http!.headers;
    headers.set(SUBGRAPH_SECRET_HEADER, this.secret);
    // Requests the gateway makes on its own (health checks) have no client context.
    const ctx = context as Partial<GatewayContext>;
    if (ctx.token) headers.set('authorization', `Bearer ${ctx.token}`);
    if (ctx.requestId) headers.set('x-request-id', ctx.requestId);
  }
}

const MAX_FAULT_ERRORS = 100;

/** Response names the fetch selects: at the root (key `''`), or per type inside `_entities`. */
function selectedFields(query: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  try {
    const op = parse(query ?? '').definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (op?.kind !== Kind.OPERATION_DEFINITION) return out;
    const names = (sels: readonly SelectionNode[]) =>
      sels.flatMap((s) => (s.kind === Kind.FIELD && s.name.value !== '__typename' ? [(s.alias ?? s.name).value] : []));
    out.set('', names(op.selectionSet.selections));
    const entities = op.selectionSet.selections.find((s) => s.kind === Kind.FIELD && s.name.value === '_entities');
    for (const frag of entities?.kind === Kind.FIELD ? (entities.selectionSet?.selections ?? []) : []) {
      if (frag.kind === Kind.INLINE_FRAGMENT && frag.typeCondition)
        out.set(frag.typeCondition.name.value, names(frag.selectionSet.selections));
    }
  } catch {
    // an unparsable query cannot have reached a subgraph; no paths then
  }
  return out;
}
