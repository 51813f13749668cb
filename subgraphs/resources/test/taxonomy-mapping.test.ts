import { type Role, type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { SUBGRAPH_DEFINITIONS } from '@c2c/demo';
import { hiddenOrgId } from './demo';

/** Another directory's taxonomy, as a 211 would send it: its own codes, no imperatives. */
const TAXONOMY = '211LA';
const T = (n: number) => `5a5a5a5a-0000-4000-8000-00000000000${n}`;
const TERMS = [
  { id: T(1), code: 'BD-1800', name: 'Emergency food', description: null, parentId: null, taxonomy: TAXONOMY },
  { id: T(2), code: 'BD-1800.2000', name: 'Food pantries', description: null, parentId: T(1), taxonomy: TAXONOMY },
  { id: T(3), code: 'LR-8000', name: 'Tutoring', description: null, parentId: null, taxonomy: TAXONOMY },
  { id: T(4), code: 'PH-6000', name: 'Dental care', description: null, parentId: null, taxonomy: TAXONOMY },
];
const S = (n: number) => `6b6b6b6b-0000-4000-8000-00000000000${n}`;
const service = (n: number, term: string, name: string) => ({
  id: S(n),
  organizationId: hiddenOrgId,
  name,
  description: `${name} for families.`,
  free: true,
  languages: [],
  taxonomyTermIds: [term],
  serviceAreas: [{ postalCode: '90011' }],
});
const SERVICES = [service(1, T(2), 'Eastside pantry'), service(2, T(3), 'Homework tutoring'), service(3, T(4), 'Kids dental day')];

const UPSERT = `mutation($input: [UpsertServiceInput!]!) { upsertServices(input: $input) { created updated unchanged failed records { errors { field message } } } }`;
const SET = `mutation($t: String!, $m: [TaxonomyMappingInput!]!) { setTaxonomyMappings(taxonomy: $t, mappings: $m) { classified mappings { taxonomy termCode codePrefix imperative } } }`;
const IMPERATIVES = `query($ids: [_Any!]!) { _entities(representations: $ids) { ... on Service { id imperative } } }`;
const admin = testing.viewerFor('cec_admin');

describe('resources subgraph: another directory’s taxonomy and its crosswalk', () => {
  let sg: testing.TestSubgraph;
  let directory: testing.TestSubgraph;
  const imperatives = async () =>
    (await sg.exec(IMPERATIVES, { ids: SERVICES.map((s) => ({ __typename: 'Service', id: s.id })) }, admin)).data!._entities.map(
      (e: any) => e.imperative,
    );
  beforeAll(async () => {
    // Resources asks partners whether an organisation exists before writing a service for it.
    directory = await testing.createTestSubgraph(SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(resources, { seed: true, peers: { partners: directory } });
    const terms = await sg.exec(
      `mutation($input: [TaxonomyTermInput!]!) { upsertTaxonomyTerms(input: $input) { created failed } }`,
      { input: TERMS },
      admin,
    );
    expect(terms.data!.upsertTaxonomyTerms).toEqual({ created: 4, failed: 0 });
  });
  afterAll(async () => {
    await sg.close();
    await directory.close();
  });

  it('imports services tagged only with foreign terms as unclassified: valid, searchable, counted apart in the gap view', async () => {
    const r = await sg.exec(UPSERT, { input: SERVICES }, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.upsertServices).toMatchObject({ created: 3, failed: 0 });
    expect(await imperatives()).toEqual([null, null, null]);
    const found = await sg.exec(`{ searchServices(text: "pantry", first: 50) { edges { node { id imperative } } } }`);
    expect(found.data!.searchServices.edges.map((e: any) => e.node)).toContainEqual({ id: S(1), imperative: null });
    const byTerm = await sg.exec(`query($t: ID) { searchServices(taxonomyTermId: $t, first: 50) { totalCount } }`, { t: T(1) });
    expect(byTerm.data!.searchServices.totalCount).toBe(1);
    const byTaxonomy = await sg.exec(`query($t: String) { searchServices(taxonomy: $t, first: 50) { totalCount } }`, { t: TAXONOMY });
    expect(byTaxonomy.data!.searchServices.totalCount).toBe(3);
    const unknown = await sg.exec(`{ searchServices(taxonomy: "nowhere") { totalCount } }`);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taxonomy' });
    const gaps = await sg.exec(`{ serviceGaps(zips: ["90011"]) { zip imperative unclassified activeServices } }`, {}, admin);
    expect(gaps.data!.serviceGaps.filter((g: any) => g.unclassified)).toEqual([
      { zip: '90011', imperative: null, unclassified: true, activeServices: 3 },
    ]);
    expect(gaps.data!.serviceGaps.filter((g: any) => !g.unclassified).every((g: any) => g.activeServices === 0)).toBe(true);
  });

  const matrix: [string, Viewer, string | null][] = [
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ...(['embed', 'evaluator', 'district_sis', 'district_admin'] as Role[]).map((r): [string, Viewer, string] => [
      r,
      testing.viewerFor(r),
      'FORBIDDEN',
    ]),
    ['partner_staff', testing.viewerFor('partner_staff', hiddenOrgId), 'FORBIDDEN'],
  ];
  it.each(matrix)('%s may read crosswalks but not set one', async (_l, viewer, code) => {
    const r = await sg.exec(SET, { t: TAXONOMY, m: [{ codePrefix: 'BD-', imperative: 'BASIC_NEEDS' }] }, viewer);
    expect(r.errors?.[0].extensions?.code).toBe(code);
    expect((await sg.exec(`{ taxonomyMappings { id } }`, {}, viewer)).data!.taxonomyMappings).toEqual([]);
    expect(await imperatives()).toEqual([null, null, null]);
  });

  it.each([
    [
      [
        { termCode: 'LR-8000', imperative: 'K12' },
        { termCode: 'XX-1', imperative: 'K12' },
      ],
      'mappings[1].termCode',
      /211LA has no term XX-1/,
    ],
    [[{ codePrefix: 'ZZ', imperative: 'K12' }], 'mappings[0].codePrefix', /no term of 211LA has a code starting with ZZ/],
    [[{ termCode: 'LR-8000', codePrefix: 'LR', imperative: 'K12' }], 'mappings[0]', /exactly one/],
    [[{ imperative: 'K12' }], 'mappings[0]', /exactly one/],
    [
      [
        { codePrefix: 'LR', imperative: 'K12' },
        { codePrefix: 'LR', imperative: 'BASIC_NEEDS' },
      ],
      'mappings[1]',
      /twice/,
    ],
  ])('refuses a crosswalk naming what the taxonomy does not have, storing nothing (%#)', async (m, field, message) => {
    const r = await sg.exec(SET, { t: TAXONOMY, m }, admin);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(r.errors?.[0].message).toMatch(message);
    expect((await sg.exec(`{ taxonomyMappings { id } }`)).data!.taxonomyMappings).toEqual([]);
  });

  const RECORD = {
    id: '5a5a5a5a-1111-4000-8000-000000000001',
    name: TAXONOMY,
    description: 'The 211 LA County taxonomy',
    uri: 'https://211la.example.org',
    version: '2025',
  };
  const UPSERT_TAXONOMIES = `mutation($input: [TaxonomyInput!]!) { upsertTaxonomies(input: $input) { created updated unchanged failed records { errors { code field } } } }`;
  it.each(matrix)('%s may not store taxonomy records', async (_l, viewer, code) => {
    expect((await sg.exec(UPSERT_TAXONOMIES, { input: [RECORD] }, viewer)).errors?.[0].extensions?.code).toBe(code);
  });

  it('keeps another directory’s taxonomy record as it is, and its terms point at it', async () => {
    const before = await sg.exec(`{ taxonomies { id name } taxonomyTerm(id: "${T(1)}") { taxonomyId } }`);
    // Without a record, the id is derived from the name, the same on every request.
    const derived = before.data!.taxonomies.find((t: any) => t.name === TAXONOMY).id;
    expect(before.data!.taxonomyTerm.taxonomyId).toBe(derived);
    expect(before.data!.taxonomies[0].name).toBe('c2c');
    const r = await sg.exec(UPSERT_TAXONOMIES, { input: [RECORD] }, admin);
    expect(r.data!.upsertTaxonomies).toMatchObject({ created: 1, failed: 0 });
    const after = await sg.exec(`{ taxonomies { id name description uri version } taxonomyTerm(id: "${T(1)}") { taxonomyId } }`);
    expect(after.data!.taxonomies.find((t: any) => t.name === TAXONOMY)).toEqual(RECORD);
    expect(after.data!.taxonomyTerm.taxonomyId).toBe(RECORD.id);
    expect((await sg.exec(UPSERT_TAXONOMIES, { input: [RECORD] }, admin)).data!.upsertTaxonomies).toMatchObject({ unchanged: 1 });
    const bad = await sg.exec(
      UPSERT_TAXONOMIES,
      {
        input: [
          { ...RECORD, id: '5a5a5a5a-1111-4000-8000-000000000002' },
          { ...RECORD, id: 'x' },
          { ...RECORD, id: '5a5a5a5a-1111-4000-8000-000000000003', name: 'c2c' },
          { ...RECORD, id: '5a5a5a5a-1111-4000-8000-000000000004', name: 'Other', uri: 'ftp://x' },
        ],
      },
      admin,
    );
    expect(bad.data!.upsertTaxonomies.records.map((x: any) => `${x.errors[0].code} ${x.errors[0].field}`)).toEqual([
      'CONFLICT name',
      'BAD_USER_INPUT id',
      'CONFLICT name',
      'BAD_USER_INPUT uri',
    ]);
    expect((await sg.exec(`{ taxonomies { id } }`)).data!.taxonomies).toHaveLength(after.data!.taxonomies.length);
  });

  it('refuses a crosswalk for the hub’s own taxonomy or one the hub does not have', async () => {
    for (const t of ['c2c', 'nowhere'])
      expect((await sg.exec(SET, { t, m: [] }, admin)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'taxonomy' });
  });

  it('classifies by exact code, then by the longest prefix (of the term or an ancestor); the rest stay unclassified', async () => {
    const r = await sg.exec(
      SET,
      {
        t: TAXONOMY,
        m: [
          { codePrefix: 'BD-', imperative: 'EARLY_CHILDHOOD' },
          { codePrefix: 'BD-1800', imperative: 'BASIC_NEEDS' },
          { termCode: 'LR-8000', imperative: 'K12' },
        ],
      },
      admin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.setTaxonomyMappings.classified).toBe(2);
    expect(r.data!.setTaxonomyMappings.mappings).toHaveLength(3);
    expect(await imperatives()).toEqual(['BASIC_NEEDS', 'K12', null]);
    const gaps = await sg.exec(`{ serviceGaps(zips: ["90011"]) { imperative unclassified activeServices } }`, {}, admin);
    expect(gaps.data!.serviceGaps.filter((g: any) => g.activeServices > 0)).toEqual([
      { imperative: 'K12', unclassified: false, activeServices: 1 },
      { imperative: 'BASIC_NEEDS', unclassified: false, activeServices: 1 },
      { imperative: null, unclassified: true, activeServices: 1 },
    ]);
    // The same records again: classified the same way by the stored crosswalk, so nothing changes.
    const again = await sg.exec(UPSERT, { input: SERVICES }, admin);
    expect(again.data!.upsertServices).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await imperatives()).toEqual(['BASIC_NEEDS', 'K12', null]);
    // Anyone may read the crosswalk, as the taxonomy it maps.
    const read = await sg.exec(`query($t: String) { taxonomyMappings(taxonomy: $t) { termCode codePrefix imperative } }`, { t: TAXONOMY });
    expect(read.data!.taxonomyMappings).toHaveLength(3);
  });

  it('reclassifies what came from the previous crosswalk when it changes, and keeps an imperative given explicitly', async () => {
    // A fourth service of the taxonomy with its imperative given outright: no crosswalk decides it.
    const given = { ...service(4, T(3), 'Reading buddies'), imperative: 'AFTERSCHOOL_AND_SUMMER' };
    expect((await sg.exec(UPSERT, { input: [given] }, admin)).data!.upsertServices).toMatchObject({ created: 1, failed: 0 });
    const all = async () =>
      (
        await sg.exec(IMPERATIVES, { ids: [...SERVICES, given].map((s) => ({ __typename: 'Service', id: s.id })) }, admin)
      ).data!._entities.map((e: any) => e.imperative);
    const RESULT = SET.replace('classified mappings', 'classified reclassified mappings');
    // Food now maps elsewhere, tutoring no longer maps at all, dental is new.
    const r = await sg.exec(
      RESULT,
      {
        t: TAXONOMY,
        m: [
          { codePrefix: 'BD-', imperative: 'EARLY_CHILDHOOD' },
          { termCode: 'PH-6000', imperative: 'BASIC_NEEDS' },
        ],
      },
      admin,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.setTaxonomyMappings).toMatchObject({ classified: 1, reclassified: 2 });
    expect(await all()).toEqual(['EARLY_CHILDHOOD', null, 'BASIC_NEEDS', 'AFTERSCHOOL_AND_SUMMER']);
    // Setting the same crosswalk again changes nothing.
    const same = await sg.exec(
      RESULT,
      {
        t: TAXONOMY,
        m: [
          { codePrefix: 'BD-', imperative: 'EARLY_CHILDHOOD' },
          { termCode: 'PH-6000', imperative: 'BASIC_NEEDS' },
        ],
      },
      admin,
    );
    expect(same.data!.setTaxonomyMappings).toMatchObject({ classified: 0, reclassified: 0 });
    // The crosswalk removed: everything it classified is unclassified again, the explicit one stays.
    const none = await sg.exec(RESULT, { t: TAXONOMY, m: [] }, admin);
    expect(none.data!.setTaxonomyMappings).toMatchObject({ classified: 0, reclassified: 2 });
    expect(await all()).toEqual([null, null, null, 'AFTERSCHOOL_AND_SUMMER']);
  });
});
