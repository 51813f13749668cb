import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { checkFilter, searchServices, type TextMode } from '../src/service-search.logic';
import { JUDGED, loadFixture } from './ranking-fixture';

describe('search ranking on a hand-judged directory', () => {
  let sg: testing.TestSubgraph;
  let keyOf: Map<string, string>;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: false });
    ({ keyOf } = await loadFixture(sg));
  });
  afterAll(() => sg.close());

  const viaGraphql = async (text: string) => {
    const res = await sg.exec(`query($text: String) { searchServices(text: $text, first: 50) { totalCount edges { node { id } } } }`, {
      text,
    });
    expect(res.errors).toBeUndefined();
    return (res.data!.searchServices.edges as { node: { id: string } }[]).map((e) => keyOf.get(e.node.id)!);
  };
  const viaLogic = async (text: string, textMode: TextMode) => {
    const ctx = await sg.context();
    const page = await searchServices(
      ctx,
      await checkFilter({ text }, ctx),
      { offset: 0, limit: 50 },
      { facets: false, total: false, textMode },
    );
    return page.items.map((i) => keyOf.get(i.service.id)!);
  };
  /** The judged services fill the first places: a query passes when nothing else comes before any of them. */
  const judge = (found: string[], top: string[]) => ({ first: [...found.slice(0, top.length)].sort(), wanted: [...top].sort() });

  it.each(JUDGED)('"%s" puts %j first', async (query, top) => {
    const found = await viaGraphql(query);
    const { first, wanted } = judge(found, top);
    expect({ query, first, found }).toEqual({ query, first: wanted, found });
  });

  it('fails on the LIKE substring search the directory had, ordered by name: the judged set tells the two apart', async () => {
    const outcomes: [string, boolean][] = [];
    for (const [query, top] of JUDGED) {
      const { first, wanted } = judge(await viaLogic(query, 'LIKE'), top);
      outcomes.push([query, JSON.stringify(first) === JSON.stringify(wanted)]);
    }
    // The same code path with full text passes every query (also what the cases above prove via GraphQL).
    for (const [query, top] of JUDGED) {
      const { first, wanted } = judge(await viaLogic(query, 'FULL_TEXT'), top);
      expect({ query, first }).toEqual({ query, first: wanted });
    }
    const passedByLike = outcomes.filter(([, ok]) => ok).map(([q]) => q);
    // Only the queries whose exact word the right services happen to contain survive LIKE.
    expect(passedByLike).toEqual(['clothes', 'lawyer']);
  });
});
