import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import * as demo from '@c2c/demo';
import { adminSql, SUBGRAPH_NAMES } from '@c2c/kernel';
import { SECRETS, startHub, subgraphDatabaseUrl, token } from '@c2c/testing';

/**
 * The partner portal's queries on PostgreSQL at two sizes in one run: the demo data (its
 * students with a school year of generated records) and then the region of seed 002 (147,000
 * students × 180 school days, about 26.5 million attendance rows), generated in the database
 * with SQL. Each named query runs as its token through a real gateway; the result is each
 * query's median latency at region size as a ratio to the demo size, so it means the same on any
 * machine. Index-driven queries stay near 1×; a scan grows with the table.
 */

/** One query of the benchmark: a named GraphQL operation run as `as` against the hub. */
export interface PortalBenchQuery {
  name: string;
  as: 'partner' | 'district' | 'evaluator';
  query: string;
  variables: (c: BenchContext) => Record<string, unknown>;
}

export interface BenchContext {
  /** The partner organisation whose caseload is measured (the demo organisation with the most consented participants). */
  organizationId: string;
  /** One of its consented participants. */
  studentId: string;
  /** That participant's school: the school the per-school equity aggregates ask about. */
  schoolId: string;
}

/** The list: add a query (the equity aggregates, say) and it is measured at both sizes. */
export const PORTAL_BENCH_QUERIES: PortalBenchQuery[] = [
  {
    name: 'CaseloadOverview',
    as: 'partner',
    query: `query CaseloadOverview {
      caseloadOverview(first: 25, sort: ATTENDANCE_RATE, from: "2026-08-31", to: "2027-05-28") {
        totalCount edges { node { student { id givenName familyName grade } attendanceRate chronicallyAbsent incidents lowestMark level } }
      }
    }`,
    variables: () => ({}),
  },
  {
    name: 'StudentAttendanceMonth',
    as: 'partner',
    query: `query StudentAttendanceMonth($id: ID!) {
      student(id: $id) {
        id attendanceCalendar(month: "2026-10") { date category }
        attendanceWeek(weekOf: "2026-10-14") { days { date category } }
        attendanceSummary(from: "2026-10-01", to: "2026-10-31") { attendanceRate chronicallyAbsent }
      }
    }`,
    variables: (c) => ({ id: c.studentId }),
  },
  {
    name: 'StudentTrendAndFlags',
    as: 'partner',
    query: `query StudentTrendAndFlags($id: ID!) {
      student(id: $id) {
        id attendanceTrend(from: "2026-08-31", to: "2027-05-28") { month attendanceRate }
        earlyWarning(from: "2026-08-31", to: "2027-05-28") { level attendance { level value } behaviour { level value } courses { level value } }
      }
    }`,
    variables: (c) => ({ id: c.studentId }),
  },
  {
    name: 'DistrictCaseloadOverview',
    as: 'district',
    query: `query DistrictCaseloadOverview($org: ID!) {
      caseloadOverview(organizationId: $org, first: 25, sort: FLAG_LEVEL, descending: true, from: "2026-08-31", to: "2027-05-28") {
        totalCount edges { node { student { id } attendanceRate level } }
      }
    }`,
    variables: (c) => ({ org: c.organizationId }),
  },
  {
    // An evaluator's question about one school and one month. A suppressed viewer's school is a
    // slice of the district's release (complementary suppression spans every school), so the
    // statement groups the whole district's month.
    name: 'EquityBySchoolMonth',
    as: 'evaluator',
    query: `query EquityBySchoolMonth($school: ID!) {
      equityReport(from: "2026-10-01", to: "2026-10-31", schoolId: $school, dimensions: [RACE_ETHNICITY, SEX, GRADE]) {
        suppressedView total { students attendanceRate { percent } }
        cells { dimension group schoolId suppressed students attendanceRate { percent } chronicAbsenteeismRate { percent } }
      }
    }`,
    variables: (c) => ({ school: c.schoolId }),
  },
  {
    // The district's exact figures for one school and one month: the statement reads that
    // school's rows of the month only.
    name: 'EquitySchoolMonthExact',
    as: 'district',
    query: `query EquitySchoolMonthExact($school: ID!) {
      equityReport(from: "2026-10-01", to: "2026-10-31", schoolId: $school, dimensions: [RACE_ETHNICITY, SEX, GRADE]) {
        total { students attendanceRate { percent } }
        cells { dimension group students attendanceRate { percent } chronicAbsenteeismRate { percent } }
      }
    }`,
    variables: (c) => ({ school: c.schoolId }),
  },
  {
    // The subgroup breakdowns of the whole district's school year, with participants against
    // non-participants: as many cells at any size.
    name: 'EquityDistrictYearSubgroups',
    as: 'district',
    query: `query EquityDistrictYearSubgroups {
      equityReport(schoolYear: "2026-2027", dimensions: [RACE_ETHNICITY, SEX, ECONOMICALLY_DISADVANTAGED, DISABILITY, ENGLISH_LEARNER, GRADE]) {
        total { students attendanceRate { percent } chronicAbsenteeismRate { percent } }
        cells { dimension group students attendanceRate { percent gap } chronicAbsenteeismRate { percent gap } proficiencyRate { percent gap } }
        participation { participants { students attendanceRate { percent } } nonParticipants { students attendanceRate { percent } } }
      }
    }`,
    variables: () => ({}),
  },
  {
    // A partner's own programme against everyone else over the school year, suppressed, with
    // its participants as what it knows: read fresh from its participants on every request.
    name: 'EquityPartnerProgramYear',
    as: 'partner',
    query: `query EquityPartnerProgramYear($org: ID!) {
      equityReport(schoolYear: "2026-2027", programOrganizationId: $org, dimensions: [RACE_ETHNICITY, GRADE]) {
        suppressedView total { students attendanceRate { percent } }
        participation { participants { suppressed students attendanceRate { percent gap } } nonParticipants { suppressed students attendanceRate { percent } } }
      }
    }`,
    variables: (c) => ({ org: c.organizationId }),
  },
  {
    // Every cell of the whole district's school year, school × grade included: the answer
    // itself grows with the number of schools (3,700 cells for 264 schools, 160 for the demo's 11).
    name: 'EquityDistrictYear',
    as: 'district',
    query: `query EquityDistrictYear {
      equityReport(schoolYear: "2026-2027") {
        total { students attendanceRate { percent } chronicAbsenteeismRate { percent } }
        cells { dimension group schoolId suppressed students attendanceRate { percent } }
        participation { participants { students attendanceRate { percent } } nonParticipants { students attendanceRate { percent } } }
      }
    }`,
    variables: () => ({}),
  },
];

