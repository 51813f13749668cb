import { createLogger, Loaders, type HubContext, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { setClock, students } from '@c2c/students';
import { participationsByOrganization } from '../src/student.loaders';
import { caseOf, entitiesQuery, NOW, studentReps } from './fixtures';

/** Statement counts: the access check is one statement per batch, whatever the batch size. */
describe('students subgraph: batching', () => {
  let sg: testing.TestSubgraph;
  // The real partners service answers which data-sharing agreements are in force.
  let partners: testing.PartnersProcess;
  const u = demo.demoUniverse();
  // An organisation with at least 20 active, consented participants.
  const byOrg = new Map<string, string[]>();
  for (const p of u.participations)
    if (caseOf(p) === 'active') byOrg.set(p.organizationId, [...(byOrg.get(p.organizationId) ?? []), p.studentId]);
  const [orgId, consented] = [...byOrg].find(([, ids]) => ids.length >= 20)!;
  const partner = testing.viewerFor('partner_staff', orgId);
  const refused = u.students
    .filter((s) => !u.participations.some((p) => p.organizationId === orgId && p.studentId === s.id))
    .map((s) => s.id);

  beforeAll(async () => {
    setClock(() => NOW);
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(students, { seed: true, partners });
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  /** Each statement as "<verb> <table>", e.g. "select student", for exact comparisons. */
  const tables = () =>
    sg.statements.statements.map((sql) => {
      const verb = /^\s*(\w+)/.exec(sql)![1].toLowerCase();
      const table = /\b(?:from|into|update)\s+[`"](\w+)[`"]/i.exec(sql)?.[1];
      return `${verb} ${table}`;
    });

  async function run(query: string, variables: Record<string, unknown>, viewer: Viewer) {
    sg.statements.reset();
    const res = await sg.exec(query, variables, viewer);
    return { res, statements: tables() };
  }

  const fields = '... on Student { id givenName familyName grade school { id } programParticipations { id } }';

  it('checks access for 20 students sent as _entities in one statement, and reads them in one more', async () => {
    const { res, statements } = await run(entitiesQuery(fields), studentReps(consented.slice(0, 20)), partner);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((s: any) => s.id)).toEqual(consented.slice(0, 20));
    expect(statements.filter((s) => s === 'select program_participation')).toHaveLength(1);
    expect(statements.sort()).toEqual(['insert disclosure', 'select program_participation', 'select student']);
  });

  it('keeps the statement count constant as the batch grows, refused students included', async () => {
    const counts: number[] = [];
    for (const n of [1, 5, 20]) {
      const ids = [...consented.slice(0, n), ...refused.slice(0, n)];
      const { res, statements } = await run(entitiesQuery(fields), studentReps(ids), partner);
      expect(res.data!._entities.filter((s: any) => s !== null)).toHaveLength(n);
      expect(res.errors).toHaveLength(n);
      expect(statements.filter((s) => s === 'select program_participation')).toHaveLength(1);
      counts.push(statements.length);
    }
    expect(new Set(counts)).toEqual(new Set([3]));
  });

  it('re-checks every field of the same student through the request’s cached loader, not new statements', async () => {
    const id = consented[0];
    const { res, statements } = await run(
      `query($id: ID!, $r: [_Any!]!) { a: student(id: $id) { givenName } b: student(id: $id) { familyName } _entities(representations: $r) { ... on Student { grade } } }`,
      { id, ...studentReps([id]) },
      partner,
    );
    expect(res.errors).toBeUndefined();
    expect(statements.sort()).toEqual(['insert disclosure', 'select program_participation', 'select student']);
  });

  it('reads any number of students for the district in constant statements, with no access query', async () => {
    const counts: number[] = [];
    for (const n of [5, 20, 60]) {
      const { res, statements } = await run(
        entitiesQuery('... on Student { id birthDate enrollments { grade } programParticipations { id } }'),
        studentReps(u.students.slice(0, n).map((s) => s.id)),
        testing.viewerFor('district_admin'),
      );
      expect(res.errors).toBeUndefined();
      expect(statements.sort()).toEqual(['select enrollment', 'select program_participation', 'select student']);
      counts.push(statements.length);
    }
    expect(new Set(counts)).toEqual(new Set([3]));
  });

  it('lists programme participants with their students in constant statements as the page grows', async () => {
    const counts: number[] = [];
    for (const first of [2, 10, 20]) {
      const { res, statements } = await run(
        entitiesQuery(`... on Organization { programParticipants(first: ${first}) { edges { node { id student { givenName } } } } }`),
        { r: [{ __typename: 'Organization', id: orgId }] },
        partner,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities[0].programParticipants.edges).toHaveLength(first);
      counts.push(statements.length);
    }
    // Participations of the organisation, their students, the access check, the disclosure insert.
    expect(counts).toEqual([4, 4, 4]);
  });

  it('loads many organisations’ participations in one statement', async () => {
    const orgs = [...byOrg.keys()].slice(0, 4);
    const ctx: HubContext = {
      em: sg.em(),
      viewer: partner,
      loaders: new Loaders(),
      requestId: 'batch',
      log: createLogger('students', 'silent'),
      after: [],
    };
    sg.statements.reset();
    const lists = await Promise.all(orgs.map((o) => participationsByOrganization(ctx).load(o)));
    expect(sg.statements.count).toBe(1);
    orgs.forEach((o, i) => {
      expect(lists[i].map((p) => p.id).sort()).toEqual(
        u.participations
          .filter((p) => p.organizationId === o)
          .map((p) => p.id)
          .sort(),
      );
    });
  });
});
