import { MikroORM } from '@mikro-orm/core';
import { ormConfig, type EntityManager } from '@c2c/kernel';

/** The SQLite connection keeps its prepared statements by SQL text (kernel/src/orm.ts). */
describe('SQLite prepared statements', () => {
  const open = () =>
    MikroORM.init({
      ...ormConfig({ name: 'statements', entities: [], migrations: { sqlite: [], postgresql: [] } }),
      discovery: { warnWhenNoEntities: false },
    });
  const rawConnection = async (orm: MikroORM) => {
    const knex = (orm.em as EntityManager).getKnex();
    const connection = await knex.client.acquireConnection();
    await knex.client.releaseConnection(connection);
    return connection as { prepare(sql: string): object };
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