export interface QueryTiming {
  name: string;
  demoMs: number;
  regionMs: number;
  ratio: number;
  /**
   * The first run at each size, which the median leaves out, right after the records revision
   * was moved on. For an equity report it is the one that computes the period's release and
   * stores it (equity-release.logic.ts); the median is reading it back, as every report does
   * until the records change.
   */
  firstDemoMs: number;
  firstRegionMs: number;
}

export interface PortalBenchResult {
  demoStudents: number;
  regionStudents: number;
  demoAttendanceRows: number;
  regionAttendanceRows: number;
  generateSeconds: number;
  caseloadSize: number;
  runs: number;
  queries: QueryTiming[];
}

function psql(url: string, sql: string): string {
  const res = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-At', '-c', sql], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`psql: ${res.stderr || res.error?.message}`);
  return res.stdout.trim();
}

/** The first `days` weekdays from 31 August 2026: the school year's days. */
const schoolDays = (days: number) => `(select row_number() over (order by d) as n, d::date as day
  from generate_series(date '2026-08-31', date '2027-08-31', interval '1 day') d where extract(isodow from d) < 6 order by d limit ${days})`;

/**
 * A school year of records for the students `where` selects: daily attendance with a per-student
 * absence propensity (so some are chronically absent), a few incidents, and four marks.
 */
