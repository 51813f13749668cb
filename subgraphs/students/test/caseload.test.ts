import type { Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { setClock, Student, students } from '@c2c/students';
import { readLookupLimit } from '../src/enrolment-lookup.logic';
import { ParticipationChange } from '../src/participation-change.entity';
import { ProgramParticipation } from '../src/program-participation.entity';
import { caseOf, entitiesQuery, errorCodes, NOW } from './fixtures';

/**
 * Caseloads against a real database, the real partners service (agreements) and a real
 * partners subgraph (the staff directory the assignment asks): who assigns, what an assignment
 * checks, the history it leaves, how it narrows a staff member's reads; and the budget of
 * failed enrolment lookups.
 */
describe('students subgraph: caseloads and the enrolment lookup budget', () => {
  let sg: testing.TestSubgraph;
  let partners: testing.PartnersProcess;
  let directory: testing.TestSubgraph;
  const u = demo.demoUniverse();
  const inForce = (a: demo.DemoAgreement) =>
    a.scopes.includes('STUDENT_DATA') &&
    !a.revokedAt &&
    Date.parse(a.effectiveFrom) <= NOW.getTime() &&
    (!a.expiresAt || Date.parse(a.expiresAt) > NOW.getTime());
  // An organisation with a student-data agreement in force, an inactive staff member and an actively consented participant.
  const org = u.organizations.find(
    (o) =>
      u.agreements.some((a) => a.organizationId === o.id && inForce(a)) &&
      u.staff.some((s) => s.organizationId === o.id && !s.active) &&
      u.participations.some((p) => p.organizationId === o.id && caseOf(p) === 'active'),
  )!;
  const other = u.organizations.find((o) => o.id !== org.id && demo.demoStaffMember(o.id, 'partner_admin'))!;
  const staff = testing.viewerFor('partner_staff', org.id);
  const admin = testing.viewerFor('partner_admin', org.id);
  const otherAdmin = testing.viewerFor('partner_admin', other.id);
  const inactive = u.staff.find((s) => s.organizationId === org.id && !s.active)!;
  const colleague = u.staff.find(
    (s) => s.organizationId === org.id && s.active && s.id !== staff.staffId && !s.roles.includes('partner_admin'),
  );
  const otherStaff = demo.demoStaffMember(other.id)!;
  /** The same person as `staff`, for a record with no caseload at all: bound to another active record of the organisation. */
  const asColleague: Viewer | undefined = colleague ? { ...staff, sub: colleague.subject, staffId: colleague.id } : undefined;
  const participation = u.participations.find((p) => p.organizationId === org.id && caseOf(p) === 'active')!;

  const P = 'id assignedStaff history { action changedBy changedByOrganizationId staffId }';
  const ASSIGN = `mutation($id: ID!, $staff: ID!) { assignCaseload(participationId: $id, staffId: $staff) { ${P} } }`;
  const UNASSIGN = `mutation($id: ID!, $staff: ID!) { unassignCaseload(participationId: $id, staffId: $staff) { ${P} } }`;
  const STUDENT = `query($id: ID!) { student(id: $id) { id givenName } }`;
  const PARTICIPANTS = entitiesQuery('... on Organization { programParticipants(first: 100) { edges { node { id } } } }');
  const readStudent = (viewer: Viewer) => sg.exec(STUDENT, { id: participation.studentId }, viewer);
  const listed = async (viewer: Viewer) => {
    const res = await sg.exec(PARTICIPANTS, { r: [{ __typename: 'Organization', id: org.id }] }, viewer);
    expect(res.errors).toBeUndefined();
    return (res.data!._entities[0].programParticipants.edges as { node: { id: string } }[]).map((e) => e.node.id);
  };

  const rows = async () => ({
    assigned: (await sg.em().fork().findOneOrFail(ProgramParticipation, { id: participation.id })).assignedStaffIds,
    changes: await sg.em().fork().count(ParticipationChange, {}),
  });
  async function refused(query: string, variables: Record<string, unknown>, viewer: Viewer, code: string, field?: string) {
    const before = await rows();
    const res = await sg.exec(query, variables, viewer);
    expect((res.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }))).toEqual([{ code, field }]);
    expect(Object.values(res.data ?? {})).toEqual([null]);
    expect(await rows()).toEqual(before);
    return res.errors![0];
  }

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    directory = await testing.createTestSubgraph(demo.SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(students, { seed: true, partners, peers: { partners: directory } });
  }, 120_000);
  afterAll(async () => {
    setClock(() => NOW);
    await sg?.close();
    await directory?.close();
    await partners?.stop();
  });

  it('the demo puts every participant on its organisation’s first staff member’s caseload', () => {
    expect(participation.assignedStaffIds).toContain(staff.staffId);
    expect(admin.staffId).toBe(demo.demoStaffMember(org.id, 'partner_admin')!.id);
  });

  it('refuses everyone but a partner administrator of the participation’s organisation, alike for a missing participation', async () => {
    const vars = { id: participation.id, staff: staff.staffId };
    await refused(ASSIGN, vars, testing.ANONYMOUS, 'UNAUTHENTICATED');
    for (const role of ['district_admin', 'district_sis', 'cec_admin', 'evaluator', 'embed'] as const)
      await refused(ASSIGN, vars, testing.viewerFor(role, org.id), 'FORBIDDEN');
    await refused(ASSIGN, vars, staff, 'FORBIDDEN');
    await refused(UNASSIGN, vars, staff, 'FORBIDDEN');
    const notYours = await refused(ASSIGN, { ...vars, staff: otherStaff.id }, otherAdmin, 'NOT_FOUND');
    const missing = await refused(ASSIGN, { id: '00000000-0000-4000-8000-00000000dead', staff: otherStaff.id }, otherAdmin, 'NOT_FOUND');
    expect(notYours.message.replace(participation.id, '?')).toBe(missing.message.replace('00000000-0000-4000-8000-00000000dead', '?'));
    await refused(UNASSIGN, vars, otherAdmin, 'NOT_FOUND');
  });

  it('names staffId for a person who is not an active staff member of the organisation, and refuses a second assignment', async () => {
    const id = participation.id;
    await refused(ASSIGN, { id, staff: 'nobody' }, admin, 'BAD_USER_INPUT', 'staffId');
    await refused(ASSIGN, { id, staff: '00000000-0000-4000-8000-00000000beef' }, admin, 'BAD_USER_INPUT', 'staffId');
    await refused(ASSIGN, { id, staff: otherStaff.id }, admin, 'BAD_USER_INPUT', 'staffId');
    await refused(ASSIGN, { id, staff: inactive.id }, admin, 'BAD_USER_INPUT', 'staffId');
    await refused(ASSIGN, { id, staff: staff.staffId }, admin, 'CONFLICT', 'staffId');
    await refused(UNASSIGN, { id, staff: otherStaff.id }, admin, 'CONFLICT', 'staffId');
    await refused(UNASSIGN, { id, staff: 'nobody' }, admin, 'BAD_USER_INPUT', 'staffId');
  });

  it('fails closed when partners cannot be asked: nothing is saved', async () => {
    const cut = await testing.createTestSubgraph(students, { seed: true, partners, peers: { partners: 'down' } });
    try {
      const res = await cut.exec(ASSIGN, { id: participation.id, staff: inactive.id }, admin);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(await cut.em().fork().count(ParticipationChange, { staffId: inactive.id })).toBe(0);
    } finally {
      await cut.close();
    }
  });

  it('unassigning closes the student to that staff member at once; the administrator still reads it; reassigning opens it again', async () => {
    expect((await readStudent(staff)).data?.student?.id).toBe(participation.studentId);
    expect(await listed(staff)).toContain(participation.id);

    setClock(() => new Date(NOW.getTime() + 1000));
    const off = await sg.exec(UNASSIGN, { id: participation.id, staff: staff.staffId }, admin);
    expect(off.errors).toBeUndefined();
    expect(off.data!.unassignCaseload.assignedStaff).not.toContain(staff.staffId);
    expect(off.data!.unassignCaseload.history.at(-1)).toEqual({
      action: 'CASELOAD_UNASSIGNED',
      changedBy: admin.sub,
      changedByOrganizationId: org.id,
      staffId: staff.staffId,
    });
    expect(errorCodes(await readStudent(staff))).toEqual({ student: 'FORBIDDEN' });
    expect(await listed(staff)).not.toContain(participation.id);
    // A partner administrator's caseload is every participant of its organisation.
    expect((await readStudent(admin)).data?.student?.id).toBe(participation.studentId);
    expect(await listed(admin)).toContain(participation.id);
    // The district is not narrowed by caseloads.
    expect((await readStudent(testing.viewerFor('district_admin'))).data?.student?.id).toBe(participation.studentId);

    setClock(() => new Date(NOW.getTime() + 2000));
    const on = await sg.exec(ASSIGN, { id: participation.id, staff: staff.staffId }, admin);
    expect(on.errors).toBeUndefined();
    expect(on.data!.assignCaseload.assignedStaff).toContain(staff.staffId);
    expect(on.data!.assignCaseload.history.slice(-2).map((h: any) => [h.action, h.staffId])).toEqual([
      ['CASELOAD_UNASSIGNED', staff.staffId],
      ['CASELOAD_ASSIGNED', staff.staffId],
    ]);
    expect((await readStudent(staff)).data?.student?.id).toBe(participation.studentId);
    setClock(() => NOW);
  });

  it('a staff record with no caseload, and a token bound to no record, read no student', async () => {
    if (asColleague) {
      const theirs = new Set(u.participations.filter((p) => p.assignedStaffIds.includes(colleague!.id)).map((p) => p.id));
      expect((await listed(asColleague)).every((id) => theirs.has(id))).toBe(true);
    }
    const unbound: Viewer = { ...staff, staffId: undefined };
    expect(errorCodes(await readStudent(unbound))).toEqual({ student: 'FORBIDDEN' });
    expect(await listed(unbound)).toEqual([]);
    const ent = await sg.exec(
      entitiesQuery('... on Student { id }'),
      { r: [{ __typename: 'Student', id: participation.studentId }] },
      unbound,
    );
    expect(ent.data?._entities).toEqual([null]);
  });

  describe('the budget of failed enrolment lookups', () => {
    const ENROL = `mutation($input: EnrolParticipantInput!) { enrolParticipant(input: $input) { id } }`;
    // Organisations no other case enrols for, so each test starts with a full budget.
    const [first, second] = u.organizations.filter((o) => o.id !== org.id && o.id !== other.id && o.sector !== 'DISTRICT');
    const student = u.students[0];
    const input = (birthDate: string, programName = 'Chess Club') => ({
      districtId: 'D-LOOKUP-1',
      birthDate,
      programName,
      startDate: '2026-11-02',
    });
    const codeOf = async (viewer: Viewer, birthDate: string, programName?: string) =>
      (await sg.exec(ENROL, { input: input(birthDate, programName) }, viewer)).errors?.map((e) => e.extensions?.code) ?? [];
    const wrong = (i: number) => `2000-01-${String(i + 1).padStart(2, '0')}`;

    beforeAll(async () => {
      await sg.em().fork().nativeUpdate(Student, { id: student.id }, { districtId: 'D-LOOKUP-1' });
    });

    it('reads its limits from the environment, refusing nonsense', () => {
      expect(readLookupLimit({})).toEqual({ failures: 10, windowMs: 900_000 });
      expect(readLookupLimit({ C2C_ENROL_LOOKUP_FAILURES: '3', C2C_ENROL_LOOKUP_WINDOW_SECONDS: '60' })).toEqual({
        failures: 3,
        windowMs: 60_000,
      });
      expect(() => readLookupLimit({ C2C_ENROL_LOOKUP_FAILURES: '0' })).toThrow(/C2C_ENROL_LOOKUP_FAILURES/);
      expect(() => readLookupLimit({ C2C_ENROL_LOOKUP_WINDOW_SECONDS: 'soon' })).toThrow(/C2C_ENROL_LOOKUP_WINDOW_SECONDS/);
    });

    it('answers RATE_LIMITED after 10 failed lookups in 15 minutes, even for the right birth date; other organisations are not affected', async () => {
      setClock(() => NOW);
      const partner = testing.viewerFor('partner_staff', first.id);
      // A second apart, so the window can slide past the first alone.
      for (let i = 0; i < 10; i++) {
        setClock(() => new Date(NOW.getTime() + i * 1000));
        expect(await codeOf(partner, wrong(i))).toEqual(['NOT_FOUND']);
      }
      const limited = await sg.exec(ENROL, { input: input(student.birthDate) }, partner);
      expect(limited.errors?.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
      expect(limited.errors?.[0].extensions?.retryAfterSeconds).toBe(891);
      expect(await sg.em().fork().count(ProgramParticipation, { organizationId: first.id, programName: 'Chess Club' })).toBe(0);
      // Bad input is not a lookup: it is still named, and costs nothing.
      expect(await codeOf(partner, 'not a date')).toEqual(['BAD_USER_INPUT']);
      expect(await codeOf(testing.viewerFor('partner_staff', second.id), wrong(0))).toEqual(['NOT_FOUND']);
      // The window slides: 15 minutes after the first failure, one more lookup may run.
      setClock(() => new Date(NOW.getTime() + 900_000));
      expect(await codeOf(partner, wrong(11))).toEqual(['NOT_FOUND']);
      expect(await codeOf(partner, wrong(12))).toEqual(['RATE_LIMITED']);
      setClock(() => NOW);
    });

    it('a lookup that finds its student costs nothing', async () => {
      setClock(() => new Date(NOW.getTime() + 3_600_000));
      const partner = testing.viewerFor('partner_staff', second.id);
      // One failure from the previous case has left the window by now.
      for (let i = 0; i < 9; i++) expect(await codeOf(partner, wrong(i))).toEqual(['NOT_FOUND']);
      expect(await codeOf(partner, student.birthDate, 'Chess Club A')).toEqual([]);
      expect(await codeOf(partner, student.birthDate, 'Chess Club B')).toEqual([]);
      expect(await codeOf(partner, wrong(9))).toEqual(['NOT_FOUND']);
      expect(await codeOf(partner, student.birthDate, 'Chess Club C')).toEqual(['RATE_LIMITED']);
      setClock(() => NOW);
    });
  });
});
