import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { partners, Staff } from '@c2c/partners';

const u = demo.demoUniverse();
const org = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const other = u.organizations.find((o) => o.slug === 'neighborhood-food-partners')!;
const LIST = `query($org: ID, $active: Boolean) { staffMembers(organizationId: $org, active: $active, first: 100) { totalCount edges { node { id organizationId name email roles active } } } }`;
const CREATE = `mutation($input: StaffInput!) { createStaff(input: $input) { id name email roles organizationId subject active } }`;
const UPDATE = `mutation($id: ID!, $input: StaffInput!) { updateStaff(id: $id, input: $input) { id active roles } }`;

describe('partners subgraph: staff', () => {
  let sg: testing.TestSubgraph;
  const cec = testing.viewerFor('cec_admin');
  const own = testing.viewerFor('partner_staff', org.id);
  const count = () => sg.em().count(Staff, {});
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  const input = (over: Record<string, unknown> = {}) => ({
    name: 'Rosa Diaz',
    email: 'rosa.diaz@robotics.example.org',
    organizationId: org.id,
    roles: ['partner_staff'],
    subject: 'idp|rosa',
    ...over,
  });

  it('lists every organisation’s staff to hub operators, active and inactive', async () => {
    const res = await sg.exec(LIST, {}, cec);
    expect(res.errors).toBeUndefined();
    expect(res.data!.staffMembers.totalCount).toBe(u.staff.length);
    const inactive = await sg.exec(LIST, { active: false }, cec);
    expect(inactive.data!.staffMembers.totalCount).toBe(u.staff.filter((s) => !s.active).length);
    expect(inactive.data!.staffMembers.totalCount).toBeGreaterThan(0);
  });

  it('lists to partner staff their own organisation’s staff only, and refuses another’s', async () => {
    const res = await sg.exec(LIST, {}, own);
    expect(res.errors).toBeUndefined();
    expect(res.data!.staffMembers.edges.map((e: any) => e.node.id).sort()).toEqual(
      u.staff
        .filter((s) => s.organizationId === org.id)
        .map((s) => s.id)
        .sort(),
    );
    const theirs = await sg.exec(LIST, { org: other.id }, own);
    expect(theirs.data).toEqual({ staffMembers: null });
    expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ...(['district_sis', 'district_admin', 'evaluator', 'embed'] as Role[]).map(
      (r) => [r, testing.viewerFor(r), 'FORBIDDEN'] as [string, Viewer, string],
    ),
  ] as [string, Viewer, string][])('refuses %s the list', async (_r, viewer, code) => {
    const res = await sg.exec(LIST, {}, viewer);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  });

  it('matches a token to its staff record by subject (viewerStaff)', async () => {
    const person = u.staff.find((s) => s.organizationId === org.id)!;
    const res = await sg.exec(`{ viewerStaff { id name roles organizationId } }`, {}, { ...own, sub: person.subject });
    expect(res.errors).toBeUndefined();
    expect(res.data!.viewerStaff).toEqual({ id: person.id, name: person.name, roles: person.roles, organizationId: org.id });
    const nobody = await sg.exec(`{ viewerStaff { id } }`, {}, { ...own, sub: 'idp|unknown' });
    expect(nobody).toEqual({ data: { viewerStaff: null } });
    // An API client is no person: refused, as is an anonymous caller.
    expect((await sg.exec(`{ viewerStaff { id } }`, {}, testing.viewerFor('embed'))).errors?.map((e) => e.extensions?.code)).toEqual([
      'FORBIDDEN',
    ]);
    expect((await sg.exec(`{ viewerStaff { id } }`, {}, testing.ANONYMOUS)).errors?.map((e) => e.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
  });

  it.each([
    ['partner_staff', testing.viewerFor('partner_staff', org.id), 'FORBIDDEN'],
    ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
    ['evaluator', testing.viewerFor('evaluator'), 'FORBIDDEN'],
    ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ] as [string, Viewer, string][])('refuses %s creating or changing staff, saving nothing', async (_r, viewer, code) => {
    const before = await count();
    expect(
      (await sg.exec(CREATE, { input: input({ email: 'x@y.org', subject: null }) }, viewer)).errors?.map((e) => e.extensions?.code),
    ).toEqual([code]);
    expect(
      (await sg.exec(UPDATE, { id: u.staff[0].id, input: input({ subject: null }) }, viewer)).errors?.map((e) => e.extensions?.code),
    ).toEqual([code]);
    expect(await count()).toBe(before);
  });

  it.each([
    ['an unknown role', { roles: ['partner_staff', 'superuser'] }, 'input.roles', 'BAD_USER_INPUT'],
    ['the embed role', { roles: ['embed'] }, 'input.roles', 'BAD_USER_INPUT'],
    ['no role', { roles: [] }, 'input.roles', 'BAD_USER_INPUT'],
    ['a bad email', { email: 'not-an-email' }, 'input.email', 'BAD_USER_INPUT'],
    ['a blank name', { name: ' ' }, 'input.name', 'BAD_USER_INPUT'],
    ['partner staff without an organisation', { organizationId: null }, 'input.organizationId', 'BAD_USER_INPUT'],
    ['an unknown organisation', { organizationId: '00000000-0000-4000-8000-000000000000' }, 'input.organizationId', 'BAD_USER_INPUT'],
    ['a duplicate email', { email: u.staff[3].email.toUpperCase() }, 'input.email', 'CONFLICT'],
    ['a duplicate subject', { subject: u.staff[3].subject }, 'input.subject', 'CONFLICT'],
  ])('refuses %s, saving nothing', async (_why, over, field, code) => {
    const before = await count();
    const res = await sg.exec(CREATE, { input: input(over) }, cec);
    expect(res.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code, field })]);
    expect(await count()).toBe(before);
  });

  it('creates staff (email stored lower-case) and deactivates them', async () => {
    const res = await sg.exec(CREATE, { input: input({ email: 'Rosa.Diaz@Robotics.example.org' }) }, cec);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createStaff).toMatchObject({ email: 'rosa.diaz@robotics.example.org', active: true, organizationId: org.id });
    const off = await sg.exec(UPDATE, { id: res.data!.createStaff.id, input: input({ active: false }) }, cec);
    expect(off.errors).toBeUndefined();
    expect(off.data!.updateStaff).toMatchObject({ active: false, roles: ['partner_staff'] });
    const hub = await sg.exec(
      CREATE,
      { input: input({ email: 'ops@hub.example.org', organizationId: null, roles: ['cec_admin'], subject: null }) },
      cec,
    );
    expect(hub.errors).toBeUndefined();
  });
});
