import path from 'node:path';
import { readEnv, readPort, type HubEnv } from '@c2c/kernel';

export const SUBGRAPHS = ['partners', 'resources', 'referrals', 'events', 'students'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
const DEFAULT_PORTS: Record<SubgraphName, number> = { partners: 4001, resources: 4002, referrals: 4003, events: 4004, students: 4005 };

export interface GatewayConfig {
  env: HubEnv;
  port: number;
  host: string;
  supergraphPath: string;
  /** Where each subgraph answers; the supergraph's URLs are only defaults. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Per-subgraph fetch timeout. */
  subgraphTimeoutMs: number;
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
  return {
    env,
    port: readPort('PORT', readPort('C2C_GATEWAY_PORT', 4000, source), source),
    host: source.HOST || (env.production ? '0.0.0.0' : '127.0.0.1'),
    supergraphPath: path.resolve(source.C2C_SUPERGRAPH_PATH || path.join(__dirname, '..', '..', 'schema', 'supergraph.graphql')),
    subgraphUrls,
    subgraphTimeoutMs: Number(source.C2C_SUBGRAPH_TIMEOUT_MS || 10_000),
  };
}
