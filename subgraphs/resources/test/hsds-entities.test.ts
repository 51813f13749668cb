import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { SUBGRAPH_DEFINITIONS } from '@c2c/demo';
import { Accessibility } from '../src/accessibility.entity';
import { CostOption } from '../src/cost-option.entity';
import { Funding } from '../src/funding.entity';
import { Program } from '../src/program.entity';
import { RequiredDocument } from '../src/required-document.entity';
import { Service } from '../src/service.entity';
import { ServiceLanguage } from '../src/service-language.entity';
import { hiddenOrgId, otherOrgId } from './demo';

const UPSERT = `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created updated unchanged failed records { index outcome errors { code field message } } } }`;
const DETAILS = `costOptions { option amount currency amountDescription validFrom validTo } funding { source } requiredDocuments { document uri }
  languages languageDetails { code name note } program { id name alternateName description }
  locations { id accessibility { description details url } }`;
const PROGRAM = '7a000000-0000-4000-8000-000000000001';
const LOCATION = '7a000000-0000-4000-8000-0000000000aa';
const id = (n: number) => `7a000000-0000-4000-8000-${String(100 + n).padStart(12, '0')}`;

/** A whole record with every HSDS part this subgraph keeps; `n` makes a distinct service of the same programme. */
const record = (n = 0, over: Record<string, unknown> = {}) => ({
  id: id(n),
  organizationId: hiddenOrgId,
  name: `Evening tutoring ${n}`,
  description: 'Homework help for middle schoolers, with a snack.',
  free: false,
  imperative: 'AFTERSCHOOL_AND_SUMMER',
  status: 'ACTIVE',
  fees: '$5 a session; nobody is turned away for inability to pay.',
  languages: ['en', 'es'],
  languageDetails: [{ code: 'es', name: 'Spanish', note: 'Bilingual tutors on Tuesdays and Thursdays' }],
  costOptions: [
    {
      option: 'Per session',
      amount: 5,
      currency: 'usd',
      amountDescription: 'per two-hour session',
      validFrom: '2026-09-01',
      validTo: '2027-06-30',
    },
    { option: 'Families on SNAP', amount: 0, currency: 'USD' },
  ],
  funding: [{ source: 'City of Detroit out-of-school-time grant' }],
  requiredDocuments: [{ document: 'Latest report card' }, { uri: 'https://example.org/forms/consent.pdf' }],
  program: { id: PROGRAM, name: 'After the Bell', alternateName: 'ATB', description: 'Our after-school programme for grades 5–8.' },
  locations: [
    {
      id: LOCATION,
      name: 'Northwest branch library',
      street: '17400 Wyoming Ave',
      city: 'Detroit',
      state: 'MI',
      postalCode: '48221',
      latitude: 42.42,
      longitude: -83.16,
      accessibility: [
        { description: 'Step-free entrance on Wyoming Ave', details: 'Lift to the first floor', url: 'https://example.org/access' },
      ],
    },
  ],
  ...over,
});

