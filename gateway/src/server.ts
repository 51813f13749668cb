import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  ANONYMOUS_CALLER,
  createLogger,
  createTokenVerifier,
  formatHubError,
  GATEWAY_JWKS_PATH,
  IdentityClient,
  jsonErrorHandler,
  needsStaffBinding,
  readAgreementConfig,
  readBearer,
  unboundIdentity,
} from '@c2c/kernel';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { jwksRoute, publicKeySet } from './auth/signing-keys';
import { readGatewayConfig, SUBGRAPHS, type GatewayConfig, type SubgraphName } from './config';
import type { GatewayContext, Observed } from './context';
import { InflightFetches, NEVER_COALESCED } from './coalesce';
import { HubDataSource } from './datasource';
import { subgraphAgent } from './transport';
import { operationLimits, refuseDirectiveOverload } from './limits';
import { GatewayMetrics } from './metrics';
import { observePlugin, observeRequests } from './observability';
import { loadSafelist, persistedQueryCache, safelistPlugin } from './persisted-queries';
import { createRateLimiter } from './rate-limit';
import { ResponseCache, responseCachePlugin } from './response-cache';
import { callerOf, challengeOn401 } from './caller';
import { ROUTES, type ExecuteThroughGraph } from './routes';

export interface RunningGateway {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function subgraphReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(new URL('/readyz', url), { signal: AbortSignal.timeout(1500) });
    // Release the connection now: an unread body holds its socket until garbage collection.
    await res.body?.cancel();
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
  const metrics = new GatewayMetrics();
  const supergraphSdl = fs.readFileSync(config.supergraphPath, 'utf8');
  const safelist = config.safelistPath ? loadSafelist(config.safelistPath) : undefined;
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new HubDataSource(
        name,
        config.subgraphUrls[name as SubgraphName],
        env.subgraphSecret,
        config.subgraphTimeouts[name as SubgraphName] ?? config.subgraphTimeoutMs,
        metrics,
        log,
        config.coalesceFetches && !NEVER_COALESCED.includes(name) ? new InflightFetches() : undefined,
        config.subgraphTransport === 'http'
          ? subgraphAgent(config.subgraphUrls[name as SubgraphName], { maxSockets: config.subgraphMaxSockets })
          : undefined,
      ),
    logger: { debug: () => undefined, info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) },
  });
  // The gateway's own API-key tokens are checked against its keys in memory, never fetched from itself.
  const verify = createTokenVerifier(env, { gatewayKeys: publicKeySet(config.signingKeys), log });
  if (config.signingKeys?.ephemeral) {
    log.warn('API-key tokens are signed with a key made at start-up (no C2C_GATEWAY_SIGNING_KEYS): one gateway only, lost on restart');
  }
  const limits = operationLimits(config.limits, env.production);
  const responseCache = new ResponseCache(config.responseCache);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: formatHubError(env.production),
    includeStacktraceInErrorResponses: !env.production,
    // Introspection is gated per caller by the limits plugin (development, or hub operators).
    introspection: true,
    hideSchemaDetailsFromClientErrors: env.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    persistedQueries: { cache: persistedQueryCache(safelist), ttl: null },
    plugins: [
      // The response cache sets every answer's cache headers; Apollo's own would mark them all no-store.
      ApolloServerPluginCacheControl({ calculateHttpHeaders: false }),
      responseCachePlugin(responseCache),
      ...limits.plugins,
      safelistPlugin(safelist),
      observePlugin,
      ...(env.production ? [ApolloServerPluginLandingPageDisabled()] : []),
    ],
  });
  await apollo.start();
  const limiter = createRateLimiter(config.rateLimits, env.redisUrl, log);
  // A partner token not bound to an active staff record is refused here once, with one clear
  // error; every subgraph checks again for calls that do not come through this gateway's context.
  const identity = new IdentityClient({
    partnersUrl: config.subgraphUrls.partners,
    ttlSeconds: readAgreementConfig().ttlSeconds,
    subgraphSecret: env.subgraphSecret,
    log,
  });

  const app = express();
  app.disable('x-powered-by');
  // Express hashes every answer it sends for an ETag: 1.5 % of the gateway's CPU under the
  // overhead benchmark, for GraphQL POST answers no client revalidates. Routes that serve
  // revalidatable documents set their own (the HSDS feed, hsds.feed.ts).
  app.set('etag', false);
  if (config.trustProxy) app.set('trust proxy', /^\d+$/.test(config.trustProxy) ? Number(config.trustProxy) : config.trustProxy);
  const isOperator = (req: Request) =>
    !env.production || (!!config.metricsToken && req.header('authorization') === `Bearer ${config.metricsToken}`);
  // Public keys of the API-key tokens this gateway signs; subgraphs fetch them (C2C_GATEWAY_JWKS_URL).
  app.get(GATEWAY_JWKS_PATH, jwksRoute(config.signingKeys));
  // Probes and metrics describe this instant (and /readyz differs for operators): never cached.
  app.use(['/healthz', '/readyz', '/metrics'], (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/readyz', async (req, res) => {
    const checks = Object.fromEntries(
      await Promise.all(SUBGRAPHS.map(async (name) => [name, (await subgraphReady(config.subgraphUrls[name])) ? 'up' : 'down'] as const)),
    );
    const ready = Object.values(checks).every((c) => c === 'up');
    // Subgraph names are operational detail: in production only operators see them.
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'degraded', ...(isOperator(req) ? { checks } : {}) });
  });
  app.get('/metrics', async (req, res) => {
    if (!isOperator(req)) {
      res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
      return;
    }
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  // Verify the token once, before the rate limit (which keys on who is asking); everything after reads res.locals.
  const identify: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    readBearer(req.header('authorization'), verify).then(
      (caller) => {
        res.locals.caller = caller;
        res.locals.viewer = caller.viewer;
        next();
      },
      (err) => {
        res.locals.authError = err;
        next();
      },
    );
  };
  const protect: RequestHandler[] = [identify, (req, res, next) => limiter.middleware(req, res, next)];

  const execute: ExecuteThroughGraph = async (query, variables, options = {}) => {
    const { viewer, token } = options.caller ?? ANONYMOUS_CALLER;
    const res = await apollo.executeOperation(
      { query, variables },
      { contextValue: { token, viewer, requestId: options.requestId ?? randomUUID() } },
    );
    if (res.body.kind !== 'single') throw new Error('incremental delivery is not supported here');
    return res.body.singleResult;
  };
  for (const register of ROUTES) register(app, { config, log, execute, protect });
  app.use(
    '/graphql',
    observeRequests(log, metrics),
    challengeOn401,
    ...protect,
    express.json({ limit: config.limits.maxBodyBytes }),
    refuseDirectiveOverload(config.limits.maxDirectives),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        // A bad token fails here with one clear error instead of one per subgraph.
        const { viewer, token } = callerOf(res);
        if (needsStaffBinding(viewer) && !(await identity.isBound(viewer, token))) throw unboundIdentity();
        return { token, viewer, requestId: res.locals.requestId as string, observed: res.locals.observed as Observed };
      },
    }),
  );
  app.use(jsonErrorHandler);

  const http: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host);
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  // Idle keep-alive connections outlive a load balancer's (60 s is the common idle timeout) and a
  // client's own pool timeout, so the gateway is never the side that closes a connection a client
  // is about to reuse; Node's 5 s default loses that race under load ("other side closed").
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;
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
      await limiter.close();
    },
  };
}
