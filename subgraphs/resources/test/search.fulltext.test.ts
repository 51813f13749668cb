import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as testing from '@c2c/testing';
import { resources, Service, ServiceTaxonomy, TaxonomyTerm } from '@c2c/resources';
import { loadSynonyms, parseSynonyms, SYNONYMS, SYNONYMS_FILE } from '../src/search-synonyms.logic';
import { ftsMatch, parseQuery, tsQuery } from '../src/service-fulltext.logic';
import { FIXTURE, loadFixture } from './ranking-fixture';

describe('full-text query building', () => {
  it('turns synonym phrases into one OR group, longest phrase first, and other words into themselves', () => {
    expect(parseQuery('Child Care tutors ')).toEqual([
      { alternatives: [['daycare'], ['day', 'care'], ['child', 'care'], ['childcare']], prefix: false },
      { alternatives: [['tutors']], prefix: false },
    ]);
    expect(tsQuery(parseQuery('Child Care tutors '))).toBe('(daycare | day <-> care | child <-> care | childcare) & tutors');
    expect(ftsMatch(parseQuery('Child Care tutors '))).toBe('("daycare" OR "day care" OR "child care" OR "childcare") AND "tutors"');
  });

  it('matches the last word as a prefix while it is typed, never a finished word, a synonym or a short stub', () => {
    expect(parseQuery('math tut')).toEqual([
      { alternatives: [['math']], prefix: false },
      { alternatives: [['tut']], prefix: true },
    ]);
    expect(tsQuery(parseQuery('math tut'))).toBe('math & tut:*');
    expect(ftsMatch(parseQuery('math tut'))).toBe('"math" AND "tut"*');
    expect(tsQuery(parseQuery('math tut'), { nameOnly: true })).toBe('math:A & tut:*A');
    expect(ftsMatch(parseQuery('math tut'), { nameOnly: true })).toBe('name : ("math" AND "tut"*)');
    expect(parseQuery('math tut ')[1].prefix).toBe(false);
    expect(parseQuery('food')[0].prefix).toBe(false);
    expect(parseQuery('ab')[0].prefix).toBe(false);
  });

  it('drops stop words beside other words, keeps them when nothing else is left, and finds no words in punctuation', () => {
    expect(parseQuery('help for the homework').map((u) => u.alternatives)).toEqual([[['help']], [['homework']]]);
    // "after" is a stop word, but "after school" is a synonym phrase and stays whole.
    expect(parseQuery('after school').map((u) => u.alternatives)).toEqual([[['after', 'school'], ['afterschool']]]);
    expect(parseQuery('the').map((u) => u.alternatives)).toEqual([[['the']]]);
    expect(parseQuery('!!! *** "" :: <->')).toEqual([]);
  });

  it('leaves no syntax of the user in the query: only letters and digits reach either engine', () => {
    const hostile = `"a" OR b* NOT (c) NEAR(d e) name:f & g | !h <-> i:* 'j' \\k %_ {l m}`;
    // Stop words (a, or, not, i) drop out; the last word is too short to be a prefix.
    expect(tsQuery(parseQuery(hostile))).toBe('b & c & near & d & e & name & f & g & h & j & k & l & m');
    expect(ftsMatch(parseQuery(hostile))).toBe(
      '"b" AND "c" AND "near" AND "d" AND "e" AND "name" AND "f" AND "g" AND "h" AND "j" AND "k" AND "l" AND "m"',
    );
  });
});

