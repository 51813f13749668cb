import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { ENGAGEMENT_LEVELS } from '../src/engagement-level.enum';
import { Event } from '../src/event.entity';
import { universe } from './support';

/**
 * The finding, as an attack on the real events subgraph: partner A (agreement in force, asked
 * of the real partners service) reads eventTotals, adds, deletes and backdates its own events
 * through the real mutations, reads again, and solves for the other organisations' part of
 * every cell from the two answers and its exact knowledge of its own rows. Against the old
 * suppressor (kept below only for this test) the attack recovers the one other event of 21
 * attendees; against the kernel's it recovers nothing.
 */
const TOTALS = `query($from: String!, $to: String!) {
  eventTotals(from: $from, to: $to) {
    from to
    total { month engagementLevel events attendees suppressed }
    byEngagementLevel { month engagementLevel events attendees suppressed }
    byMonth { month engagementLevel events attendees suppressed }
    cells { month engagementLevel events attendees suppressed }
  }
}`;
const OWN_EVENTS = `{ events(first: 100) { totalCount edges { node { id title date type description street city zip targetAudience engagementLevel attendees } } } }`;
const CREATE = `mutation($input: EventInput!) { createEvent(input: $input) { id } }`;
const UPDATE = `mutation($id: ID!, $input: EventInput!) { updateEvent(id: $id, input: $input) { id date } }`;
const DELETE = `mutation($id: ID!) { deleteEvent(id: $id) }`;

const MONTHS = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
const KEYS = MONTHS.flatMap((m) => ENGAGEMENT_LEVELS.map((l) => `${m} ${l}`));
/** The cell the other organisation's single event sits in: December has no seeded events. */
const TARGET = '2026-12 TOUCHPOINT';

interface Figure {
  month: string | null;
  engagementLevel: string | null;
  events: number | null;
  attendees: number | null;
  suppressed: boolean;
}
interface Answer {
  from: string;
  to: string;
  total: Figure;
  byEngagementLevel: Figure[];
  byMonth: Figure[];
  cells: Figure[];
}
type Tally = { events: number; attendees: number };
/** One read as the attacker holds it: the answer, and its own events by cell at that moment. */
interface Reading {
  answer: Answer;
  own: Map<string, Tally>;
}

/** The cells (of 2026) a figure adds up, for a report over `answer.from`–`answer.to`. */
function footprint(f: Figure, answer: Answer): string[] {
  const inPeriod = MONTHS.filter((m) => m >= answer.from.slice(0, 7) && m <= answer.to.slice(0, 7));
  return KEYS.filter(
    (k) =>
      inPeriod.includes(k.slice(0, 7)) &&
      (f.month === null || k.startsWith(f.month)) &&
      (f.engagementLevel === null || k.endsWith(` ${f.engagementLevel}`)),
  );
}

/**
 * The attacker: every shown figure of every reading is one linear equation in the others'
 * part of each cell (shown − own, for events and for attendees; the others did not change
 * between the reads). Gauss–Jordan tells which cells are determined. A cell counts as
 * recovered when it is determined and was suppressed in some reading: its value was meant to
 * stay hidden.
 */
