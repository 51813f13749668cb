import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { SubgraphName } from '@c2c/kernel';
import { SEED_SCRIPT } from '@c2c/demo';

/**
 * Seeds one subgraph's database with its slice of the demo data, in a child process with the
 * environment its service will get (so it opens the same SQLite file or PostgreSQL database).
 */
export async function seedDemoDatabase(name: SubgraphName, env: NodeJS.ProcessEnv): Promise<void> {
  if (!fs.existsSync(SEED_SCRIPT)) throw new Error(`${SEED_SCRIPT} is missing: build first (npx tsc -b)`);
  const child = spawn(process.execPath, [SEED_SCRIPT, name], {
    env: { ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += String(d)));
  const code: number | null = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`seeding ${name} failed (exit ${code}):\n${stderr.trim()}`);
}
