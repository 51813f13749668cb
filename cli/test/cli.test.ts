import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTokenVerifier, DEV_JWT_SECRET, SUBGRAPH_NAMES } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { freePort } from '@c2c/testing';
import type { Command } from 'commander';
import { buildProgram } from '../src/index';

const BIN = path.resolve(__dirname, '..', 'bin', 'c2c.js');
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, NODE_ENV: 'development', C2C_JWT_SECRET: '', ...env },
    encoding: 'utf8',
  });

describe('c2c token', () => {
  const verify = createTokenVerifier({ jwtSecret: DEV_JWT_SECRET, jwtIssuer: 'c2c-hub', jwtAudience: 'c2c-hub' });

  it('mints a verifiable partner_staff token for a demo organisation given by slug', async () => {
    const res = run(['token', '--role', 'partner_staff', '--org', 'robotics-for-all', '--json']);
    expect(res.status).toBe(0);
    const out = JSON.parse(res.stdout);
    const viewer = await verify(out.token);
    expect(viewer).toMatchObject({
      roles: ['partner_staff'],
      org: demo.demoUniverse().organizations.find((o) => o.slug === 'robotics-for-all')!.id,
    });
  });

  it('refuses unknown roles, partner tokens without an organisation, and production', () => {
    expect(run(['token', '--role', 'superuser']).stderr).toMatch(/Unknown role superuser/);
    expect(run(['token', '--role', 'partner_staff']).stderr).toMatch(/need --org/);
    const prod = run(['token', '--role', 'district_admin', '--json'], {
      NODE_ENV: 'production',
      C2C_JWT_SECRET: 'p'.repeat(40),
      C2C_SUBGRAPH_SECRET: 's'.repeat(40),
    });
    expect(prod.status).toBe(1);
    expect(JSON.parse(prod.stderr).error).toMatch(/development only/);
  });

  it('has --help for every command', () => {
    // Every command the program registers, nested ones as their full path (`import hsds`).
    const paths = (cmd: Command, prefix: string[] = []): string[][] =>
      cmd.commands.flatMap((c) => [[...prefix, c.name()], ...paths(c, [...prefix, c.name()])]);
    const commands = paths(buildProgram());
    expect(commands.map((c) => c.join(' '))).toEqual([
      'start',
      'token',
      'schema',
      'migrations',
      'import',
      'import hsds',
      'import events',
      'bench',
      'report',
      'sync',
      'sync oneroster',
      'bench-sync',
      'bench-portal',
    ]);
    for (const cmd of commands) {
      const res = run([...cmd, '--help']);
      expect({ cmd, status: res.status, usage: res.stdout.split('\n')[0] }).toEqual({
        cmd,
        status: 0,
        usage: expect.stringMatching(new RegExp(`^Usage: c2c ${cmd.join(' ')} `)),
      });
    }
  });
});

describe('c2c on an end-of-life Node', () => {
  it('refuses to run with one line naming the version needed', () => {
    // The machine may have no Node 20 at hand, so the running Node reports itself as 20.
    const preload = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-node20-')), 'node20.js');
    fs.writeFileSync(preload, "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });\n");
    const res = spawnSync(process.execPath, ['--require', preload, BIN, 'start'], { encoding: 'utf8' });
    expect(res.status).toBe(1);
    expect(res.stderr).toBe('c2c needs Node.js 22 or newer (24 LTS recommended); this is Node.js 20.20.2.\n');
    expect(res.stdout).toBe('');
  });
});

describe('c2c start', () => {
  it('starts the whole hub seeded on SQLite, answers through the gateway, and stops everything on SIGINT', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-start-'));
    const ports = await Promise.all([0, 1, 2, 3, 4, 5].map(() => freePort()));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      C2C_JWT_SECRET: '',
      C2C_SUBGRAPH_SECRET: '',
      DATABASE_URL: '',
    };
    SUBGRAPH_NAMES.forEach((n, i) => (env[`C2C_${n.toUpperCase()}_PORT`] = String(ports[i])));
    const child = spawn(process.execPath, [BIN, 'start', '--json', '--port', String(ports[5]), '--data-dir', dataDir], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const summary = await new Promise<any>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d) => {
          out += d;
          const line = out.split('\n').find((l) => l.startsWith('{'));
          if (line) resolve(JSON.parse(line));
        });
        child.once('exit', (code) => reject(new Error(`c2c start exited ${code}`)));
      });
      expect(summary.gateway).toBe(`http://localhost:${ports[5]}/graphql`);
      expect(summary.subgraphs.map((s: any) => s.name)).toEqual([...SUBGRAPH_NAMES]);
      const res = await fetch(`http://127.0.0.1:${ports[5]}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ organizations(first: 1) { totalCount edges { node { services(first: 1) { totalCount } } } } }' }),
      });
      const body: any = await res.json();
      expect(body.errors).toBeUndefined();
      expect(body.data.organizations.totalCount).toBe(demo.demoUniverse().organizations.length);
      expect(fs.existsSync(path.join(dataDir, 'partners.sqlite3'))).toBe(true);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
    for (const port of ports) {
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    }
  }, 120_000);
});
