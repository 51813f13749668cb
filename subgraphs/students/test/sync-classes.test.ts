import * as testing from '@c2c/testing';
import { students } from '@c2c/students';

/**
 * Classes, course grades and subjects, and what deactivating a student does to its records,
 * on a real database: stored columns, references checked, read back through the graph in a
 * constant number of statements, and every cascaded deactivation counted under its own file.
 */
describe('students subgraph: classes and the student cascade', () => {
  let sg: testing.TestSubgraph;
  const sis = testing.viewerFor('district_sis');
  const admin = testing.viewerFor('district_admin');

  beforeAll(async () => {
    sg = await testing.createTestSubgraph(students);
  });
  afterAll(() => sg?.close());

  const knex = () => sg.em().getKnex();
  const BATCH = 'created updated unchanged deleted skipped failed rows { outcome field reason } cascaded { file deleted }';
  async function call(mutation: string, type: string, rows: unknown[], extra: { runId?: string } = {}) {
    const res = await sg.exec(
      `mutation($rows: [${type}!]!, $runId: ID) { r: ${mutation}(rows: $rows, runId: $runId) { ${BATCH} } }`,
      { rows, ...extra },
      sis,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.r;
  }
  const outcomes = (r: any) => r.rows.map((x: any) => (x.field ? [x.outcome, x.field, x.reason] : x.outcome));
  const startRun = async () => (await sg.exec(`mutation { startSyncRun(source: "test") { id } }`, {}, sis)).data!.startSyncRun.id;
  const runFiles = async (id: string) => {
    const res = await sg.exec(`query($id: ID!) { syncRun(id: $id) { files { file created updated deleted failed } } }`, { id }, sis);
    return Object.fromEntries(res.data!.syncRun.files.map(({ file, ...c }: any) => [file, c]));
  };
  const statusOf = async (table: string, sourcedId: string) => (await knex()(table).where({ sourced_id: sourcedId }).first())?.status;

  it('stores a course’s grades, subjects and subject codes, normalised, and refuses a grade the hub does not know', async () => {
    await call('upsertSchools', 'SchoolRowInput', [
      { sourcedId: 'sch-1', name: 'North' },
      { sourcedId: 'sch-2', name: 'South' },
    ]);
    const r = await call('upsertCourses', 'CourseRowInput', [
      { sourcedId: 'crs-1', title: 'Math 6', grades: ['6', ' 07 '], subjects: ['Mathematics'], subjectCodes: ['02052'] },
      { sourcedId: 'crs-2', title: 'English 6' },
      { sourcedId: 'crs-3', title: 'Pre-K', grades: ['PK'] },
      { sourcedId: 'crs-4', title: 'Odd', subjects: ['Math, advanced'] },
    ]);
    expect(outcomes(r)).toEqual([
      'CREATED',
      'CREATED',
      ['FAILED', 'grades', 'grades must be a OneRoster grade code (KG, 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12), got "PK"'],
      ['FAILED', 'subjects', 'subjects items must not contain commas'],
    ]);
    expect(await knex()('course').orderBy('sourced_id').select('sourced_id', 'grades', 'subjects', 'subject_codes')).toEqual([
      { sourced_id: 'crs-1', grades: '06,07', subjects: 'Mathematics', subject_codes: '02052' },
      { sourced_id: 'crs-2', grades: null, subjects: null, subject_codes: null },
    ]);
    // A change to a list alone is a change.
    const again = await call('upsertCourses', 'CourseRowInput', [
      { sourcedId: 'crs-1', title: 'Math 6', grades: ['06', '07'], subjects: ['Mathematics'], subjectCodes: ['02052'] },
      { sourcedId: 'crs-2', title: 'English 6', subjects: ['English'] },
    ]);
    expect(outcomes(again)).toEqual(['UNCHANGED', 'UPDATED']);
  });

  it('stores classes with their school and course checked, and refuses each bad row naming its field', async () => {
    const r = await call('upsertClasses', 'ClassRowInput', [
      {
        sourcedId: 'cls-1',
        title: 'Math 6 - period 1',
        classCode: 'M6-1',
        classType: 'Scheduled',
        location: 'Room 12',
        grades: ['6'],
        subjects: ['Mathematics'],
        subjectCodes: ['02052'],
        courseSourcedId: 'crs-1',
        schoolSourcedId: 'sch-1',
        termSourcedIds: ['t1', 'sy'],
        periods: ['1', '2'],
      },
      { sourcedId: 'cls-2', title: 'Homeroom', classType: 'homeroom', schoolSourcedId: 'sch-1' },
      { sourcedId: 'cls-3', title: 'Lab', classType: 'scheduled', schoolSourcedId: 'sch-2', courseSourcedId: 'crs-nowhere' },
      { sourcedId: 'cls-4', title: 'Lab', classType: 'scheduled', schoolSourcedId: 'sch-nowhere' },
      { sourcedId: 'cls-5', title: 'Lab', classType: 'lecture', schoolSourcedId: 'sch-1' },
      { sourcedId: 'cls-6', classType: 'scheduled', schoolSourcedId: 'sch-1' },
      { sourcedId: 'cls-7', title: 'Lab', classType: 'scheduled' },
      { sourcedId: 'cls-8', title: 'Robotics', classType: 'ext:club', schoolSourcedId: 'sch-2' },
    ]);
    expect(outcomes(r)).toEqual([
      'CREATED',
      'CREATED',
      ['FAILED', 'courseSourcedId', 'courseSourcedId crs-nowhere names no course known to the hub'],
      ['FAILED', 'schoolSourcedId', 'schoolSourcedId sch-nowhere names no school known to the hub'],
      ['FAILED', 'classType', 'classType must be homeroom, scheduled or an ext: value (got "lecture")'],
      ['FAILED', 'title', 'title is required'],
      ['FAILED', 'schoolSourcedId', 'schoolSourcedId is required'],
      'CREATED',
    ]);
    const cls = await knex()('class').where({ sourced_id: 'cls-1' }).first();
    const [course, school] = await Promise.all([
      knex()('course').where({ sourced_id: 'crs-1' }).first(),
      knex()('school').where({ sourced_id: 'sch-1' }).first(),
    ]);
    expect(cls).toMatchObject({
      title: 'Math 6 - period 1',
      class_code: 'M6-1',
      class_type: 'scheduled',
      location: 'Room 12',
      grades: '06',
      subjects: 'Mathematics',
      subject_codes: '02052',
      term_sourced_ids: 't1,sy',
      periods: '1,2',
      course_id: course.id,
      school_id: school.id,
      status: 'active',
    });
    expect(
      outcomes(
        await call('upsertClasses', 'ClassRowInput', [
          { sourcedId: 'cls-2', title: 'Homeroom', classType: 'homeroom', schoolSourcedId: 'sch-1' },
        ]),
      ),
    ).toEqual(['UNCHANGED']);
  });

  it('links an enrollment to the class it names, refuses an unknown class, and keeps school-level enrollments class-free', async () => {
    await call(
      'upsertStudents',
      'StudentRowInput',
      [1, 2, 3].map((i) => ({ sourcedId: `stu-${i}`, givenName: `G${i}`, familyName: `F${i}`, schoolSourcedId: 'sch-1' })),
    );
    const r = await call('upsertEnrollments', 'EnrollmentRowInput', [
      { sourcedId: 'enr-1', studentSourcedId: 'stu-1', schoolSourcedId: 'sch-1', classSourcedId: 'cls-1', beginDate: '2026-08-20' },
      { sourcedId: 'enr-2', studentSourcedId: 'stu-1', schoolSourcedId: 'sch-1', classSourcedId: 'cls-2', beginDate: '2026-08-20' },
      { sourcedId: 'enr-3', studentSourcedId: 'stu-2', schoolSourcedId: 'sch-1', classSourcedId: 'cls-1', beginDate: '2026-08-20' },
      { sourcedId: 'enr-4', studentSourcedId: 'stu-3', schoolSourcedId: 'sch-1', beginDate: '2026-08-20' },
      { sourcedId: 'enr-5', studentSourcedId: 'stu-3', schoolSourcedId: 'sch-1', classSourcedId: 'cls-nowhere' },
    ]);
    expect(outcomes(r)).toEqual([
      'CREATED',
      'CREATED',
      'CREATED',
      'CREATED',
      ['FAILED', 'classSourcedId', 'classSourcedId cls-nowhere names no class known to the hub'],
    ]);
    const classId = (await knex()('class').where({ sourced_id: 'cls-1' }).first()).id;
    expect(await knex()('enrollment').orderBy('sourced_id').select('sourced_id', 'class_sourced_id', 'class_id')).toEqual([
      { sourced_id: 'enr-1', class_sourced_id: 'cls-1', class_id: classId },
      { sourced_id: 'enr-2', class_sourced_id: 'cls-2', class_id: (await knex()('class').where({ sourced_id: 'cls-2' }).first()).id },
      { sourced_id: 'enr-3', class_sourced_id: 'cls-1', class_id: classId },
      { sourced_id: 'enr-4', class_sourced_id: null, class_id: null },
    ]);
  });

  it('reads classes through Student.classes and Enrollment.class in a constant number of statements', async () => {
    const query = `{ students(first: 10) { edges { node { sourcedId classes { title classType grades subjects subjectCodes termSourcedIds periods
      course { title grades subjects subjectCodes } } enrollments { sourcedId class { sourcedId } } } } } }`;
    sg.statements.reset();
    const res = await sg.exec(query, {}, admin);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.students.edges.map((e: any) => e.node);
    const math = {
      title: 'Math 6 - period 1',
      classType: 'scheduled',
      grades: ['06'],
      subjects: ['Mathematics'],
      subjectCodes: ['02052'],
      termSourcedIds: ['t1', 'sy'],
      periods: ['1', '2'],
      course: { title: 'Math 6', grades: ['06', '07'], subjects: ['Mathematics'], subjectCodes: ['02052'] },
    };
    const homeroom = {
      ...math,
      title: 'Homeroom',
      classType: 'homeroom',
      grades: [],
      subjects: [],
      subjectCodes: [],
      termSourcedIds: [],
      periods: [],
      course: null,
    };
    expect(nodes.map((n: any) => [n.sourcedId, n.classes])).toEqual([
      ['stu-1', [homeroom, math]],
      ['stu-2', [math]],
      ['stu-3', []],
    ]);
    expect(nodes[2].enrollments).toEqual([{ sourcedId: 'enr-4', class: null }]);
    // One statement per table and purpose for the whole page, not per student or class. Sibling
    // loaders run concurrently, so on PostgreSQL Enrollment.class and Class.course can go in either order.
    expect(sg.statements.statements.map((sql) => /\bfrom [`"](\w+)[`"]/.exec(sql)![1]).sort()).toEqual(
      [
        'student', // the page
        'student', // its count
        'enrollment', // Student.enrollments
        'enrollment', // the enrollments that name a class (Student.classes)
        'class', // their classes
        'class', // Enrollment.class
        'course', // Class.course
      ].sort(),
    );
  });

  it('a bulk classes file deactivates the classes it left out, and Student.classes no longer lists them', async () => {
    const runId = await startRun();
    await call(
      'upsertClasses',
      'ClassRowInput',
      [{ sourcedId: 'cls-2', title: 'Homeroom', classType: 'homeroom', schoolSourcedId: 'sch-1' }],
      { runId },
    );
    const fin = await sg.exec(
      `mutation($id: ID!) { finishSyncFile(runId: $id, file: "classes", mode: BULK) { unchanged deleted } }`,
      { id: runId },
      sis,
    );
    expect(fin.data!.finishSyncFile).toEqual({ unchanged: 1, deleted: 2 });
    expect(await knex()('class').where({ status: 'active' }).pluck('sourced_id')).toEqual(['cls-2']);
    const res = await sg.exec(`{ students(first: 10) { edges { node { sourcedId classes { title } } } } }`, {}, admin);
    expect(res.data!.students.edges.map((e: any) => e.node.classes.map((c: any) => c.title))).toEqual([['Homeroom'], [], []]);
    // The enrollments naming a class that went went with it, counted under enrollments; the others stay.
    const gone = await knex()('class').whereNot({ status: 'active' }).pluck('id');
    const enrollments = await knex()('enrollment').whereNotNull('class_id').select('class_id', 'status');
    expect(enrollments.length).toBeGreaterThan(0);
    for (const e of enrollments) expect(e.status).toBe(gone.includes(e.class_id) ? 'tobedeleted' : 'active');
    const cascaded = enrollments.filter((e: any) => gone.includes(e.class_id)).length;
    expect(cascaded).toBeGreaterThan(0);
    expect((await runFiles(runId)).enrollments).toEqual({ created: 0, updated: 0, deleted: cascaded, failed: 0 });
    // A new enrollment naming a deactivated class is refused with the reason.
    const [{ sourced_id: cls }] = await knex()('class').whereNot({ status: 'active' }).select('sourced_id').orderBy('sourced_id').limit(1);
    const refused = await call('upsertEnrollments', 'EnrollmentRowInput', [
      { sourcedId: 'enr-late', studentSourcedId: 'stu-1', schoolSourcedId: 'sch-1', classSourcedId: cls },
    ]);
    expect(outcomes(refused)).toEqual([
      ['FAILED', 'classSourcedId', `classSourcedId ${cls} names a class the SIS deactivated (tobedeleted)`],
    ]);
  });

  it('a tobedeleted class takes its enrollments with it in the batch, counted in cascaded', async () => {
    await call('upsertClasses', 'ClassRowInput', [{ sourcedId: 'cls-9', title: 'Art', classType: 'scheduled', schoolSourcedId: 'sch-1' }]);
    await call('upsertEnrollments', 'EnrollmentRowInput', [
      { sourcedId: 'enr-9a', studentSourcedId: 'stu-1', schoolSourcedId: 'sch-1', classSourcedId: 'cls-9' },
      { sourcedId: 'enr-9b', studentSourcedId: 'stu-2', schoolSourcedId: 'sch-1', classSourcedId: 'cls-9' },
    ]);
    const r = await call('upsertClasses', 'ClassRowInput', [{ sourcedId: 'cls-9', status: 'tobedeleted' }]);
    expect(r).toMatchObject({ deleted: 1, cascaded: [{ file: 'enrollments', deleted: 2 }] });
    expect(await knex()('enrollment').whereIn('sourced_id', ['enr-9a', 'enr-9b']).pluck('status')).toEqual(['tobedeleted', 'tobedeleted']);
  });

  /** One active record of every kind for `stu-<i>`. */
  async function recordsFor(i: number) {
    const s = `stu-${i}`;
    await call('upsertDemographics', 'DemographicsRowInput', [{ sourcedId: s, sex: 'female' }]);
    await call('upsertEnrollments', 'EnrollmentRowInput', [{ sourcedId: `enr-x-${i}`, studentSourcedId: s, schoolSourcedId: 'sch-1' }]);
    await call('upsertAttendanceEvents', 'AttendanceRowInput', [
      { sourcedId: `att-${i}-1`, studentSourcedId: s, schoolSourcedId: 'sch-1', date: '2026-09-01', category: 'present' },
      { sourcedId: `att-${i}-2`, studentSourcedId: s, schoolSourcedId: 'sch-1', date: '2026-09-02', category: 'tardy' },
    ]);
    await call('upsertDisciplineIncidents', 'IncidentRowInput', [
      { sourcedId: `inc-${i}`, studentSourcedId: s, schoolSourcedId: 'sch-1', date: '2026-09-03', type: 'Disruption' },
    ]);
    await call('upsertStudentAssessments', 'AssessmentRowInput', [
      { sourcedId: `asm-${i}`, studentSourcedId: s, assessment: 'MAP', subject: 'Math', administrationDate: '2026-09-04' },
    ]);
    await call('upsertAcademicSessions', 'AcademicSessionRowInput', [{ sourcedId: 'term-1', title: 'Fall', type: 'term' }]);
    await call('upsertCourseTranscripts', 'GradeRowInput', [
      { sourcedId: `grd-${i}`, studentSourcedId: s, courseSourcedId: 'crs-1', academicSessionSourcedId: 'term-1', mark: 'A' },
    ]);
  }
  const TABLES = {
    demographics: 'student_demographics',
    enrollments: 'enrollment',
    attendance: 'student_school_attendance_event',
    incidents: 'discipline_incident',
    assessments: 'student_assessment',
    grades: 'course_transcript',
  };
  /** Active records per kind of the student `stu-<i>`. */
  async function activeOf(i: number) {
    const id = (
      await knex()('student')
        .where({ sourced_id: `stu-${i}` })
        .first()
    ).id;
    const out: Record<string, number> = {};
    for (const [file, table] of Object.entries(TABLES))
      out[file] = Number((await knex()(table).where({ student_id: id, status: 'active' }).count({ n: '*' }))[0].n);
    return out;
  }
  const all = (n: number, o: Record<string, number> = {}) => ({ ...Object.fromEntries(Object.keys(TABLES).map((k) => [k, n])), ...o });

  it('a tobedeleted student takes its records with it, in the batch’s transaction, each counted under its file', async () => {
    await recordsFor(1);
    await recordsFor(2);
    // stu-1 has two active enrollments (enr-2 and the school's; enr-1 went with cls-1) and two attendance days.
    expect(await activeOf(1)).toEqual(all(1, { enrollments: 2, attendance: 2 }));
    const runId = await startRun();
    const r = await call('upsertStudents', 'StudentRowInput', [{ sourcedId: 'stu-1', status: 'tobedeleted' }], { runId });
    expect(outcomes(r)).toEqual(['DELETED']);
    expect(r.cascaded).toEqual([
      { file: 'demographics', deleted: 1 },
      { file: 'enrollments', deleted: 2 },
      { file: 'attendance', deleted: 2 },
      { file: 'incidents', deleted: 1 },
      { file: 'assessments', deleted: 1 },
      { file: 'grades', deleted: 1 },
    ]);
    expect(await runFiles(runId)).toEqual({
      users: { created: 0, updated: 0, deleted: 1, failed: 0 },
      demographics: { created: 0, updated: 0, deleted: 1, failed: 0 },
      enrollments: { created: 0, updated: 0, deleted: 2, failed: 0 },
      attendance: { created: 0, updated: 0, deleted: 2, failed: 0 },
      incidents: { created: 0, updated: 0, deleted: 1, failed: 0 },
      assessments: { created: 0, updated: 0, deleted: 1, failed: 0 },
      grades: { created: 0, updated: 0, deleted: 1, failed: 0 },
    });
    expect(await activeOf(1)).toEqual(all(0));
    // Nothing was deleted: the rows are kept, inactive. The other student's records are untouched.
    expect(await statusOf('student_school_attendance_event', 'att-1-1')).toBe('tobedeleted');
    expect(await activeOf(2)).toEqual(all(1, { attendance: 2 }));
    // Deleting it again is no change, and cascades nothing more.
    const again = await call('upsertStudents', 'StudentRowInput', [{ sourcedId: 'stu-1', status: 'tobedeleted' }]);
    expect([outcomes(again), again.cascaded]).toEqual([['UNCHANGED'], []]);
  });

  it('refuses a record for a deactivated student, naming the field', async () => {
    const r = await call('upsertAttendanceEvents', 'AttendanceRowInput', [
      { sourcedId: 'att-1-1', studentSourcedId: 'stu-1', schoolSourcedId: 'sch-1', date: '2026-09-01', category: 'present' },
    ]);
    expect(outcomes(r)).toEqual([
      ['FAILED', 'studentSourcedId', 'studentSourcedId stu-1 names a student the SIS deactivated (tobedeleted)'],
    ]);
    const d = await call('upsertDemographics', 'DemographicsRowInput', [{ sourcedId: 'stu-1', sex: 'male' }]);
    expect(outcomes(d)).toEqual([['FAILED', 'userSourcedId', 'userSourcedId stu-1 names a student the SIS deactivated (tobedeleted)']]);
  });

  it('re-activating a student brings back only the records sent again', async () => {
    const r = await call('upsertStudents', 'StudentRowInput', [
      { sourcedId: 'stu-1', givenName: 'G1', familyName: 'F1', schoolSourcedId: 'sch-1' },
    ]);
    expect(outcomes(r)).toEqual(['UPDATED']);
    expect(await activeOf(1)).toEqual(all(0));
    const a = await call('upsertAttendanceEvents', 'AttendanceRowInput', [
      { sourcedId: 'att-1-1', studentSourcedId: 'stu-1', schoolSourcedId: 'sch-1', date: '2026-09-01', category: 'present' },
    ]);
    expect(outcomes(a)).toEqual(['UPDATED']);
    expect(await activeOf(1)).toEqual(all(0, { attendance: 1 }));
  });

  it('a bulk users file that leaves a student out deactivates its records too, counted under their files', async () => {
    const runId = await startRun();
    // stu-2 and stu-3 are sent; stu-1 is left out.
    await call(
      'upsertStudents',
      'StudentRowInput',
      [2, 3].map((i) => ({ sourcedId: `stu-${i}`, givenName: `G${i}`, familyName: `F${i}`, schoolSourcedId: 'sch-1' })),
      { runId },
    );
    const fin = await sg.exec(
      `mutation($id: ID!) { finishSyncFile(runId: $id, file: "users", mode: BULK) { deleted } }`,
      { id: runId },
      sis,
    );
    expect(fin.data!.finishSyncFile).toEqual({ deleted: 1 });
    expect(await runFiles(runId)).toEqual({
      users: { created: 0, updated: 0, deleted: 1, failed: 0 },
      attendance: { created: 0, updated: 0, deleted: 1, failed: 0 },
    });
    expect(await activeOf(1)).toEqual(all(0));
    expect(await activeOf(2)).toEqual(all(1, { attendance: 2 }));
  });
});
