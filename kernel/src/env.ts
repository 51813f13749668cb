import path from 'node:path';
import { DEFAULT_MINIMUM_COUNT, MINIMUM_CELL_SIZE_VARIABLE, minimumCellSizeProblem } from './suppression';

/** Secrets that ship in the repository for development; production refuses them. */
export const DEV_JWT_SECRET = 'c2c-dev-jwt-secret-not-for-production-use-0001';
export const DEV_SUBGRAPH_SECRET = 'c2c-dev-subgraph-secret-not-for-production';

/** Where the gateway publishes the public keys of the API-key tokens it signs (kernel/src/jwks.ts). */
export const GATEWAY_JWKS_PATH = '/.well-known/jwks.json';
export const DEFAULT_GATEWAY_ISSUER = 'c2c-gateway';
export const DEFAULT_JWKS_CACHE_SECONDS = 300;
export const MAX_JWKS_CACHE_SECONDS = 3600;

export interface HubEnv {
  nodeEnv: 'development' | 'production' | 'test';
  production: boolean;
  databaseUrl?: string;
  dataDir: string;
  jwtSecret?: string;
  jwksUrl?: string;
  jwtIssuer: string;
  jwtAudience: string;
  /** The gateway's JWKS: the only keys trusted for API-key (`embed`) tokens it signs. */
  gatewayJwksUrl: string;
  /** Issuer of the gateway's API-key tokens; must differ from `jwtIssuer`. */
  gatewayIssuer: string;
  /** How long keys fetched from a JWKS (identity provider's, gateway's) are used before asking again. */
  jwksCacheSeconds: number;
  subgraphSecret: string;
  redisUrl?: string;
  logLevel: string;
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n - ${problems.join('\n - ')}`);
    this.name = 'EnvError';
  }
}

/**
 * Reads and validates the environment once, at start-up. Anything wrong is reported
 * together so an operator fixes a deployment in one pass instead of one crash at a time.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env): HubEnv {
  const problems: string[] = [];
  const rawNodeEnv = source.NODE_ENV ?? 'development';
  if (!['development', 'production', 'test'].includes(rawNodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${rawNodeEnv}")`);
  }
  const nodeEnv = (['development', 'production', 'test'].includes(rawNodeEnv) ? rawNodeEnv : 'development') as HubEnv['nodeEnv'];
  const production = nodeEnv === 'production';

  const databaseUrl = source.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }

  const jwksUrl = source.C2C_JWKS_URL?.trim() || undefined;
  let jwtSecret = source.C2C_JWT_SECRET?.trim() || undefined;
  if (!jwtSecret && !jwksUrl) {
    if (production) problems.push('C2C_JWT_SECRET or C2C_JWKS_URL is required in production');
    else jwtSecret = DEV_JWT_SECRET;
  }
  if (jwtSecret && jwtSecret.length < 32) problems.push('C2C_JWT_SECRET must be at least 32 characters');
  if (production && jwtSecret === DEV_JWT_SECRET) problems.push('C2C_JWT_SECRET is the development secret; set a real one');
  const keySetUrl = (name: string, value: string | undefined) => {
    if (value === undefined) return;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol)) problems.push(`${name} must be an http:// or https:// URL`);
  };
  keySetUrl('C2C_JWKS_URL', jwksUrl);
  const gatewayPort = source.C2C_GATEWAY_PORT?.trim() || '4000';
  const gatewayJwksUrl = source.C2C_GATEWAY_JWKS_URL?.trim() || `http://127.0.0.1:${gatewayPort}${GATEWAY_JWKS_PATH}`;
  keySetUrl('C2C_GATEWAY_JWKS_URL', gatewayJwksUrl);
  const jwtIssuer = source.C2C_JWT_ISSUER?.trim() || 'c2c-hub';
  const gatewayIssuer = source.C2C_GATEWAY_ISSUER?.trim() || DEFAULT_GATEWAY_ISSUER;
  // The issuer picks the key set a token is checked with: the two signers must not share one.
  if (gatewayIssuer === jwtIssuer) problems.push('C2C_GATEWAY_ISSUER must differ from C2C_JWT_ISSUER');
  const rawCache = source.C2C_JWKS_CACHE_SECONDS?.trim();
  const jwksCacheSeconds = rawCache ? Number(rawCache) : DEFAULT_JWKS_CACHE_SECONDS;
  if (!Number.isInteger(jwksCacheSeconds) || jwksCacheSeconds < 1 || jwksCacheSeconds > MAX_JWKS_CACHE_SECONDS) {
    problems.push(`C2C_JWKS_CACHE_SECONDS must be a whole number of seconds from 1 to ${MAX_JWKS_CACHE_SECONDS} (got "${rawCache}")`);
  }

  let subgraphSecret = source.C2C_SUBGRAPH_SECRET?.trim() || undefined;
  if (!subgraphSecret) {
    if (production) problems.push('C2C_SUBGRAPH_SECRET is required in production');
    subgraphSecret = DEV_SUBGRAPH_SECRET;
  }
  if (subgraphSecret.length < 24) problems.push('C2C_SUBGRAPH_SECRET must be at least 24 characters');
  if (production && subgraphSecret === DEV_SUBGRAPH_SECRET) {
    problems.push('C2C_SUBGRAPH_SECRET is the development secret; set a real one');
  }

  // Checked here so a deployment configured to publish smaller cells never starts.
  const cellSizeProblem = minimumCellSizeProblem(source);
  if (cellSizeProblem) problems.push(cellSizeProblem);

  if (problems.length) throw new EnvError(problems);
  return {
    nodeEnv,
    production,
    databaseUrl,
    dataDir: path.resolve(source.C2C_DATA_DIR?.trim() || 'data'),
    jwtSecret,
    jwksUrl,
    jwtIssuer,
    jwtAudience: source.C2C_JWT_AUDIENCE?.trim() || 'c2c-hub',
    gatewayJwksUrl,
    gatewayIssuer,
    jwksCacheSeconds,
    subgraphSecret,
    redisUrl: source.REDIS_URL?.trim() || undefined,
    logLevel: source.LOG_LEVEL?.trim() || (nodeEnv === 'test' ? 'silent' : 'info'),
  };
}

/** Port from the environment variable `name`, else the default; rejects nonsense early. */
export function readPort(name: string, fallback: number, source: NodeJS.ProcessEnv = process.env): number {
  const raw = source[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new EnvError([`${name} must be a port number (got "${raw}")`]);
  return port;
}

/**
 * The minimum n of student aggregates, `C2C_MIN_CELL_SIZE` (default 10, never below 5): an
 * EnvError naming the variable otherwise. readEnv checks it at start-up as well.
 */
export function readMinimumCellSize(source: NodeJS.ProcessEnv = process.env): number {
  const problem = minimumCellSizeProblem(source);
  if (problem) throw new EnvError([problem]);
  const raw = source[MINIMUM_CELL_SIZE_VARIABLE]?.trim();
  return raw ? Number(raw) : DEFAULT_MINIMUM_COUNT;
}
