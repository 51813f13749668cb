import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { Organization, partners } from '@c2c/partners';

const u = demo.demoUniverse();
const org = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const other = u.organizations.find((o) => o.slug === 'neighborhood-food-partners')!;
const PRIVATE = ['legalName', 'contactName', 'contactEmail', 'contactPhone'];
const READ = `query($id: ID!) { organization(id: $id) { id name website legalName contactName contactEmail contactPhone } }`;
const UPDATE = `mutation($id: ID!, $input: OrganizationUpdateInput!) { updateOrganization(id: $id, input: $input) { id name website description legalName } }`;
const CREATE = `mutation($input: OrganizationUpdateInput!) { createOrganization(input: $input) { id name sector legalName } }`;

describe('partners subgraph: organisation profiles, private fields and management', () => {
  let sg: testing.TestSubgraph;
  const cec = testing.viewerFor('cec_admin');
  const own = testing.viewerFor('partner_staff', org.id);
  const snapshot = async () => JSON.stringify(await sg.em().find(Organization, {}, { orderBy: { id: 'asc' } }));
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  it.each([
    ['cec_admin', cec],
    ['its own staff', own],
  ] as [string, Viewer][])('shows the private fields to %s', async (_w, viewer) => {
    const res = await sg.exec(READ, { id: org.id }, viewer);
    expect(res.errors).toBeUndefined();
    expect(res.data!.organization).toMatchObject({
      name: org.name,
      legalName: `${org.name}, Inc.`,
      contactEmail: u.staff.find((s) => s.organizationId === org.id)!.email,
    });
  });

  it.each([
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ['another organisation’s staff', testing.viewerFor('partner_staff', other.id), 'FORBIDDEN'],
    ...(['district_admin', 'district_sis', 'evaluator', 'embed'] as Role[]).map(
      (r) => [r, testing.viewerFor(r), 'FORBIDDEN'] as [string, Viewer, string],
    ),
  ] as [string, Viewer, string][])('shows %s the public profile and nulls each private field with an error', async (_w, viewer, code) => {
    const res = await sg.exec(READ, { id: org.id }, viewer);
    expect(res.data!.organization).toEqual({
      id: org.id,
      name: org.name,
      website: org.website,
      ...Object.fromEntries(PRIVATE.map((f) => [f, null])),
    });
    expect(Object.fromEntries((res.errors ?? []).map((e) => [e.path!.join('.'), e.extensions?.code]))).toEqual(
      Object.fromEntries(PRIVATE.map((f) => [`organization.${f}`, code])),
    );
  });

  it('lets an organisation’s staff edit its public profile', async () => {
    const res = await sg.exec(
      UPDATE,
      { id: org.id, input: { description: 'Robots after school, every weekday.', website: 'https://robotics.example.org' } },
      own,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateOrganization).toMatchObject({
      description: 'Robots after school, every weekday.',
      website: 'https://robotics.example.org',
      name: org.name,
    });
  });

  it.each([
    ['another organisation’s staff editing it', testing.viewerFor('partner_staff', other.id), { description: 'hijacked' }, 'FORBIDDEN'],
    ['its own staff changing a private field', own, { legalName: 'Robots LLC' }, 'FORBIDDEN'],
    ['its own staff changing the sector', own, { sector: 'FUNDER' }, 'FORBIDDEN'],
    ['a district administrator', testing.viewerFor('district_admin'), { description: 'x' }, 'FORBIDDEN'],
    ['an embed client', testing.viewerFor('embed'), { description: 'x' }, 'FORBIDDEN'],
    ['an anonymous caller', testing.ANONYMOUS, { description: 'x' }, 'UNAUTHENTICATED'],
    ['a duplicate name (case-insensitive)', cec, { name: other.name.toUpperCase() }, 'CONFLICT'],
    ['a bad website', cec, { website: 'robotics dot org' }, 'BAD_USER_INPUT'],
    ['a bad ZIP code', own, { zip: '4820' }, 'BAD_USER_INPUT'],
    ['a blank name', own, { name: '  ' }, 'BAD_USER_INPUT'],
  ] as [string, Viewer, Record<string, unknown>, string][])('refuses %s, saving nothing', async (_why, viewer, input, code) => {
    const before = await snapshot();
    const res = await sg.exec(UPDATE, { id: org.id, input }, viewer);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
    if (code === 'BAD_USER_INPUT' || code === 'CONFLICT') expect(res.errors![0].extensions!.field).toBe(`input.${Object.keys(input)[0]}`);
    expect(await snapshot()).toBe(before);
  });

  it('lets hub operators create organisations and change private fields; duplicates are a CONFLICT', async () => {
    const res = await sg.exec(
      CREATE,
      {
        input: { name: 'Eastside Tutoring Collective', sector: 'COMMUNITY_ORGANIZATION', legalName: 'Eastside Tutoring Collective, Inc.' },
      },
      cec,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOrganization).toMatchObject({
      name: 'Eastside Tutoring Collective',
      sector: 'COMMUNITY_ORGANIZATION',
      legalName: 'Eastside Tutoring Collective, Inc.',
    });
    const dup = await sg.exec(CREATE, { input: { name: 'eastside tutoring collective', sector: 'FUNDER' } }, cec);
    expect(dup.errors?.map((e) => e.extensions)).toEqual([expect.objectContaining({ code: 'CONFLICT', field: 'input.name' })]);
    const noSector = await sg.exec(CREATE, { input: { name: 'No Sector Org' } }, cec);
    expect(noSector.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sector' });
    for (const viewer of [own, testing.viewerFor('district_admin')]) {
      expect((await sg.exec(CREATE, { input: { name: 'Sneaky Org', sector: 'FUNDER' } }, viewer)).errors?.[0].extensions?.code).toBe(
        'FORBIDDEN',
      );
    }
    const priv = await sg.exec(UPDATE, { id: org.id, input: { legalName: 'Robotics for All Foundation' } }, cec);
    expect(priv.data!.updateOrganization.legalName).toBe('Robotics for All Foundation');
  });
});
