import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { demoDirectory, demoServiceAreas, programmeOf, serviceTermCode, termId, TOP_TERM_CODES } from '@c2c/demo';
import { KM_PER_DEGREE } from '../src/service-search.logic';
import { defunct, inactive, publicServices, universe } from './demo';

type S = demo.DemoService;
const byName = (a: S, b: S) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
const zips = demoDirectory().zips;
const serves = (s: S, zip: string) => demoServiceAreas(s, zips).includes(zip);
const fitsAge = (s: S, age: number) => (s.minimumAge == null || s.minimumAge <= age) && (s.maximumAge == null || s.maximumAge >= age);
const km = (lat0: number, lon0: number, s: S) =>
  Math.hypot((s.latitude - lat0) * KM_PER_DEGREE, (s.longitude - lon0) * KM_PER_DEGREE * Math.cos((lat0 * Math.PI) / 180));
const top = (imp: string) => termId(TOP_TERM_CODES[imp as keyof typeof TOP_TERM_CODES]);

/** Facet counts as the issue defines them: every filter but the term, each term counting itself and its descendants. */
function facetsOf(matching: S[]) {
  const counts = new Map<string, number>();
  for (const s of matching) for (const id of [termId(serviceTermCode(s)), top(s.imperative)]) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

const SEARCH = `query($text: String, $term: ID, $age: Int, $language: String, $free: Boolean, $zip: String, $near: GeoRadiusInput, $openNow: Boolean, $openAt: DateTimeISO, $sort: ServiceSort, $first: Int, $after: String) {
  searchServices(text: $text, taxonomyTermId: $term, age: $age, language: $language, freeOnly: $free, zip: $zip, near: $near, openNow: $openNow, openAt: $openAt, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { distanceKm node { id name status } }
    facets { term { id code } count }
  }
}`;

describe('resources subgraph: directory search', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: true });
  });
  afterAll(() => sg.close());

  const search = async (vars: Record<string, unknown>) => {
    const res = await sg.exec(SEARCH, { first: 100, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.searchServices;
  };

  it('combines term (with descendants), age, free-only and ZIP served, by name, with total and facets', async () => {
    const zip = '48214';
    const others = publicServices.filter((s) => fitsAge(s, 10) && s.free && serves(s, zip));
    const expected = others.filter((s) => s.imperative === 'AFTERSCHOOL_AND_SUMMER').sort(byName);
    expect(expected.length).toBeGreaterThan(1);
    const r = await search({ term: top('AFTERSCHOOL_AND_SUMMER'), age: 10, free: true, zip });
    expect(r.edges.map((e: any) => e.node.name)).toEqual(expected.map((s) => s.name));
    expect(r.edges.map((e: any) => e.node.id)).toEqual(expected.map((s) => s.id));
    expect(r.totalCount).toBe(expected.length);
    const facets = facetsOf(others);
    expect(r.facets.map((f: any) => [f.term.id, f.count])).toEqual(
      demoDirectory()
        .terms.filter((t) => facets.has(t.id))
        .map((t) => [t.id, facets.get(t.id)])
        .sort((a, b) => {
          // Tree order: imperative rank, then sub-terms by name under their top term.
          const ta = demoDirectory().terms.find((t) => t.id === a[0])!;
          const tb = demoDirectory().terms.find((t) => t.id === b[0])!;
          const rank = (t: typeof ta) =>
            Object.keys(TOP_TERM_CODES).indexOf((t.imperative ?? demoDirectory().terms.find((p) => p.id === t.parentId)!.imperative)!);
          return rank(ta) - rank(tb) || (ta.parentId ? 1 : 0) - (tb.parentId ? 1 : 0) || (ta.name < tb.name ? -1 : 1);
        }),
    );
    // The imperative's own facet counts what the term filter returns.
    expect(r.facets.find((f: any) => f.term.id === top('AFTERSCHOOL_AND_SUMMER')).count).toBe(expected.length);
  });

  it('a sub-term finds only its programme; a top term finds every sub-term under it', async () => {
    const s = publicServices.find((x) => programmeOf(x) === 'Food pantry')!;
    const sub = await search({ term: termId(serviceTermCode(s)) });
    const pantries = publicServices.filter((x) => programmeOf(x) === 'Food pantry').sort(byName);
    expect(sub.edges.map((e: any) => e.node.id)).toEqual(pantries.map((x) => x.id));
    const all = await search({ term: top('BASIC_NEEDS'), first: 100 });
    expect(all.totalCount).toBe(publicServices.filter((x) => x.imperative === 'BASIC_NEEDS').length);
  });

  it('sorts by distance within a radius, with language and text filters, and reports each distance', async () => {
    const [lat, lon, radiusKm] = [42.38, -83.1, 6];
    const expected = publicServices
      .filter((s) => s.languages.includes('es') && km(lat, lon, s) <= radiusKm)
      .sort((a, b) => km(lat, lon, a) - km(lat, lon, b) || byName(a, b));
    expect(expected.length).toBeGreaterThan(3);
    const r = await search({ near: { latitude: lat, longitude: lon, radiusKm }, language: 'es' });
    expect(r.edges.map((e: any) => e.node.id)).toEqual(expected.map((s) => s.id));
    expect(r.edges.map((e: any) => e.distanceKm)).toEqual(expected.map((s) => Math.round(km(lat, lon, s) * 1000) / 1000));
    expect(r.totalCount).toBe(expected.length);

    const text = await search({ near: { latitude: lat, longitude: lon, radiusKm: 20 }, text: 'TUTORING', sort: 'NAME' });
    // Full-text: any form of the word (tutor, tutors), its synonym "homework help", in the name, the description or the terms.
    const terms = (s: S) => demoDirectory().terms.filter((t) => t.id === termId(serviceTermCode(s)) || t.id === top(s.imperative));
    const tutoring = publicServices
      .filter((s) =>
        /\btutor(s|ing|ed)?\b|\bhomework help\b/i.test(
          `${s.name} ${s.description} ${terms(s)
            .map((t) => t.name)
            .join(' ')}`,
        ),
      )
      .filter((s) => km(lat, lon, s) <= 20)
      .sort(byName);
    expect(tutoring.length).toBeGreaterThan(
      publicServices.filter((s) => /tutoring/i.test(`${s.name} ${s.description}`) && km(lat, lon, s) <= 20).length,
    );
    expect(text.edges.map((e: any) => e.node.id)).toEqual(tutoring.map((s) => s.id));
  });

  it('open at a given time follows weekly hours, validity dates, closures and daylight saving', async () => {
    const active = universe.services.filter((s) => s.status === 'ACTIVE');
    const summer = (s: S) => s.imperative === 'AFTERSCHOOL_AND_SUMMER' && /summer/i.test(programmeOf(s));
    const ids = (r: any) => r.edges.map((e: any) => e.node.id).sort();
    // Tuesday 24 November 2026, 15:30 in Detroit (EST, UTC-5): after school, schools and basic needs.
    const tue = await search({ openAt: '2026-11-24T20:30:00Z', first: 100, after: null });
    const tueExpected = active.filter(
      (s) => ['K12', 'BASIC_NEEDS'].includes(s.imperative) || (s.imperative === 'AFTERSCHOOL_AND_SUMMER' && !summer(s)),
    );
    expect(tue.totalCount).toBe(tueExpected.length);
    const tueAll = [...ids(tue)];
    if (tue.pageInfo.hasNextPage) tueAll.push(...ids(await search({ openAt: '2026-11-24T20:30:00Z', after: tue.pageInfo.endCursor })));
    expect(tueAll.sort()).toEqual(tueExpected.map((s) => s.id).sort());
    // Thanksgiving, 11:00: everyone is closed.
    expect((await search({ openAt: '2026-11-26T16:00:00Z' })).totalCount).toBe(0);
    // Tuesday 7 July 2026, 09:30 in Detroit (EDT, UTC-4): summer camps, playgroups, schools, basic needs.
    const july = await search({ openAt: '2026-07-07T13:30:00Z', term: top('AFTERSCHOOL_AND_SUMMER') });
    expect(ids(july)).toEqual(
      active
        .filter(summer)
        .map((s) => s.id)
        .sort(),
    );
    const julyEc = await search({ openAt: '2026-07-07T13:30:00Z', term: top('EARLY_CHILDHOOD') });
    expect(julyEc.totalCount).toBe(active.filter((s) => s.imperative === 'EARLY_CHILDHOOD').length);
    // One minute before opening in winter (EST): 09:29 is still closed for playgroups.
    expect((await search({ openAt: '2026-11-24T14:29:00Z', term: top('EARLY_CHILDHOOD') })).totalCount).toBe(0);
  });

  it('never shows INACTIVE or DEFUNCT services; TEMPORARILY_CLOSED ones are listed but never open', async () => {
    const r = await search({ first: 100 });
    const all: string[] = r.edges.map((e: any) => e.node.id);
    let after = r.pageInfo.endCursor;
    while (all.length < r.totalCount) {
      const next = await search({ after });
      all.push(...next.edges.map((e: any) => e.node.id));
      after = next.pageInfo.endCursor;
    }
    expect(r.totalCount).toBe(publicServices.length);
    expect(all).toEqual([...publicServices].sort(byName).map((s) => s.id));
    expect(all).not.toContain(inactive.id);
    expect(all).not.toContain(defunct.id);
    const closed = universe.services.filter((s) => s.status === 'TEMPORARILY_CLOSED');
    expect(closed.length).toBeGreaterThan(0);
    const open = await search({ openAt: '2026-11-24T20:30:00Z' });
    expect(open.edges.some((e: any) => closed.some((c) => c.id === e.node.id))).toBe(false);
  });

  it('runs a fixed number of SQL statements whatever the page size, nested directory fields included', async () => {
    const q = `query($first: Int) { searchServices(first: $first, freeOnly: true, age: 8, openAt: "2026-11-24T20:30:00Z", taxonomyTermId: "${top('K12')}") {
      totalCount facets { count } edges { node { id openNow taxonomyTerms { code } locations { name postalCode } schedules { weekday opensAt } serviceAreas { postalCode } phones { number } contacts { name } } } } }`;
    const counts: number[] = [];
    for (const first of [2, 10, 50]) {
      sg.statements.reset();
      const res = await sg.exec(q, { first });
      expect(res.errors).toBeUndefined();
      counts.push(sg.statements.count);
    }
    // taxonomy, time zones, page, count, facets, then one per nested kind (terms, locations, schedules, areas, phones, contacts).
    expect(counts).toEqual([11, 11, 11]);
  });

  it('returns a service’s directory details', async () => {
    const s = publicServices.find((x) => programmeOf(x) === 'Food pantry' && x.status === 'ACTIVE')!;
    const res = await sg.exec(
      `query($id: ID!) { service(id: $id) { applicationProcess assuredDate lastModified taxonomyTerms { code parentId } locations { locationType street postalCode latitude longitude } schedules { weekday opensAt closesAt timezone closed validFrom validTo } serviceAreas { postalCode } phones { number type } contacts { title email } } }`,
      { id: s.id },
    );
    expect(res.errors).toBeUndefined();
    const d = res.data!.service;
    expect(d.taxonomyTerms).toEqual([{ code: 'basic-needs/food-pantry', parentId: top('BASIC_NEEDS') }]);
    expect(d.locations).toEqual([
      { locationType: 'PHYSICAL', street: s.street, postalCode: s.zip, latitude: s.latitude, longitude: s.longitude },
    ]);
    expect(
      d.schedules.map((x: any) => `${x.closed ? 'closed' : x.weekday} ${x.opensAt ?? ''}-${x.closesAt ?? ''} ${x.validFrom ?? ''}`),
    ).toEqual([
      'FR 09:00-17:00 ',
      'MO 09:00-17:00 ',
      'SA 09:00-13:00 ',
      'TH 09:00-17:00 ',
      'TU 09:00-17:00 ',
      'WE 09:00-17:00 ',
      'closed - 2026-11-26',
    ]);
    expect(d.schedules.every((x: any) => x.timezone === 'America/Detroit')).toBe(true);
    expect(d.serviceAreas.map((a: any) => a.postalCode)).toEqual(demoServiceAreas(s, zips));
    expect(d.phones).toEqual([{ number: s.phone, type: 'voice' }]);
    expect(d.contacts).toEqual([{ title: 'Family intake', email: s.email }]);
    expect(d.applicationProcess).toBe('Call or walk in during opening hours; no referral needed.');
    expect(d.assuredDate).toBe('2026-09-01');
  });

  it('lists the taxonomy as a tree: five imperatives as top terms, each followed by its sub-terms', async () => {
    const res = await sg.exec(`{ taxonomyTerms { code name parentId imperative } }`);
    const terms = res.data!.taxonomyTerms;
    expect(terms.filter((t: any) => !t.parentId).map((t: any) => t.name)).toEqual([
      'Early childhood',
      'K-12',
      'Afterschool and summer',
      'College and career',
      'Basic needs',
    ]);
    expect(terms).toHaveLength(demoDirectory().terms.length);
    expect(terms[0]).toEqual({ code: 'early-childhood', name: 'Early childhood', parentId: null, imperative: 'EARLY_CHILDHOOD' });
    expect(terms[1].parentId).toBe(top('EARLY_CHILDHOOD'));
    const one = await sg.exec(`query($id: ID!) { taxonomyTerm(id: $id) { name imperative } }`, { id: top('K12') });
    expect(one.data!.taxonomyTerm).toEqual({ name: 'K-12', imperative: 'K12' });
    const missing = await sg.exec(`{ taxonomyTerm(id: "nope") { name } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('rejects bad arguments as BAD_USER_INPUT naming the argument, before searching', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ term: '00000000-0000-4000-8000-000000000000' }, 'taxonomyTermId'],
      [{ term: 'not-a-term' }, 'taxonomyTermId'],
      [{ age: -1 }, 'age'],
      [{ age: 121 }, 'age'],
      [{ language: 'eng' }, 'language'],
      [{ zip: '4821' }, 'zip'],
      [{ near: { latitude: 91, longitude: -83 } }, 'near.latitude'],
      [{ near: { latitude: 42, longitude: -181 } }, 'near.longitude'],
      [{ near: { latitude: 42, longitude: -83, radiusKm: 0 } }, 'near.radiusKm'],
      [{ near: { latitude: 42, longitude: -83, radiusKm: 5000 } }, 'near.radiusKm'],
      [{ sort: 'DISTANCE' }, 'sort'],
      [{ openNow: true, openAt: '2026-11-24T20:30:00Z' }, 'openAt'],
      [{ first: 1000 }, 'first'],
      [{ text: 'x'.repeat(201) }, 'text'],
    ];
    for (const [vars, field] of cases) {
      sg.statements.reset();
      const res = await sg.exec(SEARCH, { first: 10, ...vars });
      expect({ vars, ext: res.errors?.[0].extensions }).toMatchObject({ vars, ext: { code: 'BAD_USER_INPUT', field } });
      expect(res.data).toBeNull();
      // At most the taxonomy lookup ran.
      expect(sg.statements.count).toBeLessThanOrEqual(1);
    }
  });

  describe('gaps', () => {
    const GAPS = `query($max: Int, $zips: [String!]) { serviceGaps(maxServices: $max, zips: $zips) { zip imperative activeServices } }`;
    const expectedCell = (zip: string, imperative: string) =>
      universe.services.filter((s) => s.status === 'ACTIVE' && s.imperative === imperative && serves(s, zip)).length;

    it('counts ACTIVE services per ZIP code served and imperative, zeros included', async () => {
      const res = await sg.exec(GAPS, {}, testing.viewerFor('evaluator'));
      expect(res.errors).toBeUndefined();
      const cells = res.data!.serviceGaps;
      const imps = Object.keys(TOP_TERM_CODES);
      expect(cells).toHaveLength(zips.length * 5);
      expect(cells).toEqual(
        zips.flatMap((zip) => imps.map((imperative) => ({ zip, imperative, activeServices: expectedCell(zip, imperative) }))),
      );
      const gaps = await sg.exec(GAPS, { max: 0 }, testing.viewerFor('cec_admin'));
      expect(gaps.data!.serviceGaps).toEqual(cells.filter((c: any) => c.activeServices === 0));
      expect(gaps.data!.serviceGaps.length).toBeGreaterThan(0);
      const two = await sg.exec(GAPS, { zips: ['48214', '99999'] }, testing.viewerFor('partner_staff', universe.organizations[0].id));
      expect(two.data!.serviceGaps.map((c: any) => `${c.zip}:${c.imperative}:${c.activeServices}`)).toEqual(
        ['48214', '99999'].flatMap((zip) => imps.map((imp) => `${zip}:${imp}:${expectedCell(zip, imp)}`)),
      );
    });

    it('is for people in the collaborative, with checked arguments', async () => {
      expect((await sg.exec(GAPS, {})).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await sg.exec(GAPS, {}, testing.viewerFor('embed'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const bad = await sg.exec(GAPS, { zips: ['48214', 'x'] }, testing.viewerFor('cec_admin'));
      expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'zips[1]' });
    });
  });
});
