import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@c2c/kernel';
import type { GatewayContext, Observed } from './context';
import type { GatewayMetrics } from './metrics';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;
const statusCode = (status: number) =>
  status === 429 ? 'RATE_LIMITED' : status === 401 ? 'UNAUTHENTICATED' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';

/**
 * One JSON log line and one set of metrics per /graphql request, whatever ends it: a GraphQL
 * answer, a limit (413, 429) or a malformed body. The request id is the caller's if it is
 * sane (so traces join up), else ours; it goes back in `x-request-id` and on to every subgraph.
 */
export function observeRequests(log: Logger, metrics: GatewayMetrics) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header('x-request-id');
    const requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    const observed: Observed = { codes: [] };
    res.locals.requestId = requestId;
    res.locals.observed = observed;
    res.locals.codes = observed.codes;
    res.setHeader('x-request-id', requestId);
    const started = performance.now();
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const operation = metrics.operationLabel(observed.operation);
      if (res.statusCode >= 400 && !observed.codes.length) observed.codes.push(statusCode(res.statusCode));
      metrics.requests.inc({ operation, status: String(res.statusCode) });
      metrics.duration.observe({ operation }, seconds);
      for (const code of observed.codes) metrics.errors.inc({ code });
      const viewer = res.locals.viewer as { sub?: string; roles?: string[] } | undefined;
      log.info(
        {
          requestId,
          method: req.method,
          operation: observed.operation,
          status: res.statusCode,
          ms: Math.round(seconds * 1000),
          codes: observed.codes.length ? observed.codes : undefined,
          sub: viewer?.sub,
          roles: viewer?.roles?.length ? viewer.roles : undefined,
        },
        'graphql request',
      );
    });
    next();
  };
}

/** Tells the request log which operation ran and which error codes went back. */
export const observePlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart({ contextValue }) {
    return {
      async didResolveOperation({ operationName, operation }) {
        if (contextValue.observed) contextValue.observed.operation = operationName ?? operation?.name?.value ?? undefined;
      },
      async willSendResponse({ response }) {
        if (!contextValue.observed || response.body.kind !== 'single') return;
        for (const e of response.body.singleResult.errors ?? [])
          contextValue.observed.codes.push(String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
      },
    };
  },
};
