import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { Enrollment, ProgramParticipation, setClock, Student, students } from '@c2c/students';
import { entitiesQuery, errorCodes, NOW, partnerFixture, studentReps } from './fixtures';

/** What the district reads, the seed it reads from, and the input it refuses. */
describe('students subgraph: district reads', () => {
  let sg: testing.TestSubgraph;
  // The real partners service answers which data-sharing agreements are in force.
  let partners: testing.PartnersProcess;
  const u = demo.demoUniverse();
  const district = testing.viewerFor('district_sis');

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  it('seeds the demo students, one 2026-2027 enrollment each, and every participation with its id', async () => {
    const em = sg.em();
    expect(await em.count(Student, {})).toBe(u.students.length);
    const enrollments = await em.find(Enrollment, {});
    expect(enrollments).toHaveLength(u.students.length);
    const s = u.students[7];
    expect(enrollments.find((e) => e.student.id === s.id)).toMatchObject({
      schoolYear: '2026-2027',
      schoolId: s.schoolId,
      grade: s.grade,
      entryDate: s.entryDate,
      exitDate: null,
      status: 'active',
    });
    const participations = await em.find(ProgramParticipation, {});
    expect(participations.map((p) => p.id).sort()).toEqual(u.participations.map((p) => p.id).sort());
    const revoked = u.participations.find((p) => p.consentRevokedAt)!;
    const stored = participations.find((p) => p.id === revoked.id)!;
    expect(stored.consentRevokedAt!.toISOString()).toBe(revoked.consentRevokedAt);
    expect(stored.student.id).toBe(revoked.studentId);
  });

  it('lists students by family name, then given name, across pages', async () => {
    const q = `query($after: String) { students(first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id familyName givenName } } } }`;
    const first = await sg.exec(q, {}, district);
    expect(first.errors).toBeUndefined();
    const second = await sg.exec(q, { after: first.data!.students.pageInfo.endCursor }, district);
    const names = [...first.data!.students.edges, ...second.data!.students.edges].map((e: any) => e.node);
    const expected = [...u.students]
      .sort((a, b) =>
        a.familyName < b.familyName
          ? -1
          : a.familyName > b.familyName
            ? 1
            : a.givenName < b.givenName
              ? -1
              : a.givenName > b.givenName
                ? 1
                : a.id < b.id
                  ? -1
                  : 1,
      )
      .slice(0, 50)
      .map((s) => ({ id: s.id, familyName: s.familyName, givenName: s.givenName }));
    expect(names).toEqual(expected);
    expect(first.data!.students).toMatchObject({ totalCount: u.students.length, pageInfo: { hasNextPage: true } });
  });

  it('filters by school and by grade', async () => {
    const school = u.students[0].schoolId;
    const q = `query($s: ID, $g: String) { students(schoolId: $s, grade: $g, first: 100) { totalCount edges { node { grade school { id } } } } }`;
    const bySchool = await sg.exec(q, { s: school }, district);
    expect(bySchool.data!.students.totalCount).toBe(u.students.filter((s) => s.schoolId === school).length);
    const both = await sg.exec(q, { s: school, g: u.students[0].grade }, district);
    expect(both.data!.students.totalCount).toBe(u.students.filter((s) => s.schoolId === school && s.grade === u.students[0].grade).length);
    expect(both.data!.students.edges.every((e: any) => e.node.grade === u.students[0].grade && e.node.school.id === school)).toBe(true);
    const kg = await sg.exec(q, { g: 'KG' }, district);
    expect(kg.data!.students.totalCount).toBe(u.students.filter((s) => s.grade === 'KG').length);
    expect(kg.data!.students.totalCount).toBeGreaterThan(0);
  });

  it.each([
    [{ g: '13' }, 'grade'],
    [{ g: 'K' }, 'grade'],
    [{ s: 'Cass Park' }, 'schoolId'],
    [{ first: 1000 }, 'first'],
  ])('refuses bad list input %j naming the field', async (vars, field) => {
    const res = await sg.exec(
      `query($s: ID, $g: String, $first: Int) { students(schoolId: $s, grade: $g, first: $first) { totalCount } }`,
      vars,
      district,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(res.data).toEqual({ students: null });
  });

  it('answers NOT_FOUND to the district for an unknown or malformed student id', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'STU-100001']) {
      const res = await sg.exec(`query($id: ID!) { student(id: $id) { id } }`, { id }, district);
      expect(errorCodes(res)).toEqual({ student: 'NOT_FOUND' });
    }
  });

  it('resolves unknown and malformed representations to null without failing the rest of the batch', async () => {
    const real = u.students[3];
    const res = await sg.exec(
      entitiesQuery('... on Student { id givenName }'),
      studentReps(['nope', real.id, '00000000-0000-4000-8000-000000000000']),
      district,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([null, { id: real.id, givenName: real.givenName }, null]);
    const partner = await sg.exec(entitiesQuery('... on Student { id }'), studentReps(['nope']), partnerFixture().viewer);
    expect(errorCodes(partner)).toEqual({ '_entities.0': 'FORBIDDEN' });
  });

  it('treats an upper-case id as the same student, for the district and for a consented partner', async () => {
    const fx = partnerFixture();
    const id = fx.cases.active.studentId;
    const one = await sg.exec(`query($id: ID!) { student(id: $id) { id } }`, { id: id.toUpperCase() }, district);
    expect(one.data).toEqual({ student: { id } });
    const ent = await sg.exec(entitiesQuery('... on Student { id givenName }'), studentReps([id.toUpperCase()]), fx.viewer);
    expect(ent.errors).toBeUndefined();
    expect(ent.data!._entities[0].id).toBe(id);
    const org = await sg.exec(
      entitiesQuery('... on Organization { programParticipants(first: 1) { totalCount } }'),
      { r: [{ __typename: 'Organization', id: fx.orgId.toUpperCase() }] },
      fx.viewer,
    );
    expect(org.errors).toBeUndefined();
    expect(org.data!._entities[0].programParticipants.totalCount).toBeGreaterThan(0);
  });

  it('shows each participation’s consent state to the district', async () => {
    const fx = partnerFixture();
    const expected = { active: true, none: false, expired: false, revoked: false, ended: true } as const;
    for (const [c, consentActive] of Object.entries(expected)) {
      const p = fx.cases[c as keyof typeof expected].participation!;
      const res = await sg.exec(
        `query($id: ID!) { student(id: $id) { programParticipations { id programName startDate endDate consentGivenBy consentActive organization { id } student { id } } } }`,
        { id: p.studentId },
        district,
      );
      const got = res.data!.student.programParticipations.find((x: any) => x.id === p.id);
      expect([c, got]).toEqual([
        c,
        {
          id: p.id,
          programName: p.programName,
          startDate: p.startDate,
          endDate: p.endDate,
          consentGivenBy: p.consentGivenBy,
          consentActive,
          organization: { id: p.organizationId },
          student: { id: p.studentId },
        },
      ]);
    }
  });
});
