import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import express, { type NextFunction, type Request, type Response } from 'express';
import { AgreementClient, readAgreementConfig, type AgreementConfig } from './agreements';
import { createTokenVerifier, readBearer } from './auth';
import { Loaders, runAfterHooks, type HubContext } from './context';
import { flightOf, SharedRequests } from './request-sharing';
import { readEnv, readPort, type HubEnv } from './env';
import { formatHubError, hubError } from './errors';
import { IdentityClient, needsStaffBinding, unboundIdentity } from './identity';
import { createLogger } from './logger';
import { databaseIsUp, openDatabase } from './orm';
import { HttpPeerClient, readPeerUrls } from './peers';
import { requireSubgraphSecret } from './secret';
import { buildSubgraph, DEFAULT_PORTS, type SubgraphDefinition } from './subgraph';

export interface RunningSubgraph {
  name: string;
  url: string;
  port: number;
  orm: MikroORM;
  close(): Promise<void>;
}

export interface StartOptions {
  port?: number;
  env?: HubEnv;
  /** Override the database (tests): a PostgreSQL URL or a SQLite path. */
  databaseUrl?: string;
  sqlitePath?: string;
  /** Where to ask for data-sharing agreements (default: C2C_PARTNERS_URL, C2C_AGREEMENT_TTL_SECONDS). */
  agreements?: AgreementConfig;
}

