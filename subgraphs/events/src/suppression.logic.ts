/**
 * Small-cell suppression for a two-way table published with its margins (row totals,
 * column totals, grand total): the DESIGN.md rule for aggregates shown outside the district.
 *
 * Primary: every cell or margin counting fewer than `minimum` is hidden (zero included: the
 * rule is "under n", and an empty cell can be a telling one). Complementary: the table is a
 * set of equations (each row adds up to its total, each column to its total, the totals to
 * the grand total); an equation with exactly one hidden term would give that term away by
 * subtraction, so the smallest visible term of it is hidden too, until no equation has
 * exactly one. The choice is deterministic, so the same data always hides the same cells.
 */
export interface Suppression {
  cells: boolean[][];
  rows: boolean[];
  columns: boolean[];
  total: boolean;
}

interface Term {
  value: number;
  hidden: boolean;
  // Interior cells are hidden before margins, so totals stay readable where possible.
  rank: 0 | 1 | 2;
  order: number;
}

export function suppressTable(cells: number[][], minimum: number): Suppression {
  const columnCount = cells[0]?.length ?? 0;
  let order = 0;
  const term = (value: number, rank: Term['rank']): Term => ({ value, hidden: value < minimum, rank, order: order++ });

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
      const complement = equation.filter((t) => !t.hidden).sort((a, b) => a.value - b.value || a.rank - b.rank || a.order - b.order)[0];
      // An equation has at least two terms, so one hidden term leaves a visible one.
      complement.hidden = true;
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
