import fs from 'node:fs';
import path from 'node:path';
import { knex, type Knex } from '@mikro-orm/knex';
import { DERIVED_TABLES, SUBGRAPH_NAMES, type SubgraphName } from '@c2c/kernel';
import { subgraphDatabaseUrl } from './hub';

/**
 * Every row of every subgraph database, read straight from the databases (not through the
 * graph), so a test can prove what a request wrote — or that it wrote nothing. SQLite files are
 * opened read-only; on PostgreSQL each subgraph's own database is read. The migrations table is
 * left out: it is the schema's, not the data's; so are search indexes (`DERIVED_TABLES`), which
 * repeat other tables' rows.
 */

/** Where a test hub keeps its data: `startTestHub()`'s answer has both. */
export interface HubDatabases {
  /** The folder holding `<subgraph>.sqlite3` (SQLite). */
  dataDir: string;
  /** The PostgreSQL server URL the subgraphs' databases hang off; undefined on SQLite. */
  databaseUrl?: string;
}

/** `<subgraph>.<table>` → that table's rows, each as JSON, sorted. */
export type DatabaseSnapshot = Record<string, string[]>;

/** What changed in one table between two snapshots, rows matched by their `id`. */
export interface TableDiff {
  added: Record<string, unknown>[];
  removed: Record<string, unknown>[];
  changed: { id: string; before: Record<string, unknown>; after: Record<string, unknown>; columns: string[] }[];
}

const SKIPPED_TABLES = new Set(['mikro_orm_migrations']);

function connect(hub: HubDatabases, name: SubgraphName): Knex {
  if (hub.databaseUrl) {
    return knex({ client: 'pg', connection: subgraphDatabaseUrl(hub.databaseUrl, name), pool: { min: 0, max: 1 } });
  }
  const filename = path.join(hub.dataDir, `${name}.sqlite3`);
  if (!fs.existsSync(filename)) throw new Error(`No SQLite database at ${filename}`);
  return knex({
    client: 'better-sqlite3',
    connection: { filename, options: { readonly: true } },
    useNullAsDefault: true,
    pool: { min: 0, max: 1 },
  });
}

async function tablesOf(db: Knex, postgres: boolean): Promise<string[]> {
  const rows: { name: string }[] = postgres
    ? (
        await db.raw(
          `select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`,
        )
      ).rows
    : await db.raw(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`);
  return rows.map((r) => r.name).filter((n) => !SKIPPED_TABLES.has(n) && !DERIVED_TABLES.test(n));
}

/** One row as JSON: columns in name order, dates as ISO strings, so equal rows give equal text on either dialect. */
const rowJson = (row: Record<string, unknown>) =>
  JSON.stringify(
    Object.fromEntries(
      Object.keys(row)
        .sort()
        .map((k) => {
          const v = row[k];
          return [k, v instanceof Date ? v.toISOString() : v];
        }),
    ),
  );

/**
 * Reads every table of every subgraph database, keeping the connections open between
 * snapshots (a test that takes many stays fast). `close()` when done.
 */
export function databaseReader(hub: HubDatabases) {
  const postgres = !!hub.databaseUrl;
  const dbs = new Map<SubgraphName, Knex>();
  const db = (name: SubgraphName) => {
    let d = dbs.get(name);
    if (!d) dbs.set(name, (d = connect(hub, name)));
    return d;
  };
  return {
    async snapshot(): Promise<DatabaseSnapshot> {
      const parts = await Promise.all(
        SUBGRAPH_NAMES.map(async (name) => {
          const tables = await tablesOf(db(name), postgres);
          return Promise.all(
            tables.map(async (table): Promise<[string, string[]]> => {
              const rows: Record<string, unknown>[] = await db(name).select('*').from(table);
              return [`${name}.${table}`, rows.map(rowJson).sort()];
            }),
          );
        }),
      );
      return Object.fromEntries(parts.flat().sort(([a], [b]) => a.localeCompare(b)));
    },
    async close() {
      await Promise.all([...dbs.values()].map((d) => d.destroy()));
      dbs.clear();
    },
  };
}

/** A one-off snapshot of every subgraph database (see `databaseReader` for many). */
export async function snapshotDatabases(hub: HubDatabases): Promise<DatabaseSnapshot> {
  const reader = databaseReader(hub);
  try {
    return await reader.snapshot();
  } finally {
    await reader.close();
  }
}

const keyOf = (row: Record<string, unknown>, json: string) => (row.id === undefined ? json : String(row.id));

/**
 * The tables whose rows differ between two snapshots, each with the rows added, removed and
 * changed (matched by `id`; a table without one compares whole rows). Unchanged tables are left out.
 */
export function diffSnapshots(before: DatabaseSnapshot, after: DatabaseSnapshot): Record<string, TableDiff> {
  const out: Record<string, TableDiff> = {};
  for (const table of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const index = (rows: string[] = []) =>
      new Map(
        rows.map((json) => {
          const row = JSON.parse(json) as Record<string, unknown>;
          return [keyOf(row, json), { row, json }] as const;
        }),
      );
    const was = index(before[table]);
    const is = index(after[table]);
    const diff: TableDiff = { added: [], removed: [], changed: [] };
    for (const [id, { row, json }] of is) {
      const old = was.get(id);
      if (!old) diff.added.push(row);
      else if (old.json !== json) {
        const columns = [...new Set([...Object.keys(old.row), ...Object.keys(row)])].filter(
          (c) => JSON.stringify(old.row[c]) !== JSON.stringify(row[c]),
        );
        diff.changed.push({ id, before: old.row, after: row, columns });
      }
    }
    for (const [id, { row }] of was) if (!is.has(id)) diff.removed.push(row);
    if (diff.added.length || diff.removed.length || diff.changed.length) out[table] = diff;
  }
  return out;
}

/** A diff in a few words per table, for assertions: `{ 'events.event': { added: 1, removed: 0, changed: [] } }`. */
export function diffSummary(diff: Record<string, TableDiff>) {
  return Object.fromEntries(
    Object.entries(diff).map(([table, d]) => [
      table,
      { added: d.added.length, removed: d.removed.length, changed: d.changed.map((c) => c.columns.join(',')).sort() },
    ]),
  );
}
