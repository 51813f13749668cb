import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { Organization, partners } from '@c2c/partners';

const u = demo.demoUniverse();
const existing = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const UPSERT = `mutation($input: [OrganizationUpsertInput!]!) { upsertOrganizations(input: $input) { created updated unchanged failed records { index id outcome errors { code field message } } } }`;
const READ = `query($id: ID!) { organization(id: $id) { id name sector description website zip legalName } }`;
const NEW = 'a12f67e2-3869-50f7-b365-a2d4e65752b9';
const record = (over: Record<string, unknown> = {}) => ({
  id: NEW,
  name: 'Eastside Community Pantry',
  description: 'Food for families in South Los Angeles.',
  zip: '90011',
  website: 'https://eastside.example.org',
  ...over,
});

describe('partners subgraph: upserting organisations by their HSDS id', () => {
  let sg: testing.TestSubgraph;
  const cec = testing.viewerFor('cec_admin');
  const snapshot = async () => JSON.stringify(await sg.em().find(Organization, {}, { orderBy: { id: 'asc' } }));
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  const refused: [string, Viewer, string][] = [
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ...(['embed', 'evaluator', 'district_sis', 'district_admin'] as Role[]).map((r): [string, Viewer, string] => [
      r,
      testing.viewerFor(r),
      'FORBIDDEN',
    ]),
    ['partner_staff (even of that organisation)', testing.viewerFor('partner_staff', existing.id), 'FORBIDDEN'],
  ];
  it.each(refused)('refuses %s and writes nothing', async (_l, viewer, code) => {
    const before = await snapshot();
    const r = await sg.exec(
      UPSERT,
      { input: [record(), record({ id: existing.id, name: existing.name, description: 'Taken over' })] },
      viewer,
    );
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect(await snapshot()).toBe(before);
  });

  it('creates a new organisation with its own id, then updates, then leaves it unchanged', async () => {
    const first = await sg.exec(UPSERT, { input: [record()] }, cec);
    expect(first.errors).toBeUndefined();
    expect(first.data!.upsertOrganizations).toMatchObject({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    expect((await sg.exec(READ, { id: NEW }, cec)).data!.organization).toEqual({
      id: NEW,
      name: 'Eastside Community Pantry',
      sector: 'COMMUNITY_ORGANIZATION',
      description: 'Food for families in South Los Angeles.',
      website: 'https://eastside.example.org',
      zip: '90011',
      legalName: null,
    });
    const same = await sg.exec(UPSERT, { input: [record()] }, cec);
    expect(same.data!.upsertOrganizations).toMatchObject({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    const changed = await sg.exec(UPSERT, { input: [record({ description: 'Food and diapers.' })] }, cec);
    expect(changed.data!.upsertOrganizations).toMatchObject({ updated: 1 });
    expect((await sg.exec(READ, { id: NEW }, cec)).data!.organization.description).toBe('Food and diapers.');
  });

  it('replaces a known organisation’s public profile but never its sector or private fields', async () => {
    const before = (await sg.exec(READ, { id: existing.id }, cec)).data!.organization;
    const r = await sg.exec(UPSERT, { input: [{ id: existing.id, name: existing.name, description: 'As the 211 describes it.' }] }, cec);
    expect(r.data!.upsertOrganizations).toMatchObject({ updated: 1 });
    const after = (await sg.exec(READ, { id: existing.id }, cec)).data!.organization;
    expect(after).toMatchObject({ sector: before.sector, legalName: before.legalName, description: 'As the 211 describes it.' });
  });

  it('refuses each bad record alone, naming the field, and writes the good ones', async () => {
    const bad: [Record<string, unknown>, string, string][] = [
      [{ id: 'org-1' }, 'id', 'BAD_USER_INPUT'],
      [{ id: 'b0000000-0000-4000-8000-000000000001', name: ' ' }, 'name', 'BAD_USER_INPUT'],
      [{ id: 'b0000000-0000-4000-8000-000000000002', zip: '9001' }, 'zip', 'BAD_USER_INPUT'],
      [{ id: 'b0000000-0000-4000-8000-000000000003', website: 'eastside' }, 'website', 'BAD_USER_INPUT'],
      [{ id: 'b0000000-0000-4000-8000-000000000004', name: existing.name.toUpperCase() }, 'name', 'CONFLICT'],
      [{ id: 'b0000000-0000-4000-8000-000000000005', latitude: 91 }, 'latitude', 'BAD_USER_INPUT'],
    ];
    const good = record({ id: 'b0000000-0000-4000-8000-000000000009', name: 'Learning Bridges LA' });
    const r = await sg.exec(UPSERT, { input: [...bad.map(([over], i) => record({ name: `Bad ${i}`, ...over })), good, good] }, cec);
    expect(r.errors).toBeUndefined();
    const out = r.data!.upsertOrganizations;
    expect(out).toMatchObject({ created: 1, failed: bad.length + 1 });
    expect(out.records.slice(0, bad.length).map((x: any) => [x.errors[0].field, x.errors[0].code])).toEqual(bad.map(([, f, c]) => [f, c]));
    expect(out.records[bad.length + 1].errors[0]).toMatchObject({ field: 'id', message: 'the same id appears twice in the batch' });
    for (const [over] of bad.slice(1)) expect(await sg.em().count(Organization, { id: over.id as string })).toBe(0);
  });
});
