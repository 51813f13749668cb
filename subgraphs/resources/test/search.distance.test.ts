import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { resources, Service } from '@c2c/resources';
import { demoDirectory, demoServiceAreas } from '@c2c/demo';
import { KM_PER_DEGREE } from '../src/service-search.logic';
import { publicServices } from './demo';

type S = demo.DemoService;
/** A demo service as this test leaves it: phone and online services have no site. */
type Row = Omit<S, 'latitude' | 'longitude'> & { latitude: number | null; longitude: number | null };

const ZIP = '48214';
const FROM = { latitude: 42.37, longitude: -83.0 };
const zips = demoDirectory().zips;
const byName = (a: Row, b: Row) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1);
const km = (from: { latitude: number; longitude: number }, s: Row) =>
  s.latitude == null || s.longitude == null
    ? null
    : Math.hypot(
        (s.latitude - from.latitude) * KM_PER_DEGREE,
        (s.longitude - from.longitude) * KM_PER_DEGREE * Math.cos((from.latitude * Math.PI) / 180),
      );
/** The order `distanceFrom` promises: with a site by distance, then without one, each tie by name, then id. */
const nearestFirst = (from: { latitude: number; longitude: number }) => (a: Row, b: Row) => {
  const [da, db] = [km(from, a), km(from, b)];
  if (da == null || db == null) return (da == null ? 1 : 0) - (db == null ? 1 : 0) || byName(a, b);
  return da - db || byName(a, b);
};
const rounded = (d: number | null) => (d == null ? null : Math.round(d * 1000) / 1000);

const SEARCH = `query($text: String, $age: Int, $language: String, $zip: String, $near: GeoRadiusInput, $distanceFrom: GeoPointInput, $sort: ServiceSort, $first: Int, $after: String) {
  searchServices(text: $text, age: $age, language: $language, zip: $zip, near: $near, distanceFrom: $distanceFrom, sort: $sort, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { distanceKm node { id name latitude longitude } }
  }
}`;