function generateRecords(url: string, where: string, days: number) {
  psql(
    url,
    `set synchronous_commit = off;
     insert into student_school_attendance_event (id, sourced_id, student_id, school_id, date, category, status)
     select md5('a' || s.id || ':' || d.n)::uuid, 'bench-a-' || s.id || '-' || d.n, s.id, s.school_id, d.day,
       case when h.v < 1 + s.risk then 'unexcusedAbsence' when h.v < 3 + 2 * s.risk then 'excusedAbsence'
            when h.v < 6 + 2 * s.risk then 'tardy' when h.v < 7 + 2 * s.risk then 'earlyDeparture' else 'present' end, 'active'
     from (select id, school_id, abs(hashtext(id::text)) % 8 as risk from student where ${where}) s
     cross join ${schoolDays(days)} d
     cross join lateral (select abs(hashtext(s.id::text || ':' || d.n)) % 100 as v) h;
     insert into discipline_incident (id, sourced_id, student_id, school_id, date, type, action, days_removed, status)
     select md5('i' || s.id || ':' || k)::uuid, 'bench-i-' || s.id || '-' || k, s.id, s.school_id, date '2026-09-07' + k * 17, 'Disruption', null, 0, 'active'
     from student s cross join generate_series(1, 7) k where (${where}) and k <= abs(hashtext('i' || s.id::text)) % 12 - 4;
     insert into course_transcript (id, sourced_id, student_id, course_id, academic_session_id, mark, status)
     select md5('t' || s.id || ':' || k)::uuid, 'bench-t-' || s.id || '-' || k, s.id, md5('course' || k)::uuid, md5('bench-session')::uuid,
       (55 + abs(hashtext(s.id::text || 't' || k)) % 45)::text, 'active'
     from student s cross join generate_series(1, 4) k where ${where};`,
  );
}

/** Secondary indexes and unique constraints of the big table, dropped for the bulk load and rebuilt after it (one sort each, not 26 million inserts into each B-tree). */
function withoutAttendanceIndexes(url: string, load: () => void) {
  const indexes = psql(
    url,
    `select indexdef from pg_indexes i where tablename = 'student_school_attendance_event'
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  )
    .split('\n')
    .filter(Boolean);
  const uniques = psql(
    url,
    `select conname || '|' || pg_get_constraintdef(oid) from pg_constraint
       where conrelid = 'student_school_attendance_event'::regclass and contype = 'u'`,
  )
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('|') as [string, string]);
  for (const def of indexes) psql(url, `drop index ${/INDEX (\S+) ON/.exec(def)![1]}`);
  for (const [name] of uniques) psql(url, `alter table student_school_attendance_event drop constraint ${name}`);
  load();
  for (const def of indexes) psql(url, `set maintenance_work_mem = '512MB'; ${def}`);
  for (const [name, def] of uniques)
    psql(url, `set maintenance_work_mem = '512MB'; alter table student_school_attendance_event add constraint ${name} ${def}`);
}

/** One timed request, in milliseconds; a refusal or a GraphQL error fails the benchmark. */
async function timeOnce(url: string, bearer: string, q: PortalBenchQuery, c: BenchContext): Promise<number> {
  const body = JSON.stringify({ query: q.query, operationName: q.name, variables: q.variables(c) });
  const started = process.hrtime.bigint();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body,
  });
  const json = (await res.json()) as { errors?: { message: string }[] };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 200 || json.errors?.length) throw new Error(`${q.name}: HTTP ${res.status} ${JSON.stringify(json.errors ?? json)}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The demo organisation with the most consented participants today that has an active staff member (tokens are honoured only for those). */
function benchContext(at = new Date()): BenchContext & { caseloadSize: number } {
  const u = demo.demoUniverse();
  const today = at.toISOString().slice(0, 10);
  const consented = u.participations.filter(
    (p) =>
      p.startDate <= today &&
      (!p.endDate || p.endDate >= today) &&
      !!p.consentGivenAt &&
      Date.parse(p.consentGivenAt) <= at.getTime() &&
      !p.consentRevokedAt &&
      (!p.consentExpiresAt || Date.parse(p.consentExpiresAt) > at.getTime()),
  );
  const counts = new Map<string, Set<string>>();
  for (const p of consented)
    if (demo.demoStaffSubject(p.organizationId)) counts.set(p.organizationId, (counts.get(p.organizationId) ?? new Set()).add(p.studentId));
  const [organizationId, ids] = [...counts].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]))[0];
  const studentId = [...ids].sort()[0];
  const schoolId = u.students.find((s) => s.id === studentId)!.schoolId;
  return { organizationId, studentId, schoolId, caseloadSize: ids.size };
}

