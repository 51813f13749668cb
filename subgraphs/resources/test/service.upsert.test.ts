import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { SUBGRAPH_DEFINITIONS, termId, TOP_TERM_CODES } from '@c2c/demo';
import { Service } from '../src/service.entity';
import { Schedule } from '../src/schedule.entity';
import { ServiceTaxonomy } from '../src/service-taxonomy.entity';
import { hiddenOrgId, inactive, otherOrgId, publicServices } from './demo';

const UPSERT = `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created updated unchanged failed records { index id outcome errors { code field message } } } }`;
const SUB = termId(`${TOP_TERM_CODES.BASIC_NEEDS}/food-pantry`);

const record = (over: Record<string, unknown> = {}) => ({
  id: '6f1c1a52-5d1e-4c3b-9d7e-0a1b2c3d4e5f',
  organizationId: hiddenOrgId,
  name: 'Saturday grocery market',
  description: 'Free produce and staples every Saturday morning.',
  free: true,
  minimumAge: null,
  languages: ['en', 'es'],
  taxonomyTermIds: [SUB],
  locations: [
    {
      id: '0b7c9a10-1111-4222-8333-444455556666',
      name: 'Eastern Market Shed 5',
      street: '2934 Russell St',
      city: 'Detroit',
      state: 'MI',
      postalCode: '48207',
      country: 'US',
      latitude: 42.3467,
      longitude: -83.0413,
    },
  ],
  schedules: [
    { weekday: 'SA', opensAt: '08:00', closesAt: '12:00', timezone: 'America/Detroit' },
    {
      closed: true,
      validFrom: '2026-12-26',
      validTo: '2026-12-26',
      timezone: 'America/Detroit',
      description: 'Closed the day after Christmas.',
    },
  ],
  serviceAreas: [{ postalCode: '48207' }, { postalCode: '48211' }],
  phones: [{ number: '313-555-0199', type: 'voice' }],
  contacts: [{ name: 'Market desk', email: 'market@example.org' }],
  ...over,
});