function attack(readings: Reading[]): Map<string, Tally> {
  const index = new Map(KEYS.map((k, i) => [k, i]));
  const rows: number[][] = [];
  const hiddenSomewhere = new Set<string>();
  for (const { answer, own } of readings) {
    for (const f of [answer.total, ...answer.byEngagementLevel, ...answer.byMonth, ...answer.cells]) {
      const keys = footprint(f, answer);
      if (f.suppressed) {
        if (keys.length === 1) hiddenSomewhere.add(keys[0]);
        continue;
      }
      const row = new Array<number>(KEYS.length + 2).fill(0);
      for (const k of keys) row[index.get(k)!] = 1;
      const mine = keys.reduce(
        (a, k) => ({ events: a.events + (own.get(k)?.events ?? 0), attendees: a.attendees + (own.get(k)?.attendees ?? 0) }),
        {
          events: 0,
          attendees: 0,
        },
      );
      row[KEYS.length] = f.events! - mine.events;
      row[KEYS.length + 1] = f.attendees! - mine.attendees;
      rows.push(row);
    }
  }
  const pivots: number[] = [];
  let rank = 0;
  for (let col = 0; col < KEYS.length && rank < rows.length; col++) {
    const p = rows.findIndex((r, i) => i >= rank && Math.abs(r[col]) > 1e-9);
    if (p < 0) continue;
    [rows[rank], rows[p]] = [rows[p], rows[rank]];
    const pivot = rows[rank][col];
    rows[rank] = rows[rank].map((v) => v / pivot);
    for (let i = 0; i < rows.length; i++) {
      if (i === rank || Math.abs(rows[i][col]) < 1e-9) continue;
      const factor = rows[i][col];
      rows[i] = rows[i].map((v, j) => v - factor * rows[rank][j]);
    }
    pivots.push(col);
    rank++;
  }
  // The readings are consistent: whatever is left over reduces to 0 = 0.
  for (const r of rows.slice(rank)) expect(r.every((v) => Math.abs(v) < 1e-6)).toBe(true);
  const recovered = new Map<string, Tally>();
  pivots.forEach((col, r) => {
    const alone = rows[r].slice(0, KEYS.length).every((v, j) => j === col || Math.abs(v) < 1e-9);
    if (alone && hiddenSomewhere.has(KEYS[col])) {
      recovered.set(KEYS[col], { events: Math.round(rows[r][KEYS.length]), attendees: Math.round(rows[r][KEYS.length + 1]) });
    }
  });
  return recovered;
}

/**
 * The suppressor the events subgraph used before the kernel module (suppression.logic.ts),
 * kept here only to show that this test catches the leak: it counts whole cells, the
 * viewer's own rows included, and checks only for an equation with one hidden term.
 */
function legacySuppress(cells: number[][], minimum: number) {
  type Term = { value: number; hidden: boolean; rank: number; order: number };
  const columnCount = cells[0]?.length ?? 0;
  let order = 0;
  const term = (value: number, rank: number): Term => ({ value, hidden: value < minimum, rank, order: order++ });
  const cellTerms = cells.map((row) => row.map((v) => term(v, 0)));
  const rowTerms = cells.map((row) =>
    term(
      row.reduce((a, b) => a + b, 0),
      1,
    ),
  );
  const columnTerms = Array.from({ length: columnCount }, (_, c) =>
    term(
      cells.reduce((a, row) => a + row[c], 0),
      1,
    ),
  );
  const totalTerm = term(
    rowTerms.reduce((a, t) => a + t.value, 0),
    2,
  );
  const equations: Term[][] = [
    ...cellTerms.map((row, r) => [...row, rowTerms[r]]),
    ...columnTerms.map((column, c) => [...cellTerms.map((row) => row[c]), column]),
    [...rowTerms, totalTerm],
    [...columnTerms, totalTerm],
  ];
  for (let changed = true; changed;) {
    changed = false;
    for (const equation of equations) {
      if (equation.filter((t) => t.hidden).length !== 1) continue;
      equation.filter((t) => !t.hidden).sort((a, b) => a.value - b.value || a.rank - b.rank || a.order - b.order)[0].hidden = true;
      changed = true;
    }
  }
  return {
    cells: cellTerms.map((row) => row.map((t) => t.hidden)),
    rows: rowTerms.map((t) => t.hidden),
    columns: columnTerms.map((t) => t.hidden),
    total: totalTerm.hidden,
  };
}