type Hub = Awaited<ReturnType<typeof startHub>>;

async function hubOn(databaseUrl: string, dataDir: string): Promise<Hub> {
  return startHub({
    dataDir,
    databaseUrl,
    gatewayPort: 'auto',
    subgraphPorts: 'auto',
    seedDemo: true,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      C2C_REFERRAL_SWEEP_SECONDS: '0',
      // A loaded shared machine can outlast the default 10 s subgraph timeout on a cold cache.
      C2C_SUBGRAPH_TIMEOUT_MS: '120000',
      ...SECRETS,
    },
  });
}

/** The last lines of the gateway's and the students subgraph's logs: why a request failed, before the data directory goes. */
function logTails(hub: Hub): string {
  return hub.processes
    .filter((p) => p.name === 'gateway' || p.name === 'students')
    .map(
      (p) =>
        `--- ${p.name}:\n${fs.existsSync(p.logFile) ? fs.readFileSync(p.logFile, 'utf8').split('\n').slice(-15).join('\n') : '(no log)'}`,
    )
    .join('\n');
}

async function dropDatabases(databaseUrl: string) {
  for (const name of SUBGRAPH_NAMES)
    await adminSql(
      databaseUrl,
      `drop database if exists "${new URL(subgraphDatabaseUrl(databaseUrl, name)).pathname.slice(1)}" with (force)`,
    );
}

/**
 * Two hubs side by side: one on the demo data with a school year of records, one at region size
 * (generated here, or an earlier run's kept with `C2C_BENCH_KEEP_DATABASE=1` and passed as
 * `regionDatabaseUrl`). The queries are timed alternately on the two, so a change in the
 * machine's load during the run weighs on both sides alike.
 */
