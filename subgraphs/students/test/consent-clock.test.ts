import { type HubContext, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { setClock, Student, students } from '@c2c/students';
import type { GraphQLObjectType } from 'graphql';
import { ProgramParticipation } from '../src/program-participation.entity';
import { caseOf, errorCodes, NOW, partnerFixture } from './fixtures';

/** Access changes with time alone and with the current consent row; nothing outlives a request. */
describe('students subgraph: consent over time', () => {
  let sg: testing.TestSubgraph;
  // The real partners service answers which data-sharing agreements are in force.
  let partners: testing.PartnersProcess;
  const fx = partnerFixture();
  const u = demo.demoUniverse();
  const at = (iso: string) => setClock(() => new Date(iso));
  const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
  });
  afterEach(() => setClock(() => NOW));
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  async function readable(p: demo.DemoParticipation) {
    const viewer = testing.viewerFor('partner_staff', p.organizationId);
    const res = await sg.exec(`query($id: ID!) { student(id: $id) { id givenName } }`, { id: p.studentId }, viewer);
    if (res.data?.student) return true;
    expect(errorCodes(res)).toEqual({ student: 'FORBIDDEN' });
    return false;
  }

  async function consentActive(p: demo.DemoParticipation) {
    const res = await sg.exec(
      `query($id: ID!) { student(id: $id) { programParticipations { id consentActive } } }`,
      { id: p.studentId },
      testing.viewerFor('district_admin'),
    );
    return res.data!.student.programParticipations.find((x: any) => x.id === p.id).consentActive as boolean;
  }

  it('opens on the first day of participation, not the day before', async () => {
    const p = u.participations.find((x) => caseOf(x) === 'active' && x.startDate > x.consentGivenAt!.slice(0, 10))!;
    expect(p).toBeDefined();
    at(shift(`${p.startDate}T00:00:00.000Z`, -1));
    expect(await readable(p)).toBe(false);
    at(`${p.startDate}T00:00:00.000Z`);
    expect(await readable(p)).toBe(true);
  });

  it('does not open before consent is given, even once the participation has started', async () => {
    const p = u.participations.find((x) => caseOf(x) === 'active' && x.startDate === x.consentGivenAt!.slice(0, 10))!;
    expect(p).toBeDefined();
    at(shift(p.consentGivenAt!, -1000));
    expect(await readable(p)).toBe(false);
    expect(await consentActive(p)).toBe(false);
    at(p.consentGivenAt!);
    expect(await readable(p)).toBe(true);
    expect(await consentActive(p)).toBe(true);
  });

  it('closes the moment consent expires', async () => {
    const p = fx.cases.active.participation!;
    at(shift(p.consentExpiresAt!, -1000));
    expect(await readable(p)).toBe(true);
    expect(await consentActive(p)).toBe(true);
    at(p.consentExpiresAt!);
    expect(await readable(p)).toBe(false);
    expect(await consentActive(p)).toBe(false);
  });

  it('stays open through the last day of participation and closes the day after', async () => {
    const p = fx.cases.ended.participation!;
    at(`${p.endDate}T23:59:59.000Z`);
    expect(await readable(p)).toBe(true);
    at(shift(`${p.endDate}T23:59:59.000Z`, 1000));
    expect(await readable(p)).toBe(false);
  });

  it('never opens on a revoked consent, whatever the clock says', async () => {
    const p = fx.cases.revoked.participation!;
    at(shift(p.consentRevokedAt!, -86_400_000));
    expect(await readable(p)).toBe(false);
    expect(await consentActive(p)).toBe(false);
  });

  it('applies a revocation to the next request: no access decision is cached across requests', async () => {
    const p = fx.cases.active.participation!;
    expect(await readable(p)).toBe(true);
    await sg.em().nativeUpdate(ProgramParticipation, { id: p.id }, { consentRevokedAt: NOW });
    try {
      expect(await readable(p)).toBe(false);
    } finally {
      await sg.em().nativeUpdate(ProgramParticipation, { id: p.id }, { consentRevokedAt: null });
    }
    expect(await readable(p)).toBe(true);
  });

  describe('the Student field rule, on its own', () => {
    // Called the way graphql-js calls it, with a Student row that no query resolver checked:
    // proves the fields stay closed whatever path hands a student out.
    // The harness's context: the caller's token and the agreement client, as the server builds it.
    const context = (viewer: Viewer): Promise<HubContext> => sg.context(viewer);
    const givenName = () => (sg.schema.getType('Student') as GraphQLObjectType).getFields().givenName;

    it('refuses a field of a student the partner has no consent for', async () => {
      for (const c of ['none', 'expired', 'revoked', 'ended', 'otherOrg'] as const) {
        const row = await sg.em().findOneOrFail(Student, { id: fx.cases[c].studentId });
        const ctx = await context(fx.viewer);
        const value = await givenName().resolve!(row, {}, ctx, { fieldName: 'givenName' } as any);
        expect([c, value]).toMatchObject([c, { extensions: { code: 'FORBIDDEN' } }]);
        expect(ctx.after).toHaveLength(0);
      }
    });

    it('serves the field of a consented student and queues its disclosure', async () => {
      const row = await sg.em().findOneOrFail(Student, { id: fx.cases.active.studentId });
      const ctx = await context(fx.viewer);
      expect(await givenName().resolve!(row, {}, ctx, { fieldName: 'givenName' } as any)).toBe(row.givenName);
      expect(ctx.after).toHaveLength(1);
    });
  });
});
