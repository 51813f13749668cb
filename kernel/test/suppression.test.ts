import { DEFAULT_MINIMUM_COUNT, DEFAULT_MINIMUM_ORGANIZATIONS, suppressTable, type Contribution, type SuppressedTable } from '@c2c/kernel';

/**
 * The kernel's suppressor, checked against what a viewer can compute: its own part of every
 * figure is known to it, so the unknowns are the others' parts. fast-check is not installed,
 * so the properties run over tables drawn from a seeded generator (reproducible, 400 of them).
 */
type Cell = Contribution<'attendees'>[];
type Table = Cell[][];

/** One term of the table as the checks see it: where it sits, its contributions, and what was shown. */
interface Term {
  name: string;
  contributions: Map<string, { records: number; attendees: number }>;
  shown: { suppressed: boolean; records: number | null; attendees: number | null };
}

function terms(table: Table, s: SuppressedTable<'attendees'>) {
  const sum = (cells: Cell[]) => {
    const m = new Map<string, { records: number; attendees: number }>();
    for (const c of cells.flat()) {
      const x = m.get(c.organization) ?? { records: 0, attendees: 0 };
      x.records += c.records;
      x.attendees += c.measures?.attendees ?? 0;
      m.set(c.organization, x);
    }
    return m;
  };
  const shown = (f: SuppressedTable<'attendees'>['total']) => ({
    suppressed: f.suppressed,
    records: f.records,
    attendees: f.measures.attendees,
  });
  const columnCount = table[0]?.length ?? 0;
  const cells = table.map((row, r) =>
    row.map((c, k): Term => ({ name: `cell ${r},${k}`, contributions: sum([c]), shown: shown(s.cells[r][k]) })),
  );
  const rows = table.map((row, r): Term => ({ name: `row ${r}`, contributions: sum(row), shown: shown(s.rows[r]) }));
  const columns = Array.from({ length: columnCount }, (_, k): Term => ({
    name: `column ${k}`,
    contributions: sum(table.map((row) => row[k])),
    shown: shown(s.columns[k]),
  }));
  const total: Term = { name: 'total', contributions: sum(table.flat()), shown: shown(s.total) };
  /** Each equation: the whole, then its parts. */
  const equations: [Term, Term[]][] = [
    ...rows.map((row, r): [Term, Term[]] => [row, cells[r]]),
    ...columns.map((column, k): [Term, Term[]] => [column, cells.map((row) => row[k])]),
    [total, rows],
    [total, columns],
  ];
  return { all: [...cells.flat(), ...rows, ...columns, total], equations };
}

const others = (t: Term, viewer: string | null) => {
  let records = 0;
  let attendees = 0;
  const organizations = new Set<string>();
  for (const [org, x] of t.contributions) {
    if (org === viewer || x.records <= 0) continue;
    records += x.records;
    attendees += x.attendees;
    organizations.add(org);
  }
  return { records, attendees, organizations };
};

/**
 * The hidden terms whose others' part the viewer can solve for: Gauss–Jordan over the others'
 * parts of the hidden terms, every shown term's others' part being known (shown − own).
 * Independent of the module's graph argument on purpose.
 */
function solvable(table: Table, s: SuppressedTable<'attendees'>): string[] {
  const { all, equations } = terms(table, s);
  const hidden = all.filter((t) => t.shown.suppressed);
  const index = new Map(hidden.map((t, i) => [t, i]));
  const matrix = equations.map(([whole, parts]) => {
    const row = new Array<number>(hidden.length).fill(0);
    for (const p of parts) if (index.has(p)) row[index.get(p)!] += 1;
    if (index.has(whole)) row[index.get(whole)!] -= 1;
    return row;
  });
  let rank = 0;
  const pivots: number[] = [];
  for (let col = 0; col < hidden.length && rank < matrix.length; col++) {
    const p = matrix.findIndex((row, i) => i >= rank && Math.abs(row[col]) > 1e-9);
    if (p < 0) continue;
    [matrix[rank], matrix[p]] = [matrix[p], matrix[rank]];
    const pivot = matrix[rank][col];
    matrix[rank] = matrix[rank].map((v) => v / pivot);
    for (let i = 0; i < matrix.length; i++) {
      if (i === rank || Math.abs(matrix[i][col]) < 1e-9) continue;
      const f = matrix[i][col];
      matrix[i] = matrix[i].map((v, j) => v - f * matrix[rank][j]);
    }
    pivots.push(col);
    rank++;
  }
  // In reduced form a unit vector is in the row space only as a pivot row with nothing else in it.
  return pivots.filter((col, r) => matrix[r].every((v, j) => j === col || Math.abs(v) < 1e-9)).map((col) => hidden[col].name);
}