/** A JSON error body for failures that happen before GraphQL runs (malformed JSON, oversize body). */
export function jsonErrorHandler(err: any, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return next(err);
  const status = typeof err?.status === 'number' ? err.status : 500;
  const message =
    err?.type === 'entity.parse.failed'
      ? 'Request body is not valid JSON'
      : err?.type === 'entity.too.large'
        ? 'Request body is too large'
        : status < 500
          ? String(err?.message ?? 'Bad request')
          : 'Internal server error';
  res.status(status).json({ errors: [{ message, extensions: { code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR' } }] });
}

/**
 * The subgraph's own database, created and migrated: `DATABASE_URL` when set, else its SQLite
 * file in the data folder. Exported so that tools which prepare a database (the demo seed)
 * open exactly the one the service will.
 */
export function openSubgraphDatabase(
  def: SubgraphDefinition,
  env: HubEnv,
  o: Pick<StartOptions, 'databaseUrl' | 'sqlitePath'> = {},
): Promise<MikroORM> {
  return openDatabase({
    name: def.name,
    entities: def.entities,
    migrations: def.migrations,
    databaseUrl: o.sqlitePath ? undefined : (o.databaseUrl ?? env.databaseUrl),
    sqlitePath: o.sqlitePath ?? path.join(env.dataDir, `${def.name}.sqlite3`),
  });
}

/** Starts one subgraph as an HTTP service: `/graphql` behind the subgraph secret, `/healthz`, `/readyz`. */
export async function startSubgraph(def: SubgraphDefinition, o: StartOptions = {}): Promise<RunningSubgraph> {
  const env = o.env ?? readEnv();
  const log = createLogger(def.name, env.logLevel);
  const orm = await openSubgraphDatabase(def, env, o);

  const { schema } = await buildSubgraph(def);
  const verify = createTokenVerifier(env);
  // Agreements are asked of partners with a bounded cache (kernel/src/agreements.ts); a TTL over 60 s is refused.
  const directory = o.agreements ?? readAgreementConfig();
  const agreements = new AgreementClient({ ...directory, subgraphSecret: env.subgraphSecret, log });
  // Partner-role tokens are bound to the staff directory through the same bounded cache (kernel/src/identity.ts).
  const identity = new IdentityClient({ ...directory, subgraphSecret: env.subgraphSecret, log });
  const peers = def.peers?.length
    ? new HttpPeerClient({ urls: readPeerUrls(def.peers), subgraphSecret: env.subgraphSecret, log })
    : undefined;
  const apollo = new ApolloServer<HubContext>({
    schema,
    formatError: formatHubError(env.production),
    includeStacktraceInErrorResponses: !env.production,
    introspection: !env.production,
    csrfPrevention: true,
    plugins: [
      // Apollo Server installs both by default, and each hooks every field a subgraph resolves:
      // the cache-control plugin ran on each of the 600 fields of `_entities` for 100 services
      // (BENCHMARKS.md). Nothing reads a subgraph's cache hints (the gateway decides what it may
      // cache, gateway/src/response-cache.ts) or its traces (the hub reports to no Apollo Studio).
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ contextValue, response }) {
              if (!(await runAfterHooks(contextValue))) {
                response.body = {
                  kind: 'single',
                  singleResult: { errors: [hubError('INTERNAL_SERVER_ERROR', 'The request could not be completed')] },
                };
              }
            },
          };
        },
      },
      {
        // One line per request with the gateway's request id, so a client's request can be followed across services.
        async requestDidStart({ contextValue }) {
          const started = performance.now();
          return {
            async willSendResponse({ response, operationName }) {
              const codes = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code) : [];
              contextValue.log?.info(
                {
                  operation: operationName ?? undefined,
                  ms: Math.round(performance.now() - started),
                  codes: codes.length ? codes : undefined,
                },
                'graphql request',
              );
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // Express would hash every answer for an ETag (gateway/src/server.ts says why not).
  app.set('etag', false);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: def.name });
  });
  app.get('/readyz', async (_req, res) => {
    const db = await databaseIsUp(orm);
    res.status(db ? 200 : 503).json({ status: db ? 'ready' : 'unavailable', service: def.name, checks: { database: db ? 'up' : 'down' } });
  });
  const sharing = def.shareIdenticalRequests && process.env.C2C_SHARE_REQUESTS !== 'off' ? new SharedRequests() : undefined;
  app.use(
    '/graphql',
    requireSubgraphSecret(env.subgraphSecret),
    express.json({ limit: '1mb' }),
    ...(sharing ? [sharing.middleware((requestId) => log.info({ requestId, shared: true }, 'graphql request'))] : []),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<HubContext> => {
        const requestId = req.header('x-request-id') || randomUUID();
        const flight = flightOf(res);
        const caller = await readBearer(req.header('authorization'), verify);
        const token = caller.token;
        let viewer = caller.viewer;
        const em = orm.em.fork() as EntityManager;
        if (needsStaffBinding(viewer)) {
          const bound = def.bindIdentity ? await def.bindIdentity(em.fork(), viewer) : await identity.identify(viewer, token, log);
          if (!bound) throw unboundIdentity();
          // The record, not the token, is whose caseload this is.
          viewer = { ...viewer, staffId: bound.staffId };
        }
        return {
          em,
          viewer,
          loaders: new Loaders(),
          requestId,
          log: log.child({ requestId }),
          after: [],
          closeSharing: flight ? () => flight.close() : undefined,
          token,
          agreements,
          peers,
        };
      },
    }),
  );
  app.use(jsonErrorHandler);

  const port = o.port ?? readPort('PORT', readPort(`C2C_${def.name.toUpperCase()}_PORT`, DEFAULT_PORTS[def.name]));
  const http: Server = await new Promise((resolve, reject) => {
    // Loopback in development; in production the gateway reaches subgraphs over the network.
    const s = app.listen(port, process.env.HOST || (env.production ? '0.0.0.0' : '127.0.0.1'));
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  // Keep-alive longer than the gateway's idle timeout so pooled connections are not cut mid-request.
  http.keepAliveTimeout = 65_000;
  const actualPort = (http.address() as { port: number }).port;
  const url = `http://127.0.0.1:${actualPort}/graphql`;
  log.info({ url }, 'subgraph listening');
  const stopBackground = def.background?.(orm, log);

  return {
    name: def.name,
    url,
    port: actualPort,
    orm,
    async close() {
      stopBackground?.();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await apollo.stop();
      await orm.close(true);
    },
  };
}

/** Entry point of a subgraph's `main.ts`: start, log, stop cleanly on SIGTERM/SIGINT. */
export function runSubgraph(def: SubgraphDefinition) {
  let env: HubEnv;
  try {
    env = readEnv();
    readAgreementConfig(); // refuse a bad C2C_PARTNERS_URL or a TTL over 60 s before anything starts
    if (def.peers) readPeerUrls(def.peers);
  } catch (err) {
    console.error(String((err as Error).message));
    process.exit(78);
  }
  startSubgraph(def, { env })
    .then((running) => {
      const stop = () =>
        running.close().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    })
    .catch((err) => {
      console.error(`${def.name} failed to start: ${env.production ? (err as Error).message : (err as Error).stack}`);
      process.exit(1);
    });
}
