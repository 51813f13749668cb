import path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_PORTS, readEnv, readPort } from '@c2c/kernel';
import { startHub } from '@c2c/testing';

export function registerStart(program: Command) {
  program
    .command('start')
    .description(
      'Start the whole hub on this machine: the five subgraphs and the gateway, on embedded SQLite (or DATABASE_URL), seeded with demo data on first start.',
    )
    .option('--port <port>', 'gateway port', (v) => Number(v))
    .option('--data-dir <dir>', 'where the SQLite files and logs live (default $C2C_DATA_DIR or ./data)')
    .option('--no-seed', 'do not load the demo data set into empty databases')
    .option('--json', 'print a machine-readable summary once everything is up')
    .action(async (opts) => {
      const env = readEnv();
      const dataDir = path.resolve(opts.dataDir ?? env.dataDir);
      const hub = await startHub({
        dataDir,
        databaseUrl: env.databaseUrl,
        gatewayPort: opts.port ?? readPort('C2C_GATEWAY_PORT', 4000),
        subgraphPorts: Object.fromEntries(
          Object.entries(DEFAULT_PORTS).map(([name, port]) => [name, readPort(`C2C_${name.toUpperCase()}_PORT`, port)]),
        ) as typeof DEFAULT_PORTS,
        seedDemo: opts.seed !== false,
        onProgress: (line) => {
          if (!opts.json) console.log(`  ✓ ${line}`);
        },
      });
      const gatewayUrl = hub.gatewayUrl.replace('127.0.0.1', 'localhost');
      if (opts.json) {
        console.log(
          JSON.stringify({
            gateway: gatewayUrl,
            subgraphs: hub.processes.filter((p) => p.name !== 'gateway').map((p) => ({ name: p.name, url: p.url })),
            dataDir,
          }),
        );
      } else {
        console.log(`
C2C Hub is up: ${gatewayUrl}
  store:  ${env.databaseUrl ? 'PostgreSQL (one database per subgraph)' : `SQLite files in ${dataDir}`}
  logs:   ${path.join(dataDir, 'logs')}

Get a development token (partner staff of a demo organisation):
  npx c2c token --role partner_staff --org robotics-for-all
then send it as "Authorization: Bearer <token>". Ctrl-C stops everything.`);
      }
      const shutdown = () => {
        hub.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
      for (const p of hub.processes) {
        p.child.once('exit', (code, signal) => {
          if (signal === 'SIGTERM') return;
          console.error(`${p.name} stopped unexpectedly (code ${code}); see ${p.logFile}`);
        });
      }
    });
}
