import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as demo from '@c2c/demo';
import { importHsds } from '../../cli/src/commands/import-hsds';
import { hsdsValidator, type HsdsObject } from '../../cli/src/commands/hsds-schema';
import { gql, startTestHub, token } from '@c2c/testing';

const EXAMPLES = path.resolve(__dirname, '../fixtures/standards/hsds/examples');
const SCHEMAS = path.resolve(__dirname, '../fixtures/standards/hsds/schema');
/** A directory as another 211 would publish it: its own taxonomy, organisations with their own ids, no imperatives. */
const FOREIGN = path.join(__dirname, 'foreign-directory');
const FOREIGN_CROSSWALK = path.join(__dirname, 'foreign-directory.crosswalk.json');
const FOREIGN_SERVICES = 4;
const SAMPLE_SERVICE = 'ac148810-d857-441c-9679-408f346de14b';
const SAMPLE_ORG = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const SAMPLE_TERM = '3f7b145d-84af-42d7-8fae-eaca714b02b2';
const METRICS = 'hsds-test-metrics-token';
const u = demo.demoUniverse();
const publicCount = u.services.filter((s) => s.status === 'ACTIVE' || s.status === 'TEMPORARILY_CLOSED').length;

const DIRECTORY = `query($id: ID!) { service(id: $id) { id name status imperative minimumAge maximumAge free fees languages applicationProcess assuredDate alert eligibilityDescription
  taxonomyTerms { id parentId } locations { id name street postalCode country latitude longitude } schedules { weekday opensAt closesAt timezone validFrom validTo }
  serviceAreas { postalCode name } phones { number extension type } contacts { name title email phone } } }`;