describe('resources subgraph: upserting whole service records', () => {
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
  const staff = testing.viewerFor('partner_staff', hiddenOrgId);

  it('creates a record with its children, derives the imperative from the term, and a repeat changes nothing', async () => {
    const first = await sg.exec(UPSERT, { input: [record()] }, staff);
    expect(first.errors).toBeUndefined();
    expect(first.data!.upsertServices).toMatchObject({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    const stored = await sg.em().findOneOrFail(Service, { id: record().id });
    expect(stored).toMatchObject({ imperative: 'BASIC_NEEDS', zip: '48207', latitude: 42.3467, organizationId: hiddenOrgId });
    const before = stored.updatedAt.getTime();
    // Tagged with the sub-term and, for search, its imperative.
    const tags = await sg.em().find(ServiceTaxonomy, { serviceId: record().id }, { orderBy: { direct: 'desc' } });
    expect(tags.map((t) => [t.termId, t.direct])).toEqual([
      [SUB, true],
      [termId('basic-needs'), false],
    ]);

    const again = await sg.exec(UPSERT, { input: [record()] }, staff);
    expect(again.data!.upsertServices).toMatchObject({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect((await sg.em().findOneOrFail(Service, { id: record().id })).updatedAt.getTime()).toBe(before);

    const found = await sg.exec(
      `{ searchServices(zip: "48211", taxonomyTermId: "${termId('basic-needs')}", openAt: "2026-11-28T14:00:00Z") { edges { node { id name } } } }`,
    );
    expect(found.data!.searchServices.edges.map((e: any) => e.node.name)).toContain('Saturday grocery market');

    const changed = await sg.exec(
      UPSERT,
      { input: [record({ schedules: [{ weekday: 'SA', opensAt: '09:00', closesAt: '12:00', timezone: 'America/Detroit' }] })] },
      staff,
    );
    expect(changed.data!.upsertServices).toMatchObject({ updated: 1 });
    expect((await sg.em().find(Schedule, { serviceId: record().id })).map((s) => s.opensAt)).toEqual(['09:00']);
  });

  it('reports each bad record with the field at fault and writes the good ones of the batch', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ id: 'x' }, 'id'],
      [{ taxonomyTermIds: [SUB, '00000000-0000-4000-8000-000000000000'] }, 'taxonomyTermIds[1]'],
      [{ minimumAge: 130 }, 'minimumAge'],
      [{ minimumAge: 10, maximumAge: 4 }, 'minimumAge'],
      [{ locations: [{ id: '0b7c9a10-1111-4222-8333-444455556666', latitude: 95, longitude: 10 }] }, 'locations[0].latitude'],
      [{ schedules: [{ weekday: 'MO', opensAt: '25:00', closesAt: '26:00', timezone: 'America/Detroit' }] }, 'schedules[0].opensAt'],
      [{ schedules: [{ weekday: 'MO', opensAt: '10:00', closesAt: '10:00', timezone: 'America/Detroit' }] }, 'schedules[0].closesAt'],
      [{ schedules: [{ weekday: 'MO', opensAt: '10:00', closesAt: '11:00', timezone: 'Mars/Olympus' }] }, 'schedules[0].timezone'],
      [{ schedules: [{ closed: true, validFrom: '2026-12-26', timezone: 'UTC' }] }, 'schedules[0].validTo'],
      [{ phones: [{ number: 'call us' }] }, 'phones[0].number'],
      [{ serviceAreas: [{}] }, 'serviceAreas[0].postalCode'],
      [{ email: 'nobody' }, 'email'],
    ];
    const count = await sg.em().count(Service, {});
    const good = record({ id: '7a2d2b63-6e2f-4d4c-8e8f-1b2c3d4e5f60', name: 'Good one' });
    const res = await sg.exec(
      UPSERT,
      { input: [...bad.map(([over], i) => record({ id: `7a2d2b63-6e2f-4d4c-8e8f-${String(i).padStart(12, '0')}`, ...over })), good] },
      testing.viewerFor('cec_admin'),
    );
    expect(res.errors).toBeUndefined();
    const out = res.data!.upsertServices;
    expect(out).toMatchObject({ created: 1, failed: bad.length });
    expect(out.records.slice(0, bad.length).map((r: any) => [r.outcome, r.errors[0].code, r.errors[0].field])).toEqual(
      bad.map(([, field]) => ['FAILED', 'BAD_USER_INPUT', field]),
    );
    expect(out.records[bad.length].outcome).toBe('CREATED');
    expect(await sg.em().count(Service, {})).toBe(count + 1);
  });

  it('answers an id of another organisation the same whether that service is published or hidden (no oracle)', async () => {
    const other = testing.viewerFor('partner_staff', otherOrgId);
    const upsertOne = async (id: string) =>
      (await sg.exec(UPSERT, { input: [record({ id, organizationId: otherOrgId })] }, other)).data!.upsertServices.records[0];
    const published = publicServices.find((s) => s.organizationId !== otherOrgId)!;
    const hidden = await upsertOne(inactive.id);
    const visible = await upsertOne(published.id);
    expect(hidden).toEqual({ ...visible, id: inactive.id });
    expect(hidden.errors).toEqual([{ code: 'CONFLICT', field: 'id', message: 'This id is already in use: choose another id' }]);
    expect((await sg.em().findOneOrFail(Service, { id: inactive.id })).name).toBe(inactive.name);
  });

  it('lets partner staff write only their own organisation’s services', async () => {
    const mine = publicServices.find((s) => s.organizationId === otherOrgId)!;
    const res = await sg.exec(
      UPSERT,
      {
        input: [
          record({ id: '8b3e3c74-7f30-4e5d-9f90-2c3d4e5f6071', organizationId: otherOrgId }),
          record({ id: mine.id, organizationId: hiddenOrgId }),
        ],
      },
      staff,
    );
    expect(res.data!.upsertServices.records.map((r: any) => [r.outcome, r.errors[0]?.code, r.errors[0]?.field])).toEqual([
      ['FAILED', 'FORBIDDEN', 'organizationId'],
      ['FAILED', 'CONFLICT', 'id'],
    ]);
    expect((await sg.em().findOneOrFail(Service, { id: mine.id })).name).toBe(mine.name);
    expect((await sg.exec(UPSERT, { input: [record()] })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await sg.exec(UPSERT, { input: [record()] }, testing.viewerFor('embed'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