describe('resources subgraph: HSDS cost options, funding, programmes, required documents, languages and accessibility', () => {
  let sg: testing.TestSubgraph;
  let directory: testing.TestSubgraph;
  const admin = testing.viewerFor('cec_admin');
  const staff = testing.viewerFor('partner_staff', hiddenOrgId);
  beforeAll(async () => {
    directory = await testing.createTestSubgraph(SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(resources, { seed: true, peers: { partners: directory } });
    const r = await sg.exec(UPSERT, { input: Array.from({ length: 12 }, (_, n) => record(n)) }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data!.upsertServices).toMatchObject({ created: 12, failed: 0 });
  });
  afterAll(async () => {
    await sg.close();
    await directory.close();
  });

  it('stores every part and serves it back, programme and location shared by the services that name them', async () => {
    const r = await sg.exec(`query($id: ID!) { service(id: $id) { ${DETAILS} } }`, { id: id(0) });
    expect(r.errors).toBeUndefined();
    expect(r.data!.service).toEqual({
      costOptions: [
        { option: 'Families on SNAP', amount: 0, currency: 'USD', amountDescription: null, validFrom: null, validTo: null },
        {
          option: 'Per session',
          amount: 5,
          currency: 'USD',
          amountDescription: 'per two-hour session',
          validFrom: '2026-09-01',
          validTo: '2027-06-30',
        },
      ],
      funding: [{ source: 'City of Detroit out-of-school-time grant' }],
      requiredDocuments: [
        { document: null, uri: 'https://example.org/forms/consent.pdf' },
        { document: 'Latest report card', uri: null },
      ],
      languages: ['en', 'es'],
      languageDetails: [{ code: 'es', name: 'Spanish', note: 'Bilingual tutors on Tuesdays and Thursdays' }],
      program: { id: PROGRAM, name: 'After the Bell', alternateName: 'ATB', description: 'Our after-school programme for grades 5–8.' },
      locations: [
        {
          id: LOCATION,
          accessibility: [
            { description: 'Step-free entrance on Wyoming Ave', details: 'Lift to the first floor', url: 'https://example.org/access' },
          ],
        },
      ],
    });
    const em = sg.em();
    expect(await em.count(Program, { id: PROGRAM })).toBe(1);
    expect(await em.count(Accessibility, { locationId: LOCATION })).toBe(1);
    expect(await em.count(CostOption, { serviceId: { $in: Array.from({ length: 12 }, (_, n) => id(n)) } })).toBe(24);
  });

  it('writes nothing for an identical record, and replaces the parts of a changed one', async () => {
    const before = (await sg.em().findOneOrFail(Service, { id: id(1) })).updatedAt.getTime();
    const same = await sg.exec(UPSERT, { input: [record(1)] }, staff);
    expect(same.data!.upsertServices).toMatchObject({ unchanged: 1, updated: 0 });
    expect((await sg.em().findOneOrFail(Service, { id: id(1) })).updatedAt.getTime()).toBe(before);

    const changed = await sg.exec(
      UPSERT,
      { input: [record(1, { costOptions: [{ option: 'Drop-in', amount: 7.5, currency: 'USD' }], funding: [], languageDetails: [] })] },
      staff,
    );
    expect(changed.data!.upsertServices).toMatchObject({ updated: 1, failed: 0 });
    const em = sg.em();
    expect((await em.find(CostOption, { serviceId: id(1) })).map((c) => [c.option, c.amount])).toEqual([['Drop-in', 7.5]]);
    expect(await em.count(Funding, { serviceId: id(1) })).toBe(0);
    expect(await em.count(ServiceLanguage, { serviceId: id(1) })).toBe(0);
    // Its languages stay: the details were words about them, not the languages themselves.
    expect((await em.findOneOrFail(Service, { id: id(1) })).languages).toEqual(['en', 'es']);
  });

  it('takes the languages from their details when no codes are given', async () => {
    const r = await sg.exec(
      UPSERT,
      { input: [record(20, { languages: undefined, languageDetails: [{ code: 'AR', name: 'Arabic' }] })] },
      staff,
    );
    expect(r.data!.upsertServices).toMatchObject({ created: 1, failed: 0 });
    const s = await sg.exec(`query($id: ID!) { service(id: $id) { languages languageDetails { code name note } } }`, { id: id(20) });
    expect(s.data!.service).toEqual({ languages: ['ar'], languageDetails: [{ code: 'ar', name: 'Arabic', note: null }] });
  });

  it('drops the details of a language taken off the service by updateService, and keeps the others', async () => {
    const r = await sg.exec(
      `mutation($id: ID!) { updateService(id: $id, input: { languages: ["en"], fees: "$6 a session" }) { languages fees languageDetails { code } } }`,
      { id: id(2) },
      staff,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.updateService).toEqual({ languages: ['en'], fees: '$6 a session', languageDetails: [] });
    expect(await sg.em().count(ServiceLanguage, { serviceId: id(2) })).toBe(0);
    expect(await sg.em().count(ServiceLanguage, { serviceId: id(3) })).toBe(1);
    // Other fields leave the details alone.
    await sg.exec(`mutation($id: ID!) { updateService(id: $id, input: { fees: "$7" }) { id } }`, { id: id(3) }, staff);
    expect(await sg.em().count(ServiceLanguage, { serviceId: id(3) })).toBe(1);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a cost without a currency', { costOptions: [{ amount: 3 }] }, 'costOptions[0].currency'],
    ['a currency that is not a code', { costOptions: [{ amount: 3, currency: 'dollars' }] }, 'costOptions[0].currency'],
    ['a negative amount', { costOptions: [{ option: 'x' }, { amount: -1, currency: 'USD' }] }, 'costOptions[1].amount'],
    ['a cost with neither amount nor option', { costOptions: [{ amountDescription: 'per week' }] }, 'costOptions[0].amount'],
    [
      'a cost ending before it starts',
      { costOptions: [{ amount: 1, currency: 'USD', validFrom: '2026-05-01', validTo: '2026-04-01' }] },
      'costOptions[0].validTo',
    ],
    ['a cost date that is not a date', { costOptions: [{ amount: 1, currency: 'USD', validFrom: '1 May' }] }, 'costOptions[0].validFrom'],
    ['a blank funding source', { funding: [{ source: '  ' }] }, 'funding[0].source'],
    ['an empty required document', { requiredDocuments: [{ document: '' }] }, 'requiredDocuments[0].document'],
    ['a document link that is not http', { requiredDocuments: [{ uri: 'ftp://example.org/x' }] }, 'requiredDocuments[0].uri'],
    ['a language detail for a language not offered', { languageDetails: [{ code: 'fr', name: 'French' }] }, 'languageDetails[0].code'],
    ['a language detail that is not a code', { languages: ['en'], languageDetails: [{ code: 'eng' }] }, 'languageDetails[0].code'],
    ['the same language twice', { languageDetails: [{ code: 'es' }, { code: 'es' }] }, 'languageDetails[1].code'],
    ['a programme id that is not a UUID', { program: { id: 'p1', name: 'P', description: 'D' } }, 'program.id'],
    ['a programme without a description', { program: { id: PROGRAM, name: 'P', description: ' ' } }, 'program.description'],
    [
      'accessibility with neither description nor url',
      { locations: [{ id: LOCATION, accessibility: [{ details: 'Ask at the desk' }] }] },
      'locations[0].accessibility[0].description',
    ],
    [
      'an accessibility link that is not http',
      { locations: [{ id: LOCATION, accessibility: [{ url: 'javascript:alert(1)' }] }] },
      'locations[0].accessibility[0].url',
    ],
  ])('refuses %s, naming the field, and writes nothing of that record', async (_label, over, field) => {
    const r = await sg.exec(UPSERT, { input: [record(40, over)] }, staff);
    expect(r.errors).toBeUndefined();
    expect(r.data!.upsertServices).toMatchObject({ created: 0, failed: 1 });
    expect(r.data!.upsertServices.records[0].errors[0]).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const em = sg.em();
    expect(await em.count(Service, { id: id(40) })).toBe(0);
    for (const entity of [CostOption, Funding, RequiredDocument, ServiceLanguage] as const)
      expect(await em.count(entity as any, { serviceId: id(40) })).toBe(0);
    // The shared location's accessibility is what the stored records gave it.
    expect((await em.find(Accessibility, { locationId: LOCATION })).map((a) => a.description)).toEqual([
      'Step-free entrance on Wyoming Ave',
    ]);
  });

  it('keeps a programme its organisation’s: another organisation may not rename it or put a service in it', async () => {
    const other = testing.viewerFor('partner_staff', otherOrgId);
    const r = await sg.exec(
      UPSERT,
      {
        input: [
          record(50, { organizationId: otherOrgId, locations: [], program: { id: PROGRAM, name: 'Taken over', description: 'Not ours' } }),
        ],
      },
      other,
    );
    expect(r.data!.upsertServices.records[0]).toMatchObject({ outcome: 'FAILED', errors: [{ code: 'CONFLICT', field: 'program.id' }] });
    expect(await sg.em().count(Service, { id: id(50) })).toBe(0);
    expect((await sg.em().findOneOrFail(Program, { id: PROGRAM })).name).toBe('After the Bell');
    // Two organisations naming one new programme id in one batch: the first has it, the second is refused.
    const fresh = '7a000000-0000-4000-8000-000000000002';
    const both = await sg.exec(
      UPSERT,
      {
        input: [
          record(51, { locations: [], program: { id: fresh, name: 'New', description: 'First' } }),
          record(52, { organizationId: otherOrgId, locations: [], program: { id: fresh, name: 'New', description: 'Second' } }),
        ],
      },
      admin,
    );
    expect(both.data!.upsertServices.records.map((x: any) => [x.outcome, x.errors[0]?.field ?? null])).toEqual([
      ['CREATED', null],
      ['FAILED', 'program.id'],
    ]);
    expect(await sg.em().findOneOrFail(Program, { id: fresh })).toMatchObject({ organizationId: hiddenOrgId, description: 'First' });
  });

  it('shows the parts of a hidden service to no one who may not see it, _entities included', async () => {
    await sg.exec(UPSERT, { input: [record(60, { status: 'INACTIVE' })] }, staff);
    const q = `query($id: ID!) { service(id: $id) { costOptions { amount } program { name } } }`;
    const ent = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { costOptions { amount } funding { source } } } }`;
    const r = [{ __typename: 'Service', id: id(60) }];
    for (const viewer of [
      testing.ANONYMOUS,
      testing.viewerFor('partner_staff', otherOrgId),
      testing.viewerFor('embed'),
      testing.viewerFor('district_admin'),
    ]) {
      const one = await sg.exec(q, { id: id(60) }, viewer);
      expect(one.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect((await sg.exec(ent, { r }, viewer)).data!._entities).toEqual([null]);
    }
    for (const viewer of [admin, staff]) {
      expect((await sg.exec(q, { id: id(60) }, viewer)).data!.service.costOptions).toHaveLength(2);
      expect((await sg.exec(ent, { r }, viewer)).data!._entities[0].funding).toHaveLength(1);
    }
  });

  it('loads a page of services with all these parts in a fixed number of statements, whatever the page size', async () => {
    const q = `query($org: ID!, $first: Int) { services(organizationId: $org, first: $first) { edges { node { id ${DETAILS} } } } }`;
    const counts: number[] = [];
    for (const first of [2, 12]) {
      sg.statements.reset();
      const r = await sg.exec(q, { org: hiddenOrgId, first }, admin);
      expect(r.errors).toBeUndefined();
      expect(r.data!.services.edges.length).toBe(first);
      counts.push(sg.statements.count);
    }
    // The page and its count, then one each: cost options, funding, documents, language details, programmes, locations, accessibility.
    expect(counts).toEqual([9, 9]);
  });
});
