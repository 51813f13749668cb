import path from 'node:path';
import { DEFAULT_PORTS, readEnv, readPort, SUBGRAPH_NAMES, type HubEnv, type SubgraphName } from '@c2c/kernel';
import { readSigningKeys, type GatewaySigningKeys } from './auth/signing-keys';
import { readOperationLimits, type OperationLimits } from './limits';
import { readRateLimits, type RateLimits } from './rate-limit';
import { readResponseCacheConfig, type ResponseCacheConfig } from './response-cache';

/** The gateway knows the subgraphs by name and default port only: it never imports one. */
export const SUBGRAPHS = SUBGRAPH_NAMES;
export type { SubgraphName };

export interface GatewayConfig {
  env: HubEnv;
  port: number;
  host: string;
  supergraphPath: string;
  /** Where each subgraph answers; the supergraph's URLs are only defaults. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Fetch timeout for every subgraph (`C2C_SUBGRAPH_TIMEOUT_MS`), or one of its own (`C2C_<SUBGRAPH>_TIMEOUT_MS`). */
  subgraphTimeoutMs: number;
  subgraphTimeouts: Record<SubgraphName, number>;
  /**
   * Identical query fetches of one caller in flight together share one subgraph request
   * (coalesce.ts); `C2C_COALESCE_FETCHES=off` sends every fetch alone (before/after benchmarks).
   */
  coalesceFetches: boolean;
  /**
   * How the gateway calls subgraphs: `http` (node:http on a keep-alive agent per subgraph,
   * transport.ts), or `fetch` (Node's global fetch), `C2C_SUBGRAPH_TRANSPORT`.
   */
  subgraphTransport: 'http' | 'fetch';
  /** Connections to one subgraph at most (`C2C_SUBGRAPH_MAX_SOCKETS`, default 64). */
  subgraphMaxSockets: number;
  limits: OperationLimits;
  rateLimits: RateLimits;
  /** Anonymous queries' answers kept for a few seconds (response-cache.ts). */
  responseCache: ResponseCacheConfig;
  /** Registered operations (a persisted query manifest); API clients may run only these when set. */
  safelistPath?: string;
  /** Bearer token Prometheus sends for /metrics in production (without it, /metrics is off there). */
  metricsToken?: string;
  /** Express `trust proxy`: set it only behind a proxy that overwrites X-Forwarded-For, or callers pick their own IP. */
  trustProxy?: string;
  /**
   * Keys the gateway signs API-key tokens with (ES256 and the like), published at
   * /.well-known/jwks.json; undefined means HS256 with the shared secret (auth/signing-keys.ts).
   */
  signingKeys?: GatewaySigningKeys;
}

export function readGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const env = readEnv(source);
  const subgraphUrls = Object.fromEntries(
    SUBGRAPHS.map((name) => {
      const explicit = source[`C2C_${name.toUpperCase()}_URL`];
      const port = readPort(`C2C_${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name], source);
      return [name, explicit || `http://127.0.0.1:${port}/graphql`];
    }),
  ) as Record<SubgraphName, string>;
  const subgraphTimeoutMs = Number(source.C2C_SUBGRAPH_TIMEOUT_MS || 10_000);
  const transport = source.C2C_SUBGRAPH_TRANSPORT?.trim() || 'http';
  if (transport !== 'http' && transport !== 'fetch') throw new Error(`C2C_SUBGRAPH_TRANSPORT must be http or fetch, not ${transport}`);
  const maxSockets = Number(source.C2C_SUBGRAPH_MAX_SOCKETS || 64);
  if (!Number.isInteger(maxSockets) || maxSockets < 1 || maxSockets > 10_000)
    throw new Error('C2C_SUBGRAPH_MAX_SOCKETS must be a whole number from 1 to 10000');
  return {
    env,
    port: readPort('PORT', readPort('C2C_GATEWAY_PORT', 4000, source), source),
    host: source.HOST || (env.production ? '0.0.0.0' : '127.0.0.1'),
    supergraphPath: path.resolve(source.C2C_SUPERGRAPH_PATH || path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
    subgraphUrls,
    subgraphTimeoutMs,
    subgraphTimeouts: Object.fromEntries(
      SUBGRAPHS.map((name) => [name, Number(source[`C2C_${name.toUpperCase()}_TIMEOUT_MS`] || subgraphTimeoutMs)]),
    ) as Record<SubgraphName, number>,
    coalesceFetches: !/^(off|0|false|no)$/i.test(source.C2C_COALESCE_FETCHES?.trim() ?? ''),
    subgraphTransport: transport,
    subgraphMaxSockets: maxSockets,
    limits: readOperationLimits(source),
    rateLimits: readRateLimits(source),
    responseCache: readResponseCacheConfig(source),
    safelistPath: source.C2C_SAFELIST_PATH?.trim() || undefined,
    metricsToken: source.C2C_METRICS_TOKEN?.trim() || undefined,
    trustProxy: source.C2C_TRUST_PROXY?.trim() || undefined,
    signingKeys: readSigningKeys({ inline: source.C2C_GATEWAY_SIGNING_KEYS, file: source.C2C_GATEWAY_SIGNING_KEYS_FILE }, env),
  };
}