describe('synonym file', () => {
  const file = 'synonyms.json';
  const fails = (text: string) => {
    try {
      parseSynonyms(text, file);
    } catch (err) {
      return (err as Error).message;
    }
    throw new Error('no error');
  };

  it('ships the everyday groups the directory needs, each phrase in one group', () => {
    expect(fs.existsSync(SYNONYMS_FILE)).toBe(true);
    const same = (a: string, b: string) => SYNONYMS.byPhrase.get(a)?.some((p) => p.join(' ') === b);
    expect(same('daycare', 'child care')).toBe(true);
    expect(same('food', 'pantry')).toBe(true);
    expect(same('after school', 'afterschool')).toBe(true);
    expect(same('esl', 'english classes')).toBe(true);
    expect(same('homework help', 'tutoring')).toBe(true);
    expect(loadSynonyms(SYNONYMS_FILE).byPhrase.size).toBe(SYNONYMS.byPhrase.size);
  });

  it('fails on a malformed file naming the line and the entry', () => {
    expect(fails('{\n  "groups": [\n    ["a", "b"],\n    ["c" "d"]\n  ]\n}')).toMatch(/^synonyms\.json line 4, the file: is not JSON/);
    expect(fails('{\n  "groups": [\n    ["daycare", "child care"],\n    ["food", "Pantry!"]\n  ]\n}')).toBe(
      'synonyms.json line 4, groups[1][1]: "Pantry!" must be 1 to 6 lowercase words of letters and digits, one space apart',
    );
    expect(fails('{\n  "groups": [\n    ["daycare", "child care"],\n    ["food", "pantry"],\n    ["kids", "child care"]\n  ]\n}')).toBe(
      'synonyms.json line 5, groups[2][1]: "child care" is already in groups[0]; a phrase belongs to one group',
    );
    expect(fails('{\n  "groups": [\n    ["daycare", "child care"],\n    ["food"]\n  ]\n}')).toBe(
      'synonyms.json line 4, groups[1]: must be an array of at least two phrases',
    );
    expect(fails('{\n  "groups": [["a", 3]]\n}')).toBe('synonyms.json line 2, groups[0][1]: must be a string');
    expect(fails('{\n  "about": "x",\n  "group": []\n}')).toBe(
      'synonyms.json line 3, group: is not a key of the file (only "about" and "groups")',
    );
    expect(fails('[]')).toBe('synonyms.json line 1, the file: must be an object with "groups"');
  });

  it('stops a start-up that reads a malformed file, before any search runs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-synonyms-'));
    const bad = path.join(dir, 'search-synonyms.json');
    fs.writeFileSync(bad, '{ "groups": [["daycare", "child  care"]] }');
    expect(() => loadSynonyms(bad)).toThrow('search-synonyms.json line 1, groups[0][1]: "child  care" must be 1 to 6 lowercase words');
  });
});

const SEARCH = `query($text: String, $term: ID, $near: GeoRadiusInput, $sort: ServiceSort, $first: Int, $after: String) {
  searchServices(text: $text, taxonomyTermId: $term, near: $near, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { distanceKm node { id name } }
  }
}`;

