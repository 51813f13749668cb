import { type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { Disclosure, setClock, students } from '@c2c/students';
import { agreementOf, caseOf, entitiesQuery, errorCodes, namedViewer, NOW, partnerFixture, studentReps } from './fixtures';

// The real partners service answers which data-sharing agreements are in force (one process for the file).
let partners: testing.PartnersProcess;
beforeAll(async () => {
  partners = await testing.startPartnersProcess();
});
afterAll(() => partners?.stop());

/** DESIGN.md: every read of a student's education records by someone outside the district is logged. */
describe('students subgraph: disclosure audit log', () => {
  let sg: testing.TestSubgraph;
  const fx = partnerFixture();
  const u = demo.demoUniverse();
  const activeOfOrg = u.participations.filter((p) => p.organizationId === fx.orgId && caseOf(p) === 'active');

  beforeAll(async () => {
    setClock(() => NOW);
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
  });
  afterAll(() => sg.close());

  const rowsOf = (sub: string) => sg.em().find(Disclosure, { viewerSub: sub }, { orderBy: { studentId: 'asc' } });
  const inserts = () => sg.statements.statements.filter((s) => /^insert into .disclosure./i.test(s));

  it('writes one row for a partner’s read: who, which student, which fields, under which participation, when', async () => {
    const viewer = namedViewer(fx.viewer, 'partner-ada');
    const p = fx.cases.active.participation!;
    const res = await sg.exec(`query($id: ID!) { student(id: $id) { id givenName grade school { id } } }`, { id: p.studentId }, viewer);
    expect(res.errors).toBeUndefined();
    const rows = await rowsOf('partner-ada');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      viewerSub: 'partner-ada',
      viewerOrganizationId: fx.orgId,
      viewerRoles: ['partner_staff'],
      studentId: p.studentId,
      // The key the partner asked with is not an education record; the rest is.
      fields: ['givenName', 'grade', 'school'],
      basis: `participation:${p.id} agreement:${agreementOf(fx.orgId)}`,
    });
    expect(rows[0].createdAt.toISOString()).toBe(NOW.toISOString());
    expect(rows[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('writes one row per student per request in a single insert, merging the fields read across the request', async () => {
    const viewer = namedViewer(fx.viewer, 'partner-ben');
    const chosen = activeOfOrg.slice(0, 6);
    sg.statements.reset();
    // The same students reached twice in one request, with different fields each time.
    const res = await sg.exec(
      `query($r: [_Any!]!) {
        a: _entities(representations: $r) { ... on Student { givenName } }
        b: _entities(representations: $r) { ... on Student { familyName programParticipations { id } } }
      }`,
      studentReps(chosen.map((p) => p.studentId)),
      viewer,
    );
    expect(res.errors).toBeUndefined();
    expect(inserts()).toHaveLength(1);
    const rows = await rowsOf('partner-ben');
    expect(rows.map((r) => r.studentId)).toEqual(chosen.map((p) => p.studentId).sort());
    for (const row of rows) {
      expect(row.fields).toEqual(['familyName', 'givenName', 'programParticipations']);
      expect(row.basis).toBe(`participation:${chosen.find((p) => p.studentId === row.studentId)!.id} agreement:${agreementOf(fx.orgId)}`);
    }
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(1);
  });

  it('logs a partner’s read of students reached through its programme participants', async () => {
    const viewer = namedViewer(fx.viewer, 'partner-cy');
    const res = await sg.exec(
      entitiesQuery('... on Organization { programParticipants(first: 3) { edges { node { student { id grade } } } } }'),
      { r: [{ __typename: 'Organization', id: fx.orgId }] },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    const read = res.data!._entities[0].programParticipants.edges.map((e: any) => e.node.student.id).sort();
    const rows = await rowsOf('partner-cy');
    expect(rows.map((r) => r.studentId)).toEqual(read);
    expect(rows.every((r) => r.fields.join() === 'grade')).toBe(true);
  });

  it('logs only what was served: not a refused student, not a district-only field', async () => {
    const viewer = namedViewer(fx.viewer, 'partner-dee');
    const ids = [fx.cases.active.studentId, fx.cases.revoked.studentId, fx.cases.otherOrg.studentId];
    const res = await sg.exec(
      entitiesQuery('... on Student { givenName birthDate sourcedId enrollments { grade } }'),
      studentReps(ids),
      viewer,
    );
    expect(res.data!._entities[0].givenName).toBeTruthy();
    expect(errorCodes(res)).toMatchObject({ '_entities.0.birthDate': 'FORBIDDEN', '_entities.1': 'FORBIDDEN', '_entities.2': 'FORBIDDEN' });
    const rows = await rowsOf('partner-dee');
    expect(rows.map((r) => [r.studentId, r.fields])).toEqual([[fx.cases.active.studentId, ['givenName']]]);
  });

  it('writes nothing when a partner reads only keys or is refused everything', async () => {
    const viewer = namedViewer(fx.viewer, 'partner-eve');
    sg.statements.reset();
    await sg.exec(entitiesQuery('... on Student { id }'), studentReps([fx.cases.active.studentId]), viewer);
    await sg.exec(`query($id: ID!) { student(id: $id) { givenName } }`, { id: fx.cases.expired.studentId }, viewer);
    expect(inserts()).toHaveLength(0);
    expect(await rowsOf('partner-eve')).toHaveLength(0);
  });

  it.each(['district_sis', 'district_admin'] as const)('does not log %s reads', async (role) => {
    const viewer = namedViewer(testing.viewerFor(role), `${role}-reader`);
    sg.statements.reset();
    const res = await sg.exec(
      `{ students(first: 10) { edges { node { givenName birthDate programParticipations { id } } } } }`,
      {},
      viewer,
    );
    expect(res.errors).toBeUndefined();
    const one = await sg.exec(`query($id: ID!) { student(id: $id) { givenName } }`, { id: fx.cases.active.studentId }, viewer);
    expect(one.errors).toBeUndefined();
    expect(inserts()).toHaveLength(0);
    expect(await rowsOf(`${role}-reader`)).toHaveLength(0);
  });

  describe('Query.disclosures', () => {
    const query = `query($s: ID, $first: Int) { disclosures(studentId: $s, first: $first) { totalCount edges { node { viewerSub viewerOrganizationId viewerRoles studentId fields basis createdAt } } } }`;

    it('shows district_admin the log of one student, newest first', async () => {
      const p = fx.cases.active.participation!;
      setClock(() => new Date(NOW.getTime() + 60_000));
      try {
        await sg.exec(`query($id: ID!) { student(id: $id) { familyName } }`, { id: p.studentId }, namedViewer(fx.viewer, 'partner-fay'));
      } finally {
        setClock(() => NOW);
      }
      const res = await sg.exec(query, { s: p.studentId, first: 50 }, testing.viewerFor('district_admin'));
      expect(res.errors).toBeUndefined();
      const stored = await sg.em().find(Disclosure, { studentId: p.studentId });
      const log = res.data!.disclosures;
      expect(log.totalCount).toBe(stored.length);
      expect(log.totalCount).toBeGreaterThanOrEqual(2);
      expect(log.edges.every((e: any) => e.node.studentId === p.studentId)).toBe(true);
      expect(log.edges[0].node).toEqual({
        viewerSub: 'partner-fay',
        viewerOrganizationId: fx.orgId,
        viewerRoles: ['partner_staff'],
        studentId: p.studentId,
        fields: ['familyName'],
        basis: `participation:${p.id} agreement:${agreementOf(fx.orgId)}`,
        createdAt: new Date(NOW.getTime() + 60_000).toISOString(),
      });
    });

    it.each([
      ['district_sis', testing.viewerFor('district_sis'), 'FORBIDDEN'],
      ['partner_staff', fx.viewer, 'FORBIDDEN'],
      ['cec_admin', testing.viewerFor('cec_admin'), 'FORBIDDEN'],
      ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ] as [string, Viewer, string][])('is refused to %s', async (_name, viewer, code) => {
      const res = await sg.exec(query, { s: null, first: 5 }, viewer);
      expect(res.data).toEqual({ disclosures: null });
      expect(errorCodes(res)).toEqual({ disclosures: code });
    });

    it('rejects a student id that is not an id', async () => {
      const res = await sg.exec(query, { s: 'STU-100001', first: 5 }, testing.viewerFor('district_admin'));
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'studentId' });
    });
  });
});

describe('students subgraph: a disclosure that cannot be audited does not happen', () => {
  it('withholds the data when the audit insert fails', async () => {
    setClock(() => NOW);
    const sg = await testing.createTestSubgraph(students, { seed: true, partners });
    try {
      const fx = partnerFixture();
      // Break the audit table on purpose: the insert after the operation will fail.
      await sg.em().getKnex().raw('drop table disclosure');
      const p = fx.cases.active.participation!;
      const res = await sg.exec(`query($id: ID!) { student(id: $id) { givenName } }`, { id: p.studentId }, fx.viewer);
      expect(res.data).toBeUndefined();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(JSON.stringify(res)).not.toContain(demo.demoUniverse().students.find((s) => s.id === p.studentId)!.givenName);
    } finally {
      await sg.close();
    }
  });
});
