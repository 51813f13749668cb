import type { Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { setClock, Student, students } from '@c2c/students';
import { ParticipationChange } from '../src/participation-change.entity';
import { ProgramParticipation } from '../src/program-participation.entity';
import { agreementOf, errorCodes, NOW } from './fixtures';

/**
 * Participation and consent as API, against a real database and the real partners service
 * (the agreement in force is the further condition of a partner read): enrolment by a lookup
 * that reveals nothing, consent recorded with its record kinds and dates, revoked, the exit,
 * and the history of each change.
 */
describe('students subgraph: enrolment, consent and exit', () => {
  let sg: testing.TestSubgraph;
  let partners: testing.PartnersProcess;
  let directory: testing.TestSubgraph;
  const u = demo.demoUniverse();
  const inForce = (a: demo.DemoAgreement) =>
    a.scopes.includes('STUDENT_DATA') &&
    !a.revokedAt &&
    Date.parse(a.effectiveFrom) <= NOW.getTime() &&
    (!a.expiresAt || Date.parse(a.expiresAt) > NOW.getTime());
  // An organisation whose agreement covers two or more record kinds, so a consent can cover fewer.
  const fx = { orgId: u.agreements.find((a) => inForce(a) && a.recordKinds.length > 1)!.organizationId };
  const partner = testing.viewerFor('partner_staff', fx.orgId);
  // The organisation's administrator puts the new participant on `partner`'s caseload.
  const admin = testing.viewerFor('partner_admin', fx.orgId);
  const otherOrg = u.participations.find((p) => p.organizationId !== fx.orgId)!.organizationId;
  const otherPartner = testing.viewerFor('partner_staff', otherOrg);
  const district = testing.viewerFor('district_admin');
  const agreement = u.agreements.find((a) => a.id === agreementOf(fx.orgId))!;
  // A student with no participation of the organisation, so nothing but this test opens it.
  const own = new Set(u.participations.filter((p) => p.organizationId === fx.orgId).map((p) => p.studentId));
  const student = u.students.find((s) => !own.has(s.id))!;
  const twin = u.students.find((s) => !own.has(s.id) && s.id !== student.id && s.birthDate !== student.birthDate)!;
  const DISTRICT_ID = 'D-100234';
  let tick = 0;
  /** Each step a second later, so the history's order is the order of the steps. */
  const step = () => setClock(() => new Date(NOW.getTime() + ++tick * 1000));

  const PARTICIPATION = `id programName startDate endDate consentGivenBy consentMethod consentGivenAt consentExpiresAt
    consentRevokedAt consentRevokeReason consentRecordKinds consentActive organization { id }
    history { action changedBy changedByOrganizationId changedAt consentGivenBy consentMethod consentGivenAt consentExpiresAt recordKinds date reason }`;
  const ENROL = `mutation($input: EnrolParticipantInput!) { enrolParticipant(input: $input) { ${PARTICIPATION} } }`;
  const CONSENT = `mutation($id: ID!, $input: ConsentInput!) { recordConsent(participationId: $id, input: $input) { ${PARTICIPATION} } }`;
  const REVOKE = `mutation($id: ID!, $reason: String!) { revokeConsent(participationId: $id, reason: $reason) { ${PARTICIPATION} } }`;
  const ASSIGN = `mutation($id: ID!, $staff: ID!) { assignCaseload(participationId: $id, staffId: $staff) { ${PARTICIPATION} assignedStaff } }`;
  const EXIT = `mutation($id: ID!, $end: String!, $reason: String) { exitProgram(participationId: $id, endDate: $end, reason: $reason) { ${PARTICIPATION} } }`;
  const enrolInput = (o: Record<string, unknown> = {}) => ({
    districtId: DISTRICT_ID,
    birthDate: student.birthDate,
    programName: 'Robotics Club',
    startDate: '2026-11-02',
    ...o,
  });
  const consentInput = (o: Record<string, unknown> = {}) => ({
    givenBy: 'Ana Lopez (parent/guardian)',
    method: 'PAPER_FORM',
    givenAt: NOW.toISOString(),
    expiresAt: new Date(NOW.getTime() + 180 * 86_400_000).toISOString(),
    recordKinds: [agreement.recordKinds[0]],
    ...o,
  });

  const rows = async () => ({
    participations: await sg.em().fork().count(ProgramParticipation, {}),
    changes: await sg.em().fork().count(ParticipationChange, {}),
  });
  /** A refusal: exactly these errors, a null result, and not one row written. */
  async function refused(query: string, variables: Record<string, unknown>, viewer: Viewer, code: string, field?: string) {
    const before = await rows();
    const res = await sg.exec(query, variables, viewer);
    expect((res.errors ?? []).map((e) => ({ code: e.extensions?.code, field: e.extensions?.field }))).toEqual([{ code, field }]);
    expect(Object.values(res.data ?? {})).toEqual([null]);
    expect(await rows()).toEqual(before);
    return res.errors![0];
  }
  async function ok(query: string, variables: Record<string, unknown>, viewer: Viewer) {
    step();
    const res = await sg.exec(query, variables, viewer);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as any;
  }
  const readStudent = (fields: string) => sg.exec(`query($id: ID!) { student(id: $id) { ${fields} } }`, { id: student.id }, partner);

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    // Partners, a real subgraph in this process, answers whether a caseload's staff member is an active one of the organisation.
    directory = await testing.createTestSubgraph(demo.SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(students, { seed: true, partners, peers: { partners: directory } });
    // The demo's students carry no district number; the SIS gives two of them one, the second with another birth date.
    await sg.em().fork().nativeUpdate(Student, { id: student.id }, { districtId: DISTRICT_ID });
    await sg.em().fork().nativeUpdate(Student, { id: twin.id }, { districtId: 'D-100999' });
  });
  afterAll(async () => {
    setClock(() => NOW);
    await sg?.close();
    await directory?.close();
    await partners?.stop();
  });

  let participationId: string;

  it('a wrong birth date gets exactly the answer an unknown district id gets, and writes nothing', async () => {
    sg.statements.reset();
    const unknown = await refused(ENROL, { input: enrolInput({ districtId: 'D-000000' }) }, partner, 'NOT_FOUND');
    const forUnknown = sg.statements.statements.length;
    sg.statements.reset();
    const wrongBirth = await refused(ENROL, { input: enrolInput({ birthDate: twin.birthDate }) }, partner, 'NOT_FOUND');
    // The same work too: one lookup statement either way.
    expect(sg.statements.statements.length).toBe(forUnknown);
    const otherStudentsBirth = await refused(
      ENROL,
      { input: enrolInput({ districtId: 'D-100999', birthDate: student.birthDate }) },
      partner,
      'NOT_FOUND',
    );
    expect(JSON.stringify(wrongBirth)).toEqual(JSON.stringify(unknown));
    expect(JSON.stringify(otherStudentsBirth)).toEqual(JSON.stringify(unknown));
    expect(JSON.stringify(unknown)).not.toContain(DISTRICT_ID);
    expect(JSON.stringify(unknown)).not.toContain('D-000000');
  });

  it('refuses bad input by field, and anyone but partner staff', async () => {
    await refused(ENROL, { input: enrolInput({ birthDate: '2014-02-30' }) }, partner, 'BAD_USER_INPUT', 'input.birthDate');
    await refused(ENROL, { input: enrolInput({ startDate: '02/11/2026' }) }, partner, 'BAD_USER_INPUT', 'input.startDate');
    await refused(ENROL, { input: enrolInput({ programName: ' ' }) }, partner, 'BAD_USER_INPUT', 'input.programName');
    await refused(ENROL, { input: enrolInput() }, district, 'FORBIDDEN');
    await refused(ENROL, { input: enrolInput() }, testing.viewerFor('evaluator'), 'FORBIDDEN');
    await refused(ENROL, { input: enrolInput() }, testing.ANONYMOUS, 'UNAUTHENTICATED');
  });

  it('enrols on a match: the participation of the caller’s organisation, without consent, and the student still closed', async () => {
    const p = await ok(ENROL, { input: enrolInput() }, partner);
    participationId = p.id;
    expect(p).toMatchObject({
      programName: 'Robotics Club',
      startDate: '2026-11-02',
      endDate: null,
      consentGivenAt: null,
      consentActive: false,
    });
    expect(p.organization).toEqual({ id: fx.orgId });
    expect(p.history).toEqual([
      expect.objectContaining({ action: 'ENROLLED', changedBy: partner.sub, changedByOrganizationId: fx.orgId, date: '2026-11-02' }),
    ]);
    expect(errorCodes(await readStudent('id givenName'))).toEqual({ student: 'FORBIDDEN' });
    await refused(ENROL, { input: enrolInput() }, partner, 'CONFLICT', 'input.programName');
    const assigned = await ok(ASSIGN, { id: participationId, staff: partner.staffId }, admin);
    expect(assigned.assignedStaff).toEqual([partner.staffId]);
    expect(assigned.history.at(-1)).toMatchObject({ action: 'CASELOAD_ASSIGNED', changedBy: admin.sub });
    // On the caseload, and still closed: there is no consent yet.
    expect(errorCodes(await readStudent('id givenName'))).toEqual({ student: 'FORBIDDEN' });
  });

  it('refuses consent with backwards dates, unknown kinds, or on another organisation’s participation (NOT_FOUND, as if missing)', async () => {
    const id = participationId;
    const backwards = consentInput({ expiresAt: new Date(NOW.getTime() - 86_400_000).toISOString() });
    await refused(CONSENT, { id, input: backwards }, partner, 'BAD_USER_INPUT', 'input.expiresAt');
    const lapsed = consentInput({
      givenAt: new Date(NOW.getTime() - 9e9).toISOString(),
      expiresAt: new Date(NOW.getTime() - 86_400_000).toISOString(),
    });
    await refused(CONSENT, { id, input: lapsed }, partner, 'BAD_USER_INPUT', 'input.expiresAt');
    await refused(CONSENT, { id, input: consentInput({ recordKinds: ['HEALTH'] }) }, partner, 'BAD_USER_INPUT', 'input.recordKinds');
    await refused(CONSENT, { id, input: consentInput({ recordKinds: [] }) }, partner, 'BAD_USER_INPUT', 'input.recordKinds');
    await refused(CONSENT, { id, input: consentInput({ givenBy: '' }) }, partner, 'BAD_USER_INPUT', 'input.givenBy');
    const notYours = await refused(CONSENT, { id, input: consentInput() }, otherPartner, 'NOT_FOUND');
    const missing = await refused(
      CONSENT,
      { id: '00000000-0000-4000-8000-00000000dead', input: consentInput() },
      otherPartner,
      'NOT_FOUND',
    );
    expect(notYours.message.replace(id, '?')).toEqual(missing.message.replace('00000000-0000-4000-8000-00000000dead', '?'));
    await refused(CONSENT, { id, input: consentInput() }, testing.viewerFor('district_sis'), 'FORBIDDEN');
    await refused(REVOKE, { id, reason: 'no consent yet' }, partner, 'CONFLICT', 'participationId');
  });

  it('consent opens the student, and only the record kinds both consent and agreement cover', async () => {
    const [kind, ...others] = agreement.recordKinds;
    // The case is about a kind the agreement covers and the consent does not.
    expect(others.length).toBeGreaterThan(0);
    const p = await ok(CONSENT, { id: participationId, input: consentInput() }, partner);
    expect(p).toMatchObject({
      consentGivenBy: 'Ana Lopez (parent/guardian)',
      consentMethod: 'PAPER_FORM',
      consentRecordKinds: [kind],
      consentActive: true,
    });
    expect(p.history.map((h: any) => h.action)).toEqual(['ENROLLED', 'CASELOAD_ASSIGNED', 'CONSENT_RECORDED']);
    expect(p.history[2]).toMatchObject({ recordKinds: [kind], consentMethod: 'PAPER_FORM', consentGivenAt: NOW.toISOString() });
    const FIELD: Record<string, string> = {
      ATTENDANCE: 'studentSchoolAttendanceEvents { date }',
      BEHAVIOUR: 'disciplineIncidents { date }',
      ASSESSMENTS: 'studentAssessments { administrationDate }',
      COURSES: 'courseTranscripts { mark }',
    };
    const res = await readStudent(`id givenName ${[kind, ...others].map((k) => FIELD[k]).join(' ')}`);
    expect(res.data?.student?.givenName).toBe(student.givenName);
    const name = (k: string) => FIELD[k].split(' ')[0];
    expect(errorCodes(res)).toEqual(Object.fromEntries(others.map((k) => [`student.${name(k)}`, 'FORBIDDEN'])));
    // The same through `_entities`, the gateway's path.
    const ent = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id givenName ${[kind, ...others].map((k) => FIELD[k]).join(' ')} } } }`,
      { r: [{ __typename: 'Student', id: student.id }] },
      partner,
    );
    expect(ent.data?._entities?.[0]?.givenName).toBe(student.givenName);
    expect(ent.data?._entities?.[0]?.[name(kind)]).toEqual(expect.any(Array));
    expect(errorCodes(ent)).toEqual(Object.fromEntries(others.map((k) => [`_entities.0.${name(k)}`, 'FORBIDDEN'])));
  });

  it('revocation closes the student at once, with its reason in the history; a second revocation is a CONFLICT', async () => {
    const p = await ok(REVOKE, { id: participationId, reason: 'Parent withdrew consent by phone' }, partner);
    expect(p).toMatchObject({ consentActive: false, consentRevokeReason: 'Parent withdrew consent by phone' });
    expect(p.history.at(-1)).toMatchObject({ action: 'CONSENT_REVOKED', reason: 'Parent withdrew consent by phone' });
    expect(errorCodes(await readStudent('id givenName'))).toEqual({ student: 'FORBIDDEN' });
    await refused(REVOKE, { id: participationId, reason: 'again' }, partner, 'CONFLICT', 'participationId');
    await refused(REVOKE, { id: participationId, reason: ' ' }, partner, 'BAD_USER_INPUT', 'reason');
  });

  it('the district records new consent, starting later: closed until it starts; the old consent stays in the history', async () => {
    const start = new Date(NOW.getTime() + 10 * 86_400_000);
    const p = await ok(
      CONSENT,
      { id: participationId, input: consentInput({ method: 'DISTRICT_PORTAL', givenAt: start.toISOString() }) },
      district,
    );
    expect(p).toMatchObject({ consentRevokedAt: null, consentRevokeReason: null, consentActive: false });
    expect(p.history.map((h: any) => [h.action, h.changedByOrganizationId])).toEqual([
      ['ENROLLED', fx.orgId],
      ['CASELOAD_ASSIGNED', fx.orgId],
      ['CONSENT_RECORDED', fx.orgId],
      ['CONSENT_REVOKED', fx.orgId],
      ['CONSENT_RECORDED', null],
    ]);
    expect(errorCodes(await readStudent('id'))).toEqual({ student: 'FORBIDDEN' });
    setClock(() => new Date(start.getTime() + 1000));
    expect((await readStudent('id givenName')).data?.student?.givenName).toBe(student.givenName);
  });

  it('exit: not before the first day, once only; the organisation reads nothing after the last day', async () => {
    await refused(EXIT, { id: participationId, end: '2026-11-01' }, partner, 'BAD_USER_INPUT', 'endDate');
    await refused(EXIT, { id: participationId, end: '2026-13-01' }, partner, 'BAD_USER_INPUT', 'endDate');
    await refused(EXIT, { id: participationId, end: '2026-12-15' }, otherPartner, 'NOT_FOUND');
    const p = await ok(EXIT, { id: participationId, end: '2026-12-15', reason: 'Family moved' }, partner);
    expect(p.endDate).toBe('2026-12-15');
    expect(p.history.at(-1)).toMatchObject({ action: 'EXITED', date: '2026-12-15', reason: 'Family moved' });
    await refused(EXIT, { id: participationId, end: '2026-12-20' }, partner, 'CONFLICT', 'participationId');
    setClock(() => new Date('2026-12-16T00:00:00.000Z'));
    expect(errorCodes(await readStudent('id'))).toEqual({ student: 'FORBIDDEN' });
    await refused(
      CONSENT,
      { id: participationId, input: consentInput({ givenAt: '2026-12-16T00:00:00.000Z', expiresAt: '2027-06-01T00:00:00.000Z' }) },
      partner,
      'CONFLICT',
      'participationId',
    );
  });

  it('the history is the parties’ alone, and a list of participations reads it in one statement', async () => {
    setClock(() => NOW);
    const q = `query($id: ID!) { student(id: $id) { programParticipations { id history { action } } } }`;
    const asDistrict = await sg.exec(q, { id: student.id }, district);
    expect(asDistrict.data!.student.programParticipations.find((x: any) => x.id === participationId).history).toHaveLength(6);
    const other = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { programParticipants(first: 50) { edges { node { id history { action } } } } } } }`,
      { r: [{ __typename: 'Organization', id: fx.orgId }] },
      otherPartner,
    );
    expect(errorCodes(other)).toEqual({ '_entities.0.programParticipants': 'FORBIDDEN' });
    sg.statements.reset();
    const list = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { programParticipants(first: 50) { edges { node { id history { action } } } } } } }`,
      { r: [{ __typename: 'Organization', id: fx.orgId }] },
      partner,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!._entities[0].programParticipants.edges.length).toBeGreaterThan(1);
    expect(sg.statements.statements.filter((s) => /program_participation_change/.test(s))).toHaveLength(1);
  });
});
