import type { Command } from 'commander';
import { emitSchema, SCHEMA_DIR, writeSchemaFiles } from '../compose';

export function registerSchema(program: Command) {
  program
    .command('schema')
    .description("Emit each subgraph's SDL and compose the supergraph into schema/ (offline, with @apollo/composition).")
    .option('--out <dir>', 'output folder', SCHEMA_DIR)
    .option('--json', 'print the written files as JSON')
    .action(async (opts) => {
      const files = writeSchemaFiles(await emitSchema(), opts.out);
      if (opts.json) console.log(JSON.stringify({ files }));
      else for (const f of files) console.log(`wrote ${f}`);
    });
}
