import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { GATEWAY_JWKS_PATH, siblingDatabaseUrl, SUBGRAPH_NAMES, SUBGRAPH_SECRET_HEADER, type SubgraphName } from '@c2c/kernel';
import { freePort } from './ports';
import { seedDemoDatabase } from './seed';

type Name = SubgraphName;

export interface HubOptions {
  dataDir: string;
  /** PostgreSQL server URL; each subgraph gets its own database `<db>_<subgraph>` on it. */
  databaseUrl?: string;
  /** A port, or 'auto': picked just before launch, with a retry on a clash (tests). */
  gatewayPort: number | 'auto';
  subgraphPorts: Record<Name, number> | 'auto';
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

/**
 * Whether the subgraph answering on the port is this hub's: a process of another hub (a
 * concurrent test file, with its own secret) that took the port between the pick and our
 * listen answers /readyz just as well, and then our gateway would talk to it. Only the process
 * started with our secret lets a request with it through.
 */
async function answersOurSecret(proc: HubProcess, secret: string): Promise<boolean> {
  const res = await fetch(proc.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SUBGRAPH_SECRET_HEADER]: secret },
    body: JSON.stringify({ query: '{ __typename }' }),
    signal: AbortSignal.timeout(5000),
  });
  return res.status !== 401;
}

async function waitReady(proc: HubProcess, timeoutMs: number, subgraphSecret?: string): Promise<void> {
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
      if (res.ok) {
        if (subgraphSecret && !(await answersOurSecret(proc, subgraphSecret)))
          // Worded so that the caller's retry on fresh ports (startHub) takes it.
          throw new PortTaken(`${proc.name}: port ${proc.port} is answered by another hub's process (EADDRINUSE)`);
        return;
      }
    } catch (err) {
      if (err instanceof PortTaken) throw err;
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${proc.name} was not ready after ${timeoutMs} ms:\n${tail(proc.logFile)}`);
}

class PortTaken extends Error {}

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
    const databaseEnv = (name: Name): NodeJS.ProcessEnv => {
      const env: NodeJS.ProcessEnv = { ...baseEnv };
      if (o.databaseUrl) env.DATABASE_URL = subgraphDatabaseUrl(o.databaseUrl, name);
      else delete env.DATABASE_URL;
      return env;
    };
    // The services carry no demo code: their databases are seeded first, by a separate step.
    if (o.seedDemo) await Promise.all(SUBGRAPH_NAMES.map((name) => seedDemoDatabase(name, databaseEnv(name))));

    const launchAll = async (subgraphPorts: Record<Name, number>, gatewayPort: number): Promise<HubProcess> => {
      const subgraphs = SUBGRAPH_NAMES.map((name) => {
        const env = databaseEnv(name);
        // Students and events ask partners for data-sharing agreements (kernel/src/agreements.ts).
        env.C2C_PARTNERS_URL = `http://127.0.0.1:${subgraphPorts.partners}/graphql`;
        // Referrals asks resources and students as the caller (kernel/src/peers.ts).
        env.C2C_RESOURCES_URL = `http://127.0.0.1:${subgraphPorts.resources}/graphql`;
        env.C2C_STUDENTS_URL = `http://127.0.0.1:${subgraphPorts.students}/graphql`;
        // API-key tokens signed by the gateway's own key are checked against the keys it publishes.
        env.C2C_GATEWAY_JWKS_URL ||= `http://127.0.0.1:${gatewayPort}${GATEWAY_JWKS_PATH}`;
        const proc = launch(name, require.resolve(`@c2c/${name}/dist/main.js`), subgraphPorts[name], env, logDir);
        processes.push(proc);
        return proc;
      });
      for (const proc of subgraphs) {
        await waitReady(proc, 90_000, baseEnv.C2C_SUBGRAPH_SECRET);
        o.onProgress?.(`${proc.name} ready on ${proc.url}`);
      }
      const gatewayEnv: NodeJS.ProcessEnv = { ...baseEnv };
      for (const p of subgraphs) gatewayEnv[`C2C_${p.name.toUpperCase()}_URL`] = p.url;
      const gateway = launch('gateway', require.resolve('@c2c/gateway/dist/main.js'), gatewayPort, gatewayEnv, logDir);
      processes.push(gateway);
      await waitReady(gateway, 30_000);
      o.onProgress?.(`gateway ready on ${gateway.url}`);
      return gateway;
    };

    // With ports picked here ('auto'), a port another process took between the pick and the
    // listen (freePort cannot reserve it) costs a retry on fresh ports, not a failed start.
    const auto = o.subgraphPorts === 'auto' || o.gatewayPort === 'auto';
    let gateway: HubProcess;
    for (let attempt = 1; ; attempt++) {
      const subgraphPorts =
        o.subgraphPorts === 'auto'
          ? (Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await freePort()] as const))) as Record<Name, number>)
          : o.subgraphPorts;
      const gatewayPort = o.gatewayPort === 'auto' ? await freePort() : o.gatewayPort;
      try {
        gateway = await launchAll(subgraphPorts, gatewayPort);
        break;
      } catch (err) {
        if (!auto || attempt >= 3 || !String((err as Error).message).includes('EADDRINUSE')) throw err;
        await stop();
        processes.length = 0;
      }
    }
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
