import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { adminSql, SUBGRAPH_NAMES } from '@c2c/kernel';
import { SECRETS, startHub, subgraphDatabaseUrl, token } from '@c2c/testing';
import { generateExport } from './oneroster-generate';

/**
 * The OneRoster sync on PostgreSQL, measured against PostgreSQL's own COPY of the same rows in
 * the same run: rows per second as a ratio (so the number means the same on any machine), and
 * the peak memory of the CLI and of the students subgraph at each size, which must not grow
 * with the export. The hub is real: gateway and five subgraphs as processes, over HTTP.
 */
export interface SyncBenchSize {
  students: number;
  attendance: number;
  rows: number;
  syncSeconds: number;
  syncRowsPerSecond: number;
  copySeconds: number;
  copyRowsPerSecond: number;
  ratio: number;
  cliPeakMb: number;
  subgraphPeakMb: number;
  /** CPU seconds each process spent on the sync: where the time goes. */
  cpuSeconds: { gateway: number; subgraph: number; cli?: number; database?: number };
}

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'c2c.js');

/** Peak resident memory of a running process since the last reset, in MB (Linux /proc). */
function peakMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
/** CPU seconds (user + system) a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function resetPeak(pid: number) {
  // "5" resets the peak RSS the kernel keeps for the process (proc(5), clear_refs).
  fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

function psql(url: string, command: string): string {
  const res = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-At', '-c', command], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`psql: ${res.stderr || res.error?.message}`);
  return res.stdout;
}

/**
 * CPU seconds of the database's server processes serving `url`'s database, by process id: the
 * subgraph's pooled connections. Readable only when PostgreSQL runs on this machine (else empty).
 */