/** What the old eventTotals answered for 2026, whoever asked, from the database as it is now. */
async function legacyAnswer(sg: testing.TestSubgraph): Promise<Answer> {
  const rows = await sg.em().find(Event, { date: { $gte: '2026-01-01', $lte: '2026-12-31' } });
  const tally = new Map<string, Tally>(KEYS.map((k) => [k, { events: 0, attendees: 0 }]));
  for (const e of rows) {
    const t = tally.get(`${e.date.slice(0, 7)} ${e.engagementLevel}`)!;
    t.events++;
    t.attendees += e.attendees;
  }
  const grid = MONTHS.map((m) => ENGAGEMENT_LEVELS.map((l) => tally.get(`${m} ${l}`)!));
  const hidden = legacySuppress(
    grid.map((row) => row.map((t) => t.events)),
    10,
  );
  const figure = (month: string | null, engagementLevel: string | null, parts: Tally[], suppressed: boolean): Figure => {
    const sum = parts.reduce((a, t) => ({ events: a.events + t.events, attendees: a.attendees + t.attendees }), {
      events: 0,
      attendees: 0,
    });
    return { month, engagementLevel, events: suppressed ? null : sum.events, attendees: suppressed ? null : sum.attendees, suppressed };
  };
  return {
    from: '2026-01-01',
    to: '2026-12-31',
    total: figure(null, null, grid.flat(), hidden.total),
    byEngagementLevel: ENGAGEMENT_LEVELS.map((l, c) =>
      figure(
        null,
        l,
        grid.map((row) => row[c]),
        hidden.columns[c],
      ),
    ),
    byMonth: MONTHS.map((m, r) => figure(m, null, grid[r], hidden.rows[r])),
    cells: MONTHS.flatMap((m, r) => ENGAGEMENT_LEVELS.map((l, c) => figure(m, l, [grid[r][c]], hidden.cells[r][c]))),
  };
}

const inForce = (a: (typeof universe.agreements)[number], at = new Date()) =>
  !a.revokedAt && Date.parse(a.effectiveFrom) <= at.getTime() && (!a.expiresAt || Date.parse(a.expiresAt) > at.getTime());

