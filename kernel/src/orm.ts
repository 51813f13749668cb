import fs from 'node:fs';
import path from 'node:path';
import { MikroORM, type EntityClass, type MigrationObject, type Options } from '@mikro-orm/core';
import { BetterSqliteDriver } from '@mikro-orm/better-sqlite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { EntityManager } from '@mikro-orm/knex';

export type { EntityManager };
export type Dialect = 'sqlite' | 'postgresql';

/** One list of migrations per dialect, generated from the same entities (see `c2c migrations`). */
export interface MigrationSet {
  sqlite: MigrationObject[];
  postgresql: MigrationObject[];
}

export interface OrmOptions {
  /** Subgraph name; names the SQLite file and the migrations table. */
  name: string;
  entities: EntityClass<unknown>[];
  migrations: MigrationSet;
  /** PostgreSQL URL; absent means embedded SQLite. */
  databaseUrl?: string;
  /** SQLite file path, or ':memory:'. */
  sqlitePath?: string;
  debug?: boolean;
  /** Where `c2c migrations` writes new migration files. */
  migrationsPath?: string;
  poolMax?: number;
}

/**
 * Tables a subgraph's migrations write by hand and its triggers keep up to date: full-text
 * search indexes (`<table>_fts`, and on SQLite the FTS5 shadow tables `<table>_fts_*`). No
 * entity describes them, so MikroORM's schema diff must leave them alone (it would drop them),
 * and data snapshots leave them out: they only repeat other tables' rows.
 */
export const DERIVED_TABLES = /_fts($|_)/;

export function dialectOf(o: Pick<OrmOptions, 'databaseUrl'>): Dialect {
  return o.databaseUrl ? 'postgresql' : 'sqlite';
}

export function ormConfig(o: OrmOptions): Options {
  const dialect = dialectOf(o);
  const common: Options = {
    entities: o.entities,
    // Entities are given as classes; no folder scanning, so compiled and ts-jest runs agree.
    discovery: { requireEntitiesArray: true, warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      tableName: `mikro_orm_migrations`,
      migrationsList: o.migrations[dialect],
      path: o.migrationsPath,
      pathTs: o.migrationsPath,
      emit: 'ts',
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    schemaGenerator: { skipTables: [DERIVED_TABLES] },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: o.debug ?? false,
    // Only the number of statements is logged by tests; never parameters in production logs.
    logger: () => undefined,
  };
  if (dialect === 'postgresql') {
    return { ...common, driver: PostgreSqlDriver, clientUrl: o.databaseUrl, pool: { min: 0, max: o.poolMax ?? 10 } };
  }
  const dbName = o.sqlitePath ?? ':memory:';
  if (dbName !== ':memory:') fs.mkdirSync(path.dirname(dbName), { recursive: true });
  return {
    ...common,
    driver: BetterSqliteDriver,
    dbName,
    // One connection: SQLite serialises writes anyway, and pragmas stay set on it.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (connection: SqliteConnection, done: (err: Error | null, connection: unknown) => void) => {
        // C2C_SQLITE_STATEMENT_CACHE=off prepares every statement anew (before/after benchmarks).
        if (!/^(off|0|false|no)$/i.test(process.env.C2C_SQLITE_STATEMENT_CACHE?.trim() ?? '')) reusePreparedStatements(connection);
        done(null, connection);
      },
    },
  };
}

interface SqliteConnection {
  prepare(sql: string): unknown;
  exec(sql: string): unknown;
}

/** The part of a better-sqlite3 statement that knex and this file use. */
interface SqliteStatement {
  reader: boolean;
  raw(on: boolean): SqliteStatement;
  columns(): { name: string }[];
  all(...bindings: unknown[]): unknown[];
  get(...bindings: unknown[]): unknown;
  iterate(...bindings: unknown[]): IterableIterator<unknown>;
  run(...bindings: unknown[]): unknown;
  safeIntegers(on?: boolean): SqliteStatement;
}

/** Statements kept per SQLite connection: the few hundred distinct texts a subgraph sends. */
const PREPARED_STATEMENTS = 500;

/** SQL that can change what a kept statement's columns are. */
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

/**
 * knex prepares every statement it sends to better-sqlite3 anew, and a profile of the students
 * subgraph under the federation benchmark showed preparing (SQLite parsing and planning the
 * same few texts again) as the largest single cost after MikroORM itself. The connection keeps
 * its prepared statements by SQL text instead, the most recently used 500: better-sqlite3 runs a
 * statement to completion before the next starts, and SQLite prepares a kept statement again by
 * itself if a migration changed the tables it reads.
 *
 * Kept statements that return rows also return them through `objectRows`. A schema change sent
 * on this connection (the migrations run on it at start-up) empties the cache, since it can
 * change the columns a kept `select *` returns.
 */
