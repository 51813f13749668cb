import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import {
  adminSql,
  AgreementClient,
  ANONYMOUS,
  buildSubgraph,
  countStatements,
  createLogger,
  hubError,
  Loaders,
  mintToken,
  openDatabase,
  runAfterHooks,
  siblingDatabaseUrl,
  peerAnswer,
  PeerUnavailable,
  type HubContext,
  type PeerClient,
  type Role,
  type SubgraphName,
  type SubgraphDefinition,
  type Viewer,
} from '@c2c/kernel';
import { DEMO_SEEDS, demoStaffMember } from '@c2c/demo';
import { freePort } from './ports';
import { testSubject } from './test-hub';
import { seedDemoDatabase } from './seed';

/**
 * A subgraph on a real database for tests: in-memory SQLite by default, a fresh PostgreSQL
 * database of its own when DATABASE_URL is set (CI runs the suite both ways).
 */
export interface TestSubgraph {
  orm: MikroORM;
  schema: GraphQLSchema;
  sdl: string;
  statements: ReturnType<typeof countStatements>;
  em(): EntityManager;
  exec<T = any>(query: string, variables?: Record<string, unknown>, viewer?: Viewer): Promise<ExecutionResult<T>>;
  /** A request context as `exec` builds it (token and agreement client included), for calling rules and resolvers directly. */
  context(viewer?: Viewer): Promise<HubContext>;
  close(): Promise<void>;
}

let counter = 0;

/** A unique database name for this test process, so parallel jest workers never collide. */
export function testDatabaseName(prefix: string) {
  return `c2c_test_${prefix}_${process.pid}_${++counter}_${randomUUID().slice(0, 6)}`;
}

export async function dropPostgresDatabase(baseUrl: string, dbName: string) {
  await adminSql(baseUrl, `drop database if exists "${dbName}" with (force)`);
}

export interface TestSubgraphOptions {
  /** Load the subgraph's slice of the demo data set first. */
  seed?: boolean;
  /**
   * A real partners process (`startPartnersProcess`) to ask for data-sharing agreements: the
   * harness then sends each non-anonymous viewer's request with a token minted for it with
   * that process's JWT secret, as the server would receive it.
   */
  partners?: PartnersProcess;
  /** Agreement cache TTL (seconds) when `partners` is set; default 30. */
  agreementTtlSeconds?: number;
  /**
   * Other subgraphs this one asks (kernel/src/peers.ts), as real test subgraphs in this process:
   * each question runs the same GraphQL query on the peer as the same viewer. A peer named
   * here as `'down'` answers nothing (fail-closed tests).
   */
  peers?: Partial<Record<SubgraphName, TestSubgraph | 'down'>>;
}

export async function createTestSubgraph(def: SubgraphDefinition, o: TestSubgraphOptions = {}): Promise<TestSubgraph> {
  const baseUrl = process.env.DATABASE_URL;
  const dbName = baseUrl ? testDatabaseName(def.name) : undefined;
  const orm = await openDatabase({
    name: def.name,
    entities: def.entities,
    migrations: def.migrations,
    databaseUrl: baseUrl && dbName ? siblingDatabaseUrl(baseUrl, dbName) : undefined,
    sqlitePath: ':memory:',
    poolMax: 4,
  });
  if (o.seed) await DEMO_SEEDS[def.name](orm.em.fork() as EntityManager);
  const { schema, sdl } = await buildSubgraph(def);
  const statements = countStatements(orm);
  const log = createLogger(def.name, 'silent');
  const partners = o.partners;
  const agreements = partners
    ? new AgreementClient({
        partnersUrl: partners.url,
        ttlSeconds: o.agreementTtlSeconds ?? 30,
        subgraphSecret: partners.subgraphSecret,
        log,
      })
    : undefined;
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (viewer: Viewer) => {
    const key = JSON.stringify(viewer);
    let t = tokens.get(key);
    if (!t) {
      t = mintToken({
        secret: partners!.jwtSecret,
        // The partners process binds partner tokens to its (demo) staff directory.
        sub: testSubject(viewer.roles, viewer.org, viewer.sub ?? 'test'),
        roles: viewer.roles,
        org: viewer.org,
        scope: viewer.scope,
        ttlSeconds: 3600,
      });
      tokens.set(key, t);
    }
    return t;
  };
  const peers: PeerClient | undefined = o.peers
    ? {
        async query(name, query, variables, ctx) {
          const peer = o.peers![name];
          if (!peer || peer === 'down') throw new PeerUnavailable(name, 'unreachable');
          const result = await peer.exec(query, variables, ctx.viewer);
          return peerAnswer(name, JSON.parse(JSON.stringify(result)), 200, log);
        },
      }
    : undefined;
  const context = async (viewer: Viewer = ANONYMOUS): Promise<HubContext> => {
    const token = partners && !viewer.anonymous ? await tokenFor(viewer) : undefined;
    return {
      em: orm.em.fork() as EntityManager,
      viewer,
      loaders: new Loaders(),
      requestId: randomUUID(),
      log,
      after: [],
      token,
      agreements,
      peers,
    };
  };
  return {
    orm,
    schema,
    sdl,
    statements,
    em: () => orm.em.fork() as EntityManager,
    context,
    exec: async (query, variables, viewer = ANONYMOUS) => {
      const contextValue = await context(viewer);
      const result = await graphql({ schema, source: query, variableValues: variables, contextValue });
      if (!(await runAfterHooks(contextValue)))
        return { errors: [hubError('INTERNAL_SERVER_ERROR', 'The request could not be completed')] };
      return result as any;
    },
    async close() {
      statements.stop();
      await orm.close(true);
      if (baseUrl && dbName) await dropPostgresDatabase(baseUrl, dbName);
    },
  };
}