describe('HSDS interop: import through the graph, and the REST feed', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gateway: string;
  let base: string;
  let admin: string;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-hsds-'));
  beforeAll(async () => {
    // The conformance sweep asks for every service one by one: more than an anonymous minute allows.
    hub = await startTestHub({
      C2C_EMBED_ORIGINS: 'https://library.example.org',
      C2C_RATE_LIMIT_ANONYMOUS: '5000',
      C2C_METRICS_TOKEN: METRICS,
    });
    gateway = hub.hub.gatewayUrl;
    base = gateway.replace(/\/graphql$/, '');
    admin = await token('cec_admin');
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let beforeImport: Date;
  const directory = async () => (await gql(gateway, DIRECTORY, { id: SAMPLE_SERVICE }, admin)).json.data.service;

  it('imports the HSDS 3.0 service_full.json sample, and a second import changes nothing', async () => {
    const file = path.join(EXAMPLES, 'service_full.json');
    beforeImport = new Date();
    const first = await importHsds(file, { url: gateway, token: admin, imperative: 'BASIC_NEEDS' });
    expect(first.taxonomyTerms).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    // The sample carries its organisation whole: created in partners, through the graph, by its HSDS id.
    expect(first.organizations).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    expect(first.services).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    expect(first.errors).toEqual([]);
    expect(first.warnings.map((w) => `${w.record.split(' ')[0]} ${w.field}`)).toEqual([
      'service service_at_locations[0].location.latitude',
      'taxonomy_term parent_id',
    ]);
    const after1 = await directory();
    expect(after1).toMatchObject({
      name: 'Community Counselling',
      status: 'ACTIVE',
      imperative: 'BASIC_NEEDS',
      minimumAge: 12,
      maximumAge: 100,
      free: false,
      languages: ['ur'],
      assuredDate: '2005-01-01',
      taxonomyTerms: [{ id: SAMPLE_TERM, parentId: null }],
      locations: [
        {
          id: '3a19ff88-4620-4d17-9830-ac1d859eb5d5',
          name: 'MyCity Civic Center',
          street: '1-30 Main Street, MyVillage',
          postalCode: 'ABC 1234',
          country: 'US',
          latitude: null,
          longitude: null,
        },
      ],
      phones: [{ number: '+44 1234 234567', extension: '100', type: 'voice' }],
      contacts: [{ name: 'Ann Persona', title: 'Reception Manager', email: 'email@example.com', phone: '+44 1234 234567' }],
    });
    // byday TH,FR at 10:00–18:00, UTC+3 as HSDS 3.0 gives it (an offset, not a zone name).
    expect(after1.schedules).toEqual([
      { weekday: 'FR', opensAt: '10:00', closesAt: '18:00', timezone: 'Etc/GMT-3', validFrom: '2005-01-01', validTo: '2005-01-01' },
      { weekday: 'TH', opensAt: '10:00', closesAt: '18:00', timezone: 'Etc/GMT-3', validFrom: '2005-01-01', validTo: '2005-01-01' },
    ]);

    const second = await importHsds(file, { url: gateway, token: admin, imperative: 'BASIC_NEEDS' });
    expect(second.taxonomyTerms).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(second.organizations).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(second.services).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    const org = (await gql(gateway, `{ organization(id: "${SAMPLE_ORG}") { name sector website } }`)).json.data.organization;
    expect(org).toEqual({ name: 'Example Organization Inc.', sector: 'COMMUNITY_ORGANIZATION', website: 'http://example.com' });
    expect(await directory()).toEqual(after1);
  });

  it('refuses a malformed file before writing anything, and reports bad records by id and field', async () => {
    const broken = path.join(tmp, 'broken.json');
    fs.writeFileSync(broken, '{"id": "x", "name": ');
    await expect(importHsds(broken, { url: gateway, token: admin })).rejects.toThrow(/broken\.json is not valid JSON/);

    const sample = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'service_full.json'), 'utf8'));
    const list = [
      { ...sample, id: '11111111-2222-4333-8444-555555555555', minimum_age: -3, attributes: [] },
      { ...sample, id: '11111111-2222-4333-8444-666666666666', organization: undefined, organization_id: undefined, attributes: [] },
      { ...sample, id: '11111111-2222-4333-8444-777777777777', status: 'paused', attributes: [] },
      { ...sample, id: '11111111-2222-4333-8444-888888888888', name: 'Fine copy', attributes: [] },
      // Breaks the HSDS schema in two places: refused whole, each problem named.
      {
        ...sample,
        id: '11111111-2222-4333-8444-999999999999',
        attributes: [],
        minimum_age: 'twelve',
        schedules: [{ ...sample.schedules[0], timezone: 'UTC+3' }],
      },
    ];
    const file = path.join(tmp, 'list.json');
    fs.writeFileSync(file, JSON.stringify(list));
    const r = await importHsds(file, { url: gateway, token: admin, imperative: 'K12' });
    expect(r.services).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 4 });
    expect(r.errors.map((e) => [e.record.split(' ')[1], e.field])).toEqual([
      ['11111111-2222-4333-8444-666666666666', 'organization_id'],
      ['11111111-2222-4333-8444-777777777777', 'status'],
      ['11111111-2222-4333-8444-999999999999', 'minimum_age'],
      ['11111111-2222-4333-8444-999999999999', 'schedules[0].timezone'],
      ['11111111-2222-4333-8444-555555555555', 'minimumAge'],
    ]);
    expect(r.errors[1].message).toBe(
      'HSDS schema: must be equal to one of the allowed values: active, inactive, defunct, temporarily closed',
    );
    expect(r.errors[3].message).toBe('HSDS schema: must be number');
    for (const id of ['11111111-2222-4333-8444-555555555555', '11111111-2222-4333-8444-999999999999']) {
      const gone = await gql(gateway, `{ service(id: "${id}") { id } }`, {}, admin);
      expect(gone.json.errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  const get = async (p: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${base}${p}`, { headers });
    return { status: res.status, body: (await res.json()) as any, headers: res.headers };
  };

  it('serves services in HSDS’s page envelope, with its filters, from the graph', async () => {
    const all = await get('/hsds/services?per_page=7&page=2');
    expect(all.status).toBe(200);
    const total = publicCount + 2; // the two imported services
    expect({ ...all.body, contents: all.body.contents.length }).toEqual({
      total_items: total,
      total_pages: Math.ceil(total / 7),
      page_number: 2,
      size: 7,
      first_page: false,
      last_page: false,
      empty: false,
      contents: 7,
    });
    const byOrg = await get(`/hsds/services?organization_id=${SAMPLE_ORG}`);
    // The sample and the good copy from the list, by name.
    expect(byOrg.body.contents.map((c: any) => c.name)).toEqual(['Community Counselling', 'Fine copy']);
    const s = byOrg.body.contents[0];
    expect(s).toMatchObject({
      id: SAMPLE_SERVICE,
      organization_id: SAMPLE_ORG,
      name: 'Community Counselling',
      status: 'active',
      minimum_age: 12,
      maximum_age: 100,
      languages: [{ code: 'ur' }],
    });
    expect(s.schedules.map((x: any) => [x.byday, x.opens_at, x.closes_at, x.freq])).toEqual([
      ['FR', '10:00:00', '18:00:00', 'WEEKLY'],
      ['TH', '10:00:00', '18:00:00', 'WEEKLY'],
    ]);
    expect(s.service_at_locations[0].location.addresses[0]).toMatchObject({
      address_1: '1-30 Main Street, MyVillage',
      postal_code: 'ABC 1234',
    });
    expect(s.attributes[0].taxonomy_term).toMatchObject({ id: SAMPLE_TERM });
    // HSDS types its fields and allows no null: a top term has no parent_id at all.
    expect(s.attributes[0].taxonomy_term).not.toHaveProperty('parent_id');

    const one = await get(`/hsds/services/${SAMPLE_SERVICE}`);
    expect(one.body).toEqual(s);
    expect((await get('/hsds/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const zip = '48214';
    const byZip = await get(`/hsds/services?postcode=${zip}&search=club&per_page=100`);
    const expected = (
      await gql(gateway, `{ searchServices(zip: "${zip}", text: "club", first: 100) { totalCount edges { node { id } } } }`)
    ).json.data.searchServices;
    expect(byZip.body.total_items).toBe(expected.totalCount);
    expect(byZip.body.contents.map((c: any) => c.id)).toEqual(expected.edges.map((e: any) => e.node.id));

    const near = await get('/hsds/services?proximity=42.38,-83.1,3&per_page=100');
    const dist = (c: any) => {
      const l = c.service_at_locations[0].location;
      return Math.hypot((l.latitude - 42.38) * 111.195, (l.longitude + 83.1) * 111.195 * Math.cos((42.38 * Math.PI) / 180));
    };
    const ds = near.body.contents.map(dist);
    expect(ds.length).toBeGreaterThan(1);
    expect(ds).toEqual([...ds].sort((a, b) => a - b));
    expect(Math.max(...ds)).toBeLessThanOrEqual(3);

    const recent = await get(`/hsds/services?modified_after=${encodeURIComponent(beforeImport.toISOString())}`);
    expect(recent.body.contents.map((c: any) => c.id).sort()).toEqual([SAMPLE_SERVICE, '11111111-2222-4333-8444-888888888888'].sort());
  });

  it('refuses pages over the cap and bad parameters with 400 naming the parameter', async () => {
    for (const [q, field] of [
      ['page=0', 'page'],
      ['per_page=abc', 'per_page'],
      ['taxonomy_term_id=00000000-0000-4000-8000-000000000000', 'taxonomy_term_id'],
      ['proximity=100,10', 'proximity'],
      ['proximity=north', 'proximity'],
      ['postcode=48', 'postcode'],
      ['modified_after=yesterday', 'modified_after'],
      ['modified_after=2026', 'modified_after'],
      ['per_page=101', 'per_page'],
      ['per_page=100000', 'per_page'],
      ['format=xml', 'format'],
      ['minimal=perhaps', 'minimal'],
      ['taxonomy_id=00000000-0000-4000-8000-000000000000', 'taxonomy_id'],
      ['page=1&page=2', 'page'],
      ['format=ndjson&modified_after=yesterday', 'modified_after'],
      ['format=ndjson&per_page=500', 'per_page'],
    ]) {
      const r = await get(`/hsds/services?${q}`);
      expect({ q, status: r.status, field: r.body.field }).toEqual({ q, status: 400, field });
    }
  });

  it('serves organizations and taxonomy terms in the envelope, and CORS only to listed origins', async () => {
    const orgs = await get('/hsds/organizations?per_page=5&page=2');
    // The demo's organisations and the one the sample import created.
    const names = [...u.organizations.map((o) => o.name), 'Example Organization Inc.'].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(orgs.body).toMatchObject({ total_items: u.organizations.length + 1, page_number: 2, size: 5, first_page: false });
    expect(orgs.body.contents.map((o: any) => o.name)).toEqual(names.slice(5, 10));

    const terms = await get('/hsds/taxonomy_terms?per_page=100');
    expect(terms.body.contents[0]).toMatchObject({ code: 'early-childhood', name: 'Early childhood' });
    expect(terms.body.contents[0]).not.toHaveProperty('parent_id');
    expect(terms.body.contents.map((t: any) => t.id)).toContain(SAMPLE_TERM);
    const tops = await get('/hsds/taxonomy_terms?parent_id=');
    expect(tops.body.contents.map((t: any) => t.name)).toEqual([
      'Early childhood',
      'K-12',
      'Afterschool and summer',
      'College and career',
      'Basic needs',
      'name',
    ]);

    const allowed = await get('/hsds/taxonomy_terms', { origin: 'https://library.example.org' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://library.example.org');
    const other = await get('/hsds/taxonomy_terms', { origin: 'https://evil.example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    // Embedders exchange their API key from their own pages: the key route follows the same allowlist.
    const preflight = (origin: string) =>
      fetch(new URL('/auth/token', gateway), {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const ok = await preflight('https://library.example.org');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://library.example.org');
    const refused = await preflight('https://evil.example.com');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
  it('imports the CSV tables through the CLI (--json), twice, to the same directory', async () => {
    const run = async () => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          path.resolve(__dirname, '../../cli/bin/c2c.js'),
          'import',
          'hsds',
          path.join(EXAMPLES, 'csv'),
          '--url',
          gateway,
          '--token',
          admin,
          '--imperative',
          'BASIC_NEEDS',
          '--json',
        ],
        { env: { ...process.env, NODE_ENV: 'production' } },
      );
      return JSON.parse(stdout);
    };
    const first = await run();
    expect(first.files).toBeGreaterThan(5);
    expect(first.services.failed).toBe(0);
    // The CSV sample links its term to another record (attributes.link_id), so the service loses its tag: an update.
    expect(first.services).toEqual({ created: 0, updated: 1, unchanged: 0, failed: 0 });
    const snapshot = await directory();
    const second = await run();
    expect(second.services).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(second.taxonomyTerms.unchanged).toBe(1);
    expect(await directory()).toEqual(snapshot);
  });

  it('imports a directory published with its own taxonomy and ids completely, unclassified; its crosswalk classifies it; again changes nothing', async () => {
    const SERVICES = `{ searchServices(text: "", first: 100, zip: "90011") { edges { node { id imperative } } } }`;
    const first = await importHsds(FOREIGN, { url: gateway, token: admin });
    expect(first.errors).toEqual([]);
    expect(first.warnings).toEqual([]);
    expect(first.taxonomies).toEqual({ created: 1, updated: 0, unchanged: 0, failed: 0 });
    expect(first.taxonomyTerms).toEqual({ created: 6, updated: 0, unchanged: 0, failed: 0 });
    expect(first.organizations).toEqual({ created: 3, updated: 0, unchanged: 0, failed: 0 });
    expect(first.services).toEqual({ created: FOREIGN_SERVICES, updated: 0, unchanged: 0, failed: 0 });
    // Its own taxonomy, as it is: the feed lists it beside ours, with its terms.
    const taxonomies = (await get('/hsds/taxonomies')).body.contents;
    const la = taxonomies.find((t: any) => t.name === '211LA');
    // The directory's own taxonomy record, id and all.
    expect(la).toEqual(JSON.parse(fs.readFileSync(path.join(FOREIGN, 'taxonomy.json'), 'utf8')));
    expect((await get(`/hsds/taxonomies/${la.id}`)).body).toEqual(la);
    const laTerms = (await get(`/hsds/taxonomy_terms?taxonomy_id=${la.id}&per_page=100`)).body.contents;
    expect(laTerms.map((t: any) => t.code).sort()).toEqual(['BD', 'BD-1800', 'BD-1800.2000', 'BH-3800', 'LR-8000', 'PH-6000']);
    const unclassified = (await gql(gateway, SERVICES, {}, admin)).json.data.searchServices.edges.map((e: any) => e.node);
    expect(unclassified).toHaveLength(2);
    expect(unclassified.every((s: any) => s.imperative === null)).toBe(true);
    const gaps = async () =>
      (await gql(gateway, `{ serviceGaps(zips: ["90011", "90037", "90044"]) { zip imperative unclassified activeServices } }`, {}, admin))
        .json.data.serviceGaps;
    expect((await gaps()).filter((g: any) => g.unclassified)).toEqual([
      { zip: '90011', imperative: null, unclassified: true, activeServices: 2 },
      { zip: '90037', imperative: null, unclassified: true, activeServices: 1 },
      { zip: '90044', imperative: null, unclassified: true, activeServices: 1 },
    ]);

    // A crosswalk naming terms the taxonomy does not have stops the import before anything is written.
    const bad = path.join(tmp, 'bad.crosswalk.json');
    fs.writeFileSync(bad, JSON.stringify({ taxonomy: '211LA', terms: { 'XX-1': 'K12', 'LR-8000': 'K12' }, prefixes: { 'ZZ-': 'K12' } }));
    await expect(importHsds(FOREIGN, { url: gateway, token: admin, crosswalk: bad })).rejects.toThrow(
      'crosswalk bad.crosswalk.json names terms XX-1 and prefixes ZZ- (no term code starts with them) not in the 211LA taxonomy (of the import or the hub)',
    );
    expect((await gql(gateway, `{ taxonomyMappings { id } }`)).json.data.taxonomyMappings).toEqual([]);

    const classified = await importHsds(FOREIGN, { url: gateway, token: admin, crosswalk: FOREIGN_CROSSWALK });
    expect(classified.errors).toEqual([]);
    expect(classified.crosswalk).toEqual({ taxonomy: '211LA', lines: 4, classified: FOREIGN_SERVICES, reclassified: 0 });
    // The crosswalk classified them before the records came again, so the records themselves are unchanged.
    expect(classified.services).toEqual({ created: 0, updated: 0, unchanged: FOREIGN_SERVICES, failed: 0 });
    const now = (await gql(gateway, SERVICES, {}, admin)).json.data.searchServices.edges.map((e: any) => e.node.imperative);
    expect(now).toEqual(['BASIC_NEEDS', 'BASIC_NEEDS']);
    expect((await gaps()).filter((g: any) => g.unclassified)).toEqual([]);

    // The feed filters services by that taxonomy (HSDS taxonomy_id), alone or with other filters.
    const byTaxonomy = await get(`/hsds/services?taxonomy_id=${la.id}&per_page=100`);
    expect(byTaxonomy.body.total_items).toBe(FOREIGN_SERVICES);
    const both = await get(`/hsds/services?taxonomy_id=${la.id}&postcode=90011&per_page=100`);
    expect(both.body.contents.map((c: any) => c.name).sort()).toEqual(['Housing help desk', 'Saturday food pantry']);

    const again = await importHsds(FOREIGN, { url: gateway, token: admin, crosswalk: FOREIGN_CROSSWALK });
    expect(again.crosswalk).toEqual({ taxonomy: '211LA', lines: 4, classified: 0, reclassified: 0 });
    expect(again.taxonomies).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect(again.taxonomyTerms).toEqual({ created: 0, updated: 0, unchanged: 6, failed: 0 });
    expect(again.organizations).toEqual({ created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(again.services).toEqual({ created: 0, updated: 0, unchanged: FOREIGN_SERVICES, failed: 0 });
  });

  it('serves only documents that validate against the HSDS 3.0 schemas, demo and imported alike, the same on every request', async () => {
    const schema = hsdsValidator(SCHEMAS);
    const problems: string[] = [];
    const check = (name: HsdsObject, doc: unknown, where: string) =>
      schema.problems(name, doc).forEach((p) => problems.push(`${where} ${p.field}: ${p.message}`));
    /** Every page of a list endpoint, envelope and contents checked. */
    const all = async (route: string, name: HsdsObject, headers: Record<string, string> = {}) => {
      const out: any[] = [];
      for (let page = 1; ; page++) {
        const r = await get(`${route}${route.includes('?') ? '&' : '?'}per_page=100&page=${page}`, headers);
        expect(r.status).toBe(200);
        check('page', r.body, `${route} page ${page}`);
        r.body.contents.forEach((c: any) => check(name, c, `${route} ${c.id}`));
        out.push(...r.body.contents);
        if (r.body.last_page) return out;
      }
    };
    const services = await all('/hsds/services', 'service');
    expect(services.length).toBe(publicCount + 2 + FOREIGN_SERVICES);
    expect(services.map((s) => s.id)).toContain(SAMPLE_SERVICE);
    for (const s of services) {
      const one = await get(`/hsds/services/${s.id}`);
      check('service', one.body, `/hsds/services/${s.id}`);
      expect(one.body).toEqual(s);
    }
    // What a token sees (staff fields, whatever the caller may see beyond the public) validates too.
    const asAdmin = await all('/hsds/services', 'service', { authorization: `Bearer ${admin}` });
    expect(asAdmin.length).toBeGreaterThanOrEqual(services.length);
    const minimal = await all('/hsds/services?minimal=true', 'service');
    expect(minimal.map((s) => s.id)).toEqual(services.map((s) => s.id));
    const orgs = await all('/hsds/organizations', 'organization');
    for (const o of orgs.slice(0, 5))
      check('organization', (await get(`/hsds/organizations/${o.id}?full_service=true`)).body, `/hsds/organizations/${o.id}`);
    await all('/hsds/organizations?full=true', 'organization');
    const terms = await all('/hsds/taxonomy_terms', 'taxonomy_term');
    for (const t of terms) check('taxonomy_term', (await get(`/hsds/taxonomy_terms/${t.id}`)).body, `/hsds/taxonomy_terms/${t.id}`);
    const taxonomies = await all('/hsds/taxonomies', 'taxonomy');
    for (const t of taxonomies) check('taxonomy', (await get(`/hsds/taxonomies/${t.id}`)).body, `/hsds/taxonomies/${t.id}`);
    const sals = await all('/hsds/service_at_locations', 'service_at_location');
    expect(sals.length).toBeGreaterThanOrEqual(services.length);
    for (const x of sals.slice(0, 20))
      check('service_at_location', (await get(`/hsds/service_at_locations/${x.id}`)).body, `/hsds/service_at_locations/${x.id}`);
    await all('/hsds/service_at_locations?full=true', 'service_at_location');
    const locations = await all('/hsds/locations', 'location');
    for (const l of locations.slice(0, 20)) check('location', (await get(`/hsds/locations/${l.id}`)).body, `/hsds/locations/${l.id}`);
    expect(problems).toEqual([]);
    // Derived ids (service_at_location, address, attribute, language, phone) are the same on the next request.
    expect(await all('/hsds/services', 'service')).toEqual(services);
  }, 120_000);

  it('round-trips hours that run past midnight: import, feed, import again changes nothing', async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'service_full.json'), 'utf8'));
    const id = '11111111-2222-4333-8444-aaaaaaaaaaaa';
    const night = {
      ...sample.schedules[0],
      id: '11111111-2222-4333-8444-bbbbbbbbbbbb',
      byday: 'FR',
      opens_at: '22:00',
      closes_at: '02:00',
      timezone: -5,
    };
    const file = path.join(tmp, 'night.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ ...sample, id, name: 'Friday night drop-in', attributes: [], schedules: [night], service_at_locations: [] }),
    );
    const first = await importHsds(file, { url: gateway, token: admin });
    expect(first.errors).toEqual([]);
    expect(first.services).toMatchObject({ created: 1 });
    const served = (await get(`/hsds/services/${id}`)).body;
    expect(served.schedules.map((x: any) => [x.byday, x.opens_at, x.closes_at, x.timezone])).toEqual([['FR', '22:00:00', '02:00:00', -5]]);
    const again = path.join(tmp, 'night-from-feed.json');
    fs.writeFileSync(again, JSON.stringify(served));
    const second = await importHsds(again, { url: gateway, token: admin });
    expect(second.errors).toEqual([]);
    expect(second.services).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    expect((await get(`/hsds/services/${id}`)).body).toEqual(served);
  });

  it('round-trips cost options, funding, programme, required documents, languages and accessibility: feed, import again changes nothing', async () => {
    const sample = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'service_full.json'), 'utf8'));
    const served = (await get(`/hsds/services/${SAMPLE_SERVICE}`)).body;
    const ids = (list: { id: string }[]) => list.map((x) => x.id);
    const own = ({ id: _id, service_id: _s, location_id: _l, ...rest }: Record<string, unknown>) => rest;
    // What the sample says, under the hub's own (stable) ids; a currency is kept uppercase.
    expect(served.cost_options.map(own)).toEqual(sample.cost_options.map((c: any) => ({ ...own(c), currency: 'GBP' })));
    expect(served.funding.map(own)).toEqual(sample.funding.map(own));
    expect(served.required_documents.map(own)).toEqual(sample.required_documents.map(own));
    expect(served.languages.map(own)).toEqual(sample.languages.map(own));
    expect(served.program).toEqual({ ...sample.program, organization_id: SAMPLE_ORG });
    expect(served.program_id).toBe(sample.program.id);
    expect(served.service_at_locations[0].location.accessibility.map(own)).toEqual(
      sample.service_at_locations[0].location.accessibility.map(own),
    );
    const schema = hsdsValidator(SCHEMAS);
    expect(schema.problems('service', served)).toEqual([]);
    const again = path.join(tmp, 'sample-from-feed.json');
    fs.writeFileSync(again, JSON.stringify(served));
    const second = await importHsds(again, { url: gateway, token: admin, imperative: 'BASIC_NEEDS' });
    expect(second.errors).toEqual([]);
    expect(second.services).toEqual({ created: 0, updated: 0, unchanged: 1, failed: 0 });
    const after = (await get(`/hsds/services/${SAMPLE_SERVICE}`)).body;
    expect(after).toEqual(served);
    expect(ids(after.cost_options)).toEqual(ids(served.cost_options));
  });

  it('answers / with the version, profile and OpenAPI document, and serves that document', async () => {
    const root = await get('/hsds');
    expect(root.body).toEqual({
      version: '3.0',
      profile: 'https://openreferral.org/hsds/profiles/base',
      openapi_url: `${base}/hsds/openapi.json`,
    });
    const doc = await get('/hsds/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.servers).toEqual([{ url: `${base}/hsds` }]);
    const published = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'openapi.json'), 'utf8'));
    expect(doc.body.paths).toEqual(published.paths);
    // Every path the document describes answers here.
    for (const p of Object.keys(doc.body.paths).filter((x) => !x.includes('{')))
      expect({ p, status: (await get(`/hsds${p}`)).status }).toEqual({ p, status: 200 });
  });

  it('serves every list’s /{id}, and 404 for an id that is not there', async () => {
    const sal = (await get('/hsds/service_at_locations?per_page=1')).body.contents[0];
    const oneSal = await get(`/hsds/service_at_locations/${sal.id}`);
    expect(oneSal.body).toMatchObject({ ...sal, service: { id: sal.service_id } });
    expect((await get(`/hsds/locations/${sal.location_id}`)).body).toEqual(sal.location);
    const org = (await get('/hsds/organizations?per_page=1')).body.contents[0];
    const full = await get(`/hsds/organizations/${org.id}?full_service=true`);
    expect(full.body).toMatchObject(org);
    const theirs = await get(`/hsds/services?organization_id=${org.id}&per_page=100`);
    expect(full.body.services.map((x: any) => x.id).sort()).toEqual(theirs.body.contents.map((x: any) => x.id).sort());
    const tax = (await get('/hsds/taxonomies')).body.contents[0];
    expect((await get(`/hsds/taxonomies/${tax.id}`)).body).toEqual(tax);
    const terms = await get(`/hsds/taxonomy_terms?taxonomy_id=${tax.id}&per_page=100`);
    expect(terms.body.contents.every((t: any) => t.taxonomy_id === tax.id)).toBe(true);
    expect((await get(`/hsds/taxonomy_terms/${terms.body.contents[0].id}`)).body).toEqual(terms.body.contents[0]);
    const tops = await get(`/hsds/taxonomy_terms?top_only=true&per_page=100`);
    expect(tops.body.contents.length).toBeGreaterThan(0);
    expect(tops.body.contents.every((t: any) => !('parent_id' in t))).toBe(true);
    const none = '00000000-0000-4000-8000-000000000000';
    for (const p of ['service_at_locations', 'locations', 'organizations', 'taxonomies', 'taxonomy_terms', 'services'])
      expect({ p, status: (await get(`/hsds/${p}/${none}`)).status }).toEqual({ p, status: 404 });
  });

  it('lists a service changed at or after modified_after and not one changed before, exactly', async () => {
    const [a, b] = (await get('/hsds/services?per_page=2')).body.contents;
    const changed = await gql(
      gateway,
      `mutation($id: ID!) { updateService(id: $id, input: { fees: "Free for families in the district" }) { lastModified } }`,
      { id: a.id },
      admin,
    );
    const t = changed.json.data.updateService.lastModified as string;
    const ids = async (after: string) =>
      (await get(`/hsds/services?per_page=100&modified_after=${encodeURIComponent(after)}`)).body.contents.map((c: any) => c.id);
    expect(await ids(t)).toContain(a.id);
    expect(await ids(t)).not.toContain(b.id);
    expect(await ids(new Date(Date.parse(t) + 1).toISOString())).not.toContain(a.id);
    expect(await ids(new Date(Date.parse(t) - 1).toISOString())).toContain(a.id);
  });

  it('combines filters with AND', async () => {
    const ids = async (q: string) => new Set<string>((await get(`/hsds/services?per_page=100&${q}`)).body.contents.map((c: any) => c.id));
    const org = (await get('/hsds/services?per_page=1&search=club')).body.contents[0].organization_id;
    const [byOrg, byText, both] = await Promise.all([
      ids(`organization_id=${org}`),
      ids('search=club'),
      ids(`organization_id=${org}&search=club`),
    ]);
    expect(both.size).toBeGreaterThan(0);
    expect(byOrg.size).toBeGreaterThan(both.size);
    expect([...both].sort()).toEqual([...byOrg].filter((id) => byText.has(id)).sort());
  });

  it('keeps service_at_locations within proximity, nearest first, and within a postcode’s services', async () => {
    const near = await get('/hsds/service_at_locations?proximity=42.38,-83.1,3&per_page=100');
    const km = (l: any) => Math.hypot((l.latitude - 42.38) * 111.195, (l.longitude + 83.1) * 111.195 * Math.cos((42.38 * Math.PI) / 180));
    const ds = near.body.contents.map((x: any) => km(x.location));
    expect(ds.length).toBeGreaterThan(1);
    expect(ds).toEqual([...ds].sort((x: number, y: number) => x - y));
    expect(Math.max(...ds)).toBeLessThanOrEqual(3.01);
    const zip = await get('/hsds/service_at_locations?postcode=48214&per_page=100');
    const services = await get('/hsds/services?postcode=48214&per_page=100');
    expect(new Set(zip.body.contents.map((x: any) => x.service_id))).toEqual(new Set(services.body.contents.map((x: any) => x.id)));
  });

  it('streams format=ndjson without pages: every document, one a line, each valid', async () => {
    const schema = hsdsValidator(SCHEMAS);
    const res = await fetch(`${base}/hsds/services?format=ndjson`);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe((await get('/hsds/services?per_page=1')).body.total_items);
    expect(lines.flatMap((l) => schema.problems('service', l))).toEqual([]);
    const orgs = (await (await fetch(`${base}/hsds/organizations?format=ndjson`)).text()).trim().split('\n');
    expect(orgs.length).toBe(u.organizations.length + 1 + 3); // the sample's organisation and the foreign directory's three
  });

  it('stops the work of an ndjson stream when the client goes away mid-stream', async () => {
    const fetches = async () => {
      const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS}` } })).text();
      return Number(/c2c_gateway_subgraph_fetch_duration_seconds_count\{subgraph="resources",outcome="ok"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    const t0 = await fetches();
    await (await fetch(`${base}/hsds/services?format=ndjson`)).text();
    const whole = (await fetches()) - t0;
    expect(whole).toBeGreaterThanOrEqual(10); // 279 services in graph pages of 25

    const t1 = await fetches();
    const abort = new AbortController();
    const res = await fetch(`${base}/hsds/services?format=ndjson`, { signal: abort.signal });
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value).length).toBeGreaterThan(0);
    abort.abort();
    await new Promise((r) => setTimeout(r, 1500));
    const partial = (await fetches()) - t1;
    expect(partial).toBeLessThanOrEqual(3);
    // And the gateway carries on.
    expect((await get('/hsds/services?per_page=1')).status).toBe(200);
  });

  it('answers an unchanged page 304 by ETag or Last-Modified, and a changed one 200', async () => {
    const route = '/hsds/services?per_page=5';
    const first = await fetch(`${base}${route}`);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = (await first.json()) as any;
    expect(Date.parse(lastModified)).toBe(
      Math.floor(Math.max(...body.contents.map((c: any) => Date.parse(c.last_modified))) / 1000) * 1000,
    );
    const again = await fetch(`${base}${route}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetch(`${base}${route}`, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    for (const r of ['/hsds/taxonomy_terms', `/hsds/services/${body.contents[0].id}`, '/hsds/organizations']) {
      const e = (await fetch(`${base}${r}`)).headers.get('etag')!;
      expect({ r, status: (await fetch(`${base}${r}`, { headers: { 'if-none-match': e } })).status }).toEqual({ r, status: 304 });
    }
    // Every list and document made of services says when it last changed: the newest change of the services in it.
    const sal = ((await get('/hsds/service_at_locations?per_page=5')).body as any).contents[0];
    for (const r of [
      '/hsds/service_at_locations?per_page=5',
      '/hsds/service_at_locations?per_page=5&full=true',
      `/hsds/service_at_locations/${sal.id}`,
      '/hsds/locations?per_page=5',
    ]) {
      const res = await fetch(`${base}${r}`);
      const at = res.headers.get('last-modified');
      expect({ r, dated: at !== null && !Number.isNaN(Date.parse(at)) }).toEqual({ r, dated: true });
      expect({ r, status: (await fetch(`${base}${r}`, { headers: { 'if-modified-since': at! } })).status }).toEqual({ r, status: 304 });
    }
    const salService = ((await get(`/hsds/services/${sal.service_id}`)).body as any).last_modified;
    const salDate = (await fetch(`${base}/hsds/service_at_locations/${sal.id}`)).headers.get('last-modified')!;
    expect(Date.parse(salDate)).toBe(Math.floor(Date.parse(salService) / 1000) * 1000);

    await gql(
      gateway,
      `mutation($id: ID!) { updateService(id: $id, input: { fees: "Sliding scale from Monday" }) { id } }`,
      { id: body.contents[0].id },
      admin,
    );
    const changed = await fetch(`${base}${route}`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  describe('caching of answers that depend on the caller', () => {
    const get = (route: string, headers: Record<string, string> = {}) => fetch(`${base}${route}`, { headers });
    const routes = [
      '/hsds/services?per_page=2',
      '/hsds/organizations?per_page=2',
      '/hsds/taxonomy_terms?per_page=2',
      '/embed/api/search?per_page=2',
    ];

    it.each(routes)('lets shared caches keep the anonymous answer of %s, varying on Authorization', async (route) => {
      const res = await get(route);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60');
      expect(res.headers.get('vary') ?? '').toMatch(/authorization/i);
    });

    it.each(routes)('never lets a shared cache keep %s answered for a token', async (route) => {
      const res = await get(route, { authorization: `Bearer ${admin}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('private, no-store');
    });

    it.each(routes)('answers %s with a bad token by 401 and nothing cacheable, not 500', async (route) => {
      for (const header of ['Bearer not-a-token', 'Basic abc']) {
        const res = await get(route, { authorization: header });
        expect({ header, status: res.status }).toEqual({ header, status: 401 });
        expect(res.headers.get('cache-control')).toBe('no-store');
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="c2c-hub", error="invalid_token"/);
      }
    });
  });
});
