import {
  auditRelease,
  controlledRound,
  EnvError,
  MINIMUM_CELL_SIZE_FLOOR,
  publishCount,
  publishPercent,
  readMinimumCellSize,
  suppressRelease,
  type ReleaseEquation,
  type ReleaseTerm,
} from '@c2c/kernel';

/*
 * The kernel's release suppressor (linked breakdowns sharing a total) on tables small enough
 * to check by hand. The attack on many generated populations is in
 * subgraphs/students/test/equity-attack.test.ts.
 */

/** Term 0 is the total; each breakdown is a list of part values. */
function release(...breakdowns: number[][]): { terms: ReleaseTerm[]; equations: ReleaseEquation[]; values: number[] } {
  const total = breakdowns[0].reduce((a, v) => a + v, 0);
  const terms: ReleaseTerm[] = [{ records: total, rank: 2 }];
  const equations: ReleaseEquation[] = [];
  for (const parts of breakdowns) {
    expect(parts.reduce((a, v) => a + v, 0)).toBe(total);
    const indexes = parts.map((records) => terms.push({ records, rank: 1 }) - 1);
    equations.push({ whole: 0, parts: indexes });
  }
  return { terms, equations, values: terms.map((t) => t.records) };
}

describe('suppressRelease', () => {
  it('hides a small group and the cheapest group that protects it, and leaves the total', () => {
    const { terms, equations } = release([40, 4, 12, 15]);
    expect(suppressRelease(terms, equations)).toEqual([false, false, true, true, false]);
  });

  it('treats small groups hidden together as the published group of their sum (4 + 2 + 1 < 10)', () => {
    const { terms, equations } = release([40, 4, 2, 1, 12]);
    const hidden = suppressRelease(terms, equations);
    expect(hidden).toEqual([false, false, true, true, true, true]);
  });

  it('needs a complement in every breakdown that can give the hidden group away, across breakdowns', () => {
    // Race (40, 4, 12) and sex (30, 26): nothing small in sex, so sex stays whole.
    const { terms, equations, values } = release([40, 4, 12], [30, 26]);
    const hidden = suppressRelease(terms, equations);
    expect(hidden).toEqual([false, false, true, true, false, false]);
    const bounds = auditRelease(values, equations, hidden);
    expect(bounds.get(2)).toEqual({ low: 0, high: 16 });
  });

  it('keeps protection levels: a hidden count’s interval reaches past it on both sides', () => {
    const { terms, equations, values } = release([50, 9, 1], [30, 30]);
    const hidden = suppressRelease(terms, equations, { protection: 2 });
    const bounds = auditRelease(values, equations, hidden);
    for (const [t, b] of bounds) {
      expect(b.high).toBeGreaterThanOrEqual(values[t] + 2);
      expect(b.low).toBeLessThanOrEqual(Math.max(0, values[t] - 2));
    }
  });

  it('solves nested margins exactly: a school × grade cell alone in its row is hidden with a partner', () => {
    // Total 60 = schools A (31) + B (29) = grades 1 (40) + 2 (20); cells A1 28, A2 3, B1 12, B2 17.
    const terms: ReleaseTerm[] = [60, 31, 29, 40, 20, 28, 3, 12, 17].map((records, i) => ({ records, rank: i === 0 ? 2 : i < 5 ? 1 : 0 }));
    const equations: ReleaseEquation[] = [
      { whole: 0, parts: [1, 2] },
      { whole: 0, parts: [3, 4] },
      { whole: 1, parts: [5, 6] },
      { whole: 2, parts: [7, 8] },
      { whole: 3, parts: [5, 7] },
      { whole: 4, parts: [6, 8] },
    ];
    const hidden = suppressRelease(terms, equations);
    // A2 is small; its row, column and the rectangle they close must all be hidden: A1, B2 and B1.
    expect(hidden.slice(5)).toEqual([true, true, true, true]);
    expect(hidden.slice(0, 5)).toEqual([false, false, false, false, false]);
    const bounds = auditRelease(
      terms.map((t) => t.records),
      equations,
      hidden,
    );
    expect(bounds.get(6)).toEqual({ low: 0, high: 20 });
  });

  it('hides a group made only of records the viewer knows of, and decides on the others’ part', () => {
    const terms: ReleaseTerm[] = [
      { records: 60, known: 12, rank: 2 },
      { records: 12, known: 12 },
      { records: 48, known: 0 },
    ];
    // The viewer's 12 are hidden; the other 48 would then be the total minus what it knows,
    // so the total goes too.
    expect(suppressRelease(terms, [{ whole: 0, parts: [1, 2] }])).toEqual([true, true, true]);
    // With others among the 12, their part decides: 11 others of 23 are enough.
    const mixed: ReleaseTerm[] = [
      { records: 71, known: 12, rank: 2 },
      { records: 23, known: 12 },
      { records: 48, known: 0 },
    ];
    expect(suppressRelease(mixed, [{ whole: 0, parts: [1, 2] }])).toEqual([false, false, false]);
  });

  it('hides everything that cannot be protected, and terminates', () => {
    const { terms, equations } = release([3, 4]);
    expect(suppressRelease(terms, equations)).toEqual([true, true, true]);
  });

  it('honours a term hidden by a linked release', () => {
    const { terms, equations } = release([40, 20]);
    // The total hidden there, both parts shown here, would be their sum: one part goes.
    expect(suppressRelease(terms, equations, { forceHidden: [0] })).toEqual([true, false, true]);
  });
});

describe('publishing counts and percentages', () => {
  it('rounds to multiples of 3, parts adding up to the rounded whole, each within 2', () => {
    expect(publishCount(64)).toBe(63);
    const parts = [30, 27, 4, 1, 2];
    const rounded = controlledRound(parts, publishCount(64));
    expect(rounded.reduce((a, v) => a + v, 0)).toBe(63);
    rounded.forEach((r, i) => {
      expect(r % 3).toBe(0);
      expect(Math.abs(r - parts[i])).toBeLessThanOrEqual(2);
    });
    expect(controlledRound([0, 10, 11], publishCount(21))).toEqual([0, 9, 12]);
  });

  it('bands percentages at or below 5 and at or above 95, as report cards do', () => {
    expect(publishPercent(0, 40)).toEqual({ percent: null, display: '≤5%' });
    expect(publishPercent(2, 40)).toEqual({ percent: null, display: '≤5%' });
    expect(publishPercent(3, 40)).toEqual({ percent: 8, display: '8%' });
    expect(publishPercent(38, 40)).toEqual({ percent: null, display: '≥95%' });
    expect(publishPercent(1, 0)).toEqual({ percent: null, display: null });
  });
});

describe('C2C_MIN_CELL_SIZE', () => {
  it('defaults to 10, accepts 5 and above, and refuses anything lower with an EnvError naming it', () => {
    expect(readMinimumCellSize({})).toBe(10);
    expect(readMinimumCellSize({ C2C_MIN_CELL_SIZE: String(MINIMUM_CELL_SIZE_FLOOR) })).toBe(5);
    expect(readMinimumCellSize({ C2C_MIN_CELL_SIZE: '20' })).toBe(20);
    for (const raw of ['4', '-10', '9.5', 'ten']) {
      expect(() => readMinimumCellSize({ C2C_MIN_CELL_SIZE: raw })).toThrow(EnvError);
      expect(() => readMinimumCellSize({ C2C_MIN_CELL_SIZE: raw })).toThrow(/C2C_MIN_CELL_SIZE/);
    }
  });
});
