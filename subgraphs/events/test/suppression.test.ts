import { suppressTable, type Suppression } from '../src/suppression.logic';

/** Every margin equation of a table: each is a list of [value, hidden] terms. */
function equations(cells: number[][], s: Suppression): [number, boolean][][] {
  const rows = cells.map((row, r) => [
    ...row.map((v, c): [number, boolean] => [v, s.cells[r][c]]),
    [row.reduce((a, b) => a + b, 0), s.rows[r]] as [number, boolean],
  ]);
  const columns = cells[0].map((_, c) => [
    ...cells.map((row, r): [number, boolean] => [row[c], s.cells[r][c]]),
    [cells.reduce((a, row) => a + row[c], 0), s.columns[c]] as [number, boolean],
  ]);
  const total = cells.flat().reduce((a, b) => a + b, 0);
  return [
    ...rows,
    ...columns,
    [...rows.map((eq) => eq[eq.length - 1]), [total, s.total]],
    [...columns.map((eq) => eq[eq.length - 1]), [total, s.total]],
  ];
}

describe('small-cell suppression', () => {
  it('hides nothing when every number reaches the minimum', () => {
    const s = suppressTable(
      [
        [10, 12],
        [30, 11],
      ],
      10,
    );
    expect(s).toEqual({
      cells: [
        [false, false],
        [false, false],
      ],
      rows: [false, false],
      columns: [false, false],
      total: false,
    });
  });

  it('hides a small cell and the smallest cells that would give it away', () => {
    // 3 alone would be 15 - 12, so 12 is hidden; then each column has one hidden cell, so 20 and 30 go too.
    const s = suppressTable(
      [
        [12, 3],
        [20, 30],
      ],
      10,
    );
    expect(s.cells).toEqual([
      [true, true],
      [true, true],
    ]);
    expect(s.rows).toEqual([false, false]);
    expect(s.columns).toEqual([false, false]);
    expect(s.total).toBe(false);
  });

  it('hides zero cells and small margins too', () => {
    const s = suppressTable(
      [
        [0, 4],
        [25, 40],
      ],
      10,
    );
    expect(s.rows[0]).toBe(true);
    expect(s.cells[0]).toEqual([true, true]);
    for (const eq of equations(
      [
        [0, 4],
        [25, 40],
      ],
      s,
    ))
      expect(eq.filter(([, h]) => h).length).not.toBe(1);
  });

  it('on any table, hides every number under the minimum and never leaves one hidden number alone in an equation', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const rows = 1 + Math.floor(next() * 12);
      const columns = 1 + Math.floor(next() * 5);
      const cells = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => Math.floor(next() * (next() < 0.5 ? 12 : 40))),
      );
      const s = suppressTable(cells, 10);
      for (const eq of equations(cells, s)) {
        for (const [value, hidden] of eq) if (value < 10) expect(hidden).toBe(true);
        expect(eq.filter(([, hidden]) => hidden).length).not.toBe(1);
      }
      // Deterministic: the same table always hides the same numbers.
      expect(suppressTable(cells, 10)).toEqual(s);
    }
  });
});
