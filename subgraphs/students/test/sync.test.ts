import * as testing from '@c2c/testing';
import { students, SYNC_MAX_BATCH as MAX_BATCH } from '@c2c/students';
import { copyNew } from '../src/sync.logic';

/**
 * The bulk mutations on a real database: outcomes per row, idempotency, newer-wins, deletions,
 * bulk deactivation, strict mode, and statement counts that do not grow with the batch.
 */
describe('students subgraph: bulk sync mutations', () => {
  let sg: testing.TestSubgraph;
  const sis = testing.viewerFor('district_sis');

  beforeAll(async () => {
    sg = await testing.createTestSubgraph(students);
  });
  afterAll(() => sg?.close());

  const RESULT = 'created updated unchanged deleted skipped failed rows { index line sourcedId outcome field reason }';
  async function call(mutation: string, type: string, rows: unknown[], extra: { runId?: string; strict?: boolean } = {}) {
    const res = await sg.exec(
      `mutation($rows: [${type}!]!, $runId: ID, $strict: Boolean) { r: ${mutation}(rows: $rows, runId: $runId, strict: $strict) { ${RESULT} } }`,
      { rows, ...extra },
      sis,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.r;
  }
  const counts = (r: any) => ({
    created: r.created,
    updated: r.updated,
    unchanged: r.unchanged,
    deleted: r.deleted,
    skipped: r.skipped,
    failed: r.failed,
  });
  const c = (o: Partial<ReturnType<typeof counts>>) => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, failed: 0, ...o });
  const knex = () => sg.em().getKnex();

  const school = (i: number) => ({ sourcedId: `sch-${i}`, name: `School ${i}`, type: 'school', dateLastModified: '2026-08-01' });
  const student = (i: number, o: Record<string, unknown> = {}) => ({
    sourcedId: `stu-${i}`,
    givenName: `Given${i}`,
    familyName: `Family${i}`,
    districtId: `D${1000 + i}`,
    grade: '9',
    schoolSourcedId: 'sch-1',
    dateLastModified: '2026-08-01T10:00:00Z',
    ...o,
  });
  const day = (i: number) => `2026-09-${String(1 + (i % 28)).padStart(2, '0')}`;
  const attendance = (s: number, i: number, o: Record<string, unknown> = {}) => ({
    sourcedId: `att-${s}-${i}`,
    studentSourcedId: `stu-${s}`,
    schoolSourcedId: 'sch-1',
    date: day(i),
    category: 'present',
    ...o,
  });

  it('creates, then leaves unchanged, then updates only what differs', async () => {
    expect(counts(await call('upsertSchools', 'SchoolRowInput', [school(1), school(2)]))).toEqual(c({ created: 2 }));
    const rows = [1, 2, 3].map((i) => student(i));
    expect(counts(await call('upsertStudents', 'StudentRowInput', rows))).toEqual(c({ created: 3 }));
    expect(counts(await call('upsertStudents', 'StudentRowInput', rows))).toEqual(c({ unchanged: 3 }));
    const changed = [student(1, { familyName: 'Renamed', dateLastModified: '2026-08-02T00:00:00Z' }), student(2), student(3)];
    const r = await call('upsertStudents', 'StudentRowInput', changed);
    expect(counts(r)).toEqual(c({ updated: 1, unchanged: 2 }));
    expect(r.rows.map((x: any) => x.outcome)).toEqual(['UPDATED', 'UNCHANGED', 'UNCHANGED']);
    const stored = await knex()('student').select('sourced_id', 'family_name', 'grade', 'district_id').orderBy('sourced_id');
    expect(stored).toEqual([
      { sourced_id: 'stu-1', family_name: 'Renamed', grade: '09', district_id: 'D1001' },
      { sourced_id: 'stu-2', family_name: 'Family2', grade: '09', district_id: 'D1002' },
      { sourced_id: 'stu-3', family_name: 'Family3', grade: '09', district_id: 'D1003' },
    ]);
  });

  it('never lets an older dateLastModified overwrite a newer one', async () => {
    const r = await call('upsertStudents', 'StudentRowInput', [student(1, { familyName: 'Older', dateLastModified: '2026-07-01' })]);
    expect(counts(r)).toEqual(c({ unchanged: 1 }));
    expect(r.rows[0].reason).toMatch(/older than the stored record/);
    expect((await knex()('student').where({ sourced_id: 'stu-1' }).first()).family_name).toBe('Renamed');
  });

  it('deactivates tobedeleted rows, counts them, and revives a record sent again as active', async () => {
    const r = await call('upsertStudents', 'StudentRowInput', [
      { sourcedId: 'stu-3', status: 'tobedeleted', dateLastModified: '2026-08-03' },
      { sourcedId: 'stu-404', status: 'tobedeleted' },
    ]);
    expect(counts(r)).toEqual(c({ deleted: 1, unchanged: 1 }));
    expect((await knex()('student').where({ sourced_id: 'stu-3' }).first()).status).toBe('tobedeleted');
    const again = await call('upsertStudents', 'StudentRowInput', [student(3, { dateLastModified: '2026-08-04' })]);
    expect(again.rows[0].outcome).toBe('UPDATED');
    expect((await knex()('student').where({ sourced_id: 'stu-3' }).first()).status).toBe('active');
  });

  it('refuses bad rows with their field and reason, and writes the good rows of the batch', async () => {
    const r = await call('upsertAttendanceEvents', 'AttendanceRowInput', [
      attendance(1, 1, { line: 2 }),
      attendance(1, 2, { line: 3, date: '2026-02-30' }),
      attendance(1, 3, { line: 4, studentSourcedId: 'stu-nobody' }),
      attendance(1, 4, { line: 5, schoolSourcedId: 'sch-nowhere' }),
      attendance(1, 5, { line: 6, category: 'asleep' }),
      attendance(1, 1, { line: 7 }),
      attendance(1, 6, { line: 8, status: 'inactive' }),
      attendance(1, 7, { line: 9, dateLastModified: '1/05/2023' }),
      attendance(1, 8, { line: 10, sourcedId: '' }),
    ]);
    expect(counts(r)).toEqual(c({ created: 1, failed: 8 }));
    expect(r.rows.filter((x: any) => x.outcome === 'FAILED').map((x: any) => [x.line, x.field])).toEqual([
      [3, 'date'],
      [4, 'studentSourcedId'],
      [5, 'schoolSourcedId'],
      [6, 'category'],
      [7, 'sourcedId'],
      [8, 'status'],
      [9, 'dateLastModified'],
      [10, 'sourcedId'],
    ]);
    expect(await knex()('student_school_attendance_event').pluck('sourced_id')).toEqual(['att-1-1']);
  });

  it('under strict, writes nothing of a batch with a bad row', async () => {
    const r = await call('upsertAttendanceEvents', 'AttendanceRowInput', [attendance(2, 1), attendance(2, 2, { date: 'soon' })], {
      strict: true,
    });
    expect(counts(r)).toEqual(c({ skipped: 1, failed: 1 }));
    expect(await knex()('student_school_attendance_event').where({ sourced_id: 'att-2-1' }).first()).toBeUndefined();
  });

  it('in a run: counts per file, finds a sourcedId repeated across batches, and a bulk file deactivates what it left out', async () => {
    const start = await sg.exec(`mutation { startSyncRun(source: "test") { id } }`, {}, sis);
    const runId = start.data!.startSyncRun.id;
    // Bulk users file in two batches: stu-2 and stu-3 only; stu-2 again in the second batch.
    await call('upsertStudents', 'StudentRowInput', [student(2)], { runId });
    const second = await call('upsertStudents', 'StudentRowInput', [student(3, { dateLastModified: '2026-08-04' }), student(2)], { runId });
    expect(second.rows.map((x: any) => [x.outcome, x.field])).toEqual([
      ['UNCHANGED', null],
      ['FAILED', 'sourcedId'],
    ]);
    const fin = await sg.exec(
      `mutation($id: ID!) { finishSyncFile(runId: $id, file: "users", mode: BULK) { created updated unchanged deleted skipped failed } }`,
      { id: runId },
      sis,
    );
    expect(fin.errors).toBeUndefined();
    expect(fin.data!.finishSyncFile).toEqual(c({ unchanged: 2, failed: 1, deleted: 1 }));
    expect(await knex()('student').where({ status: 'active' }).orderBy('sourced_id').pluck('sourced_id')).toEqual(['stu-2', 'stu-3']);
    const done = await sg.exec(
      `mutation($id: ID!) { finishSyncRun(runId: $id) { id finishedAt files { file deleted failed } errors { file sourcedId field reason } } }`,
      { id: runId },
      sis,
    );
    expect(done.errors).toBeUndefined();
    // stu-1 went with the bulk file's end, and its attendance (att-1-1) with it, counted under attendance.
    expect(done.data!.finishSyncRun.files).toEqual([
      { file: 'users', deleted: 1, failed: 1 },
      { file: 'attendance', deleted: 1, failed: 0 },
    ]);
    expect(done.data!.finishSyncRun.errors).toEqual([
      { file: 'users', sourcedId: 'stu-2', field: 'sourcedId', reason: 'sourcedId stu-2 appears more than once in the file' },
    ]);
    const late = await sg.exec(`mutation($id: ID!) { startAgain: finishSyncRun(runId: $id) { id } }`, { id: runId }, sis);
    expect(late.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });

  /** Each statement as "<verb> <table>". */
  const tables = () =>
    sg.statements.statements.map((sql) => {
      const verb = /^\s*(\w+)/.exec(sql)![1].toLowerCase();
      const table = /\b(?:from|into|update|copy)\s+[`"](\w+)[`"]/i.exec(sql)?.[1];
      return `${verb} ${table}`;
    });

  it('writes a batch in a constant number of statements, whatever its size: never one per row', async () => {
    const shapes: string[][] = [];
    for (const [n, offset] of [
      [10, 100],
      [100, 200],
      [1000, 2000],
    ]) {
      const rows = Array.from({ length: n }, (_, i) => student(offset + i));
      sg.statements.reset();
      const r = await call('upsertStudents', 'StudentRowInput', rows);
      expect(r.created).toBe(n);
      shapes.push(tables().filter((t) => !/^(begin|commit|savepoint|release|set)/.test(t)));
    }
    // References, stored rows, one multi-row write (on PostgreSQL new rows go by COPY), and the
    // records revision the stored equity releases are checked against.
    expect(shapes[0]).toEqual([
      'select school',
      'select student',
      process.env.DATABASE_URL ? 'copy student' : 'insert student',
      'insert students_revision',
    ]);
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
    // The same rows again with one deletion, in a run: the upsert disappears; a deletion (with its student's records), the seen mark and the run's counts appear.
    const runId = (await sg.exec(`mutation { startSyncRun { id } }`, {}, sis)).data!.startSyncRun.id;
    const rows = [...Array.from({ length: 999 }, (_, i) => student(2000 + i)), { sourcedId: 'stu-2999', status: 'tobedeleted' }];
    sg.statements.reset();
    const r = await call('upsertStudents', 'StudentRowInput', rows, { runId });
    expect(counts(r)).toEqual(c({ unchanged: 999, deleted: 1 }));
    expect(tables().filter((t) => !/^(begin|commit|savepoint|release|set)/.test(t))).toEqual([
      // References are read before the transaction; then, on PostgreSQL, a run's batch takes the run's row, so two batches in flight take turns.
      'select school',
      ...(process.env.DATABASE_URL ? ['select sync_run'] : []),
      'select student',
      // The deleted student's records, one statement per dependent table (none had any, so no run counts for them).
      'update student_demographics',
      'update enrollment',
      'update student_school_attendance_event',
      'update discipline_incident',
      'update student_assessment',
      'update course_transcript',
      'update student',
      'update student',
      'select sync_run',
      'update sync_run',
      'insert students_revision',
    ]);
  });

  it('refuses more than a batch’s rows with a typed error naming the field', async () => {
    const res = await sg.exec(
      `mutation($rows: [StudentRowInput!]!) { upsertStudents(rows: $rows) { created } }`,
      { rows: Array.from({ length: MAX_BATCH + 1 }, (_, i) => student(i)) },
      sis,
    );
    expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rows' });
  });
  // The student table keeps sourcedIds of at most 100 characters (the other tables 255): a longer
  // one must be that row's refusal, not a database error that sinks the batch's good rows (PostgreSQL).
  it('refuses a student sourcedId longer than the student table holds, and writes the batch’s good rows', async () => {
    await call('upsertSchools', 'SchoolRowInput', [school(1)]);
    const long = `stu-${'x'.repeat(97)}`;
    const r = await call('upsertStudents', 'StudentRowInput', [student(40), student(41, { sourcedId: long })]);
    expect(counts(r)).toEqual(c({ created: 1, failed: 1 }));
    expect(r.rows[1]).toMatchObject({ outcome: 'FAILED', field: 'sourcedId', reason: 'sourcedId must be at most 100 characters' });
    expect(await knex()('student').whereIn('sourced_id', ['stu-40', long]).pluck('sourced_id')).toEqual(['stu-40']);
    // The same length is fine where the table holds 255: a school.
    expect(counts(await call('upsertSchools', 'SchoolRowInput', [{ ...school(1), sourcedId: long }]))).toEqual(c({ created: 1 }));
  });

  describe('syncRows: a batch as one table', () => {
    const TABLE = `mutation($file: String!, $columns: [String!]!, $rows: SyncRowTable!, $runId: ID, $strict: Boolean) {
      r: syncRows(file: $file, columns: $columns, rows: $rows, runId: $runId, strict: $strict) { ${RESULT} } }`;
    const table = (file: string, columns: string[], rows: unknown[][], extra: { runId?: string; strict?: boolean } = {}) =>
      sg.exec(TABLE, { file, columns, rows, ...extra }, sis);
    const COLUMNS = ['line', 'sourcedId', 'studentSourcedId', 'schoolSourcedId', 'date', 'category'];

    it('stores exactly what the typed mutation stores, and leaves it unchanged when sent again', async () => {
      await call('upsertSchools', 'SchoolRowInput', [school(1)]);
      await call('upsertStudents', 'StudentRowInput', [student(70), student(71)]);
      const rows = [
        [2, 'tab-70-1', 'stu-70', 'sch-1', '2026-10-05', 'present'],
        [3, 'tab-70-2', 'stu-70', 'sch-1', '2026-10-06', 'tardy'],
      ];
      const first = await table('attendance', COLUMNS, rows);
      expect(first.errors).toBeUndefined();
      expect(counts(first.data!.r)).toEqual(c({ created: 2 }));
      // The typed mutation with the same values for another record: the stored columns agree, fingerprint included.
      await call('upsertAttendanceEvents', 'AttendanceRowInput', [attendance(71, 1, { sourcedId: 'typed-71', date: '2026-10-05' })]);
      const stored = await knex()('student_school_attendance_event')
        .whereIn('sourced_id', ['tab-70-1', 'tab-70-2', 'typed-71'])
        .orderBy('sourced_id')
        .select('sourced_id', 'date', 'category', 'status', 'fingerprint');
      expect(
        stored.map((r: any) => [
          r.sourced_id,
          String(r.date instanceof Date ? r.date.toISOString() : r.date).slice(0, 10),
          r.category,
          r.status,
        ]),
      ).toEqual([
        ['tab-70-1', '2026-10-05', 'present', 'active'],
        ['tab-70-2', '2026-10-06', 'tardy', 'active'],
        ['typed-71', '2026-10-05', 'present', 'active'],
      ]);
      expect(counts((await table('attendance', COLUMNS, rows)).data!.r)).toEqual(c({ unchanged: 2 }));
      // The same record sent typed is unchanged too: both paths fingerprint the same values.
      const typed = await call('upsertAttendanceEvents', 'AttendanceRowInput', [
        { sourcedId: 'tab-70-1', studentSourcedId: 'stu-70', schoolSourcedId: 'sch-1', date: '2026-10-05', category: 'present' },
      ]);
      expect(counts(typed)).toEqual(c({ unchanged: 1 }));
    });

    it('refuses a value of the wrong type in its row only, naming the column, and writes the rest', async () => {
      const res = await table('attendance', COLUMNS, [
        [10, 'tab-70-10', 'stu-70', 'sch-1', '2026-10-07', 'present'],
        [11, 'tab-70-11', 'stu-70', 'sch-1', 20261008, 'present'],
        ['twelve', 'tab-70-12', 'stu-70', 'sch-1', '2026-10-09', 'present'],
        [13, null, 'stu-70', 'sch-1', '2026-10-09', 'present'],
        [14, 'tab-70-14', 'stu-70', 'sch-1', '2026-10-09'],
      ]);
      expect(res.errors).toBeUndefined();
      const r = res.data!.r;
      expect(counts(r)).toEqual(c({ created: 1, failed: 4 }));
      expect(r.rows.map((x: any) => [x.line, x.sourcedId, x.outcome, x.field])).toEqual([
        [10, 'tab-70-10', 'CREATED', null],
        [11, 'tab-70-11', 'FAILED', 'date'],
        [null, 'tab-70-12', 'FAILED', 'line'],
        [13, '', 'FAILED', 'sourcedId'],
        [14, 'tab-70-14', 'FAILED', 'rows'],
      ]);
      expect(r.rows[1].reason).toMatch(/^date: String cannot represent a non string value/);
      expect(r.rows[4].reason).toBe('row 4 has 5 values, and columns name 6');
      expect(await knex()('student_school_attendance_event').where('sourced_id', 'like', 'tab-70-1_').pluck('sourced_id')).toEqual([
        'tab-70-10',
      ]);
    });

    it('refuses a table whose columns or size do not fit, with a typed error naming the argument', async () => {
      const cases: [string, string[], unknown, string, RegExp][] = [
        ['attendance', [...COLUMNS, 'colour'], [], 'columns', /colour is not a field of AttendanceRowInput/],
        ['attendance', ['sourcedId', 'sourcedId'], [], 'columns', /sourcedId is named twice/],
        ['attendance', ['studentSourcedId'], [], 'columns', /columns must include sourcedId/],
        ['timetables', ['sourcedId'], [], 'file', /file must be one of/],
        ['attendance', ['sourcedId'], Array.from({ length: MAX_BATCH + 1 }, (_, i) => [`x-${i}`]), 'rows', /at most/],
        ['attendance', ['sourcedId'], { sourcedId: 'x' }, 'rows', /must be an array of rows/],
      ];
      for (const [file, columns, rows, field, message] of cases) {
        const res = await sg.exec(TABLE, { file, columns, rows }, sis);
        expect(res.data?.r ?? null).toBeNull();
        expect(res.errors![0].message).toMatch(message);
        if (field !== 'rows' || Array.isArray(rows)) expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
    });

    it('under strict, writes nothing of a table with a refused row', async () => {
      const r = (
        await table(
          'attendance',
          COLUMNS,
          [
            [20, 'tab-70-20', 'stu-70', 'sch-1', '2026-10-12', 'present'],
            [21, 'tab-70-21', 'stu-70', 'sch-1', true, 'present'],
          ],
          { strict: true },
        )
      ).data!.r;
      expect(counts(r)).toEqual(c({ skipped: 1, failed: 1 }));
      expect(await knex()('student_school_attendance_event').where({ sourced_id: 'tab-70-20' }).first()).toBeUndefined();
    });
  });

  it('stores text with tabs, line breaks, backslashes and a literal \\N exactly (COPY’s text format on PostgreSQL)', async () => {
    const names = ['Tab\there', 'Line\nbreak\r\nand return', 'Back\\slash \\N and \\t', '\\N'];
    const r = await call(
      'upsertSchools',
      'SchoolRowInput',
      names.map((name, i) => ({ sourcedId: `sch-text-${i}`, name, type: 'school' })),
    );
    expect(counts(r)).toEqual(c({ created: names.length }));
    const stored = await knex()('school').where('sourced_id', 'like', 'sch-text-%').orderBy('sourced_id').pluck('name');
    // Stored as sent (trimmed at the ends only, as every text value is).
    expect(stored).toEqual(names.map((n) => n.trim()));
    expect(
      counts(
        await call(
          'upsertSchools',
          'SchoolRowInput',
          names.map((name, i) => ({ sourcedId: `sch-text-${i}`, name, type: 'school' })),
        ),
      ),
    ).toEqual(c({ unchanged: names.length }));
  });

  (process.env.DATABASE_URL ? it : it.skip)(
    'PostgreSQL: when another writer stored a key between the read and the COPY, the rows go through the merge and no part of the COPY stays',
    async () => {
      await knex()('school').insert({ id: '11111111-1111-4111-8111-111111111111', sourced_id: 'sch-race', name: 'First', type: 'school' });
      let merged = 0;
      await knex().transaction(async (trx) => {
        const rows = [
          { id: '22222222-2222-4222-8222-222222222222', sourced_id: 'sch-race-new', name: 'New', type: 'school' },
          { id: '33333333-3333-4333-8333-333333333333', sourced_id: 'sch-race', name: 'Second', type: 'school' },
        ];
        await copyNew(trx, 'school', ['id', 'sourced_id', 'name', 'type'], rows, async () => {
          merged++;
          // The transaction is usable after the refused COPY, and holds none of its rows.
          expect(await trx('school').where('sourced_id', 'sch-race-new').first()).toBeUndefined();
        });
      });
      expect(merged).toBe(1);
      expect(await knex()('school').where('sourced_id', 'like', 'sch-race%').orderBy('sourced_id').pluck('name')).toEqual(['First']);
    },
  );
});
