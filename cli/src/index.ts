import { Command, CommanderError } from 'commander';
import { registerMigrations } from './commands/migrations';
import { registerSchema } from './commands/schema';
import { registerStart } from './commands/start';
import { registerToken } from './commands/token';
import { registerImportHsds } from './commands/import-hsds';
import { registerBench } from './commands/bench';
import { registerImportEvents } from './commands/import-events';
import { registerReport } from './commands/report';
import { registerSyncOneRoster } from './commands/sync-oneroster';
import { registerBenchSync } from './commands/bench-sync';
import { registerBenchPortal } from './commands/bench-portal';

export function buildProgram(): Command {
  const program = new Command();
  program.name('c2c').description('C2C Hub: run the hub, mint development tokens, emit the schema.').showHelpAfterError();
  registerStart(program);
  registerToken(program);
  registerSchema(program);
  registerMigrations(program);
  registerImportHsds(program);
  registerImportEvents(program);
  registerBench(program);
  registerReport(program);
  registerSyncOneRoster(program);
  registerBenchSync(program);
  registerBenchPortal(program);
  return program;
}

/** Errors are one line for people; `--json` callers get `{ "error": … }` on stderr. */
export async function main(argv: string[]) {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) process.exit(err.exitCode);
    const message = (err as Error).message;
    if (argv.includes('--json')) console.error(JSON.stringify({ error: message }));
    else console.error(`c2c: ${message}`);
    process.exit(1);
  }
}
