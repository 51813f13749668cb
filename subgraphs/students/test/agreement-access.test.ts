import { type ActiveAgreement } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { partnerFieldsUnder, resetClock, setClock, students, PARTNER_STUDENT_FIELDS } from '@c2c/students';
import { agreementOf, entitiesQuery, errorCodes, NOW, partnerFixture, studentReps } from './fixtures';

/**
 * The data-sharing agreement as the further condition of every partner read, asked of the
 * REAL partners service over HTTP: revoked, expired, wrong-scope and unreachable all mean no
 * student data. Runs on the real clock, since agreements are dated in real time.
 */
describe('students subgraph: a partner reads students only under a data-sharing agreement in force', () => {
  let partners: testing.PartnersProcess;
  let short: testing.TestSubgraph; // agreement cache TTL 1 s
  let long: testing.TestSubgraph; // agreement cache TTL 60 s, the production bound
  const fx = partnerFixture();
  const id = fx.cases.active.studentId;
  let cec: string;

  const STUDENT = `query($id: ID!) { student(id: $id) { id givenName } }`;
  const PARTICIPANTS = entitiesQuery('... on Organization { programParticipants(first: 5) { totalCount } }');
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function reads(sg: testing.TestSubgraph) {
    const one = await sg.exec(STUDENT, { id }, fx.viewer);
    const ent = await sg.exec(entitiesQuery('... on Student { id givenName }'), studentReps([id]), fx.viewer);
    const list = await sg.exec(PARTICIPANTS, { r: [{ __typename: 'Organization', id: fx.orgId }] }, fx.viewer);
    return {
      byId: one.data?.student ? 'read' : errorCodes(one).student,
      entities: ent.data?._entities?.[0] ? 'read' : errorCodes(ent)['_entities.0'],
      participants: list.data?._entities?.[0]?.programParticipants ? 'read' : errorCodes(list)['_entities.0.programParticipants'],
    };
  }
  const READ = { byId: 'read', entities: 'read', participants: 'read' };
  const DENIED = { byId: 'FORBIDDEN', entities: 'FORBIDDEN', participants: 'FORBIDDEN' };

  async function createAgreement(input: Record<string, unknown>) {
    const res = await partners.gql(`mutation($input: AgreementInput!) { createAgreement(input: $input) { id } }`, { input }, cec);
    expect(res.errors).toBeUndefined();
    return res.data.createAgreement.id as string;
  }
  async function revoke(agreementId: string) {
    const res = await partners.gql(
      `mutation($id: ID!) { revokeAgreement(id: $id, reason: "test") { revokedAt } }`,
      { id: agreementId },
      cec,
    );
    expect(res.errors).toBeUndefined();
  }

  beforeAll(async () => {
    resetClock();
    partners = await testing.startPartnersProcess();
    short = await testing.createTestSubgraph(students, { seed: true, partners, agreementTtlSeconds: 1 });
    long = await testing.createTestSubgraph(students, { seed: true, partners, agreementTtlSeconds: 60 });
    cec = await partners.token('cec_admin');
  });
  afterAll(async () => {
    setClock(() => NOW);
    await short?.close();
    await long?.close();
    await partners?.stop();
  });

  it('reads while the seeded agreement is in force; after its revocation, nothing within the TTL, on every path', async () => {
    expect(await reads(short)).toEqual(READ);
    await revoke(agreementOf(fx.orgId, new Date()));
    await sleep(1100);
    expect(await reads(short)).toEqual(DENIED);
    const res = await short.exec(STUDENT, { id }, fx.viewer);
    expect(res.errors?.[0].message).toMatch(/data-sharing agreement/);
  });

  it('an agreement without the STUDENT_DATA scope opens no student', async () => {
    const aggregatesOnly = await createAgreement({
      organizationId: fx.orgId,
      scopes: ['EVENT_AGGREGATES'],
      signatory: 'A Director',
      signedAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await sleep(1100);
    expect(await reads(short)).toEqual(DENIED);
    await revoke(aggregatesOnly);
  });

  it('an expired agreement stops counting at once, even while the cached answer is fresh', async () => {
    const expiresAt = Date.now() + 2500;
    await createAgreement({
      organizationId: fx.orgId,
      scopes: ['STUDENT_DATA'],
      recordKinds: ['ATTENDANCE'],
      signatory: 'A Director',
      signedAt: new Date().toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    });
    await sleep(1100);
    expect(await reads(long)).toEqual(READ); // cached now for 60 s
    await sleep(Math.max(0, expiresAt - Date.now()) + 100);
    expect(await reads(long)).toEqual(DENIED);
  });

  it('fails closed when partners cannot be reached', async () => {
    const dead = { ...partners, url: `http://127.0.0.1:${await testing.freePort()}/graphql` };
    const sg = await testing.createTestSubgraph(students, { seed: true, partners: dead });
    try {
      const other = partnerFixture(); // same organisation, a fresh cache: nothing known
      const res = await sg.exec(STUDENT, { id: other.cases.active.studentId }, other.viewer);
      expect(errorCodes(res)).toEqual({ student: 'FORBIDDEN' });
    } finally {
      await sg.close();
    }
  });

  it('opens the record fields of the record kinds the agreement covers, and no others', () => {
    const agreement = (recordKinds: string[]): ActiveAgreement => ({
      id: 'a',
      scopes: ['STUDENT_DATA'],
      recordKinds,
      effectiveFrom: new Date(0),
      expiresAt: null,
    });
    expect([...partnerFieldsUnder(agreement([]))].sort()).toEqual([...PARTNER_STUDENT_FIELDS].sort());
    const attendance = partnerFieldsUnder(agreement(['ATTENDANCE']));
    expect(attendance.has('studentSchoolAttendanceEvents')).toBe(true);
    expect(attendance.has('courseTranscripts') || attendance.has('studentAssessments') || attendance.has('disciplineIncidents')).toBe(
      false,
    );
    expect(
      [...partnerFieldsUnder(agreement(['ATTENDANCE', 'BEHAVIOUR', 'COURSES', 'ASSESSMENTS']))]
        .filter((f) => !PARTNER_STUDENT_FIELDS.has(f))
        .sort(),
    ).toEqual([
      'attendanceCalendar',
      'attendanceSummary',
      'attendanceTrend',
      'attendanceWeek',
      'classes',
      'courseTranscripts',
      'disciplineIncidents',
      'earlyWarning',
      'enrollmentHistory',
      'studentAssessments',
      'studentSchoolAttendanceEvents',
    ]);
  });
});
