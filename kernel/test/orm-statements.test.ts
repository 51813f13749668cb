import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/core';
import { ormConfig, type EntityManager } from '@c2c/kernel';

/** The SQLite connection keeps its prepared statements by SQL text (kernel/src/orm.ts). */
describe('SQLite prepared statements', () => {
  const open = (sqlitePath?: string) =>
    MikroORM.init({
      ...ormConfig({ name: 'statements', entities: [], migrations: { sqlite: [], postgresql: [] }, sqlitePath }),
      discovery: { warnWhenNoEntities: false },
    });
  const rawConnection = async (orm: MikroORM) => {
    const knex = (orm.em as EntityManager).getKnex();
    const connection = await knex.client.acquireConnection();
    await knex.client.releaseConnection(connection);
    return connection as { prepare(sql: string): object };
  };
  /** A connection as better-sqlite3 gives it, without the kept statements (its own rows). */
  const plainOrm = async (sqlitePath?: string) => {
    const before = process.env.C2C_SQLITE_STATEMENT_CACHE;
    process.env.C2C_SQLITE_STATEMENT_CACHE = 'off';
    try {
      const orm = await open(sqlitePath);
      // The pool connects lazily: connect while the switch is set.
      await (orm.em as EntityManager).getKnex().raw('select 1');
      return orm;
    } finally {
      if (before === undefined) delete process.env.C2C_SQLITE_STATEMENT_CACHE;
      else process.env.C2C_SQLITE_STATEMENT_CACHE = before;
    }
  };
  const previous = process.env.C2C_SQLITE_STATEMENT_CACHE;
  afterEach(() => {
    if (previous === undefined) delete process.env.C2C_SQLITE_STATEMENT_CACHE;
    else process.env.C2C_SQLITE_STATEMENT_CACHE = previous;
  });

  it('prepares a text once and reuses it, the most recently used 500 texts', async () => {
    const orm = await open();
    try {
      const connection = await rawConnection(orm);
      const first = connection.prepare('select 1 as one');
      expect(connection.prepare('select 1 as one')).toBe(first);
      expect(connection.prepare('select 2 as two')).not.toBe(first);
      for (let i = 0; i < 500; i++) connection.prepare(`select ${i + 10} as n`);
      expect(connection.prepare('select 1 as one')).not.toBe(first);
    } finally {
      await orm.close();
    }
  });

  it('answers a kept statement correctly after the table changed under it, through knex', async () => {
    const orm = await open();
    try {
      const knex = (orm.em as EntityManager).getKnex();
      await knex.raw('create table t (a integer)');
      await knex.raw('insert into t values (1)');
      expect(await knex.raw('select * from t')).toEqual([{ a: 1 }]);
      await knex.raw('alter table t add column b integer default 2');
      expect(await knex.raw('select * from t')).toEqual([{ a: 1, b: 2 }]);
      expect(await knex('t').where({ a: 1 }).update({ b: 3 })).toBe(1);
      expect(await knex('t').where({ a: 1 }).update({ b: 4 })).toBe(1);
      expect(await knex('t').select('b')).toEqual([{ b: 4 }]);
    } finally {
      await orm.close();
    }
  });

  it('reads rows as better-sqlite3 would: duplicate names, a __proto__ column, big integers, get and iterate', async () => {
    const orm = await open();
    try {
      const knex = (orm.em as EntityManager).getKnex();
      await knex.raw('create table t (a integer, b text, c real)');
      await knex.raw("insert into t values (1, 'x', 1.5), (2, null, null)");
      // The same texts on a plain better-sqlite3 connection give the rows to expect.
      const reference = await plainOrm();
      try {
        const plain = await rawConnection(reference);
        const knexPlain = (reference.em as EntityManager).getKnex();
        await knexPlain.raw('create table t (a integer, b text, c real)');
        await knexPlain.raw("insert into t values (1, 'x', 1.5), (2, null, null)");
        for (const sql of [
          'select * from t order by a',
          'select a as n, b as n from t where a = 1',
          'select a as "__proto__", b from t where a = 1',
          'select 1 as "a b", 2 as "\'", 3 as "`"',
        ]) {
          const rows = (await knex.raw(sql)) as object[];
          const statement = plain.prepare(sql) as { all(): object[] };
          expect(statement.constructor.name).toBe('Statement');
          const expected = statement.all();
          expect(rows).toEqual(expected);
          expect(rows.map((r) => Object.getOwnPropertyNames(r))).toEqual(expected.map((r) => Object.getOwnPropertyNames(r)));
        }
      } finally {
        await reference.close();
      }
      const connection = (await rawConnection(orm)) as unknown as {
        prepare(sql: string): {
          get(...b: unknown[]): unknown;
          iterate(...b: unknown[]): Iterable<unknown>;
          safeIntegers(on?: boolean): unknown;
          all(...b: unknown[]): unknown[];
        };
      };
      const st = connection.prepare('select a, b from t where a >= ? order by a');
      expect(st.get(2)).toEqual({ a: 2, b: null });
      expect(st.get(3)).toBeUndefined();
      expect([...st.iterate(1)]).toEqual([
        { a: 1, b: 'x' },
        { a: 2, b: null },
      ]);
      st.safeIntegers(true);
      expect(st.all(2)).toEqual([{ a: 2n, b: null }]);
      st.safeIntegers(false);
      expect(st.all(2)).toEqual([{ a: 2, b: null }]);
    } finally {
      await orm.close();
    }
  });

  it('reads a kept select * again after a column is renamed on the same connection', async () => {
    const orm = await open();
    try {
      const knex = (orm.em as EntityManager).getKnex();
      await knex.raw('create table t (a integer, b integer)');
      await knex.raw('insert into t values (1, 2)');
      expect(await knex.raw('select * from t')).toEqual([{ a: 1, b: 2 }]);
      await knex.raw('alter table t rename column b to c');
      expect(await knex.raw('select * from t')).toEqual([{ a: 1, c: 2 }]);
    } finally {
      await orm.close();
    }
  });

  it('reads the new columns of a kept select * after another connection added one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-rows-'));
    const file = path.join(dir, 'rows.sqlite');
    const orm = await open(file);
    const other = await plainOrm(file);
    try {
      const knex = (orm.em as EntityManager).getKnex();
      await knex.raw('create table t (a integer)');
      await knex.raw('insert into t values (1)');
      expect(await knex.raw('select * from t')).toEqual([{ a: 1 }]);
      await (other.em as EntityManager).getKnex().raw('alter table t add column b integer default 7');
      expect(await knex.raw('select * from t')).toEqual([{ a: 1, b: 7 }]);
    } finally {
      await other.close();
      await orm.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prepares every statement anew with C2C_SQLITE_STATEMENT_CACHE=off', async () => {
    process.env.C2C_SQLITE_STATEMENT_CACHE = 'off';
    const orm = await open();
    try {
      const connection = await rawConnection(orm);
      expect(connection.prepare('select 1 as one')).not.toBe(connection.prepare('select 1 as one'));
    } finally {
      await orm.close();
    }
  });
});