function backendCpu(url: string): Map<number, number> {
  const cpu = new Map<number, number>();
  const pids = psql(url, 'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
  for (const pid of pids.split('\n').filter(Boolean).map(Number))
    try {
      cpu.set(pid, cpuSeconds(pid));
    } catch {
      // Not on this machine, or gone since the query.
    }
  return cpu;
}

/**
 * COPY of the export's three data files into tables shaped and indexed like the hub's: each
 * keyed by sourcedId, attendance with the hub's two secondary indexes (student and day; the
 * covering school, day, student, category and status index part 2's aggregates read).
 */
function copyBaseline(url: string, dir: string): number {
  psql(
    url,
    `drop table if exists bench_users, bench_demographics, bench_attendance;
     create table bench_users (sourced_id varchar(255) primary key, status varchar(20), date_last_modified varchar(40), enabled_user text,
       org_sourced_ids text, role text, username text, given_name varchar(100), family_name varchar(100), identifier varchar(100), grades varchar(4));
     create table bench_demographics (sourced_id varchar(255) primary key, status varchar(20), date_last_modified varchar(40), birth_date date,
       sex varchar(20), asian boolean, white boolean, hispanic boolean, econ boolean, disability boolean, ell boolean, home_zip varchar(10));
     create table bench_attendance (sourced_id varchar(255) primary key, status varchar(20), date_last_modified varchar(40),
       student_sourced_id varchar(255), school_sourced_id varchar(255), date date, category varchar(30));
     create index on bench_attendance (student_sourced_id, date);
     create index on bench_attendance (school_sourced_id, date, student_sourced_id, category, status);`,
  );
  const started = process.hrtime.bigint();
  for (const [table, file] of [
    ['bench_users', 'users.csv'],
    ['bench_demographics', 'demographics.csv'],
    ['bench_attendance', 'attendance.csv'],
  ])
    psql(url, `\\copy ${table} from '${path.join(dir, file)}' with (format csv, header true)`);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  psql(url, 'drop table bench_users, bench_demographics, bench_attendance');
  return seconds;
}

export async function benchSync(o: {
  sizes: number[];
  days: number;
  databaseUrl: string;
  /** Caps the CLI's V8 heap (MB): a sync that completes under a small cap holds nothing per row. */
  cliHeapMb?: number;
  /** Directory for `node --cpu-prof` profiles of the CLI and every hub process. */
  cpuProfDir?: string;
  progress?: (m: string) => void;
}): Promise<SyncBenchSize[]> {
  const cpuProf = o.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfDir}`] : [];
  if (o.cpuProfDir) fs.mkdirSync(o.cpuProfDir, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-bench-sync-'));
  const databaseUrl = subgraphDatabaseUrl(o.databaseUrl, `bench_${process.pid}_${Date.now().toString(36)}`);
  const hub = await startHub({
    dataDir,
    databaseUrl,
    gatewayPort: 'auto',
    subgraphPorts: 'auto',
    seedDemo: false,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      C2C_REFERRAL_SWEEP_SECONDS: '0',
      // A bulk file's end deactivates the previous size's rows in one UPDATE, which on a loaded
      // shared machine can outlast the default 10 s subgraph timeout.
      C2C_SUBGRAPH_TIMEOUT_MS: '120000',
      ...(o.cpuProfDir ? { NODE_OPTIONS: cpuProf.join(' ') } : {}),
      ...SECRETS,
    },
  });
  const results: SyncBenchSize[] = [];
  try {
    const subgraph = hub.processes.find((p) => p.name === 'students')!.child.pid!;
    const gateway = hub.processes.find((p) => p.name === 'gateway')!.child.pid!;
    const studentsDb = subgraphDatabaseUrl(databaseUrl, 'students');
    const sis = await token('district_sis');
    for (const [k, size] of o.sizes.entries()) {
      const dir = path.join(dataDir, `export-${size}`);
      const students = Math.max(1, Math.round(size / o.days));
      o.progress?.(`generating ${students} students × ${o.days} days`);
      // Each size is a first sync: its own sourcedIds, into emptied tables, so that its bulk files
      // do not also deactivate the previous size's 275,000 rows (an UPDATE that COPY never does).
      if (k > 0) psql(studentsDb, 'truncate school, student, student_demographics, student_school_attendance_event cascade');
      const made = await generateExport(dir, { students, days: o.days, prefix: `b${k}`, seed: k + 1 });
      const rows = 2 * made.students + made.attendance;
      resetPeak(subgraph);
      const cpu0 = { gateway: cpuSeconds(gateway), subgraph: cpuSeconds(subgraph), database: backendCpu(studentsDb) };
      const peakFile = path.join(dataDir, `cli-peak-${size}`);
      const preload = path.join(dataDir, 'peak.js');
      fs.writeFileSync(
        preload,
        `process.on('exit', () => require('fs').writeFileSync(process.env.C2C_PEAK_FILE, JSON.stringify(process.resourceUsage())));\n`,
      );
      o.progress?.(`syncing ${rows} rows through the graph`);
      const started = process.hrtime.bigint();
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(
          process.execPath,
          [
            ...(o.cliHeapMb ? [`--max-old-space-size=${o.cliHeapMb}`] : []),
            ...cpuProf,
            '--require',
            preload,
            BIN,
            'sync',
            'oneroster',
            dir,
            '--url',
            hub.gatewayUrl,
            '--token',
            sis,
            '--json',
          ],
          {
            stdio: ['ignore', 'ignore', 'inherit'],
            env: { ...process.env, C2C_PEAK_FILE: peakFile },
          },
        );
        child.on('close', resolve);
      });
      const syncSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) {
        // The hub's logs go with its data directory: show why before they do.
        const tails = hub.processes
          .filter((p) => p.name === 'gateway' || p.name === 'students')
          .map((p) => `--- ${p.name}:\n${fs.readFileSync(p.logFile, 'utf8').split('\n').slice(-15).join('\n')}`);
        throw new Error(`the sync exited with ${code}\n${tails.join('\n')}`);
      }
      const subgraphPeakMb = peakMb(subgraph);
      const cpu: SyncBenchSize['cpuSeconds'] = {
        gateway: cpuSeconds(gateway) - cpu0.gateway,
        subgraph: cpuSeconds(subgraph) - cpu0.subgraph,
      };
      // The connections the sync used (a connection idle for long is closed, its time lost: a floor).
      const database = [...backendCpu(studentsDb)].reduce((sum, [pid, s]) => sum + s - (cpu0.database.get(pid) ?? 0), 0);
      if (database > 0) cpu.database = database;
      const usage = JSON.parse(fs.readFileSync(peakFile, 'utf8')) as NodeJS.ResourceUsage;
      const cliPeakMb = usage.maxRSS / 1024;
      cpu.cli = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
      o.progress?.(`copying the same ${rows} rows with COPY`);
      const copySeconds = copyBaseline(studentsDb, dir);
      fs.rmSync(dir, { recursive: true, force: true });
      results.push({
        students: made.students,
        attendance: made.attendance,
        rows,
        syncSeconds,
        syncRowsPerSecond: rows / syncSeconds,
        copySeconds,
        copyRowsPerSecond: rows / copySeconds,
        ratio: copySeconds / syncSeconds,
        cliPeakMb,
        subgraphPeakMb,
        cpuSeconds: cpu,
      });
    }
  } finally {
    await hub.stop();
    for (const name of SUBGRAPH_NAMES)
      await adminSql(
        databaseUrl,
        `drop database if exists "${new URL(subgraphDatabaseUrl(databaseUrl, name)).pathname.slice(1)}" with (force)`,
      );
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

export function registerBenchSync(program: Command) {
  program
    .command('bench-sync')
    .description(
      'Benchmark the OneRoster sync on PostgreSQL (DATABASE_URL): rows per second through the graph as a ratio to COPY of the same rows, and peak memory of the CLI and the students subgraph per size.',
    )
    .option('--sizes <rows,…>', 'attendance rows per run, comma-separated', '250000,1000000')
    .option('--days <n>', 'school days of attendance per student', (v) => Number(v), 20)
    .option('--scale <scale>', '"region": seed 002’s region, 147,000 students × 180 school days (about 26.5 million rows)')
    .option('--cli-heap <mb>', 'cap the CLI’s JavaScript heap, to show it needs no memory per row', (v) => Number(v))
    .option('--cpu-prof <dir>', 'run the CLI and every hub process under node --cpu-prof, profiles into <dir>')
    .option('--json', 'print the results as JSON')
    .action(async (opts) => {
      const databaseUrl = process.env.DATABASE_URL;
      if (!databaseUrl)
        throw new Error('bench-sync measures PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/c2c_bench)');
      let sizes = String(opts.sizes)
        .split(',')
        .map((s) => Number(s.trim()));
      let days = opts.days as number;
      if (opts.scale === 'region') [sizes, days] = [[147_000 * 180], 180];
      else if (opts.scale) throw new Error('--scale must be "region"');
      if (sizes.some((n) => !Number.isInteger(n) || n < days))
        throw new Error('--sizes must be whole numbers of rows, at least one per day');
      const results = await benchSync({
        sizes,
        days,
        databaseUrl,
        cliHeapMb: opts.cliHeap,
        cpuProfDir: opts.cpuProf ? path.resolve(opts.cpuProf) : undefined,
        progress: opts.json ? undefined : (m) => console.error(m),
      });
      if (opts.json) console.log(JSON.stringify(results, null, 2));
      else
        for (const r of results)
          console.log(
            `${r.rows} rows (${r.students} students, ${r.attendance} attendance): sync ${r.syncRowsPerSecond.toFixed(0)} rows/s, COPY ${r.copyRowsPerSecond.toFixed(0)} rows/s, ratio ${r.ratio.toFixed(3)}; peak memory CLI ${r.cliPeakMb.toFixed(0)} MB, students subgraph ${r.subgraphPeakMb.toFixed(0)} MB; CPU s CLI ${r.cpuSeconds.cli?.toFixed(1)}, gateway ${r.cpuSeconds.gateway.toFixed(1)}, subgraph ${r.cpuSeconds.subgraph.toFixed(1)}, database ${r.cpuSeconds.database?.toFixed(1) ?? '?'} in ${r.syncSeconds.toFixed(1)} s`,
          );
    });
}
