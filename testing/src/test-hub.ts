import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { adminSql, mintToken, SUBGRAPH_NAMES, type Role } from '@c2c/kernel';
import { demoStaffSubject } from '@c2c/demo';
import { startHub, subgraphDatabaseUrl, type RunningHub } from './hub';

/**
 * The real hub for integration tests: six processes from the compiled code (`npm test`
 * builds first), real HTTP between them, on free ports, on SQLite files in a temp folder
 * or on fresh PostgreSQL databases when DATABASE_URL is set. It runs in production mode,
 * with its own secrets, because that is where masking and refusals matter.
 */
export const SECRETS = {
  C2C_JWT_SECRET: randomBytes(32).toString('hex'),
  C2C_SUBGRAPH_SECRET: randomBytes(32).toString('hex'),
};

export async function startTestHub(extraEnv: NodeJS.ProcessEnv = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-it-'));
  const baseUrl = process.env.DATABASE_URL;
  const databaseUrl = baseUrl ? subgraphDatabaseUrl(baseUrl, `it_${process.pid}_${Date.now().toString(36)}`) : undefined;
  const hub: RunningHub = await startHub({
    dataDir,
    databaseUrl,
    gatewayPort: 'auto',
    subgraphPorts: 'auto',
    seedDemo: true,
    // The agreements sweep runs every root field unnamed as an API client; the operation-name
    // rule for API clients is tested on its own in test/security/, which turns it back on.
    // The expiry sweep and the notification dispatcher are off unless a test turns them on (extraEnv).
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      C2C_REFERRAL_SWEEP_SECONDS: '0',
      C2C_NOTIFY_POLL_MS: '0',
      // Tests that change data behind the graph's back (straight into a database) must not read
      // an answer the gateway kept; the response cache's own tests turn it on.
      C2C_RESPONSE_CACHE_SECONDS: '0',
      ...SECRETS,
      ...extraEnv,
    },
  });
  return {
    hub,
    dataDir,
    /** The PostgreSQL server URL the subgraphs' databases hang off (undefined on SQLite). */
    databaseUrl,
    async stop() {
      await hub.stop();
      if (databaseUrl) {
        for (const name of SUBGRAPH_NAMES)
          await adminSql(
            databaseUrl,
            `drop database if exists "${new URL(subgraphDatabaseUrl(databaseUrl, name)).pathname.slice(1)}" with (force)`,
          );
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The subject a test token carries: for a partner role, an active demo staff member of `org`
 * holding it (the hub honours partner tokens only for those: a partner_admin token for the
 * organisation's administrator); otherwise a test name of the roles.
 */
export const testSubject = (roles: Role[], org: string | undefined, fallback: string) =>
  (roles.includes('partner_admin') && org
    ? demoStaffSubject(org, 'partner_admin')
    : roles.includes('partner_staff') && org
      ? demoStaffSubject(org)
      : undefined) ?? fallback;

export const token = (roles: Role | Role[], org?: string) =>
  mintToken({
    secret: SECRETS.C2C_JWT_SECRET,
    sub: testSubject([roles].flat(), org, `it-${[roles].flat().join('-')}`),
    roles: [roles].flat(),
    org,
    // A suite that mints once and runs long on a loaded machine must not see its tokens expire mid-run.
    ttlSeconds: 3600,
  });
