import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEFAULT_PORTS, siblingDatabaseUrl } from '@c2c/kernel';
import { SUBGRAPH_DEFINITIONS } from './subgraphs';

type Name = keyof typeof DEFAULT_PORTS;

export interface HubOptions {
  dataDir: string;
  /** PostgreSQL server URL; each subgraph gets its own database `<db>_<subgraph>` on it. */
  databaseUrl?: string;
  gatewayPort: number;
  subgraphPorts: Record<Name, number>;
  seedDemo: boolean;
  /** Extra environment for every process (secrets, NODE_ENV, LOG_LEVEL). */
  env?: NodeJS.ProcessEnv;
  onProgress?: (line: string) => void;
}

export interface HubProcess {
  name: string;
  url: string;
  port: number;
  child: ChildProcess;
  logFile: string;
}

export interface RunningHub {
  gatewayUrl: string;
  processes: HubProcess[];
  /** Stops one process (tests use it to take a subgraph down). */
  stopProcess(name: string): Promise<void>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function subgraphDatabaseUrl(baseUrl: string, name: string): string {
  const base = new URL(baseUrl).pathname.replace(/^\//, '') || 'c2c';
  return siblingDatabaseUrl(baseUrl, `${base}_${name}`);
}

function tail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function waitReady(proc: HubProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const readyz = new URL('/readyz', proc.url).toString();
  const healthz = new URL('/healthz', proc.url).toString();
  // The gateway's /readyz waits on every subgraph; /healthz says the gateway itself is up.
  const probe = proc.name === 'gateway' ? healthz : readyz;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(`${proc.name} exited with code ${proc.child.exitCode} while starting:\n${tail(proc.logFile)}`);
    }
    try {
      const res = await fetch(probe, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.name} was not ready after ${timeoutMs} ms:\n${tail(proc.logFile)}`);
}

function launch(name: string, script: string, port: number, env: NodeJS.ProcessEnv, logDir: string): HubProcess {
  const logFile = path.join(logDir, `${name}.log`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [script], { env: { ...env, PORT: String(port) }, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  return { name, url: `http://127.0.0.1:${port}/graphql`, port, child, logFile };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the five subgraphs and the gateway as separate processes talking real HTTP, the
 * way they run in production: `c2c start` and the integration tests share this.
 */
export async function startHub(o: HubOptions): Promise<RunningHub> {
  const logDir = path.join(o.dataDir, 'logs');
  fs.mkdirSync(logDir, { recursive: true });
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...o.env, C2C_DATA_DIR: o.dataDir };
  delete baseEnv.PORT;
  const processes: HubProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => stopChild(p.child)));
  };
  try {
    const subgraphs = SUBGRAPH_DEFINITIONS.map((def) => {
      const env: NodeJS.ProcessEnv = { ...baseEnv, C2C_SEED_DEMO: o.seedDemo ? 'true' : 'false' };
      // Students and events ask partners for data-sharing agreements (kernel/src/agreements.ts).
      env.C2C_PARTNERS_URL = `http://127.0.0.1:${o.subgraphPorts.partners}/graphql`;
      if (o.databaseUrl) env.DATABASE_URL = subgraphDatabaseUrl(o.databaseUrl, def.name);
      else delete env.DATABASE_URL;
      const proc = launch(def.name, require.resolve(`@c2c/${def.name}/dist/main.js`), o.subgraphPorts[def.name], env, logDir);
      processes.push(proc);
      return proc;
    });
    for (const proc of subgraphs) {
      await waitReady(proc, 90_000);
      o.onProgress?.(`${proc.name} ready on ${proc.url}`);
    }
    const gatewayEnv: NodeJS.ProcessEnv = { ...baseEnv };
    for (const p of subgraphs) gatewayEnv[`C2C_${p.name.toUpperCase()}_URL`] = p.url;
    const gateway = launch('gateway', require.resolve('@c2c/gateway/dist/main.js'), o.gatewayPort, gatewayEnv, logDir);
    processes.push(gateway);
    await waitReady(gateway, 30_000);
    o.onProgress?.(`gateway ready on ${gateway.url}`);
    return {
      gatewayUrl: gateway.url,
      processes,
      async stopProcess(name) {
        const p = processes.find((x) => x.name === name);
        if (p) await stopChild(p.child);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