describe('full-text search in the subgraph', () => {
  let sg: testing.TestSubgraph;
  let ids: Map<string, string>;
  let keyOf: Map<string, string>;
  let termIds: Map<string, string>;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: false });
    ({ ids, keyOf, termIds } = await loadFixture(sg));
  });
  afterAll(() => sg.close());

  const search = async (vars: Record<string, unknown>) => {
    const res = await sg.exec(SEARCH, { first: 50, ...vars });
    expect(res.errors).toBeUndefined();
    const r = res.data!.searchServices;
    return { ...r, keys: (r.edges as { node: { id: string } }[]).map((e) => keyOf.get(e.node.id)!) };
  };
  const keysOf = async (text: string) => (await search({ text })).keys.sort();

  it('stems: any form of a word finds the others', async () => {
    expect(await keysOf('tutors')).toEqual(['tu1', 'tu2', 'tu3']);
    expect(await keysOf('lawyers')).toEqual(['lg1']);
    expect(await keysOf('babies')).toEqual(['ec1', 'ec2']);
  });

  it('answers hostile or odd text without an error, as the words in it', async () => {
    for (const text of [
      '"',
      "'",
      'tutoring"',
      '"tutoring',
      'tutoring OR',
      'NOT tutoring',
      'tutoring AND (',
      'NEAR(math tutoring)',
      'name:tutoring',
      'tutoring:*',
      '!!! <-> ***',
      '\\',
      '%_',
      '😀 tutoring',
      'x'.repeat(200),
    ]) {
      const res = await sg.exec(SEARCH, { text, first: 50 });
      expect({ text, errors: res.errors }).toEqual({ text, errors: undefined });
    }
    // The quote and the operators are not words: the search is for "tutoring" alone.
    const tutoring = await keysOf('tutoring');
    for (const text of ['tutoring"', '"tutoring', 'tutoring:*', '(tutoring)', '{tutoring}', "'tutoring' OR"])
      expect(await keysOf(text)).toEqual(tutoring);
    expect(await keysOf('!!! <-> ***')).toEqual([]);
  });

  it('combines text with the other filters by AND', async () => {
    expect(await keysOf('food')).toEqual(['fd1', 'fp1', 'fp2', 'fp3']);
    expect((await search({ text: 'food', term: termIds.get('nutrition') })).keys).toEqual(['fd1']);
    expect((await search({ text: 'food', term: termIds.get('food') })).keys.sort()).toEqual(['fp1', 'fp2', 'fp3']);
  });

  it('orders by distance when near is given, with distances, and by name when asked', async () => {
    // Fixture services sit 1 km apart northwards from the first; the point is at the last.
    const last = FIXTURE.length - 1;
    const near = { latitude: 42.33 + last / 111.195, longitude: -83.05, radiusKm: 200 };
    const food = FIXTURE.map(([k], i) => [k, i] as const).filter(([k]) => ['fd1', 'fp1', 'fp2', 'fp3'].includes(k));
    const byDistance = [...food].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    const r = await search({ text: 'food', near });
    expect(r.keys).toEqual(byDistance);
    expect(r.edges.map((e: { distanceKm: number }) => Math.round(e.distanceKm))).toEqual(
      [...food].sort((a, b) => b[1] - a[1]).map(([, i]) => last - i),
    );
    const byName = await search({ text: 'food', sort: 'NAME' });
    expect(byName.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      'Cooking Matters Class',
      'Eastside Food Pantry',
      'Mobile Food Bank',
      'St. Anne’s Pantry',
    ]);
  });

  it('pages through a relevance order without overlap or gaps, in the same SQL statements at every page size', async () => {
    const all = await search({ text: 'free', first: 50 });
    expect(all.totalCount).toBeGreaterThan(8);
    const paged: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await search({ text: 'free', first: 3, after });
      paged.push(...page.keys);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all.keys);
    const counts: number[] = [];
    for (const first of [2, 3, 5]) {
      sg.statements.reset();
      await search({ text: 'free', first });
      counts.push(sg.statements.count);
    }
    // The page and the count: relevance is computed inside the page's statement.
    expect(counts).toEqual([2, 2, 2]);
  });

  it('rejects RELEVANCE without text, naming sort', async () => {
    const res = await sg.exec(SEARCH, { sort: 'RELEVANCE' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sort' });
  });

  it('keeps the index current as services, their links and term names change, on every dialect through triggers', async () => {
    const em = sg.em();
    const cl1 = ids.get('cl1')!;
    await em.nativeUpdate(Service, { id: cl1 }, { name: 'Winter Gear Exchange', description: 'Parkas and boots, swapped each November.' });
    expect(await keysOf('clothing')).toEqual(['cl1']); // still tagged Clothing
    expect(await keysOf('coat')).toEqual([]);
    expect(await keysOf('parkas')).toEqual(['cl1']);

    await em.nativeDelete(ServiceTaxonomy, { serviceId: cl1, termId: termIds.get('clothing') });
    expect(await keysOf('clothing')).toEqual([]);
    await em.insertMany(ServiceTaxonomy, [{ id: randomUUID(), serviceId: cl1, termId: termIds.get('clothing')!, direct: true }]);
    expect(await keysOf('clothing')).toEqual(['cl1']);

    await em.nativeUpdate(TaxonomyTerm, { id: termIds.get('clothing') }, { name: 'Apparel' });
    expect(await keysOf('apparel')).toEqual(['cl1']);
    expect(await keysOf('clothing')).toEqual([]);

    const knex = em.getKnex();
    const indexed = async () => Number((await knex(process.env.DATABASE_URL ? 'service_fts' : 'service_fts_doc').count({ n: '*' }))[0].n);
    expect(await indexed()).toBe(FIXTURE.length);
    await em.nativeDelete(ServiceTaxonomy, { serviceId: cl1 });
    await em.nativeDelete(Service, { id: cl1 });
    expect(await indexed()).toBe(FIXTURE.length - 1);
    expect(await keysOf('parkas')).toEqual([]);
  });
});
