import type { Command } from 'commander';
import { createMigrations } from '@c2c/kernel';
import { definitionNamed, SUBGRAPH_DEFINITIONS } from '../subgraphs';

export function registerMigrations(program: Command) {
  program
    .command('migrations')
    .description('Developer tool: write a new migration for each dialect (SQLite and PostgreSQL) of a subgraph from its entities.')
    .argument('[subgraph]', 'subgraph name, or all', 'all')
    .option(
      '--postgres <url>',
      'a PostgreSQL server to diff against',
      process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    )
    .option('--json', 'print written files as JSON')
    .action(async (name: string, opts) => {
      const defs = name === 'all' ? SUBGRAPH_DEFINITIONS : [definitionNamed(name)];
      const written: string[] = [];
      for (const def of defs) written.push(...(await createMigrations(def, opts.postgres)));
      if (opts.json) console.log(JSON.stringify({ written }));
      else console.log(written.length ? written.map((f) => `wrote ${f}`).join('\n') : 'No entity changes: no migration written.');
    });
}
