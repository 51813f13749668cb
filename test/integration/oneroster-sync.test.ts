import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { gql, startTestHub, subgraphDatabaseUrl, token } from '@c2c/testing';
import { students } from '@c2c/students';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { generateExport } from '../../cli/src/commands/oneroster-generate';

/**
 * `c2c sync oneroster` as a district runs it: the compiled CLI as a child process, against the
 * real hub over HTTP (gateway and five subgraphs), on OneRoster exports: our own (bulk, the same
 * again, a delta, bad rows, no manifest, a zip) and the real ones from the standards material.
 * Counts are exact, and the database is read afterwards to match the export.
 */
const BIN = path.resolve(__dirname, '..', '..', 'cli', 'bin', 'c2c.js');
const OWN = path.resolve(__dirname, '..', 'fixtures', 'oneroster', 'district-a');
const REAL = path.resolve(__dirname, '..', 'fixtures', 'standards', 'oneroster');

type Counts = { created: number; updated: number; unchanged: number; deleted: number; skipped: number; failed: number };
const c = (o: Partial<Counts> = {}): Counts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, failed: 0, ...o });

describe('c2c sync oneroster against a running hub', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let sis: string;
  let orm: MikroORM;
  const demoStudents = demo.demoUniverse().students.length;

  beforeAll(async () => {
    hub = await startTestHub();
    sis = await token('district_sis');
    // The students service's own database, read beside the running service.
    orm = await openDatabase({
      name: 'students',
      entities: students.entities,
      migrations: students.migrations,
      ...(hub.databaseUrl
        ? { databaseUrl: subgraphDatabaseUrl(hub.databaseUrl, 'students') }
        : { sqlitePath: path.join(hub.dataDir, 'students.sqlite3') }),
    });
  }, 180_000);
  afterAll(async () => {
    await orm?.close(true);
    await hub?.stop();
  });

  const knex = () => (orm.em as EntityManager).getKnex();

  /** Runs the CLI without blocking this process (a blocked event loop would reuse sockets the hub has closed). */
  function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });
  }

  async function sync(target: string, ...extra: string[]) {
    const res = await run(['sync', 'oneroster', target, '--url', hub.hub.gatewayUrl, '--token', sis, '--json', ...extra]);
    let summary: any = null;
    try {
      summary = JSON.parse(res.stdout);
    } catch {
      /* a refusal prints no summary */
    }
    return { status: res.status, summary, stderr: res.stderr };
  }

  const count = async (q: Promise<Record<string, unknown>[]>) => Number((await q)[0].n);
  const active = (table: string) => knex()(table).where({ status: 'active' }).whereNotNull('sourced_id').orderBy('sourced_id');

  it('refuses a token that is not district_sis before reading a row, and records no run', async () => {
    const before = await knex()('sync_run').count({ n: '*' });
    for (const role of ['district_admin', 'partner_staff', 'evaluator'] as const) {
      const org = role === 'partner_staff' ? demo.demoUniverse().organizations[0].id : undefined;
      const res = await run([
        'sync',
        'oneroster',
        path.join(OWN, 'bulk'),
        '--url',
        hub.hub.gatewayUrl,
        '--token',
        await token(role, org),
        '--json',
      ]);
      expect(res.status).toBe(1);
      expect(JSON.parse(res.stderr).error).toMatch(/district_sis token is needed.*(FORBIDDEN|UNAUTHENTICATED)/);
    }
    expect(await knex()('sync_run').count({ n: '*' })).toEqual(before);
  });

  it('syncs a bulk export: every record created, the demo students it leaves out deactivated with their enrollments, and the database matching the export', async () => {
    const { status, summary } = await sync(path.join(OWN, 'bulk'));
    expect(status).toBe(0);
    expect(summary.files).toEqual({
      orgs: c({ created: 3 }),
      academicSessions: c({ created: 2 }),
      courses: c({ created: 2 }),
      classes: c({ created: 3 }),
      users: c({ created: 5, skipped: 1, deleted: demoStudents }),
      demographics: c({ created: 5 }),
      // Each demo student's one enrollment went with its student, when the users file ended.
      enrollments: c({ created: 5, skipped: 1, deleted: demoStudents }),
      attendance: c({ created: 20 }),
      incidents: c({ created: 2 }),
      assessments: c({ created: 3 }),
      grades: c({ created: 3 }),
    });
    expect(summary.errors).toEqual([]);
    expect(summary.run.finishedAt).not.toBeNull();
    const rows = await active('student');
    expect(rows.map((s: any) => [s.sourced_id, s.given_name, s.family_name, s.grade, s.district_id])).toEqual([
      ['stu-1', 'Ana', 'Alvarez', '03', 'D1001'],
      ['stu-2', 'Ben', 'Baker', 'KG', 'D1002'],
      ['stu-3', 'Chloe', 'Chen', '06', 'D1003'],
      ['stu-4', 'Dev', 'Das', '06', 'D1004'],
      ['stu-5', 'Eli', 'Evans', '07', 'D1005'],
    ]);
    const schools = new Map((await active('school')).map((s: any) => [s.sourced_id, s.id]));
    expect(rows.map((s: any) => s.school_id)).toEqual(
      ['sch-north', 'sch-north', 'sch-south', 'sch-south', 'sch-south'].map((k) => schools.get(k)),
    );
    expect(await count(knex()('student').where({ status: 'active' }).count({ n: '*' }))).toBe(5);
    const att = await active('student_school_attendance_event');
    expect(att).toHaveLength(20);
    const cats = ['present', 'excusedAbsence', 'unexcusedAbsence', 'tardy', 'earlyDeparture'];
    for (const a of att) {
      const [, s, d] = /^att-(\d)-(\d)$/.exec(a.sourced_id)!;
      expect(a.category).toBe(cats[(+s - 1 + +d) % 5]);
    }
    const dem = await active('student_demographics');
    expect(dem.map((d: any) => [d.sourced_id, d.sex, d.home_zip, !!d.hispanic_or_latino_ethnicity, !!d.english_learner])).toEqual([
      ['stu-1', 'female', '98101', true, true],
      ['stu-2', 'male', '98102', false, false],
      ['stu-3', 'female', '98103', false, false],
      ['stu-4', 'male', '98104', false, false],
      ['stu-5', 'other', '98105', false, true],
    ]);
    expect((await active('discipline_incident')).map((i: any) => [i.sourced_id, i.type, i.action, Number(i.days_removed)])).toEqual([
      ['inc-1', 'Fighting', 'Out-of-School Suspension', 2],
      ['inc-2', 'Disruption', null, 0],
    ]);
    expect((await active('student_assessment')).map((a: any) => [a.sourced_id, Number(a.scale_score), !!a.proficient])).toEqual([
      ['asm-1', 215, true],
      ['asm-2', 198, false],
      ['asm-3', 2510, true],
    ]);
    expect((await active('course_transcript')).map((g: any) => [g.sourced_id, g.mark, Number(g.credits_earned)])).toEqual([
      ['grd-1', 'B+', 0.5],
      ['grd-2', 'A', 0.5],
      ['grd-3', 'C', 0.5],
    ]);
    expect(
      (await active('enrollment')).map((e: any) => [
        e.sourced_id,
        e.school_year,
        e.entry_date instanceof Date ? e.entry_date.toISOString().slice(0, 10) : e.entry_date,
      ]),
    ).toEqual([1, 2, 3, 4, 5].map((i) => [`enr-${i}`, '2026-2027', '2026-08-20']));
    expect(await count(knex()('enrollment').where({ status: 'active' }).count({ n: '*' }))).toBe(5);
    const classes = await active('class');
    expect(
      classes.map((k: any) => [k.sourced_id, k.title, k.class_type, k.grades, k.subjects, k.subject_codes, k.term_sourced_ids, k.periods]),
    ).toEqual([
      ['cls-ela6', 'English 6 - period 3', 'scheduled', '06', 'English,Language Arts', '01001,01002', 't1-2027', '3'],
      ['cls-sch-north', 'Homeroom North', 'homeroom', 'KG,03', null, null, 'sy-2027', null],
      ['cls-sch-south', 'Math 6 - period 1', 'scheduled', '06', 'Mathematics', '02052', 't1-2027,sy-2027', '1,2'],
    ]);
    const courses = new Map((await active('course')).map((k: any) => [k.sourced_id, k]));
    expect(classes.map((k: any) => k.course_id)).toEqual([courses.get('crs-ela6').id, null, courses.get('crs-math6').id]);
    expect([...courses.values()].map((k: any) => [k.sourced_id, k.grades, k.subjects, k.subject_codes])).toEqual([
      ['crs-ela6', '06,07', 'English,Language Arts', '01001,01002'],
      ['crs-math6', '06', 'Mathematics', '02052'],
    ]);
    // Each enrollment points at the class it names.
    const classIds = new Map(classes.map((k: any) => [k.sourced_id, k.id]));
    expect((await active('enrollment')).map((e: any) => e.class_id)).toEqual(
      ['cls-sch-north', 'cls-sch-north', 'cls-sch-south', 'cls-sch-south', 'cls-sch-south'].map((k) => classIds.get(k)),
    );
  });

  it('reads the synchronised records through the graph, as the district', async () => {
    const id = (await knex()('student').where({ sourced_id: 'stu-3' }).first()).id;
    const res = await gql(
      hub.hub.gatewayUrl,
      `query($id: ID!) { student(id: $id) { districtId birthDate gender homeZip demographics { asian economicallyDisadvantaged }
        studentSchoolAttendanceEvents(from: "2026-09-02", to: "2026-09-03") { date category school { id } }
        disciplineIncidents { type daysRemoved } studentAssessments { assessment scaleScore proficient }
        courseTranscripts { mark creditsEarned course { title grades subjects } academicSession { title } }
        classes { title classType periods course { title } school { id } } enrollments { class { sourcedId } } } }`,
      { id },
      await token('district_admin'),
    );
    expect(res.json.errors).toBeUndefined();
    const s = res.json.data.student;
    expect(s).toMatchObject({ districtId: 'D1003', birthDate: '2015-06-30', gender: 'female', homeZip: '98103' });
    expect(s.demographics).toEqual({ asian: true, economicallyDisadvantaged: false });
    expect(s.studentSchoolAttendanceEvents.map((e: any) => [e.date, e.category])).toEqual([
      ['2026-09-02', 'EARLY_DEPARTURE'],
      ['2026-09-03', 'PRESENT'],
    ]);
    expect(s.disciplineIncidents).toEqual([{ type: 'Fighting', daysRemoved: 2 }]);
    expect(
      s.courseTranscripts.map((t: any) => [t.course.title, t.course.grades, t.course.subjects, t.mark, t.academicSession.title]),
    ).toEqual([
      ['Math 6', ['06'], ['Mathematics'], 'B+', 'Fall 2026'],
      ['English 6', ['06', '07'], ['English', 'Language Arts'], 'A', 'Fall 2026'],
    ]);
    const south = (await knex()('school').where({ sourced_id: 'sch-south' }).first()).id;
    expect(s.classes).toEqual([
      { title: 'Math 6 - period 1', classType: 'scheduled', periods: ['1', '2'], course: { title: 'Math 6' }, school: { id: south } },
    ]);
    expect(s.enrollments).toEqual([{ class: { sourcedId: 'cls-sch-south' } }]);
  });

  it('changes nothing when the same export is synced again, from a zip', async () => {
    const { status, summary } = await sync(path.join(OWN, 'bulk.zip'));
    expect(status).toBe(0);
    expect(summary.files).toEqual({
      orgs: c({ unchanged: 3 }),
      academicSessions: c({ unchanged: 2 }),
      courses: c({ unchanged: 2 }),
      classes: c({ unchanged: 3 }),
      users: c({ unchanged: 5, skipped: 1 }),
      demographics: c({ unchanged: 5 }),
      enrollments: c({ unchanged: 5, skipped: 1 }),
      attendance: c({ unchanged: 20 }),
      incidents: c({ unchanged: 2 }),
      assessments: c({ unchanged: 3 }),
      grades: c({ unchanged: 3 }),
    });
  });

  it('applies a delta: updates, a tobedeleted student taking its records with it, an older row that changes nothing, and a new student', async () => {
    const { status, summary } = await sync(path.join(OWN, 'delta'));
    expect(status).toBe(0);
    expect(summary.files).toEqual({
      users: c({ created: 1, updated: 1, unchanged: 1, deleted: 1, skipped: 1 }),
      // stu-2's demographics, enrollment and four school days went with it; att-1-2 is the file's own tobedeleted.
      demographics: c({ deleted: 1 }),
      enrollments: c({ deleted: 1 }),
      attendance: c({ created: 1, updated: 1, unchanged: 1, deleted: 1 + 4 }),
    });
    const stu2 = (await knex()('student').where({ sourced_id: 'stu-2' }).first()).id;
    for (const table of ['student_demographics', 'enrollment', 'student_school_attendance_event'])
      expect(await knex()(table).where({ student_id: stu2 }).distinct('status').pluck('status')).toEqual(['tobedeleted']);
    expect((await active('student')).map((s: any) => [s.sourced_id, s.family_name])).toEqual([
      ['stu-1', 'Alvarez-Ruiz'],
      ['stu-3', 'Chen'],
      ['stu-4', 'Das'],
      ['stu-5', 'Evans'],
      ['stu-6', 'Fisher'],
    ]);
    const att = new Map(
      (await knex()('student_school_attendance_event').select('sourced_id', 'status', 'category')).map((a: any) => [a.sourced_id, a]),
    );
    expect(att.get('att-1-1')).toMatchObject({ status: 'active', category: 'tardy' });
    expect(att.get('att-1-2')).toMatchObject({ status: 'tobedeleted' });
    expect(att.get('att-6-5')).toMatchObject({ status: 'active', category: 'present' });
    expect(att.size).toBe(21);
  });

  it('does not deactivate what a bulk file never showed when it could not be read to its end', async () => {
    const { status, summary } = await sync(path.join(OWN, 'truncated'));
    expect(status).toBe(2);
    // An unclosed quote on line 3 swallows the rest of the file: stu-3's and stu-4's rows were never read.
    expect(summary.files).toEqual({ users: c({ unchanged: 1, failed: 1 }) });
    expect(summary.errors.map((e: any) => [e.file, e.line])).toEqual([['users', 4]]);
    expect(summary.run.warnings).toContain('users: not read to its end, so records it leaves out were not deactivated');
    expect((await active('student')).map((s: any) => s.sourced_id)).toEqual(['stu-1', 'stu-3', 'stu-4', 'stu-5', 'stu-6']);
  });

  it('reports every bad row with its file, line and reason, applies the good rows, and warns about headers and files', async () => {
    const { status, summary } = await sync(path.join(OWN, 'bad'));
    expect(status).toBe(2);
    expect(summary.files).toEqual({
      manifest: c({ failed: 1 }),
      users: c({ created: 1, skipped: 1, failed: 5 }),
      attendance: c({ created: 1, failed: 5 }),
    });
    const errs = summary.errors.map((e: any) => [e.file, e.line, e.field, e.reason]);
    // The rows the hub refused come first, batch by batch; then those the CLI refused itself, file by file.
    expect(errs).toEqual([
      ['manifest', null, 'file.incidents', 'the manifest names incidents.csv as bulk, but the export has no such file'],
      ['users', 4, 'schoolSourcedId', 'schoolSourcedId sch-nowhere names no school known to the hub'],
      ['users', 5, 'dateLastModified', 'dateLastModified must be an ISO 8601 date or date-time (got "2026-02-30")'],
      ['users', 6, 'sourcedId', 'sourcedId stu-7 appears more than once in the file'],
      ['users', 3, null, 'row is not valid UTF-8 (wrong encoding?)'],
      ['users', 8, null, 'malformed CSV: Quote Not Closed: the parsing is finished with an opening quote at line 8'],
      ['attendance', 3, 'studentSourcedId', 'studentSourcedId stu-nobody names no student known to the hub'],
      ['attendance', 4, 'date', 'date must be a real date, YYYY-MM-DD (got "2026-13-01")'],
      ['attendance', 5, 'category', 'category must be one of present, excusedAbsence, unexcusedAbsence, tardy, earlyDeparture'],
      ['attendance', 6, 'sourcedId', 'sourcedId att-7-1 appears more than once in the file'],
      ['attendance', 7, null, 'row has 8 fields, the header has 7'],
    ]);
    expect(summary.run.warnings).toEqual([
      'notes.csv: not a file the hub knows; not read',
      'users: header "familyNmae" read as "familyName"',
      "users: columns are in another order than OneRoster's; read by name",
    ]);
    expect((await knex()('student').where({ sourced_id: 'stu-7' }).first()).family_name).toBe('Garcia');
    expect(await count(knex()('student').whereIn('sourced_id', ['stu-8', 'stu-9', 'stu-10', 'stu-11']).count({ n: '*' }))).toBe(0);
  });

  it('under --strict, stops at the first bad batch and writes nothing of it', async () => {
    const before = await knex()('student').where({ status: 'active' }).count({ n: '*' });
    const { status, summary } = await sync(path.join(OWN, 'bad'), '--strict');
    expect(status).toBe(2);
    // The local refusal (the Latin-1 row) stops the users file before any batch is sent.
    expect(summary.files.users).toEqual(c({ failed: 1 }));
    expect(summary.files.attendance).toBeUndefined();
    expect(await knex()('student').where({ status: 'active' }).count({ n: '*' })).toEqual(before);
  });

  it('re-activates a student that reappears, bringing back only the records the later files send again', async () => {
    const { status, summary } = await sync(path.join(OWN, 'reactivate'));
    expect(status).toBe(0);
    expect(summary.files).toEqual({ users: c({ updated: 1 }), attendance: c({ updated: 1 }) });
    const stu2 = (await knex()('student').where({ sourced_id: 'stu-2' }).first()).id;
    const activeOf = async (table: string) => knex()(table).where({ student_id: stu2, status: 'active' }).pluck('sourced_id');
    expect(await activeOf('student_school_attendance_event')).toEqual(['att-2-1']);
    expect(await activeOf('student_demographics')).toEqual([]);
    expect(await activeOf('enrollment')).toEqual([]);
  });

  it('refuses an export without a manifest, reading nothing', async () => {
    const { status, summary } = await sync(path.join(OWN, 'no-manifest'));
    expect(status).toBe(2);
    expect(summary.files).toEqual({ manifest: c({ failed: 1 }) });
    expect(summary.errors).toEqual([
      { file: 'manifest', line: null, sourcedId: null, field: null, reason: 'manifest.csv is missing: nothing was read' },
    ]);
  });

  it('syncs the real OneRoster 1.1 base export: a bulk file replaces, so the previous export’s records are deactivated', async () => {
    const { status, summary } = await sync(path.join(REAL, 'v1p1-base'));
    expect(status).toBe(0);
    // Active before: stu-1 to stu-7 (stu-2 re-activated, stu-7 from the bad export's good row); 3 orgs, 2 sessions, 2 courses,
    // 3 classes; and the students' records: 4 demographics and 4 enrollments (stu-2's stayed inactive), 18 attendance days
    // (20 - att-1-2 - stu-2's 4 + att-2-1 + att-6-5 + att-7-1), 2 incidents, 3 assessments, 3 transcripts.
    // The users file ends first, so every one of those records goes with its student, counted under its own file.
    expect(summary.files).toEqual({
      classes: c({ created: 3, deleted: 3 }),
      orgs: c({ created: 2, deleted: 3 }),
      academicSessions: c({ deleted: 2 }),
      courses: c({ deleted: 2 }),
      users: c({ created: 2, deleted: 7 }),
      demographics: c({ deleted: 4 }),
      enrollments: c({ created: 3, deleted: 4 }),
      attendance: c({ deleted: 18 }),
      incidents: c({ deleted: 2 }),
      assessments: c({ deleted: 3 }),
      grades: c({ deleted: 3 }),
    });
    expect(summary.run.warnings).toContain("users: columns are in another order than OneRoster's; read by name");
    expect((await active('student')).map((s: any) => [s.sourced_id, s.given_name, s.family_name, s.grade])).toEqual([
      ['user1', 'ionut', 'padurariu', null],
      ['user2', 'ionut2', 'padurariu', null],
    ]);
    const classes = await active('class');
    const classIds = new Map(classes.map((k: any) => [k.sourced_id, k.id]));
    expect((await active('enrollment')).map((e: any) => [e.sourced_id, e.class_sourced_id, e.class_id])).toEqual([
      ['enrol1', 'class1', classIds.get('class1')],
      ['enrol2', 'class2', classIds.get('class2')],
      ['enrol3', 'class3', classIds.get('class3')],
    ]);
    expect((await active('school')).map((s: any) => [s.sourced_id, s.name, s.parent_sourced_id])).toEqual([
      ['12345', 'School 1', '54321'],
      ['54321', 'School 2', null],
    ]);
    const schools = new Map((await active('school')).map((s: any) => [s.sourced_id, s.id]));
    // Its classes name no course (OneRoster requires one; this export leaves it empty) and use the 1.0 header "grade".
    expect(classes.map((k: any) => [k.sourced_id, k.title, k.class_type, k.grades, k.location, k.course_id, k.school_id])).toEqual([
      ['class1', 'Class 1 title', 'scheduled', '02', 'Luxembourg', null, schools.get('12345')],
      ['class2', 'Class 2 title', 'scheduled', null, null, null, schools.get('12345')],
      ['class3', 'Class 3 title', 'scheduled', null, 'Luxembourg', null, schools.get('54321')],
    ]);
  });

  it('syncs the real OneRoster 1.1 full export: teachers and parents skipped, an "inactive" status and a teacher’s student enrollments refused', async () => {
    const { status, summary } = await sync(path.join(REAL, 'v1p1-full'));
    expect(status).toBe(2);
    expect(summary.files).toEqual({
      // Its one active class names a course the export does not carry (file.courses is absent) and the hub does not know;
      // a tobedeleted class the hub never had changes nothing. The previous export's three classes are left out: deactivated.
      classes: c({ unchanged: 1, failed: 1, deleted: 3 }),
      orgs: c({ created: 1, deleted: 2 }),
      // A tobedeleted session the hub never had changes nothing.
      academicSessions: c({ created: 3, unchanged: 1, failed: 1 }),
      users: c({ created: 3, skipped: 3, deleted: 2 }),
      // The previous export's three enrollments went with their students (user1, user2); every student enrollment here names
      // an unknown student or a class the hub does not have.
      enrollments: c({ skipped: 2, failed: 4, deleted: 3 }),
    });
    expect(summary.errors.map((e: any) => [e.file, e.line, e.sourcedId, e.field, e.reason])).toEqual([
      ['academicSessions', 4, 'as-grp-222-2345', 'status', 'status must be active or tobedeleted (got "inactive")'],
      ['classes', 2, 'cls-222-123456', 'courseSourcedId', 'courseSourcedId crs-222-2023-456-12345 names no course known to the hub'],
      ['enrollments', 3, 'enr-s-222-12345-987654', 'studentSourcedId', 'studentSourcedId usr-222-987654 names no student known to the hub'],
      ['enrollments', 4, 'enr-s-222-12345-987655', 'classSourcedId', 'classSourcedId cls-222-123456 names no class known to the hub'],
      ['enrollments', 6, 'enr-s-222-12345-987532', 'studentSourcedId', 'studentSourcedId usr-222-987654 names no student known to the hub'],
      ['enrollments', 7, 'enr-s-222-12345-985321', 'classSourcedId', 'classSourcedId cls-222-123478 names no class known to the hub'],
    ]);
    expect((await active('student')).map((s: any) => [s.sourced_id, s.given_name, s.grade])).toEqual([
      ['usr-222-1234561232', 'mmichel', '12'],
      ['usr-222-567891', 'Anna', '11'],
      ['usr-222-66778899', 'Mary', '12'],
    ]);
  });

  it('syncs the real OneRoster 1.2 export: students from roles.csv, its misspelled header read by name, day-first dates refused', async () => {
    const { status, summary } = await sync(path.join(REAL, 'v1p2-full'));
    expect(status).toBe(2);
    expect(summary.files).toEqual({
      manifest: c(),
      roles: c({ skipped: 7 }),
      // The same classes as the 1.1 full export: the active one still names an unknown course.
      classes: c({ unchanged: 1, failed: 1 }),
      orgs: c({ unchanged: 1 }),
      academicSessions: c({ unchanged: 4, failed: 1 }),
      // Two students' dates ("1/05/2023", "15/06/2023") are refused, so the bulk file leaves them out: deactivated (they had no active records).
      users: c({ unchanged: 1, skipped: 3, failed: 2, deleted: 2 }),
      // Each names an unknown student, a deactivated one, or a class the hub does not have.
      enrollments: c({ skipped: 2, failed: 4 }),
    });
    expect(summary.run.warnings).toEqual(
      expect.arrayContaining([
        'userprofiles.csv: the manifest does not name it bulk or delta; not read',
        'roles: header "dataLastModified" read as "dateLastModified"',
      ]),
    );
    expect((await active('student')).map((s: any) => s.sourced_id)).toEqual(['usr-222-66778899']);
  });

  it('re-runs an interrupted sync (the CLI killed mid-file) to the same end state as an uninterrupted one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-oneroster-'));
    try {
      const size = await generateExport(dir, { students: 400, days: 30, prefix: 'e', seed: 7 });
      const snapshot = async () => ({
        students: await active('student').select(
          'id',
          'sourced_id',
          'given_name',
          'family_name',
          'grade',
          'school_id',
          'district_id',
          'date_last_modified',
          'fingerprint',
        ),
        demographics: await active('student_demographics').select(
          'id',
          'sourced_id',
          'student_id',
          'sex',
          'home_zip',
          'english_learner',
          'fingerprint',
        ),
        schools: await active('school').select('id', 'sourced_id', 'name', 'fingerprint'),
        attendance: await active('student_school_attendance_event').select(
          'id',
          'sourced_id',
          'student_id',
          'school_id',
          'category',
          'date_last_modified',
          'fingerprint',
        ),
      });
      const before = Number((await knex()('student_school_attendance_event').where({ status: 'active' }).count({ n: '*' }))[0].n);
      const full = await sync(dir);
      expect(full.status).toBe(0);
      // A bulk file: whatever attendance was active before is replaced.
      expect(full.summary.files.attendance).toEqual(c({ created: size.attendance, deleted: before }));
      const uninterrupted = await snapshot();
      expect(uninterrupted.attendance).toHaveLength(size.attendance);

      // Another bulk export replaces it all; then the first one again, killed half-way through its attendance file.
      // stu-1 and stu-2 stay inactive: this older export's rows for them are older than the changes the hub has (the delta's),
      // so their records in it are refused, naming the deactivated student. Everything else of it applies.
      const other = await sync(path.join(OWN, 'bulk'));
      expect(other.status).toBe(2);
      expect(other.summary.errors).toHaveLength(12);
      for (const e of other.summary.errors) expect(e.reason).toMatch(/^\w+ stu-[12] names a student the SIS deactivated \(tobedeleted\)$/);
      const activeE = async () =>
        Number(
          (
            await knex()('student_school_attendance_event')
              .where({ status: 'active' })
              .where('sourced_id', 'like', 'e-att-%')
              .count({ n: '*' })
          )[0].n,
        );
      expect(await activeE()).toBe(0);
      const child = spawn(process.execPath, [BIN, 'sync', 'oneroster', dir, '--url', hub.hub.gatewayUrl, '--token', sis, '--json'], {
        stdio: 'ignore',
      });
      const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
      let seen = 0;
      while (seen === 0 || seen >= size.attendance) {
        seen = await activeE();
        if (seen >= size.attendance) break;
        if (seen === 0) await new Promise((r) => setTimeout(r, 10));
      }
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      // The batches the CLI had in flight still commit (or not) on the hub: wait until nothing moves. The second waits for
      // the first's transaction, so on a loaded machine it can land well over half a second later: 3 s of quiet.
      let halfway = await activeE();
      for (let still = 0; still < 30;) {
        await new Promise((r) => setTimeout(r, 100));
        const now = await activeE();
        still = now === halfway ? still + 1 : 0;
        halfway = now;
      }
      expect(halfway).toBeGreaterThan(0);
      expect(halfway).toBeLessThan(size.attendance);
      // The killed run is on record as unfinished; the other export's students are still active (its bulk end never came).
      expect(Number((await knex()('sync_run').whereNull('finished_at').count({ n: '*' }))[0].n)).toBe(1);

      const rerun = await sync(dir);
      expect(rerun.status).toBe(0);
      const att = rerun.summary.files.attendance;
      expect(att.failed + att.created).toBe(0);
      expect(att.updated + att.unchanged).toBe(size.attendance);
      // What the killed run revived is unchanged now; what it never reached is revived by the re-run.
      expect(att.unchanged).toBe(halfway);
      expect(await snapshot()).toEqual(uninterrupted);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
