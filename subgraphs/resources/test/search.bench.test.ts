import { runBench } from '../../../cli/src/commands/bench';

// Not a timed test: it checks that `c2c bench` runs and that a search's SQL statements do not grow with the page.
describe('c2c bench (tiny)', () => {
  it('loads a directory, measures ratios and counts the same statements at every page size', async () => {
    const r = await runBench({ services: 300, seconds: 0.05 });
    expect(r.services).toBe(300);
    expect(r.searches.map((s) => s.name)).toEqual(['text + term + age + free, facets, 20 per page', 'near 3 km by distance + language', 'zip served + open at a time, facets']);
    for (const s of r.searches) {
      expect(s.ratio).toBeGreaterThan(0);
      expect(s.totalCount).toBeGreaterThan(0);
    }
    const counts = Object.values(r.statementsPerSearch);
    expect(Object.keys(r.statementsPerSearch)).toEqual(['first 10', 'first 50', 'first 100']);
    // taxonomy, page, count, facets, then one each for open-now's schedules, locations, schedules (shared) and areas.
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(7);
  });
});