function pattern(s: SuppressedTable<'attendees'>) {
  return {
    cells: s.cells.map((row) => row.map((f) => f.suppressed)),
    rows: s.rows.map((f) => f.suppressed),
    columns: s.columns.map((f) => f.suppressed),
    total: s.total.suppressed,
  };
}

/** What the viewer learns about the others from each figure: shown − own, or nothing. */
function othersView(table: Table, s: SuppressedTable<'attendees'>, viewer: string | null) {
  return terms(table, s).all.map((t) => (t.shown.suppressed ? null : [others(t, viewer).records, others(t, viewer).attendees]));
}

const suppress = (table: Table, viewer: string | null, o: { minimum?: number; minimumOrganizations?: number } = {}) =>
  suppressTable(table, { viewer, measures: ['attendees'], ...o });

/** Every property the module promises, for one table and one viewer. */
function expectSafe(table: Table, viewer: string | null, o: { minimum?: number; minimumOrganizations?: number } = {}) {
  const minimum = o.minimum ?? DEFAULT_MINIMUM_COUNT;
  const minimumOrganizations = o.minimumOrganizations ?? (viewer === null ? 1 : DEFAULT_MINIMUM_ORGANIZATIONS);
  const s = suppress(table, viewer, o);
  const { all, equations } = terms(table, s);
  for (const t of all) {
    if (t.shown.suppressed) {
      expect(t.shown).toEqual({ suppressed: true, records: null, attendees: null });
      continue;
    }
    // Shown figures are the true sums, the viewer's own part included.
    const trueSum = [...t.contributions.values()].reduce(
      (a, x) => ({ records: a.records + x.records, attendees: a.attendees + x.attendees }),
      {
        records: 0,
        attendees: 0,
      },
    );
    expect({ term: t.name, ...t.shown }).toEqual({ term: t.name, suppressed: false, ...trueSum });
    // Others alone support every shown figure.
    const theirs = others(t, viewer);
    expect({ term: t.name, enough: theirs.records >= minimum && theirs.organizations.size >= minimumOrganizations }).toEqual({
      term: t.name,
      enough: true,
    });
  }
  for (const [whole, parts] of equations) {
    const hiddenTerms = [whole, ...parts].filter((t) => t.shown.suppressed);
    expect({ equation: whole.name, hidden: hiddenTerms.length === 1 }).toEqual({ equation: whole.name, hidden: false });
    // A shown whole minus its shown parts publishes the others' hidden remainder: it must be a publishable figure.
    const hiddenParts = parts.filter((t) => t.shown.suppressed);
    if (!whole.shown.suppressed && hiddenParts.length) {
      const records = hiddenParts.reduce((a, t) => a + others(t, viewer).records, 0);
      const organizations = new Set(hiddenParts.flatMap((t) => [...others(t, viewer).organizations]));
      expect({ equation: whole.name, enough: records >= minimum && organizations.size >= minimumOrganizations }).toEqual({
        equation: whole.name,
        enough: true,
      });
    }
  }
  expect(solvable(table, s)).toEqual([]);
  // Deterministic.
  expect(suppress(table, viewer, o)).toEqual(s);
  return s;
}

function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return { next, int: (n: number) => Math.floor(next() * n) };
}

/** A random table: 1–12 rows, 1–5 columns, up to 8 organisations, small and large contributions. */
function randomTable(g: ReturnType<typeof generator>) {
  const organizations = Array.from({ length: 1 + g.int(8) }, (_, i) => `org-${i}`);
  const rows = 1 + g.int(12);
  const columns = 1 + g.int(5);
  const dense = g.next();
  const table: Table = Array.from({ length: rows }, () =>
    Array.from({ length: columns }, () =>
      organizations
        .filter(() => g.next() < dense)
        .map((organization) => {
          const records = g.int(g.next() < 0.6 ? 4 : 15);
          return { organization, records, measures: { attendees: records * (1 + g.int(30)) } };
        }),
    ),
  );
  return { table, organizations };
}

/** The viewer changes its own rows only: adds, deletes and moves (backdates) its records. */
function changeOwnRows(table: Table, viewer: string, g: ReturnType<typeof generator>): Table {
  const copy: Table = table.map((row) => row.map((cell) => cell.filter((c) => c.organization !== viewer).map((c) => ({ ...c }))));
  for (const row of copy) {
    for (const cell of row) {
      if (g.next() < 0.5) continue;
      const records = g.int(12);
      cell.push({ organization: viewer, records, measures: { attendees: records * (1 + g.int(5)) } });
    }
  }
  return copy;
}

