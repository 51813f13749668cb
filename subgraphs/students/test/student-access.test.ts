import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { setClock, students } from '@c2c/students';
import {
  ALL_STUDENT_FIELDS,
  caseOf,
  CONSENT_CASES,
  DISTRICT_ONLY_FIELDS,
  entitiesQuery,
  errorCodes,
  NOW,
  PARTNER_FIELDS,
  partnerFixture,
  studentOf,
  studentReps,
  type ConsentCase,
} from './fixtures';

/**
 * The access matrix: role × path × consent state, with the exact fields each viewer gets.
 * Paths: student(id), the students list, an `_entities` representation sent straight to the
 * subgraph, and Organization.programParticipants.
 */
describe('students subgraph: who reads which student', () => {
  let sg: testing.TestSubgraph;
  // The real partners service answers which data-sharing agreements are in force.
  let partners: testing.PartnersProcess;
  const fx = partnerFixture();
  const u = demo.demoUniverse();

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  const byId = (id: string, viewer: Viewer) => sg.exec(`query($id: ID!) { student(id: $id) { ${ALL_STUDENT_FIELDS} } }`, { id }, viewer);
  const viaEntities = (id: string, viewer: Viewer) =>
    sg.exec(entitiesQuery(`... on Student { ${ALL_STUDENT_FIELDS} }`), studentReps([id]), viewer);
  const list = (viewer: Viewer) => sg.exec(`{ students(first: 3) { totalCount edges { node { id givenName } } } }`, {}, viewer);
  const participants = (orgId: string, viewer: Viewer) =>
    sg.exec(
      entitiesQuery(
        `... on Organization { id programParticipants(first: 100) { totalCount edges { node { id student { id givenName } } } } }`,
      ),
      { r: [{ __typename: 'Organization', id: orgId }] },
      viewer,
    );

  /** What the district sees of a demo student: every field, real values. */
  function districtView(id: string) {
    const s = studentOf(id);
    return {
      id: s.id,
      sourcedId: s.sourcedId,
      givenName: s.givenName,
      familyName: s.familyName,
      birthDate: s.birthDate,
      grade: s.grade,
      gender: s.gender,
      status: 'ACTIVE',
      school: { id: s.schoolId },
      enrollments: [
        { schoolYear: '2026-2027', grade: s.grade, entryDate: s.entryDate, exitDate: null, status: 'ACTIVE', school: { id: s.schoolId } },
      ],
    };
  }

  /** What a consented partner sees: five fields and its own organisation's participations; the rest null. */
  function partnerView(id: string, orgId: string) {
    const s = studentOf(id);
    const own = u.participations.filter((p) => p.studentId === id && p.organizationId === orgId);
    return {
      id: s.id,
      givenName: s.givenName,
      familyName: s.familyName,
      grade: s.grade,
      school: { id: s.schoolId },
      programParticipations: own.map((p) => ({ id: p.id, programName: p.programName, organization: { id: orgId }, consentActive: true })),
      ...Object.fromEntries(DISTRICT_ONLY_FIELDS.map((f) => [f, null])),
    };
  }

  describe.each(['district_sis', 'district_admin'] as Role[])('%s', (role) => {
    const viewer = testing.viewerFor(role);

    it.each(CONSENT_CASES)('reads every field of a student (%s consent for the partner) by id and through _entities', async (c) => {
      const id = fx.cases[c].studentId;
      for (const res of [await byId(id, viewer), await viaEntities(id, viewer)]) {
        expect(res.errors).toBeUndefined();
        const student = res.data!.student ?? res.data!._entities[0];
        expect(student).toMatchObject(districtView(id));
        expect(Date.parse(student.createdAt)).not.toBeNaN();
        // Every organisation's participations, not only one partner's.
        const expected = u.participations
          .filter((p) => p.studentId === id)
          .map((p) => p.id)
          .sort();
        expect(student.programParticipations.map((p: any) => p.id).sort()).toEqual(expected);
      }
    });

    it('lists students', async () => {
      const res = await list(viewer);
      expect(res.errors).toBeUndefined();
      expect(res.data!.students.totalCount).toBe(u.students.length);
      expect(res.data!.students.edges).toHaveLength(3);
    });

    it('is not shown an organisation’s programme participants (partner staff only)', async () => {
      const res = await participants(fx.orgId, viewer);
      expect(res.data!._entities[0]).toEqual({ id: fx.orgId, programParticipants: null });
      expect(errorCodes(res)).toEqual({ '_entities.0.programParticipants': 'FORBIDDEN' });
    });
  });

  describe('partner_staff of the organisation', () => {
    const viewer = fx.viewer;

    it('reads exactly the partner fields of an active, consented participant by id and through _entities; district-only fields are FORBIDDEN', async () => {
      const id = fx.cases.active.studentId;
      for (const [res, prefix] of [
        [await byId(id, viewer), 'student'],
        [await viaEntities(id, viewer), '_entities.0'],
      ] as const) {
        const student = res.data!.student ?? res.data!._entities[0];
        expect(student).toEqual(partnerView(id, fx.orgId));
        expect(errorCodes(res)).toEqual(Object.fromEntries(DISTRICT_ONLY_FIELDS.map((f) => [`${prefix}.${f}`, 'FORBIDDEN'])));
        const readable = Object.keys(student).filter((k) => student[k] !== null);
        expect(readable.sort()).toEqual([...PARTNER_FIELDS].sort());
      }
    });

    it('sees only its own organisation’s participations of a student who takes part in other programmes too', async () => {
      const own = u.participations.filter(
        (p) => p.organizationId === fx.orgId && u.participations.some((q) => q.studentId === p.studentId && q.organizationId !== fx.orgId),
      );
      const p = own.find((x) => caseOf(x) === 'active')!;
      expect(p).toBeDefined();
      const res = await sg.exec(
        `query($id: ID!) { student(id: $id) { programParticipations { id organization { id } } } }`,
        { id: p.studentId },
        viewer,
      );
      expect(res.errors).toBeUndefined();
      const orgs = res.data!.student.programParticipations.map((x: any) => x.organization.id);
      expect(orgs.length).toBeGreaterThan(0);
      expect(new Set(orgs)).toEqual(new Set([fx.orgId]));
    });

    it.each(CONSENT_CASES.filter((c) => c !== 'active'))(
      'gets FORBIDDEN and no data for a student with %s consent, by id and through _entities',
      async (c) => {
        const id = fx.cases[c].studentId;
        const one = await byId(id, viewer);
        expect(one.data).toEqual({ student: null });
        expect(errorCodes(one)).toEqual({ student: 'FORBIDDEN' });
        const ent = await viaEntities(id, viewer);
        expect(ent.data).toEqual({ _entities: [null] });
        expect(errorCodes(ent)).toEqual({ '_entities.0': 'FORBIDDEN' });
      },
    );

    it('gets each student of a mixed _entities batch on its own merits', async () => {
      const ids = CONSENT_CASES.map((c) => fx.cases[c].studentId);
      const res = await sg.exec(entitiesQuery('... on Student { id givenName }'), studentReps(ids), viewer);
      expect(res.data!._entities).toEqual(
        CONSENT_CASES.map((c) => (c === 'active' ? { id: ids[0], givenName: studentOf(ids[0]).givenName } : null)),
      );
      expect(errorCodes(res)).toEqual(Object.fromEntries(CONSENT_CASES.slice(1).map((_, i) => [`_entities.${i + 1}`, 'FORBIDDEN'])));
    });

    it('cannot list students', async () => {
      const res = await list(viewer);
      expect(res.data).toEqual({ students: null });
      expect(errorCodes(res)).toEqual({ students: 'FORBIDDEN' });
    });

    it('lists as programme participants exactly the active, consented participations, each student readable', async () => {
      const res = await participants(fx.orgId, viewer);
      expect(res.errors).toBeUndefined();
      const listed = res.data!._entities[0].programParticipants;
      const expected = u.participations.filter((p) => p.organizationId === fx.orgId && caseOf(p) === 'active');
      expect(listed.totalCount).toBe(expected.length);
      expect(listed.edges.map((e: any) => e.node.id).sort()).toEqual(expected.map((p) => p.id).sort());
      for (const e of listed.edges) expect(e.node.student.givenName).toBe(studentOf(e.node.student.id).givenName);
      const listedStudents = new Set(listed.edges.map((e: any) => e.node.student.id));
      for (const c of CONSENT_CASES) expect([c, listedStudents.has(fx.cases[c].studentId)]).toEqual([c, c === 'active']);
    });

    it('gets FORBIDDEN for another organisation’s programme participants', async () => {
      const other = u.participations.find((p) => p.organizationId !== fx.orgId)!.organizationId;
      const res = await participants(other, viewer);
      expect(res.data!._entities[0]).toEqual({ id: other, programParticipants: null });
      expect(errorCodes(res)).toEqual({ '_entities.0.programParticipants': 'FORBIDDEN' });
    });

    it('gets FORBIDDEN, not NOT_FOUND, for a student id that does not exist: no existence oracle', async () => {
      const res = await byId('00000000-0000-4000-8000-000000000000', viewer);
      expect(errorCodes(res)).toEqual({ student: 'FORBIDDEN' });
    });
  });

  describe('partner_staff of another organisation', () => {
    it('reads none of this organisation’s consented participants', async () => {
      const id = fx.cases.active.studentId;
      const strangers = u.organizations.filter((o) => !u.participations.some((p) => p.organizationId === o.id && p.studentId === id));
      const viewer = testing.viewerFor('partner_staff', strangers[0].id);
      expect(errorCodes(await byId(id, viewer))).toEqual({ student: 'FORBIDDEN' });
      expect(errorCodes(await viaEntities(id, viewer))).toEqual({ '_entities.0': 'FORBIDDEN' });
    });
  });

  describe.each([
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
    ['evaluator', testing.viewerFor('evaluator'), 'FORBIDDEN'],
    ['cec_admin', testing.viewerFor('cec_admin'), 'FORBIDDEN'],
  ] as const)('%s', (_name, viewer, code) => {
    it.each(CONSENT_CASES)('reads no student (%s consent) by id or through _entities', async (c: ConsentCase) => {
      const id = fx.cases[c].studentId;
      const one = await byId(id, viewer);
      expect(one.data).toEqual({ student: null });
      expect(errorCodes(one)).toEqual({ student: code });
      const ent = await viaEntities(id, viewer);
      expect(ent.data).toEqual({ _entities: [null] });
      expect(errorCodes(ent)).toEqual({ '_entities.0': code });
    });

    it('cannot list students or see programme participants', async () => {
      const l = await list(viewer);
      expect(l.data).toEqual({ students: null });
      expect(errorCodes(l)).toEqual({ students: code });
      const p = await participants(fx.orgId, viewer);
      expect(p.data!._entities[0]).toEqual({ id: fx.orgId, programParticipants: null });
      expect(errorCodes(p)).toEqual({ '_entities.0.programParticipants': code });
    });
  });
});
