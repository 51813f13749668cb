import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { graphql, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { ANONYMOUS, type Role, type Viewer } from './auth';
import { Loaders, runAfterHooks, type HubContext } from './context';
import { hubError } from './errors';
import { createLogger } from './logger';
import { adminSql, siblingDatabaseUrl } from './migrations';
import { countStatements, openDatabase } from './orm';
import { buildSubgraph, type SubgraphDefinition } from './subgraph';

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

export async function createTestSubgraph(def: SubgraphDefinition, o: { seed?: boolean } = {}): Promise<TestSubgraph> {
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
  if (o.seed && def.seed) await def.seed(orm.em.fork() as EntityManager);
  const { schema, sdl } = await buildSubgraph(def);
  const statements = countStatements(orm);
  const log = createLogger(def.name, 'silent');
  return {
    orm,
    schema,
    sdl,
    statements,
    em: () => orm.em.fork() as EntityManager,
    exec: async (query, variables, viewer = ANONYMOUS) => {
      const contextValue: HubContext = { em: orm.em.fork() as EntityManager, viewer, loaders: new Loaders(), requestId: randomUUID(), log, after: [] };
      const result = await graphql({ schema, source: query, variableValues: variables, contextValue });
      if (!(await runAfterHooks(contextValue))) return { errors: [hubError('INTERNAL_SERVER_ERROR', 'The request could not be completed')] } as any;
      return result as any;
    },
    async close() {
      statements.stop();
      await orm.close(true);
      if (baseUrl && dbName) await dropPostgresDatabase(baseUrl, dbName);
    },
  };
}

/** A verified viewer as a token would produce it, for in-process tests. */
export function viewerFor(roles: Role[] | Role, org?: string): Viewer {
  return { anonymous: false, sub: `test-${[roles].flat().join('-')}`, roles: [roles].flat(), org, scope: [] };
}
export { ANONYMOUS };
