import { type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { SUBGRAPH_DEFINITIONS } from '@c2c/demo';
import { Service } from '../src/service.entity';
import { hiddenOrgId, inactive, otherOrgId, publicServices, SERVICE_FIELDS, universe } from './demo';

const ownOrg = hiddenOrgId;
const target = publicServices.find((s) => s.organizationId === ownOrg)!;

const CREATE = `mutation($input: CreateServiceInput!) { createService(input: $input) { ${SERVICE_FIELDS} description eligibilityDescription createdAt updatedAt } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateServiceInput!) { updateService(id: $id, input: $input) { ${SERVICE_FIELDS} description eligibilityDescription } }`;

const newService = (over: Record<string, unknown> = {}) => ({
  organizationId: ownOrg,
  name: 'Saturday family swim',
  description: 'Free swim lessons for children and their caregivers.',
  imperative: 'AFTERSCHOOL_AND_SUMMER',
  free: true,
  minimumAge: 3,
  maximumAge: 12,
  languages: ['en', 'es'],
  url: 'https://example.org/swim',
  email: 'swim@example.org',
  phone: '313-555-0100',
  street: '1 Belle Isle',
  city: 'Detroit',
  state: 'MI',
  zip: '48207',
  latitude: 42.34,
  longitude: -82.98,
  ...over,
});

const matrix: [string, Viewer, 'UNAUTHENTICATED' | 'FORBIDDEN' | null][] = [
  ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
  ['evaluator', testing.viewerFor('evaluator'), 'FORBIDDEN'],
  ['district_sis', testing.viewerFor('district_sis'), 'FORBIDDEN'],
  ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
  ['partner_staff of another org', testing.viewerFor('partner_staff', otherOrgId), 'FORBIDDEN'],
  ['partner_staff of the org', testing.viewerFor('partner_staff', ownOrg), null],
  ['cec_admin', testing.viewerFor('cec_admin'), null],
];

describe('resources subgraph: writing services', () => {
  let sg: testing.TestSubgraph;
  let directory: testing.TestSubgraph;
  beforeAll(async () => {
    // Resources asks partners whether an organisation exists before writing a service for it.
    directory = await testing.createTestSubgraph(SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(resources, { seed: true, peers: { partners: directory } });
  });
  afterAll(async () => {
    await sg.close();
    await directory.close();
  });

  const count = () => sg.em().count(Service, {});
  const stored = (id: string) => sg.em().findOneOrFail(Service, { id });

  describe.each(matrix)('as %s', (label, viewer, refusal) => {
    it(`createService ${refusal ?? 'succeeds'}`, async () => {
      const before = await count();
      const name = `Swim for ${label}`;
      const res = await sg.exec(CREATE, { input: newService({ name }) }, viewer);
      if (refusal) {
        expect(res.errors?.[0].extensions?.code).toBe(refusal);
        expect(res.data).toBeNull();
        expect(await count()).toBe(before);
        return;
      }
      expect(res.errors).toBeUndefined();
      const created = res.data!.createService;
      expect(created).toMatchObject({
        name,
        status: 'ACTIVE',
        organization: { id: ownOrg },
        languages: ['en', 'es'],
        zip: '48207',
        minimumAge: 3,
        maximumAge: 12,
        free: true,
        fees: null,
      });
      expect(await count()).toBe(before + 1);
      const row = await stored(created.id);
      expect(row).toMatchObject({ organizationId: ownOrg, name, imperative: 'AFTERSCHOOL_AND_SUMMER', latitude: 42.34, longitude: -82.98 });
      // It is public straight away.
      const pub = await sg.exec(`query($id: ID!) { service(id: $id) { name } }`, { id: created.id });
      expect(pub.data!.service).toEqual({ name });
    });

    it(`updateService ${refusal ?? 'succeeds'}`, async () => {
      const before = await stored(target.id);
      const res = await sg.exec(UPDATE, { id: target.id, input: { name: `Renamed by ${label}`, fees: null, minimumAge: 1 } }, viewer);
      if (refusal) {
        expect(res.errors?.[0].extensions?.code).toBe(refusal);
        expect((await stored(target.id)).name).toBe(before.name);
        return;
      }
      expect(res.errors).toBeUndefined();
      expect(res.data!.updateService).toMatchObject({
        id: target.id,
        name: `Renamed by ${label}`,
        fees: null,
        minimumAge: 1,
        description: target.description,
      });
      const after = await stored(target.id);
      expect(after.name).toBe(`Renamed by ${label}`);
      expect(after.minimumAge).toBe(1);
      expect(after.maximumAge).toBe(before.maximumAge);
      expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    });
  });

  it('refuses partner staff who name another organisation, even with bad input (authorisation first)', async () => {
    const res = await sg.exec(
      CREATE,
      { input: newService({ organizationId: otherOrgId, zip: 'x' }) },
      testing.viewerFor('partner_staff', ownOrg),
    );
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('reports a service another partner cannot see as NOT_FOUND, and one it can see but not own as FORBIDDEN', async () => {
    const other = testing.viewerFor('partner_staff', otherOrgId);
    const hidden = await sg.exec(UPDATE, { id: inactive.id, input: { name: 'x' } }, other);
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const visible = await sg.exec(UPDATE, { id: target.id, input: { name: 'x' } }, other);
    expect(visible.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const missing = await sg.exec(
      UPDATE,
      { id: '00000000-0000-4000-8000-000000000000', input: { name: 'x' } },
      testing.viewerFor('cec_admin'),
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lets own staff publish an unpublished service, which the public then sees', async () => {
    const staff = testing.viewerFor('partner_staff', ownOrg);
    const res = await sg.exec(UPDATE, { id: inactive.id, input: { status: 'ACTIVE' } }, staff);
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateService.status).toBe('ACTIVE');
    const pub = await sg.exec(`query($id: ID!) { service(id: $id) { status } }`, { id: inactive.id });
    expect(pub.data!.service).toEqual({ status: 'ACTIVE' });
    await sg.exec(UPDATE, { id: inactive.id, input: { status: 'INACTIVE' } }, staff);
    const again = await sg.exec(`query($id: ID!) { service(id: $id) { status } }`, { id: inactive.id });
    expect(again.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  const admin = testing.viewerFor('cec_admin');
  const badCreates: [string, Record<string, unknown>][] = [
    ['input.organizationId', { organizationId: 'acme' }],
    ['input.name', { name: '' }],
    ['input.name', { name: '   ' }],
    ['input.name', { name: 'x'.repeat(201) }],
    ['input.description', { description: '' }],
    ['input.minimumAge', { minimumAge: -1 }],
    ['input.minimumAge', { minimumAge: 121, maximumAge: null }],
    ['input.maximumAge', { maximumAge: 121 }],
    ['input.minimumAge', { minimumAge: 10, maximumAge: 5 }],
    ['input.languages', { languages: ['en', 'EN'] }],
    ['input.languages', { languages: ['eng'] }],
    ['input.languages', { languages: null }],
    ['input.url', { url: 'ftp://example.org' }],
    ['input.url', { url: 'javascript:alert(1)' }],
    ['input.url', { url: 'not a url' }],
    ['input.email', { email: 'nobody' }],
    ['input.email', { email: 'a@b' }],
    ['input.phone', { phone: 'call us' }],
    ['input.state', { state: 'Michigan' }],
    ['input.zip', { zip: '4820' }],
    ['input.zip', { zip: '48207-1234' }],
    ['input.latitude', { latitude: 90.5 }],
    ['input.longitude', { longitude: -180.01 }],
    ['input.longitude', { longitude: null }],
    ['input.status', { status: null }],
  ];
  it.each(badCreates)('createService rejects %s = %j and writes nothing', async (field, over) => {
    const before = await count();
    const res = await sg.exec(CREATE, { input: newService(over) }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await count()).toBe(before);
  });

  it('rejects values GraphQL itself cannot accept (enums, integers) before the resolver runs', async () => {
    const before = await count();
    for (const over of [{ status: 'CLOSED' }, { imperative: 'SPORTS' }, { minimumAge: 3.5 }]) {
      const res = await sg.exec(CREATE, { input: newService(over) }, admin);
      expect(res.errors?.[0].message).toMatch(/input/);
      expect(res.data).toBeUndefined();
    }
    expect(await count()).toBe(before);
  });

  const fixture = universe.services.find((s) => s.minimumAge === 6 && s.maximumAge === 18 && s.status === 'ACTIVE' && s.id !== target.id)!;
  const badUpdates: [string, Record<string, unknown>][] = [
    ['input.name', { name: null }],
    ['input.description', { description: '  ' }],
    ['input.imperative', { imperative: null }],
    ['input.free', { free: null }],
    ['input.languages', { languages: null }],
    // One side of a pair is checked against the stored other side (6–18).
    ['input.minimumAge', { minimumAge: 19 }],
    ['input.maximumAge', { maximumAge: 5 }],
    ['input.latitude', { latitude: null }],
    ['input.zip', { name: 'Fine name', zip: 'abcde' }],
  ];
  it.each(badUpdates)('updateService rejects %s = %j and changes nothing', async (field, input) => {
    const before = await stored(fixture.id);
    const res = await sg.exec(UPDATE, { id: fixture.id, input }, admin);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const after = await stored(fixture.id);
    expect(after).toEqual(before);
    expect(after.name).toBe(fixture.name);
  });

  it('trims text, clears optional fields with null and de-duplicates languages', async () => {
    const created = await sg.exec(
      CREATE,
      {
        input: newService({
          name: '  Padded name  ',
          languages: ['es', 'es', 'en'],
          status: 'TEMPORARILY_CLOSED',
          free: false,
          fees: '$5',
        }),
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createService).toMatchObject({
      name: 'Padded name',
      languages: ['es', 'en'],
      status: 'TEMPORARILY_CLOSED',
      free: false,
      fees: '$5',
    });
    const id = created.data!.createService.id;
    const cleared = await sg.exec(
      UPDATE,
      { id, input: { url: null, email: '', latitude: null, longitude: null, minimumAge: null, languages: [] } },
      admin,
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data!.updateService).toMatchObject({
      url: null,
      email: null,
      latitude: null,
      longitude: null,
      minimumAge: null,
      maximumAge: 12,
      languages: [],
      name: 'Padded name',
    });
  });
});
