import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createLogger, createTokenVerifier, formatHubError, jsonErrorHandler, viewerFromHeader } from '@c2c/kernel';
import express from 'express';
import { readGatewayConfig, SUBGRAPHS, type GatewayConfig, type SubgraphName } from './config';
import type { GatewayContext } from './context';
import { HubDataSource } from './datasource';
import { ROUTES, type ExecuteThroughGraph } from './routes';

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function subgraphReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1500) });
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The gateway serves the committed static supergraph: it needs no subgraph to boot, and a
 * subgraph that is down costs only the fields it owns.
 */
export async function startGateway(config: GatewayConfig = readGatewayConfig()): Promise<RunningGateway> {
  const { env } = config;
  const log = createLogger('gateway', env.logLevel);
  const supergraphSdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) => new HubDataSource(config.subgraphUrls[name as SubgraphName], env.subgraphSecret, config.subgraphTimeoutMs),
    logger: { debug: () => undefined, info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });
  const verify = createTokenVerifier(env);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatHubError(env.production),
    includeStacktraceInErrorResponses: !env.production,
    introspection: !env.production,
    csrfPrevention: true,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = Object.fromEntries(
      await Promise.all(SUBGRAPHS.map(async (name) => [name, (await subgraphReady(config.subgraphUrls[name])) ? 'up' : 'down'] as const)),
    );
    const ready = Object.values(checks).every((c) => c === 'up');
    // Subgraph names are operational detail: in production only the verdict is public.
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', ...(env.production ? {} : { checks }) });
  });
  const execute: ExecuteThroughGraph = async (query, variables, options = {}) => {
    const viewer = options.token ? await verify(options.token) : { anonymous: true, roles: [], scope: [] };
    const res = await apollo.executeOperation(
      { query, variables },
      { contextValue: { token: options.token, viewer, requestId: options.requestId ?? randomUUID() } as GatewayContext },
    );
    if (res.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
    return res.body.singleResult as Awaited<ReturnType<ExecuteThroughGraph>>;
  };
  for (const register of ROUTES) register(app, { config, log, execute });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GatewayContext> => {
        const requestId = req.header('x-request-id') || randomUUID();
        const header = req.header('authorization');
        // Verify here too, so a bad token fails fast with one clear error instead of one per subgraph.
        const viewer = await viewerFromHeader(header, verify);
        const token = viewer.anonymous ? undefined : header!.trim().split(/\s+/)[1];
        return { token, viewer, requestId };
      },
    }),
  );
  app.use(jsonErrorHandler);

  const http: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const port = (http.address() as { port: number }).port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/graphql`;
  log.info({ url }, 'gateway listening');
  return {
    url,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
