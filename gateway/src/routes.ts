import type { Express } from 'express';
import type { Logger } from '@c2c/kernel';
import type { GatewayConfig } from './config';

/** Runs an operation through the gateway's own query planner, as a client would. */
export type ExecuteThroughGraph = (
  query: string,
  variables?: Record<string, unknown>,
  options?: { token?: string; requestId?: string },
) => Promise<{ data?: any; errors?: readonly { message: string; extensions?: Record<string, unknown>; path?: readonly (string | number)[] }[] }>;

export interface RouteDeps {
  config: GatewayConfig;
  log: Logger;
  execute: ExecuteThroughGraph;
}

/**
 * Extra HTTP routes served beside /graphql (REST feeds, static assets). Each feature adds
 * one registrar here; they answer from the graph through `execute`, never from a second
 * data path.
 */
export type RouteRegistrar = (app: Express, deps: RouteDeps) => void;

export const ROUTES: RouteRegistrar[] = [];
