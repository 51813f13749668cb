import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { setClock, students } from '@c2c/students';
import { agreementOf, entitiesQuery, errorCodes, NOW, partnerFixture, studentOf, studentReps } from './fixtures';

/**
 * Who may run the sync and read what it writes: role × operation, every mutation and query of
 * the sync, and the new Student record fields by id and through `_entities`, gated for partners
 * by consent and by the record kinds of their organisation's agreement.
 */
describe('students subgraph: sync and records access', () => {
  let sg: testing.TestSubgraph;
  let partners: testing.PartnersProcess;
  const fx = partnerFixture();
  const u = demo.demoUniverse();
  const sis = testing.viewerFor('district_sis');
  const consented = studentOf(fx.cases.active.studentId);
  const refused = studentOf(fx.cases.revoked.studentId);
  const kinds = new Set(u.agreements.find((a) => a.id === agreementOf(fx.orgId))!.recordKinds);

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
    // The demo school is known to the SIS by its Organization id: the synchronised school is the same organisation.
    const schools = [...new Set([consented.schoolId, refused.schoolId])];
    const ok = (res: any) => {
      expect(res.errors).toBeUndefined();
      expect(res.data.r.failed).toBe(0);
    };
    ok(
      await sg.exec(
        `mutation($rows: [SchoolRowInput!]!) { r: upsertSchools(rows: $rows) { failed } }`,
        { rows: schools.map((id) => ({ sourcedId: id, name: 'Demo school' })) },
        sis,
      ),
    );
    const rows = [consented, refused].flatMap((s) => [
      { sourcedId: `att-${s.id}`, studentSourcedId: s.sourcedId, schoolSourcedId: s.schoolId, date: '2026-11-02', category: 'tardy' },
    ]);
    ok(await sg.exec(`mutation($rows: [AttendanceRowInput!]!) { r: upsertAttendanceEvents(rows: $rows) { failed } }`, { rows }, sis));
    const record = (s: typeof consented) => ({ sourcedId: `x-${s.id}`, studentSourcedId: s.sourcedId });
    ok(
      await sg.exec(
        `mutation($rows: [IncidentRowInput!]!) { r: upsertDisciplineIncidents(rows: $rows) { failed } }`,
        {
          rows: [consented, refused].map((s) => ({
            ...record(s),
            schoolSourcedId: s.schoolId,
            date: '2026-11-03',
            type: 'Disruption',
            daysRemoved: 0,
          })),
        },
        sis,
      ),
    );
    ok(
      await sg.exec(
        `mutation($rows: [AssessmentRowInput!]!) { r: upsertStudentAssessments(rows: $rows) { failed } }`,
        {
          rows: [consented, refused].map((s) => ({
            ...record(s),
            assessment: 'MAP',
            subject: 'Mathematics',
            administrationDate: '2026-10-01',
            scaleScore: 210,
            proficient: true,
          })),
        },
        sis,
      ),
    );
    // A class both students are enrolled in: read through Student.classes, a COURSES record.
    ok(
      await sg.exec(
        `mutation($rows: [ClassRowInput!]!) { r: upsertClasses(rows: $rows) { failed } }`,
        { rows: [{ sourcedId: 'cls-demo', title: 'Robotics - period 4', classType: 'scheduled', schoolSourcedId: consented.schoolId }] },
        sis,
      ),
    );
    ok(
      await sg.exec(
        `mutation($rows: [EnrollmentRowInput!]!) { r: upsertEnrollments(rows: $rows) { failed } }`,
        {
          rows: [consented, refused].map((s) => ({
            sourcedId: `enr-cls-${s.id}`,
            studentSourcedId: s.sourcedId,
            schoolSourcedId: s.schoolId,
            classSourcedId: 'cls-demo',
            beginDate: '2026-08-20',
          })),
        },
        sis,
      ),
    );
  }, 60_000);
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  const ROLES: (Role | 'anonymous')[] = ['anonymous', 'partner_staff', 'district_admin', 'cec_admin', 'evaluator', 'embed', 'district_sis'];
  const viewerOf = (r: Role | 'anonymous'): Viewer =>
    r === 'anonymous' ? testing.ANONYMOUS : r === 'partner_staff' ? fx.viewer : testing.viewerFor(r);
  const refusal = (r: Role | 'anonymous') => (r === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  const RUN = '00000000-0000-4000-8000-000000000000';

  /** Every sync mutation, with arguments a district_sis call accepts (an empty batch, an unknown run). */
  const MUTATIONS: Record<string, [string, string | null]> = {
    startSyncRun: ['mutation { m: startSyncRun { id } }', null],
    upsertSchools: ['mutation { m: upsertSchools(rows: []) { created } }', null],
    upsertAcademicSessions: ['mutation { m: upsertAcademicSessions(rows: []) { created } }', null],
    upsertCourses: ['mutation { m: upsertCourses(rows: []) { created } }', null],
    upsertClasses: ['mutation { m: upsertClasses(rows: []) { created } }', null],
    upsertStudents: ['mutation { m: upsertStudents(rows: []) { created } }', null],
    upsertDemographics: ['mutation { m: upsertDemographics(rows: []) { created } }', null],
    upsertEnrollments: ['mutation { m: upsertEnrollments(rows: []) { created } }', null],
    upsertAttendanceEvents: ['mutation { m: upsertAttendanceEvents(rows: []) { created } }', null],
    upsertDisciplineIncidents: ['mutation { m: upsertDisciplineIncidents(rows: []) { created } }', null],
    upsertStudentAssessments: ['mutation { m: upsertStudentAssessments(rows: []) { created } }', null],
    upsertCourseTranscripts: ['mutation { m: upsertCourseTranscripts(rows: []) { created } }', null],
    syncRows: ['mutation { m: syncRows(file: "attendance", columns: ["sourcedId"], rows: []) { created } }', null],
    finishSyncFile: [`mutation { m: finishSyncFile(runId: "${RUN}", file: "users", mode: DELTA) { file } }`, 'NOT_FOUND'],
    reportSyncRows: [`mutation { m: reportSyncRows(runId: "${RUN}", file: "users", skipped: 1) { file } }`, 'NOT_FOUND'],
    finishSyncRun: [`mutation { m: finishSyncRun(runId: "${RUN}") { id } }`, 'NOT_FOUND'],
  };

  it('covers every sync mutation of the schema', () => {
    // The participation mutations' matrix is test/participation.test.ts.
    const sync = Object.keys(students.rules.Mutation).filter(
      (m) => !['assignCaseload', 'enrolParticipant', 'exitProgram', 'recordConsent', 'revokeConsent', 'unassignCaseload'].includes(m),
    );
    expect(Object.keys(MUTATIONS).sort()).toEqual(sync.sort());
  });

  describe.each(ROLES)('%s', (role) => {
    it.each(Object.keys(MUTATIONS))('%s: district_sis only', async (name) => {
      const [query, sisCode] = MUTATIONS[name];
      const res = await sg.exec(query, {}, viewerOf(role));
      const code = res.errors?.[0]?.extensions?.code ?? null;
      expect(code).toBe(role === 'district_sis' ? sisCode : refusal(role));
      if (role !== 'district_sis') expect(res.data?.m ?? null).toBeNull();
    });

    it('syncRuns, syncRun and schools: the district roles only', async () => {
      const res = await sg.exec(
        `{ syncRuns(first: 5) { totalCount } schools(first: 5) { totalCount edges { node { id sourcedId organization { id } } } } }`,
        {},
        viewerOf(role),
      );
      if (role === 'district_sis' || role === 'district_admin') {
        expect(res.errors).toBeUndefined();
        expect(res.data!.schools.totalCount).toBe(new Set([consented.schoolId, refused.schoolId]).size);
        for (const e of res.data!.schools.edges)
          expect(e.node).toEqual({ id: e.node.sourcedId, sourcedId: e.node.sourcedId, organization: { id: e.node.sourcedId } });
      } else {
        expect(errorCodes(res)).toEqual({ syncRuns: refusal(role), schools: refusal(role) });
      }
      const one = await sg.exec(`query($id: ID!) { syncRun(id: $id) { id } }`, { id: RUN }, viewerOf(role));
      expect(one.errors![0].extensions!.code).toBe(role === 'district_sis' || role === 'district_admin' ? 'NOT_FOUND' : refusal(role));
    });
  });

  const RECORD_FIELDS = {
    studentSchoolAttendanceEvents: ['ATTENDANCE', 'studentSchoolAttendanceEvents { date category school { id } }'],
    disciplineIncidents: ['BEHAVIOUR', 'disciplineIncidents { date type daysRemoved }'],
    studentAssessments: ['ASSESSMENTS', 'studentAssessments { assessment scaleScore proficient }'],
    courseTranscripts: ['COURSES', 'courseTranscripts { mark }'],
    classes: ['COURSES', 'classes { title classType grades course { title } school { id } }'],
  } as const;
  const DISTRICT_ONLY = 'districtId homeZip demographics { sex }';
  const selection = `id ${Object.values(RECORD_FIELDS)
    .map(([, f]) => f)
    .join(' ')} ${DISTRICT_ONLY}`;
  const paths = (id: string, viewer: Viewer) =>
    Promise.all([
      sg
        .exec(`query($id: ID!) { student(id: $id) { ${selection} } }`, { id }, viewer)
        .then((res) => ({ res, at: 'student', node: res.data?.student })),
      sg
        .exec(entitiesQuery(`... on Student { ${selection} }`), studentReps([id]), viewer)
        .then((res) => ({ res, at: '_entities.0', node: res.data?._entities?.[0] })),
    ]);

  it.each(['district_sis', 'district_admin'] as Role[])(
    '%s reads every record of any student, by id and through _entities',
    async (role) => {
      for (const s of [consented, refused])
        for (const { res, node } of await paths(s.id, testing.viewerFor(role))) {
          expect(res.errors).toBeUndefined();
          expect(node.studentSchoolAttendanceEvents).toEqual([{ date: '2026-11-02', category: 'TARDY', school: { id: s.schoolId } }]);
          expect(node.disciplineIncidents).toEqual([{ date: '2026-11-03', type: 'Disruption', daysRemoved: 0 }]);
          expect(node.studentAssessments).toEqual([{ assessment: 'MAP', scaleScore: 210, proficient: true }]);
          expect(node.courseTranscripts).toEqual([]);
          expect(node.classes).toEqual([
            { title: 'Robotics - period 4', classType: 'scheduled', grades: [], course: null, school: { id: consented.schoolId } },
          ]);
        }
    },
  );

  it('partner staff read a consented participant’s records of exactly the kinds their agreement covers, and nothing district-only', async () => {
    // The fixture's agreement must leave some kind out, or this test could not fail on a kind let through.
    expect(kinds.size).toBeGreaterThan(0);
    expect(kinds.size).toBeLessThan(4);
    for (const { res, at, node } of await paths(consented.id, fx.viewer)) {
      const expected: Record<string, string> = {
        [`${at}.districtId`]: 'FORBIDDEN',
        [`${at}.homeZip`]: 'FORBIDDEN',
        [`${at}.demographics`]: 'FORBIDDEN',
      };
      for (const [field, [kind]] of Object.entries(RECORD_FIELDS)) {
        if (kinds.has(kind)) expect(Array.isArray(node[field])).toBe(true);
        else {
          expect(node[field]).toBeNull();
          expected[`${at}.${field}`] = 'FORBIDDEN';
        }
      }
      expect(errorCodes(res)).toEqual(expected);
      if (kinds.has('ATTENDANCE')) expect(node.studentSchoolAttendanceEvents).toHaveLength(1);
    }
  });

  it('partner staff read no record of a student whose consent was revoked: the whole student is refused, on both paths', async () => {
    for (const { res, at, node } of await paths(refused.id, fx.viewer)) {
      expect(node ?? null).toBeNull();
      expect(errorCodes(res)[at]).toBe('FORBIDDEN');
    }
  });

  it.each(['cec_admin', 'evaluator', 'embed'] as Role[])('%s reads no student record on either path', async (role) => {
    for (const { res, at } of await paths(consented.id, testing.viewerFor(role))) expect(errorCodes(res)[at]).toBe('FORBIDDEN');
  });

  it('checks date ranges: a reversed range or an impossible day is a typed error naming the argument', async () => {
    const res = await sg.exec(
      `query($id: ID!) { student(id: $id) { a: studentSchoolAttendanceEvents(from: "2026-12-01", to: "2026-11-01") { date } b: disciplineIncidents(from: "2026-02-30") { date } } }`,
      { id: consented.id },
      sis,
    );
    expect(res.errors!.map((e) => [e.path!.join('.'), e.extensions!.code, e.extensions!.field])).toEqual([
      ['student.a', 'BAD_USER_INPUT', 'from'],
      ['student.b', 'BAD_USER_INPUT', 'from'],
    ]);
  });
});
