import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import type { GraphQLObjectType } from 'graphql';
import { ENGAGEMENT_LEVELS } from '../src/engagement-level.enum';
import { otherPartner, ownerStaff, universe } from './support';

const TOTALS = `query($from: String!, $to: String!) {
  eventTotals(from: $from, to: $to) {
    from to minimumCount
    total { month engagementLevel events attendees suppressed }
    byEngagementLevel { month engagementLevel events attendees suppressed }
    byMonth { month engagementLevel events attendees suppressed }
    cells { month engagementLevel events attendees suppressed }
  }
}`;

const MONTHS_2026 = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${new Date(Date.UTC(y, m, 0)).getUTCDate()}`;
};

/** The seed counted by hand: events and attendees for a predicate. */
function seeded(where: (e: (typeof universe.events)[number]) => boolean) {
  const matching = universe.events.filter(where);
  return { events: matching.length, attendees: matching.reduce((a, e) => a + e.attendees, 0) };
}

describe('events subgraph: the collaborative’s event totals', () => {
  let sg: testing.TestSubgraph;
  let year: any;
  const cec = testing.viewerFor('cec_admin');
  const totals = async (from: string, to: string, viewer = cec) => sg.exec(TOTALS, { from, to }, viewer);

  beforeAll(async () => {
    sg = await testing.createTestSubgraph(events, { seed: true });
    const res = await totals('2026-01-01', '2026-12-31');
    expect(res.errors).toBeUndefined();
    year = res.data!.eventTotals;
  });
  afterAll(() => sg.close());

  it('gives every visible cell the seed’s own count and attendance', () => {
    expect(year.cells).toHaveLength(12 * ENGAGEMENT_LEVELS.length);
    let visible = 0;
    for (const c of year.cells) {
      const expected = seeded((e) => e.date.startsWith(c.month) && e.engagementLevel === c.engagementLevel);
      if (c.suppressed) {
        expect(c).toMatchObject({ events: null, attendees: null });
      } else {
        visible++;
        expect({ events: c.events, attendees: c.attendees }).toEqual(expected);
      }
      // Small cells are never shown.
      if (expected.events < 10) expect(c.suppressed).toBe(true);
    }
    // The seed has cells of 10 and more, so some are shown: the check above is not vacuous.
    expect(visible).toBeGreaterThan(0);
  });

  it('lists months in order, levels in order, and month totals equal to the seed', () => {
    expect(year.cells.map((c: any) => `${c.month} ${c.engagementLevel}`)).toEqual(
      MONTHS_2026.flatMap((m) => ENGAGEMENT_LEVELS.map((l) => `${m} ${l}`)),
    );
    expect(year.byMonth.map((c: any) => c.month)).toEqual(MONTHS_2026);
    for (const c of year.byMonth) {
      const expected = seeded((e) => e.date.startsWith(c.month));
      expect(c.engagementLevel).toBeNull();
      if (!c.suppressed) expect({ events: c.events, attendees: c.attendees }).toEqual(expected);
      if (expected.events < 10) expect(c.suppressed).toBe(true);
    }
  });

  it('shows the year’s total and its totals by level, matching the seed', () => {
    const all = seeded((e) => e.date.startsWith('2026'));
    expect(all.events).toBe(universe.events.length);
    expect(year.total).toEqual({ month: null, engagementLevel: null, ...all, suppressed: false });
    expect(year.byEngagementLevel).toEqual(
      ENGAGEMENT_LEVELS.map((level) => ({
        month: null,
        engagementLevel: level,
        ...seeded((e) => e.engagementLevel === level),
        suppressed: false,
      })),
    );
    expect(year).toMatchObject({ from: '2026-01-01', to: '2026-12-31', minimumCount: 10 });
  });

  it('hides a complement wherever one hidden number could be recovered by subtraction', () => {
    const hidden = (c: any) => (c.suppressed ? 1 : 0);
    const cell = (m: string, l: string) => year.cells.find((c: any) => c.month === m && c.engagementLevel === l);
    const equations = [
      ...year.byMonth.map((row: any) => [row, ...ENGAGEMENT_LEVELS.map((l) => cell(row.month, l))]),
      ...year.byEngagementLevel.map((col: any) => [col, ...MONTHS_2026.map((m) => cell(m, col.engagementLevel))]),
      [year.total, ...year.byMonth],
      [year.total, ...year.byEngagementLevel],
    ];
    for (const terms of equations) expect(terms.map(hidden).reduce((a: number, b: number) => a + b, 0)).not.toBe(1);
    // A shown total minus its shown parts tells the sum of the hidden ones: that sum must itself
    // reach the minimum (May: 20 events, LEVEL_TWO 11, so LEVEL_TWO is hidden with the other 9).
    const count = (c: any) =>
      seeded(
        (e) => (c.month === null || e.date.startsWith(c.month)) && (c.engagementLevel === null || e.engagementLevel === c.engagementLevel),
      ).events;
    for (const [whole, ...parts] of equations) {
      const hiddenParts = parts.filter((c: any) => c.suppressed);
      if (!whole.suppressed && hiddenParts.length)
        expect(hiddenParts.reduce((n: number, c: any) => n + count(c), 0)).toBeGreaterThanOrEqual(10);
    }
    expect(cell('2026-05', 'LEVEL_TWO')).toMatchObject({ suppressed: true, events: null });
    // The seed has no December events, so December alone would be told by the year total minus
    // the other months: a month of 10 or more must be hidden with it.
    expect(seeded((e) => e.date.startsWith('2026-12')).events).toBe(0);
    const complements = year.byMonth.filter((c: any) => c.suppressed && seeded((e) => e.date.startsWith(c.month)).events >= 10);
    expect(complements.length).toBeGreaterThan(0);
  });

  it('names no organisation anywhere in the report', async () => {
    const text = JSON.stringify(year);
    for (const o of universe.organizations) {
      for (const needle of [o.id, o.name, o.slug, o.email, o.website]) expect(text).not.toContain(needle);
    }
    for (const type of ['EventTotals', 'EventTotalsCell']) {
      const fields = Object.keys((sg.schema.getType(type) as GraphQLObjectType).getFields());
      expect(fields.filter((f) => /organi[sz]ation/i.test(f))).toEqual([]);
    }
  });

  it('reports the same cells for any period, so overlapping reports cannot be subtracted', async () => {
    const byKey = (cells: any[]) => new Map(cells.map((c) => [`${c.month} ${c.engagementLevel}`, c]));
    const yearCells = byKey(year.cells);
    const yearMonths = byKey(year.byMonth);
    for (let i = 0; i < 12; i++) {
      for (let j = i; j < 12; j++) {
        const from = `${MONTHS_2026[i]}-01`;
        const to = lastDay(MONTHS_2026[j]);
        const res = await totals(from, to);
        expect(res.errors).toBeUndefined();
        const part = res.data!.eventTotals;
        const months = MONTHS_2026.slice(i, j + 1);
        expect(part.byMonth.map((c: any) => c.month)).toEqual(months);
        for (const c of part.cells) expect(c).toEqual(yearCells.get(`${c.month} ${c.engagementLevel}`));
        for (const c of part.byMonth) expect(c).toEqual(yearMonths.get(`${c.month} null`));
        const whole = i === 0 && j === 11;
        // A total over part of the year is shown only when it is the sum of shown months (or
        // cells): it then tells nothing the months do not.
        const periodEvents = seeded((e) => e.date >= from && e.date <= to);
        const monthsShown = part.byMonth.every((c: any) => !c.suppressed);
        expect(part.total.suppressed).toBe(whole ? false : !monthsShown);
        if (!part.total.suppressed) expect(part.total).toMatchObject(periodEvents);
        for (const level of part.byEngagementLevel) {
          const cellsShown = part.cells.filter((c: any) => c.engagementLevel === level.engagementLevel).every((c: any) => !c.suppressed);
          expect(level.suppressed).toBe(whole ? false : !cellsShown);
          if (!level.suppressed)
            expect(level.events).toBe(seeded((e) => e.date >= from && e.date <= to && e.engagementLevel === level.engagementLevel).events);
        }
      }
    }
  });

  it('spans several years, each year suppressed on its own', async () => {
    const res = await totals('2025-07-01', '2027-06-30');
    expect(res.errors).toBeUndefined();
    const t = res.data!.eventTotals;
    expect(t.byMonth).toHaveLength(24);
    expect(t.byMonth[0].month).toBe('2025-07');
    expect(t.byMonth[23].month).toBe('2027-06');
    // 2025 and 2027 have no events: all their cells are hidden zeros, and 2026's are the year's.
    expect(t.cells.filter((c: any) => !c.month.startsWith('2026')).every((c: any) => c.suppressed)).toBe(true);
    const in2026 = t.cells.filter((c: any) => c.month.startsWith('2026'));
    expect(in2026).toEqual(year.cells);
    expect(t.total.suppressed).toBe(true);
  });

  it.each([
    ['from is not the first of a month', '2026-01-02', '2026-12-31', 'from'],
    ['from is not a date', '2026-1-1', '2026-12-31', 'from'],
    ['to is not the last day of a month', '2026-01-01', '2026-02-27', 'to'],
    ['to is not a real date', '2026-01-01', '2026-02-30', 'to'],
    ['to is before from', '2026-03-01', '2026-02-28', 'to'],
    ['the period spans more than ten years', '2016-01-01', '2026-12-31', 'to'],
  ])('rejects a period where %s', async (_why, from, to, field) => {
    const res = await totals(from, to);
    expect(res.data).toEqual({ eventTotals: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('accepts the last day of February in a leap year', async () => {
    const res = await totals('2028-02-01', '2028-02-29');
    expect(res.errors).toBeUndefined();
    expect(res.data!.eventTotals.byMonth.map((c: any) => c.month)).toEqual(['2028-02']);
  });

  it('is the same for evaluators', async () => {
    const res = await totals('2026-01-01', '2026-12-31', testing.viewerFor('evaluator'));
    expect(res.errors).toBeUndefined();
    expect(res.data!.eventTotals).toEqual(year);
  });

  it.each([
    // No partners service answers here, so no agreement can be confirmed: fail closed (the
    // agreement cases, against the real partners service, are in event-totals.agreements.test.ts).
    ['partner_staff (no agreement can be confirmed)', ownerStaff, 'FORBIDDEN'],
    [
      'partner_staff of another organisation (no agreement can be confirmed)',
      testing.viewerFor('partner_staff', otherPartner.id),
      'FORBIDDEN',
    ],
    ['district_sis', testing.viewerFor('district_sis'), 'FORBIDDEN'],
    ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
    ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ] as const)('refuses %s', async (_who, viewer, code) => {
    const res = await totals('2026-01-01', '2026-12-31', viewer);
    expect(res.data).toEqual({ eventTotals: null });
    expect(res.errors?.map((e) => [e.path, e.extensions.code])).toEqual([[['eventTotals'], code]]);
  });
});