describe('resources subgraph: search ordered by distance from a point (distanceFrom)', () => {
  let sg: testing.TestSubgraph;
  /** Every public service as the database holds it after the fixture below. */
  let rows: Row[];
  let siteless: Row[];

  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: true });
    // Three services serving the ZIP lose their site, as phone and online services have none;
    // two of them share a name, so only the id tells them apart.
    const serving = publicServices.filter((s) => demoServiceAreas(s, zips).includes(ZIP)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const chosen = [serving[1], serving[4], serving[7]];
    const em = sg.em();
    await em.nativeUpdate(Service, { id: { $in: chosen.map((s) => s.id) } }, { latitude: null, longitude: null });
    await em.nativeUpdate(Service, { id: chosen[2].id }, { name: chosen[0].name });
    rows = publicServices.map((s) => {
      const i = chosen.findIndex((c) => c.id === s.id);
      return i < 0 ? s : { ...s, latitude: null, longitude: null, name: i === 2 ? chosen[0].name : s.name };
    });
    siteless = rows.filter((s) => s.latitude == null);
  }, 120_000);
  afterAll(() => sg.close());

  const search = async (vars: Record<string, unknown>) => {
    const res = await sg.exec(SEARCH, { first: 100, ...vars });
    expect(res.errors).toBeUndefined();
    return res.data!.searchServices;
  };

  it('lists every service serving a ZIP nearest first, those without a site last without a distance, where near would drop them', async () => {
    const serving = new Set(publicServices.filter((s) => demoServiceAreas(s, zips).includes(ZIP)).map((s) => s.id));
    const expected = rows.filter((s) => serving.has(s.id)).sort(nearestFirst(FROM));
    expect(expected.slice(-3).map((s) => s.id)).toEqual(
      [...siteless].sort(byName).map((s) => s.id), // the fixture's three, by name, the same-named pair by id
    );
    const r = await search({ zip: ZIP, distanceFrom: FROM });
    expect(r.edges.map((e: any) => e.node.id)).toEqual(expected.map((s) => s.id));
    expect(r.edges.map((e: any) => e.distanceKm)).toEqual(expected.map((s) => rounded(km(FROM, s))));
    expect(r.edges.slice(-3).map((e: any) => [e.distanceKm, e.node.latitude])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect(r.totalCount).toBe(expected.length);
    // Explicit DISTANCE is the same order.
    expect((await search({ zip: ZIP, distanceFrom: FROM, sort: 'DISTANCE' })).edges).toEqual(r.edges);

    // The regression this replaces: the widest radius still loses the services without a site.
    const radius = await search({ zip: ZIP, near: { ...FROM, radiusKm: 200 } });
    expect(radius.edges.map((e: any) => e.node.id)).toEqual(expected.slice(0, -3).map((s) => s.id));
  });

  it('without a ZIP orders the whole directory, and pages through it without overlap or gaps', async () => {
    const expected = [...rows].sort(nearestFirst(FROM));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const r = await search({ distanceFrom: FROM, first: 37, after });
      expect(r.totalCount).toBe(expected.length);
      seen.push(...r.edges.map((e: any) => e.node.id));
      if (!r.pageInfo.hasNextPage) break;
      after = r.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((s) => s.id));
  });

  it('combines with the other filters and with sort NAME and RELEVANCE, keeping the distances', async () => {
    const fits = (s: Row) =>
      s.languages.includes('es') && (s.minimumAge == null || s.minimumAge <= 10) && (s.maximumAge == null || s.maximumAge >= 10);
    const expected = rows.filter(fits).sort(nearestFirst(FROM));
    expect(expected.length).toBeGreaterThan(3);
    const r = await search({ distanceFrom: FROM, language: 'es', age: 10 });
    expect(r.edges.map((e: any) => e.node.id)).toEqual(expected.map((s) => s.id));
    expect(r.edges.map((e: any) => e.distanceKm)).toEqual(expected.map((s) => rounded(km(FROM, s))));

    const named = await search({ distanceFrom: FROM, language: 'es', age: 10, sort: 'NAME' });
    expect(named.edges.map((e: any) => e.node.id)).toEqual([...expected].sort(byName).map((s) => s.id));
    expect(named.edges.map((e: any) => e.distanceKm)).toEqual([...expected].sort(byName).map((s) => rounded(km(FROM, s))));

    // With text the default stays DISTANCE: the point was given.
    const pantry = await search({ distanceFrom: FROM, text: 'pantry' });
    const ids = pantry.edges.map((e: any) => e.node.id);
    const relevance = await search({ distanceFrom: FROM, text: 'pantry', sort: 'RELEVANCE' });
    expect(relevance.edges.map((e: any) => e.node.id).sort()).toEqual([...ids].sort());
    expect(ids).toEqual(
      rows
        .filter((s) => ids.includes(s.id))
        .sort(nearestFirst(FROM))
        .map((s) => s.id),
    );
    expect(ids.length).toBeGreaterThan(1);
  });

  it('rejects bad points, and near with distanceFrom, as BAD_USER_INPUT naming the field, before searching', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ distanceFrom: { latitude: 90.5, longitude: -83 } }, 'distanceFrom.latitude'],
      [{ distanceFrom: { latitude: -91, longitude: -83 } }, 'distanceFrom.latitude'],
      [{ distanceFrom: { latitude: 42, longitude: 180.01 } }, 'distanceFrom.longitude'],
      [{ distanceFrom: { latitude: 42, longitude: -181 } }, 'distanceFrom.longitude'],
      [{ distanceFrom: FROM, near: { ...FROM, radiusKm: 5 } }, 'distanceFrom'],
      [{ sort: 'DISTANCE', zip: ZIP }, 'sort'],
    ];
    for (const [vars, field] of cases) {
      sg.statements.reset();
      const res = await sg.exec(SEARCH, { first: 10, ...vars });
      expect({ vars, ext: res.errors?.[0].extensions }).toMatchObject({ vars, ext: { code: 'BAD_USER_INPUT', field } });
      expect(res.data).toBeNull();
      expect(sg.statements.count).toBe(0);
    }
    // The bounds themselves are points.
    const edge = await search({ distanceFrom: { latitude: -90, longitude: 180 }, first: 1 });
    expect(edge.edges).toHaveLength(1);
  });

  it('runs the same number of SQL statements as a search by name, whatever the page size', async () => {
    const q = `query($first: Int, $from: GeoPointInput, $sort: ServiceSort) {
      searchServices(first: $first, zip: "${ZIP}", distanceFrom: $from, sort: $sort) {
        totalCount edges { distanceKm node { id locations { name } phones { number } } } } }`;
    const counts: Record<string, number[]> = { distance: [], name: [] };
    // Pages shorter than the ZIP's list, so every search also counts the total.
    for (const first of [2, 5, 10]) {
      for (const [kind, vars] of [
        ['distance', { from: FROM }],
        ['name', { sort: 'NAME' }],
      ] as const) {
        sg.statements.reset();
        const res = await sg.exec(q, { first, ...vars });
        expect(res.errors).toBeUndefined();
        counts[kind].push(sg.statements.count);
      }
    }
    // page, count, then one per nested kind (locations, phones).
    expect(counts).toEqual({ distance: [4, 4, 4], name: [4, 4, 4] });
  });
});
