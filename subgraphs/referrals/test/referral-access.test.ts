import { buildSubgraph, createLogger, Loaders, type HubContext, type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { graphql } from 'graphql';
import { referralById } from '../src/referral.loaders';
import { bystanderOf, codesOf, OTHER_ROLES, staffOf, universe } from './fixtures';

const FIELDS = `id reason status statusReason createdAt updatedAt
  fromOrganization { id } toOrganization { id } service { id } student { id }
  familyContact { name phone email }
  history { fromStatus toStatus changedBy changedByOrganization { id } note changedAt }`;
const ONE = `query($id: ID!) { referral(id: $id) { ${FIELDS} } }`;
const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { ${FIELDS} } } }`;

const refs = (...ids: string[]) => ids.map((id) => ({ __typename: 'Referral', id }));

describe('referrals subgraph: who may read a referral', () => {
  let sg: testing.TestSubgraph;
  // A completed referral about a student, and a declined one about a family: both have two history rows.
  const aboutStudent = universe.referrals.find((r) => r.status === 'COMPLETED' && r.studentId)!;
  const aboutFamily = universe.referrals.find((r) => r.status === 'DECLINED' && !r.studentId)!;
  const someoneElses = universe.referrals.find((r) => ![r.fromOrganizationId, r.toOrganizationId].includes(aboutStudent.toOrganizationId))!;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(referrals, { seed: true });
  });
  afterAll(() => sg.close());

  it.each([
    ['receiving', aboutStudent.toOrganizationId],
    ['referring', aboutStudent.fromOrganizationId],
  ])('shows the whole referral to staff of the %s organisation', async (_side, orgId) => {
    const res = await sg.exec(ONE, { id: aboutStudent.id }, staffOf(orgId));
    expect(res.errors).toBeUndefined();
    expect(res.data.referral).toEqual({
      id: aboutStudent.id,
      reason: aboutStudent.reason,
      status: 'COMPLETED',
      statusReason: expect.any(String),
      createdAt: aboutStudent.createdAt,
      updatedAt: aboutStudent.updatedAt,
      fromOrganization: { id: aboutStudent.fromOrganizationId },
      toOrganization: { id: aboutStudent.toOrganizationId },
      service: { id: aboutStudent.serviceId },
      student: { id: aboutStudent.studentId },
      familyContact: null,
      history: [
        {
          fromStatus: null,
          toStatus: 'SENT',
          changedBy: 'demo-seed',
          changedByOrganization: { id: aboutStudent.fromOrganizationId },
          note: null,
          changedAt: aboutStudent.createdAt,
        },
        {
          fromStatus: 'SENT',
          toStatus: 'COMPLETED',
          changedBy: 'demo-seed',
          changedByOrganization: { id: aboutStudent.toOrganizationId },
          note: res.data.referral.statusReason,
          changedAt: aboutStudent.updatedAt,
        },
      ],
    });
  });

  it('carries the family contact, and no student, for a referral about a family', async () => {
    const res = await sg.exec(ONE, { id: aboutFamily.id }, staffOf(aboutFamily.toOrganizationId));
    expect(res.errors).toBeUndefined();
    expect(res.data.referral).toMatchObject({
      student: null,
      familyContact: { name: aboutFamily.familyContactName, phone: aboutFamily.familyContactPhone, email: null },
      status: 'DECLINED',
      statusReason: expect.stringMatching(/\S/),
    });
  });

  it('tells staff of any other organisation NOT_FOUND, as for an unknown id, with no field values', async () => {
    const res = await sg.exec(ONE, { id: aboutStudent.id }, staffOf(bystanderOf(aboutStudent)));
    const unknown = await sg.exec(ONE, { id: '00000000-0000-4000-8000-000000000000' }, staffOf(bystanderOf(aboutStudent)));
    expect(res.data).toEqual({ referral: null });
    expect(codesOf(res)).toEqual(['NOT_FOUND']);
    expect(res.errors![0].message.replace(aboutStudent.id, 'ID')).toBe(
      unknown.errors![0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
    );
    expect(JSON.stringify(res)).not.toContain(aboutStudent.reason);
  });

  it.each(OTHER_ROLES)('refuses %s, whatever organisation the token names', async (role) => {
    const res = await sg.exec(ONE, { id: aboutStudent.id }, testing.viewerFor(role, aboutStudent.toOrganizationId));
    expect(res.data).toEqual({ referral: null });
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
  });

  it('asks anonymous callers to authenticate', async () => {
    const res = await sg.exec(ONE, { id: aboutStudent.id });
    expect(res.data).toEqual({ referral: null });
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers NOT_FOUND for an unknown id and for one that is not a uuid', async () => {
    const viewer = staffOf(aboutStudent.toOrganizationId);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await sg.exec(ONE, { id }, viewer);
      expect(res.data).toEqual({ referral: null });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', id });
    }
  });

  it('_entities resolves a party’s referrals and refuses the rest, row by row, someone else’s exactly like one that does not exist', async () => {
    const viewer = staffOf(aboutStudent.toOrganizationId);
    const res = await sg.exec(
      ENTITIES,
      { r: refs(aboutStudent.id, someoneElses.id, '00000000-0000-4000-8000-000000000000', 'nope') },
      viewer,
    );
    expect(res.data!._entities).toHaveLength(4);
    expect(res.data!._entities[0]).toMatchObject({
      id: aboutStudent.id,
      reason: aboutStudent.reason,
      student: { id: aboutStudent.studentId },
    });
    expect(res.data!._entities.slice(1)).toEqual([null, null, null]);
    expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([
      ['NOT_FOUND', '_entities.1'],
      ['NOT_FOUND', '_entities.2'],
      ['NOT_FOUND', '_entities.3'],
    ]);
    // The answer for someone else's referral is the answer for an id nobody has.
    const [theirs, nobodys] = res
      .errors!.slice(0, 2)
      .map((e) => e.message.replace(someoneElses.id, '<id>').replace('00000000-0000-4000-8000-000000000000', '<id>'));
    expect(theirs).toBe(nobodys);
    // The id echoed is the caller's own; nothing of the row comes back.
    expect(JSON.stringify(res)).not.toContain(someoneElses.reason);
  });

  it.each([
    ...OTHER_ROLES.map((role) => [role, testing.viewerFor(role, aboutStudent.toOrganizationId)] as [string, Viewer]),
    ['anonymous', testing.ANONYMOUS] as [string, Viewer],
  ])('_entities discloses nothing to %s', async (name, viewer) => {
    const res = await sg.exec(ENTITIES, { r: refs(aboutStudent.id, aboutFamily.id) }, viewer);
    expect(res.data!._entities).toEqual([null, null]);
    expect(codesOf(res)).toEqual(name === 'anonymous' ? ['UNAUTHENTICATED', 'UNAUTHENTICATED'] : ['NOT_FOUND', 'NOT_FOUND']);
  });

  it('guards every field on the node itself: a reference resolver that forgot its check still discloses nothing', async () => {
    // The same subgraph, but `_entities` hands over any row: only the Referral field rule is left.
    const careless = await buildSubgraph({
      ...referrals,
      referenceResolvers: {
        ...referrals.referenceResolvers,
        Referral: { __resolveReference: (ref: { id: string }, ctx: HubContext) => referralById(ctx).load(ref.id) },
      },
    });
    const run = async (viewer: Viewer) => {
      const contextValue: HubContext = {
        em: sg.em(),
        viewer,
        loaders: new Loaders(),
        requestId: 'careless',
        log: createLogger('test', 'silent'),
        after: [],
      };
      return graphql({ schema: careless.schema, source: ENTITIES, variableValues: { r: refs(aboutStudent.id) }, contextValue });
    };

    const party = await run(staffOf(aboutStudent.fromOrganizationId));
    expect(party.errors).toBeUndefined();
    expect((party.data as any)._entities[0].reason).toBe(aboutStudent.reason);

    const outsider = await run(staffOf(bystanderOf(aboutStudent)));
    expect((outsider.data as any)._entities).toEqual([null]);
    expect(outsider.errors!.length).toBeGreaterThan(0);
    expect(new Set(outsider.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(outsider.errors!.every((e) => e.path?.slice(0, 2).join('.') === '_entities.0')).toBe(true);
    expect(JSON.stringify(outsider)).not.toContain(aboutStudent.reason);
  });
});
