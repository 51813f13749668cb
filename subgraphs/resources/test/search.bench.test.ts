import { prng } from '@c2c/demo';
import { Imperative } from '@c2c/kernel';
import { runBench } from '../../../cli/src/commands/bench';

/**
 * The bench's directory, replayed from its seeded generator (cli/src/commands/bench.ts, `load`):
 * the same random draws in the same order, so the expected matches of each search can be
 * counted here, without the subgraph. Change both together.
 */
function replayDirectory(n: number) {
  const r = prng(20261124).next;
  const imperatives = Object.values(Imperative);
  const zips = Array.from({ length: 60 }, (_, i) => String(48201 + i));
  const words = ['tutoring', 'club', 'pantry', 'camp', 'screening', 'counseling', 'coaching', 'playgroup', 'internship', 'clinic'];
  return Array.from({ length: n }, () => {
    const imperative = Math.floor(r() * imperatives.length);
    r(); // the sub-term under the imperative's top term
    const minimumAge = Math.floor(r() * 14);
    const zip = zips[Math.floor(r() * zips.length)];
    const latitude = 42.3 + r() * 0.2;
    const longitude = -83.3 + r() * 0.35;
    const word = words[Math.floor(r() * words.length)];
    const active = r() < 0.9;
    const maximumAge = minimumAge + 4 + Math.floor(r() * 10);
    const free = r() < 0.7;
    const languages = r() < 0.3 ? ['en', 'es'] : ['en'];
    const opens = 8 + Math.floor(r() * 6);
    const areas = [zip, zips[(zips.indexOf(zip) + 1) % zips.length]];
    return { imperative, minimumAge, maximumAge, zip, latitude, longitude, word, active, free, languages, opens, closes: opens + 6, areas };
  });
}

const KM_PER_DEGREE = 111.195;
const km = (lat: number, lon: number, s: { latitude: number; longitude: number }) =>
  Math.hypot((s.latitude - lat) * KM_PER_DEGREE, (s.longitude - lon) * KM_PER_DEGREE * Math.cos((lat * Math.PI) / 180));

// Not a timed test: it checks that `c2c bench` runs, that its searches find what its directory
// holds, and that a search's SQL statements do not grow with the page.
describe('c2c bench (tiny)', () => {
  it('loads a directory, measures ratios and counts the same statements at every page size', async () => {
    const N = 300;
    const r = await runBench({ services: N, seconds: 0.05 });
    expect(r.services).toBe(N);
    expect(r.database).toBe(process.env.DATABASE_URL ? 'postgresql' : 'sqlite');
    expect(r.searches.map((s) => s.name)).toEqual([
      'text + term + age + free, facets, 20 per page',
      'near 3 km by distance + language',
      'zip served + open at a time, facets',
    ]);

    // Each search's total, counted from the replayed directory (the public directory is its ACTIVE services).
    const dir = replayDirectory(N);
    const textTermAgeFree = dir.filter(
      (s) => s.active && s.word === 'club' && s.imperative === 2 && s.minimumAge <= 10 && s.maximumAge >= 10 && s.free,
    );
    const distances = dir.filter((s) => s.active && s.languages.includes('es')).map((s) => km(42.4, -83.1, s));
    // No service sits on the 3 km circle, where rounding could decide.
    expect(Math.min(...distances.map((d) => Math.abs(d - 3)))).toBeGreaterThan(1e-6);
    const near = distances.filter((d) => d <= 3);
    // 2026-11-24T15:30:00Z is a Tuesday, 10:30 in Detroit (every bench schedule is Monday to Friday there).
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Detroit', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
        new Date('2026-11-24T15:30:00Z'),
      ),
    ).toBe('Tue 10:30');
    const zipOpen = dir.filter(
      (s) => s.active && s.areas.includes('48230') && s.opens * 60 <= 10 * 60 + 30 && s.closes * 60 > 10 * 60 + 30,
    );
    expect(r.searches.map((s) => [s.name, s.totalCount])).toEqual([
      ['text + term + age + free, facets, 20 per page', textTermAgeFree.length],
      ['near 3 km by distance + language', near.length],
      ['zip served + open at a time, facets', zipOpen.length],
    ]);
    // The filters narrow: without each one the replay finds more, so a search ignoring it would be caught.
    expect(dir.filter((s) => s.active && s.word === 'club' && s.imperative === 2 && s.free).length).toBeGreaterThan(textTermAgeFree.length);
    expect(dir.filter((s) => s.active && s.areas.includes('48230')).length).toBeGreaterThan(zipOpen.length);
    expect(distances.length).toBeGreaterThan(near.length);
    expect(r.searches.every((s) => s.totalCount > 0)).toBe(true);

    // Throughput is reported as a ratio to the trivial query, consistently (not judged: it is
    // timing). The rates are rounded to 0.1/s and the ratio to 0.001, hence the tolerance.
    for (const s of r.searches) {
      expect(s.perSecond).toBeGreaterThan(0);
      const tolerance = 0.06 + 0.06 * s.ratio + 0.001 * r.trivialPerSecond;
      expect({ name: s.name, consistent: Math.abs(s.ratio * r.trivialPerSecond - s.perSecond) <= tolerance }).toEqual({
        name: s.name,
        consistent: true,
      });
    }

    // Full text against LIKE: the same services on this directory (whole words, no synonyms in
    // play), so the ratio compares like with like; rates and ratio agree as above.
    const fits = (s: (typeof dir)[number]) => s.minimumAge <= 10 && s.maximumAge >= 10;
    expect(r.fullTextVsLike.map((s) => [s.name, s.fullTextMatches, s.likeMatches])).toEqual([
      [
        '"club" (a tenth of the directory), 20 per page with total',
        ...Array(2).fill(dir.filter((s) => s.active && s.word === 'club').length),
      ],
      [
        '"tutoring" + age + free, 20 per page with total',
        ...Array(2).fill(dir.filter((s) => s.active && s.word === 'tutoring' && fits(s) && s.free).length),
      ],
      ['"number 4242" (one service), with total', ...Array(2).fill(dir.filter((s, i) => s.active && String(i).startsWith('4242')).length)],
    ]);
    expect(r.fullTextVsLike[0].fullTextMatches).toBeGreaterThan(10);
    for (const s of r.fullTextVsLike) {
      expect(s.fullTextPerSecond).toBeGreaterThan(0);
      expect(s.likePerSecond).toBeGreaterThan(0);
      expect({
        name: s.name,
        consistent: Math.abs(s.ratio * s.likePerSecond - s.fullTextPerSecond) <= 0.06 + 0.06 * s.ratio + 0.001 * s.likePerSecond,
      }).toEqual({
        name: s.name,
        consistent: true,
      });
    }

    const counts = Object.values(r.statementsPerSearch);
    expect(Object.keys(r.statementsPerSearch)).toEqual(['first 10', 'first 50', 'first 100']);
    // taxonomy, page, count, facets, then one each for open-now's schedules, locations, schedules (shared) and areas.
    expect(new Set(counts).size).toBe(1);
    expect(counts[0]).toBe(7);
    // The broad search behind these counts fills even the largest page: every page size was really exercised.
    expect(dir.filter((s) => s.active).length).toBeGreaterThan(100);
  });
});