const of = (organization: string, records: number, attendees = records * 3): Contribution<'attendees'> => ({
  organization,
  records,
  measures: { attendees },
});

describe('kernel small-cell suppression', () => {
  it('exports the DESIGN.md defaults', () => {
    expect(DEFAULT_MINIMUM_COUNT).toBe(10);
    expect(DEFAULT_MINIMUM_ORGANIZATIONS).toBe(3);
  });

  it('hides nothing when every figure reaches the minimum, for a viewer with no rows of its own', () => {
    const s = suppress(
      [
        [[of('a', 10)], [of('b', 12)]],
        [[of('c', 30)], [of('a', 11)]],
      ],
      null,
    );
    expect(pattern(s)).toEqual({
      cells: [
        [false, false],
        [false, false],
      ],
      rows: [false, false],
      columns: [false, false],
      total: false,
    });
    expect(s.cells[1][0]).toEqual({ suppressed: false, records: 30, measures: { attendees: 90 } });
    expect(s.total).toEqual({ suppressed: false, records: 63, measures: { attendees: 189 } });
  });

  it('hides a small cell and the cells that would give it away, for a viewer with no rows of its own', () => {
    // 3 alone would be 15 − 12, so 12 is hidden; then each column has one hidden cell, so 20 and 30 go too.
    const s = expectSafe(
      [
        [[of('a', 12)], [of('b', 3)]],
        [[of('c', 20)], [of('d', 30)]],
      ],
      null,
    );
    expect(pattern(s)).toEqual({
      cells: [
        [true, true],
        [true, true],
      ],
      rows: [false, false],
      columns: [false, false],
      total: false,
    });
  });

  it('hides zero cells and small margins too', () => {
    const s = expectSafe(
      [
        [[], [of('a', 4)]],
        [[of('b', 25)], [of('c', 40)]],
      ],
      null,
    );
    expect(s.rows[0].suppressed).toBe(true);
    expect(s.cells[0].map((f) => f.suppressed)).toEqual([true, true]);
  });

  it('counts only the others’ part: nine records of the viewer’s own beside one other record open nothing', () => {
    // The finding: one other organisation's event of 21 attendees; the viewer adds nine of its own, one attendee each.
    const busy = (prefix: string) => [of(`${prefix}1`, 5), of(`${prefix}2`, 5), of(`${prefix}3`, 5)];
    const before: Table = [
      [[of('other', 1, 21)], busy('x')],
      [busy('y'), busy('z')],
    ];
    const after: Table = [
      [[of('other', 1, 21), of('viewer', 9, 9)], busy('x')],
      [busy('y'), busy('z')],
    ];
    const s1 = expectSafe(before, 'viewer');
    const s2 = expectSafe(after, 'viewer');
    expect(s2.cells[0][0]).toEqual({ suppressed: true, records: null, measures: { attendees: null } });
    expect(pattern(s2)).toEqual(pattern(s1));
    expect(othersView(after, s2, 'viewer')).toEqual(othersView(before, s1, 'viewer'));
    // The hub operator (no rows of its own) is shown the 10-event cell, as before: there is nothing of its own to subtract.
    expect(suppress(after, null).cells[0][0]).toEqual({ suppressed: false, records: 10, measures: { attendees: 30 } });
  });

  it('requires three other organisations behind every shown figure of a contributing viewer', () => {
    const table: Table = [
      [
        [of('viewer', 40), of('b', 20), of('c', 20)],
        [of('b', 10), of('c', 10), of('d', 10)],
      ],
      [
        [of('b', 10), of('c', 10), of('d', 10)],
        [of('b', 10), of('c', 10), of('d', 10)],
      ],
    ];
    const s = expectSafe(table, 'viewer');
    // 40 of b and c, but only two of them: hidden, and its complements with it.
    expect(s.cells[0][0].suppressed).toBe(true);
    // For b, the same cell has the viewer and c: two others again.
    expect(suppress(table, 'b').cells[0][0].suppressed).toBe(true);
    // Configurable: with two organisations enough, the cell is shown with its true sum.
    expect(suppress(table, 'viewer', { minimumOrganizations: 2 }).cells[0][0]).toEqual({
      suppressed: false,
      records: 80,
      measures: { attendees: 240 },
    });
  });

  it('takes the minimum as configured', () => {
    const table: Table = [
      [
        [of('a', 5), of('b', 5), of('c', 5)],
        [of('a', 6), of('b', 6), of('c', 6)],
      ],
    ];
    expect(suppress(table, 'd').cells[0].map((f) => f.suppressed)).toEqual([false, false]);
    expect(suppress(table, 'd', { minimum: 16 }).cells[0].map((f) => f.suppressed)).toEqual([true, true]);
    expectSafe(table, 'd', { minimum: 16 });
    expectSafe(table, 'a', { minimum: 5 });
  });

  it('hides the remainder of an equation when it is a small aggregate of its own', () => {
    // Row 0: the viewer knows its 20, sees 22 and 30 and a row of 73: the two hidden cells hold 1 other record.
    const big = [of('b', 10), of('c', 10), of('d', 10)];
    const table: Table = [
      [[of('viewer', 20), of('b', 1, 21)], [], big, [of('b', 4), of('c', 4), of('d', 14)]],
      [big, big, big, big],
      [big, big, big, big],
    ];
    const s = expectSafe(table, 'viewer');
    // Both small cells hidden, and so much more of the row that its remainder reaches 10 from three others.
    expect(s.cells[0][0].suppressed && s.cells[0][1].suppressed).toBe(true);
    const hiddenInRow = table[0].filter((_, c) => s.cells[0][c].suppressed);
    expect(
      hiddenInRow
        .flat()
        .filter((c) => c.organization !== 'viewer')
        .reduce((a, c) => a + c.records, 0),
    ).toBeGreaterThanOrEqual(10);
  });

  it('breaks a bridge between two blocks of hidden cells, which no single equation shows', () => {
    // Two 2×2 blocks of small cells joined by one small cell (1,2). Every row and column has two
    // or three hidden cells and each remainder is at least 10, so "no equation with one hidden
    // term" is satisfied — yet rows 0+1 minus columns 0+1 is exactly cell (1,2).
    const s7 = [of('a', 7)];
    const s6 = [of('b', 6)];
    const big = [of('c', 40)];
    const table: Table = [
      [s7, s6, big, big],
      [s6, s7, [of('d', 5)], big],
      [big, big, s7, s6],
      [big, big, s6, s7],
    ];
    const primaryOnly = table.map((row) => row.map((cell) => cell.reduce((a, c) => a + c.records, 0) < 10));
    const asIfOnlyPrimary: SuppressedTable<'attendees'> = {
      cells: table.map((row, r) =>
        row.map((cell, c) =>
          primaryOnly[r][c]
            ? { suppressed: true, records: null, measures: { attendees: null } }
            : { suppressed: false, records: cell[0].records, measures: { attendees: cell[0].measures!.attendees! } },
        ),
      ),
      rows: table.map(() => ({ suppressed: false, records: 0, measures: { attendees: 0 } })),
      columns: table[0].map(() => ({ suppressed: false, records: 0, measures: { attendees: 0 } })),
      total: { suppressed: false, records: 0, measures: { attendees: 0 } },
    };
    // The pattern the old rule would have stopped at gives the joining cell away.
    expect(solvable(table, asIfOnlyPrimary)).toEqual(['cell 1,2']);
    const s = expectSafe(table, null);
    expect(s.cells[1][2].suppressed).toBe(true);
  });

  it('on random tables and viewers: every shown figure is the true sum, backed by enough others, and no hidden part can be solved for', () => {
    const g = generator(7);
    let mixed = 0;
    for (let n = 0; n < 400; n++) {
      const { table, organizations } = randomTable(g);
      const viewer = g.next() < 0.25 ? null : organizations[g.int(organizations.length)];
      const s = expectSafe(table, viewer);
      const figures = [...s.cells.flat(), ...s.rows, ...s.columns, s.total];
      if (viewer !== null && figures.some((f) => f.suppressed) && figures.some((f) => !f.suppressed)) mixed++;
    }
    // Not vacuous: many tables show a contributing viewer some figures and hide others.
    expect(mixed).toBeGreaterThan(100);
  });

  it('on random tables: a viewer adding, deleting or moving its own rows sees the same pattern and learns the same about the others', () => {
    const g = generator(11);
    for (let n = 0; n < 200; n++) {
      const { table, organizations } = randomTable(g);
      const viewer = organizations[g.int(organizations.length)];
      const before = suppress(table, viewer);
      for (let k = 0; k < 3; k++) {
        const changed = changeOwnRows(table, viewer, g);
        const after = expectSafe(changed, viewer);
        expect(pattern(after)).toEqual(pattern(before));
        expect(othersView(changed, after, viewer)).toEqual(othersView(table, before, viewer));
      }
    }
  });

  it('handles an empty table', () => {
    const s = suppress([], 'a');
    expect(s).toEqual({ cells: [], rows: [], columns: [], total: { suppressed: true, records: null, measures: { attendees: null } } });
  });
});
