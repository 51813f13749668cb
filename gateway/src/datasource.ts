import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import type { GatewayContext } from './context';

/**
 * How the gateway calls a subgraph: the caller's own bearer token (each subgraph verifies it
 * again; identity never travels as a plain header), the deployment's subgraph secret, the
 * request id, and a per-call timeout. Node's fetch keeps connections alive per origin.
 */
export class HubDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    url: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
  ) {
    super({
      url,
      fetcher: ((input: string, init: RequestInit) => globalThis.fetch(input, { ...init, signal: AbortSignal.timeout(this.timeoutMs) })) as any,
    });
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