function reusePreparedStatements(connection: SqliteConnection) {
  const prepare = connection.prepare.bind(connection);
  const exec = connection.exec.bind(connection);
  const kept = new Map<string, unknown>();
  connection.exec = (sql: string) => {
    kept.clear();
    return exec(sql);
  };
  connection.prepare = (sql: string) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else {
      if (SCHEMA_CHANGE.test(sql)) kept.clear();
      const prepared = prepare(sql) as SqliteStatement;
      statement = prepared.reader ? objectRows(prepared) : prepared;
      if (kept.size >= PREPARED_STATEMENTS) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return statement;
  };
}

/**
 * better-sqlite3 builds each row object in C++, one property at a time: at `_entities` for 100
 * services (28 columns) that was 2.2 ms, 22 µs a row, a third of the request. Read as arrays
 * (raw mode) and made into objects in JavaScript, the same rows take half that.
 *
 * The row's width is checked on every call: if the columns changed anyway (a schema change made
 * by another process while this one serves), the names are read again. A change that keeps the
 * width but renames or reorders columns is only detected on this connection; the subgraph's own
 * migrations run on it before it serves.
 */
function objectRows(statement: SqliteStatement): SqliteStatement {
  let names = statement.columns().map((c) => c.name);
  // Assigning `__proto__` would set the row's prototype, and better-sqlite3's own rows treat such
  // a column its own way: those statements keep better-sqlite3's rows.
  if (names.includes('__proto__')) return statement;
  statement.raw(true);
  let make = rowMaker(names);
  const row = (values: unknown): unknown => {
    if ((values as unknown[]).length !== names.length) {
      statement.raw(false);
      names = statement.columns().map((c) => c.name);
      statement.raw(true);
      make = rowMaker(names);
    }
    return make(values as unknown[]);
  };
  const wrapped: SqliteStatement = {
    reader: true,
    raw: () => {
      throw new Error('objectRows: raw mode is managed by the statement cache');
    },
    columns: () => statement.columns(),
    all: (...bindings) => {
      const rows = statement.all(...bindings);
      for (let i = 0; i < rows.length; i++) rows[i] = row(rows[i]);
      return rows;
    },
    get: (...bindings) => {
      const values = statement.get(...bindings);
      return values === undefined ? undefined : row(values);
    },
    iterate: function* (...bindings) {
      for (const values of statement.iterate(...bindings)) yield row(values);
    },
    run: (...bindings) => statement.run(...bindings),
    safeIntegers: (on) => {
      statement.safeIntegers(on);
      return wrapped;
    },
  };
  return wrapped;
}

function rowMaker(names: string[]): (values: unknown[]) => Record<string, unknown> {
  // Every row starts as a copy of one object with all the names, so V8 gives all of them one
  // shape; assigning in column order lets a later column of the same name win, as in
  // better-sqlite3's own rows.
  const template: Record<string, unknown> = Object.fromEntries(names.map((n) => [n, null]));
  return (values) => {
    const row = { ...template };
    for (let i = 0; i < names.length; i++) row[names[i]] = values[i];
    return row;
  };
}

/**
 * Opens the subgraph's database, creating it if needed (PostgreSQL), and applies pending
 * migrations. Runs on every start so a deploy never serves a schema its code does not expect.
 */
export async function openDatabase(o: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(o));
  if (dialectOf(o) === 'postgresql') await orm.schema.ensureDatabase({ create: true });
  await orm.getMigrator().up();
  if (dialectOf(o) === 'sqlite') {
    // WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
    const knex = (orm.em as EntityManager).getKnex();
    if (o.sqlitePath && o.sqlitePath !== ':memory:') await knex.raw('pragma journal_mode = WAL');
    await knex.raw('pragma foreign_keys = ON');
  }
  return orm;
}

/** Counts SQL statements sent through this ORM: tests assert query counts with it. */
export function countStatements(orm: MikroORM) {
  const knex = (orm.em as EntityManager).getKnex();
  const state = { count: 0, statements: [] as string[] };
  const listener = (q: { sql: string }) => {
    state.count++;
    state.statements.push(q.sql);
  };
  knex.on('query', listener);
  return {
    get count() {
      return state.count;
    },
    get statements() {
      return state.statements;
    },
    reset() {
      state.count = 0;
      state.statements = [];
    },
    stop() {
      knex.removeListener('query', listener);
    },
  };
}

/** True when the database answers; `/readyz` uses it. */
export async function databaseIsUp(orm: MikroORM): Promise<boolean> {
  try {
    return await orm.isConnected();
  } catch {
    return false;
  }
}