export async function benchPortal(o: {
  databaseUrl: string;
  students: number;
  /** Schools at region size (seed 002: 264); the generated students are spread over them. */
  schools: number;
  days: number;
  runs: number;
  /** The base URL of a region generated by an earlier run (its `<base>_students` database and siblings). */
  regionDatabaseUrl?: string;
  queries?: PortalBenchQuery[];
  progress?: (m: string) => void;
}): Promise<PortalBenchResult> {
  const queries = o.queries ?? PORTAL_BENCH_QUERIES;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-bench-portal-'));
  const stamp = `${process.pid}_${Date.now().toString(36)}`;
  const demoUrl = subgraphDatabaseUrl(o.databaseUrl, `bpd_${stamp}`);
  const regionUrl = o.regionDatabaseUrl ?? subgraphDatabaseUrl(o.databaseUrl, `bp_${stamp}`);
  const hubs: Hub[] = [];
  try {
    o.progress?.('starting a hub on the demo data');
    const demoHub = await hubOn(demoUrl, path.join(dataDir, 'demo'));
    hubs.push(demoHub);
    const demoDb = subgraphDatabaseUrl(demoUrl, 'students');
    const c = benchContext();
    const tokens = {
      partner: await token('partner_staff', c.organizationId),
      district: await token('district_admin'),
      evaluator: await token('evaluator'),
    };
    const count = (db: string) => Number(psql(db, 'select count(*) from student_school_attendance_event'));
    const session = `insert into academic_session (id, sourced_id, title, type, start_date, end_date, status)
       values (md5('bench-session')::uuid, 'bench-session', 'School year 2026-27', 'schoolYear', '2026-08-31', '2027-06-30', 'active')`;
    const demoStudents = Number(psql(demoDb, 'select count(*) from student'));
    o.progress?.(`generating a school year of records for the ${demoStudents} demo students`);
    psql(demoDb, session);
    generateRecords(demoDb, 'true', o.days);
    psql(demoDb, 'vacuum analyze');

    o.progress?.(o.regionDatabaseUrl ? 'starting a hub on the region generated earlier' : 'starting a hub for the region');
    const regionHub = await hubOn(regionUrl, path.join(dataDir, 'region'));
    hubs.push(regionHub);
    const regionDb = subgraphDatabaseUrl(regionUrl, 'students');
    let generateSeconds = 0;
    if (o.regionDatabaseUrl) {
      // A region generated before caseloads existed has its participations' staff columns
      // migrated to empty lists, and the seed leaves existing rows alone: give them the demo's
      // assignments, or every partner read there is refused as off the caseload.
      const assigned = demo
        .demoUniverse()
        .participations.map((p) => `('${p.id}'::uuid, '${JSON.stringify(p.assignedStaffIds)}'::jsonb)`)
        .join(', ');
      psql(
        regionDb,
        `update program_participation p set assigned_staff_ids = v.ids from (values ${assigned}) v(id, ids)
         where p.id = v.id and p.assigned_staff_ids = '[]'::jsonb`,
      );
    } else {
      const started = process.hrtime.bigint();
      psql(regionDb, session);
      generateRecords(regionDb, 'true', o.days);
      const extra = Math.max(0, o.students - demoStudents);
      // Seed 002's region has 264 schools: the generated students spread over them, so that one
      // school holds a school's worth of students (about 560), not a twenty-fourth of the region.
      const known = `(select school_id as id from student union select id from school)`;
      const demoSchools = Number(psql(regionDb, `select count(*) from ${known} k`));
      o.progress?.(`generating ${Math.max(0, o.schools - demoSchools)} more schools`);
      psql(
        regionDb,
        `insert into school (id, sourced_id, name, type, status)
         select md5('bench-school' || n)::uuid, 'bench-school-' || n, 'Region School ' || n, 'school', 'active'
         from generate_series(1, ${Math.max(0, o.schools - demoSchools)}) n`,
      );
      o.progress?.(`generating ${extra} more students × ${o.days} days in the database`);
      psql(
        regionDb,
        `insert into student (id, sourced_id, given_name, family_name, birth_date, grade, school_id, status, created_at, updated_at)
         select md5('bench-s' || n)::uuid, 'bench-s-' || n, 'Given' || n, 'Family' || n, date '2008-09-01' + (n % 4700), g.grades[1 + n % 13],
           sc.ids[1 + n % array_length(sc.ids, 1)], 'active', now(), now()
         from generate_series(1, ${extra}) n,
           (select array['KG','01','02','03','04','05','06','07','08','09','10','11','12'] as grades) g,
           (select array_agg(id order by id) as ids from ${known} k) sc`,
      );
      withoutAttendanceIndexes(regionDb, () => {
        const chunk = 10_000;
        for (let from = 1; from <= extra; from += chunk) {
          const to = Math.min(extra, from + chunk - 1);
          o.progress?.(`  attendance for generated students ${from}–${to} of ${extra}`);
          generateRecords(regionDb, `id in (select md5('bench-s' || n)::uuid from generate_series(${from}, ${to}) n)`, o.days);
        }
        o.progress?.('rebuilding the attendance indexes');
      });
      psql(regionDb, 'vacuum analyze');
      generateSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    }
    const demoAttendanceRows = count(demoDb);
    const regionAttendanceRows = count(regionDb);
    const regionStudents = Number(psql(regionDb, 'select count(*) from student'));
    o.progress?.(`timing ${queries.length} queries alternately: ${demoAttendanceRows} and ${regionAttendanceRows} attendance rows`);
    const timings: QueryTiming[] = [];
    for (const q of queries) {
      const demoTimes: number[] = [];
      const regionTimes: number[] = [];
      const first: number[] = [];
      // A change to the records, as a sync's would be: each query's first run then computes its
      // equity release anew (equity-release.logic.ts), on both sides, and reports what that costs.
      for (const db of [demoDb, regionDb])
        psql(
          db,
          'insert into students_revision (id, value) values (1, 1) on conflict (id) do update set value = students_revision.value + 1',
        );
      try {
        for (let i = 0; i < Math.max(5, o.runs) + o.runs; i++) {
          const d = await timeOnce(demoHub.gatewayUrl, tokens[q.as], q, c);
          const r = await timeOnce(regionHub.gatewayUrl, tokens[q.as], q, c);
          if (i === 0) first.push(d, r);
          // The first rounds warm caches and JIT on both sides and are not counted.
          if (i >= Math.max(5, o.runs)) {
            demoTimes.push(d);
            regionTimes.push(r);
          }
        }
      } catch (err) {
        throw new Error(`${(err as Error).message}\n${logTails(demoHub)}\n${logTails(regionHub)}`, { cause: err });
      }
      const [demoMs, regionMs] = [median(demoTimes), median(regionTimes)];
      timings.push({ name: q.name, demoMs, regionMs, ratio: regionMs / demoMs, firstDemoMs: first[0], firstRegionMs: first[1] });
    }
    return {
      demoStudents,
      regionStudents,
      demoAttendanceRows,
      regionAttendanceRows,
      generateSeconds,
      caseloadSize: c.caseloadSize,
      runs: o.runs,
      queries: timings,
    };
  } finally {
    for (const hub of hubs) await hub.stop();
    await dropDatabases(demoUrl);
    if (!o.regionDatabaseUrl && !process.env.C2C_BENCH_KEEP_DATABASE) await dropDatabases(regionUrl);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function registerBenchPortal(program: Command) {
  program
    .command('bench-portal')
    .description(
      'Benchmark the partner portal on PostgreSQL (DATABASE_URL): each named query’s median latency through the gateway at the region size of seed 002 as a ratio to the demo data (target: within 2×).',
    )
    .option('--students <n>', 'students at region size (default 147,000, seed 002’s region)', (v) => Number(v), 147_000)
    .option('--schools <n>', 'schools at region size (default 264, seed 002’s region)', (v) => Number(v), 264)
    .option('--days <n>', 'school days of attendance per student', (v) => Number(v), 180)
    .option('--runs <n>', 'timed runs of each query per size (the median is reported)', (v) => Number(v), 15)
    .option(
      '--region-database <url>',
      'reuse a region an earlier run generated and kept (C2C_BENCH_KEEP_DATABASE=1): the base URL of its <base>_students database',
    )
    .option(
      '--queries <names>',
      'only these of PORTAL_BENCH_QUERIES, comma-separated (a before/after of one change without the hour of the rest)',
    )
    .option('--json', 'print the result as JSON')
    .action(async (opts) => {
      const databaseUrl = process.env.DATABASE_URL;
      if (!databaseUrl)
        throw new Error('bench-portal measures PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/c2c_bench)');
      for (const [name, v, min] of [
        ['--students', opts.students, 1],
        ['--schools', opts.schools, 1],
        ['--days', opts.days, 1],
        ['--runs', opts.runs, 1],
      ] as const)
        if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number, at least ${min}`);
      if (opts.days > 250) throw new Error('--days must be at most 250 (the weekdays of a year)');
      let queries = PORTAL_BENCH_QUERIES;
      if (opts.queries !== undefined) {
        const names = String(opts.queries)
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean);
        const unknown = names.filter((n) => !PORTAL_BENCH_QUERIES.some((q) => q.name === n));
        if (!names.length || unknown.length)
          throw new Error(
            `--queries: unknown ${unknown.join(', ') || '(none given)'}; one of ${PORTAL_BENCH_QUERIES.map((q) => q.name).join(', ')}`,
          );
        queries = PORTAL_BENCH_QUERIES.filter((q) => names.includes(q.name));
      }
      const r = await benchPortal({
        databaseUrl,
        students: opts.students,
        schools: opts.schools,
        days: opts.days,
        runs: opts.runs,
        regionDatabaseUrl: opts.regionDatabase,
        queries,
        progress: opts.json ? undefined : (m) => console.error(m),
      });
      if (opts.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      console.log(
        `demo: ${r.demoStudents} students, ${r.demoAttendanceRows} attendance rows; region: ${r.regionStudents} students, ${r.regionAttendanceRows} attendance rows (${r.generateSeconds ? `generated in ${r.generateSeconds.toFixed(0)} s` : 'generated earlier'}); partner caseload ${r.caseloadSize}; median of ${r.runs} runs`,
      );
      for (const q of r.queries)
        console.log(
          `${q.name.padEnd(26)} demo ${q.demoMs.toFixed(1).padStart(8)} ms  region ${q.regionMs.toFixed(1).padStart(8)} ms  ratio ${q.ratio.toFixed(2)}  (first run: demo ${q.firstDemoMs.toFixed(1)} ms, region ${q.firstRegionMs.toFixed(1)} ms)`,
        );
    });
}
