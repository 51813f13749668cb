import type { Express, RequestHandler } from 'express';
import type { Caller, Logger } from '@c2c/kernel';
import { apiKeyExchange } from './auth/api-key-exchange';
import { hsdsFeed } from './hsds/hsds.feed';
import { embedRoutes } from './embed/embed.routes';
import { reportRoutes } from './reports/report.routes';
import type { GatewayConfig } from './config';

/** Runs an operation through the gateway's own query planner, as a client would. */
export type ExecuteThroughGraph = (
  query: string,
  variables?: Record<string, unknown>,
  options?: { caller?: Caller; requestId?: string },
) => Promise<{
  data?: any;
  errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[];
}>;

export interface RouteDeps {
  config: GatewayConfig;
  log: Logger;
  execute: ExecuteThroughGraph;
  /**
   * The gateway's own front line for a public route: verifies the bearer token once (see
   * `callerOf` in caller.ts) and applies the per-client/user/IP rate limit. Put it before the handler.
   */
  protect: RequestHandler[];
}

/**
 * Extra HTTP routes served beside /graphql (REST feeds, static assets). Each feature adds
 * one registrar here; they answer from the graph through `execute`, never from a second
 * data path.
 */
export type RouteRegistrar = (app: Express, deps: RouteDeps) => void;

export const ROUTES: RouteRegistrar[] = [apiKeyExchange];
ROUTES.push(hsdsFeed);
ROUTES.push(embedRoutes);
ROUTES.push((app, deps) => reportRoutes(app, deps));