/**
 * A verified viewer as a token would produce it, for in-process tests. A partner viewer is
 * bound, as the server would bind its token (`testSubject`), to the demo staff member of `org`
 * holding its role, whose id it carries (`staffId`: what caseloads name); none when the demo has none.
 */
export function viewerFor(roles: Role[] | Role, org?: string): Viewer {
  const list = [roles].flat();
  // As `viewerFromClaims` reads a token: an administrator is its organisation's staff member too.
  if (list.includes('partner_admin') && !list.includes('partner_staff')) list.push('partner_staff');
  const staff =
    org && list.includes('partner_staff')
      ? demoStaffMember(org, list.includes('partner_admin') ? 'partner_admin' : 'partner_staff')
      : undefined;
  return {
    anonymous: false,
    sub: `test-${[roles].flat().join('-')}`,
    roles: list,
    org,
    scope: [],
    ...(staff ? { staffId: staff.id } : {}),
  };
}
export { ANONYMOUS };

/** The real, compiled partners subgraph running as a child process for a test. */
export interface PartnersProcess {
  url: string;
  jwtSecret: string;
  subgraphSecret: string;
  /** A token the partners process accepts. */
  token(roles: Role[] | Role, org?: string, sub?: string): Promise<string>;
  /** A GraphQL request to the partners process itself (with the subgraph secret). */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
  stop(): Promise<void>;
}

/**
 * Starts `subgraphs/partners/dist/main.js` (by path: a subgraph never imports another) on a
 * free port with a temp SQLite file, the demo data and secrets of its own, so a test of
 * students or events asks the real partners service, over HTTP, for agreements.
 */
export async function startPartnersProcess(o: { env?: NodeJS.ProcessEnv } = {}): Promise<PartnersProcess> {
  const script = path.resolve(__dirname, '..', '..', 'subgraphs', 'partners', 'dist', 'main.js');
  if (!fs.existsSync(script)) throw new Error(`${script} is missing: build first (npx tsc -b)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-partners-'));
  const port = await freePort();
  const jwtSecret = randomBytes(32).toString('hex');
  const subgraphSecret = randomBytes(32).toString('hex');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: String(port),
    C2C_DATA_DIR: dataDir,
    C2C_JWT_SECRET: jwtSecret,
    C2C_SUBGRAPH_SECRET: subgraphSecret,
    ...o.env,
  };
  await seedDemoDatabase('partners', env);
  const child: ChildProcess = spawn(process.execPath, [script], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`partners exited with ${child.exitCode}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`partners did not become ready: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const token = (roles: Role[] | Role, org?: string, sub?: string) =>
    mintToken({
      secret: jwtSecret,
      sub: sub ?? testSubject([roles].flat(), org, `test-${[roles].flat().join('-')}`),
      roles: [roles].flat(),
      org,
      ttlSeconds: 3600,
    });
  return {
    url,
    jwtSecret,
    subgraphSecret,
    token,
    async gql(query, variables = {}, bearer) {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-c2c-subgraph-secret': subgraphSecret,
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return res.json();
    },
    async stop() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        });
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