describe('events subgraph: a partner differencing its own rows out of the event totals', () => {
  let partners: testing.PartnersProcess;
  let sg: testing.TestSubgraph;
  const a = universe.organizations.find((o) =>
    universe.agreements.some((x) => x.organizationId === o.id && inForce(x) && x.scopes.includes('EVENT_AGGREGATES')),
  )!;
  const b = universe.organizations.find((o) => o.id !== a.id && universe.events.some((e) => e.organizationId === o.id))!;
  const staffA = testing.viewerFor('partner_staff', a.id);
  const staffB = testing.viewerFor('partner_staff', b.id);
  const event = (date: string, attendees: number, engagementLevel = 'TOUCHPOINT') => ({
    title: 'Story time',
    date,
    type: 'WORKSHOP',
    street: '4100 Woodward Ave',
    city: 'Detroit',
    zip: '48201',
    targetAudience: 'Parents and caregivers',
    engagementLevel,
    attendees,
  });

  const ok = async (query: string, variables: Record<string, unknown>, viewer: ReturnType<typeof testing.viewerFor>) => {
    const res = await sg.exec(query, variables, viewer);
    expect(res.errors).toBeUndefined();
    return res.data!;
  };
  /** A's rows, as A lists them through the API: all it needs to subtract itself. */
  const ownRows = async () => {
    const list = (await ok(OWN_EVENTS, {}, staffA)).events;
    expect(list.totalCount).toBeLessThanOrEqual(100);
    return list.edges.map((e: any) => e.node);
  };
  const ownByCell = async () => {
    const own = new Map<string, Tally>();
    for (const e of await ownRows()) {
      if (!e.date.startsWith('2026')) continue;
      const key = `${e.date.slice(0, 7)} ${e.engagementLevel}`;
      const t = own.get(key) ?? { events: 0, attendees: 0 };
      t.events++;
      t.attendees += e.attendees;
      own.set(key, t);
    }
    return own;
  };
  const read = async (from = '2026-01-01', to = '2026-12-31'): Promise<Answer> => (await ok(TOTALS, { from, to }, staffA)).eventTotals;

  let before: Reading[];
  let after: Reading[];
  let legacy: Reading[];

  beforeAll(async () => {
    partners = await testing.startPartnersProcess();
    sg = await testing.createTestSubgraph(events, { seed: true, partners });
    // The other organisation's one event in an otherwise empty cell.
    await ok(CREATE, { input: event('2026-12-10', 21) }, staffB);

    const own1 = await ownByCell();
    before = [
      { answer: await read(), own: own1 },
      { answer: await read('2026-12-01', '2026-12-31'), own: own1 },
      { answer: await read('2026-10-01', '2026-12-31'), own: own1 },
    ];
    const legacyBefore = await legacyAnswer(sg);

    // A's moves: nine events of its own in the target cell, one attendee each; one of its
    // events deleted; another backdated (and moved to another level) through updateEvent.
    for (let i = 0; i < 9; i++) await ok(CREATE, { input: event(`2026-12-${String(11 + i).padStart(2, '0')}`, 1) }, staffA);
    const [first, second] = (await ownRows()).filter((e: any) => e.date < '2026-12-01');
    expect(second).toBeDefined();
    await ok(DELETE, { id: first.id }, staffA);
    const { id, ...fields } = second;
    await ok(UPDATE, { id, input: { ...fields, date: '2026-01-02', engagementLevel: 'LEVEL_ONE' } }, staffA);

    const own2 = await ownByCell();
    after = [
      { answer: await read(), own: own2 },
      { answer: await read('2026-12-01', '2026-12-31'), own: own2 },
      { answer: await read('2026-10-01', '2026-12-31'), own: own2 },
    ];
    legacy = [
      { answer: legacyBefore, own: own1 },
      { answer: await legacyAnswer(sg), own: own2 },
    ];
  });
  afterAll(async () => {
    await sg?.close();
    await partners?.stop();
  });

  it('recovers the other organisation’s event from the old suppressor: 10 events and 30 attendees shown, 1 and 21 behind them', () => {
    const target = (r: Reading) => r.answer.cells.find((c) => `${c.month} ${c.engagementLevel}` === TARGET)!;
    expect(target(legacy[0])).toMatchObject({ suppressed: true, events: null });
    expect(target(legacy[1])).toMatchObject({ suppressed: false, events: 10, attendees: 30 });
    const recovered = attack(legacy);
    expect(recovered.get(TARGET)).toEqual({ events: 1, attendees: 21 });
  });

  it('recovers nothing from the kernel’s suppressor, over cells, margins and several periods', () => {
    expect(attack([...before, ...after])).toEqual(new Map());
    // Each reading alone, too.
    for (const r of [...before, ...after]) expect(attack([r])).toEqual(new Map());
  });

  it('shows A the same pattern, and the same about the others, however A changed its own rows', () => {
    const others = (r: Reading) =>
      [r.answer.total, ...r.answer.byEngagementLevel, ...r.answer.byMonth, ...r.answer.cells].map((f) => {
        if (f.suppressed) return null;
        const keys = footprint(f, r.answer);
        const own = keys.reduce((n, k) => n + (r.own.get(k)?.events ?? 0), 0);
        const ownAttendees = keys.reduce((n, k) => n + (r.own.get(k)?.attendees ?? 0), 0);
        return [f.events! - own, f.attendees! - ownAttendees];
      });
    for (let i = 0; i < before.length; i++) expect(others(after[i])).toEqual(others(before[i]));
    const target = (r: Reading) => r.answer.cells.find((c) => `${c.month} ${c.engagementLevel}` === TARGET)!;
    expect(target(after[0])).toEqual({ month: '2026-12', engagementLevel: 'TOUCHPOINT', events: null, attendees: null, suppressed: true });
    // Not vacuous: the report still shows A figures, its own events counted in them.
    expect(after[0].answer.cells.filter((c) => !c.suppressed).length).toBeGreaterThan(0);
    expect(after[0].answer.total.suppressed).toBe(false);
    expect(after[0].answer.total.events).toBe(universe.events.length + 1 + 9 - 1);
  });
});
