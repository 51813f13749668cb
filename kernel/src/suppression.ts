/**
 * Small-cell suppression for every aggregate of people the hub publishes (events now,
 * referrals and students next): a two-way table with its margins, where each cell knows which
 * organisation contributed which records. DESIGN.md: "a cell is shown to [a viewer] only if
 * other organisations contributed at least n records".
 *
 * Why the viewer's own part is taken out. A partner knows its own rows exactly, so every
 * figure it is shown tells it precisely the others' part: shown − own. Counting the whole cell
 * let a partner make a cell visible with rows of its own (nine of its events beside one other
 * event: 10 shown, and 30 − 9 attendees gave back the other event's 21) and then subtract. So
 * every decision here is taken on the others' part alone: a figure is shown only if other
 * organisations put at least `minimum` records into it, from at least `minimumOrganizations`
 * of them (with fewer, the "aggregate" is one or two organisations' own numbers, and one
 * colluding neighbour could subtract the second).
 *
 * Why it resists differencing across reads. The hidden pattern is a function of the others'
 * contributions only: primary suppression, the choice of complements and every tie-break read
 * the others' records, never the viewer's, never the true totals. Adding, deleting or
 * backdating its own rows therefore changes neither which figures a viewer sees nor the
 * others' part of any of them; two reads taken around such changes say exactly what one says.
 * (Other organisations changing their rows between two reads is ordinary change over time,
 * which no table-level rule can hide.)
 *
 * Why more than "no equation with exactly one hidden term". The table is a set of equations
 * (each row adds up to its margin, each column to its margin, the margins to the grand total),
 * and the viewer's own part of every term is known, so the unknowns are the others' parts of
 * the hidden terms. Seen as a graph (one node per equation, one edge per term, each term
 * sitting in exactly two equations), a hidden term can be solved for exactly when it is a
 * bridge of the graph of hidden terms: any other hidden term lies on a cycle of hidden terms,
 * along which +d, −d, +d, … keeps every equation true, so its value is not determined. One
 * hidden term alone in an equation is only the simplest bridge: two blocks of hidden cells
 * joined by a single hidden cell pass that check and still give the joining cell away (sum the
 * rows of one block, subtract its columns). So after the classic pass, every bridge is put on
 * a cycle by hiding the cheapest path of visible terms between its ends.
 *
 * Why each equation's remainder is checked too. When an equation's total is shown, the sum of
 * its hidden terms is known (total − shown parts). That sum is itself a published aggregate:
 * one other event hidden in a row, with a zero cell hidden beside it, would still tell its 21
 * attendees. So the hidden part of such an equation must also reach the minimum, from enough
 * organisations, or another term of it is hidden. Sums over several equations at once are not
 * bounded this way; interval (linear-programming) auditing would be the next step if a table
 * ever needs it.
 *
 * A viewer with no rows of its own (the hub operator, evaluators: `viewer: null`) keeps the
 * rule it always had, `minimum` records in every shown figure, with the stronger complement
 * above. Choices are deterministic, so the same data always hides the same terms.
 */

/** DESIGN.md's default minimum n for aggregates shown outside the district. */
export const DEFAULT_MINIMUM_COUNT = 10;
/** Other organisations a figure must draw on before a contributing viewer may see it. */
export const DEFAULT_MINIMUM_ORGANIZATIONS = 3;

/** What one organisation put into one cell: its records, and the sums of any measures over them. */
export interface Contribution<M extends string = never> {
  organization: string;
  records: number;
  measures?: Partial<Record<M, number>>;
}

export interface SuppressionOptions<M extends string = never> {
  /** The viewer's organisation, whose part is known to it; null for a viewer that contributes nothing. */
  viewer: string | null;
  /** Names of the summed measures to report (e.g. attendees). */
  measures?: readonly M[];
  /** Records other organisations must contribute to a shown figure (default 10). */
  minimum?: number;
  /** Other organisations a shown figure must draw on: default 3 for a contributing viewer, 1 for none. */
  minimumOrganizations?: number;
}

/** One published number of the table: the true sum (the viewer's own part included), or nothing. */
export interface Figure<M extends string = never> {
  suppressed: boolean;
  records: number | null;
  measures: Record<M, number | null>;
}

export interface SuppressedTable<M extends string = never> {
  cells: Figure<M>[][];
  rows: Figure<M>[];
  columns: Figure<M>[];
  total: Figure<M>;
}

interface Part {
  records: number;
  measures: Map<string, number>;
}

interface Term {
  order: number;
  // Interior cells are hidden before margins, so totals stay readable where possible.
  rank: 0 | 1 | 2;
  /** The two equations (graph nodes) the term belongs to. */
  ends: [number, number];
  byOrganization: Map<string, Part>;
  /** Records of organisations other than the viewer's: all a decision may look at. */
  others: number;
  otherOrganizations: Set<string>;
  hidden: boolean;
}

interface Equation {
  whole: Term;
  parts: Term[];
}

const cheapestFirst = (a: Term, b: Term) => a.others - b.others || a.rank - b.rank || a.order - b.order;

function merge(into: Map<string, Part>, organization: string, part: Part) {
  const mine = into.get(organization) ?? { records: 0, measures: new Map<string, number>() };
  mine.records += part.records;
  for (const [name, value] of part.measures) mine.measures.set(name, (mine.measures.get(name) ?? 0) + value);
  into.set(organization, mine);
}

/**
 * Suppresses a table of `cells[row][column]`, each a list of contributions, as `options.viewer`
 * may see it. Margins are computed here from the cells, so shown margins are always true sums.
 */
export function suppressTable<M extends string = never>(
  cells: readonly (readonly (readonly Contribution<M>[])[])[],
  options: SuppressionOptions<M>,
): SuppressedTable<M> {
  const minimum = options.minimum ?? DEFAULT_MINIMUM_COUNT;
  const minimumOrganizations = options.minimumOrganizations ?? (options.viewer === null ? 1 : DEFAULT_MINIMUM_ORGANIZATIONS);
  const measureNames = options.measures ?? [];
  const rowCount = cells.length;
  const columnCount = cells[0]?.length ?? 0;
  // Graph nodes: one per row equation, one per column equation, and the two equations of the grand total.
  const rowsNode = rowCount + columnCount;
  const columnsNode = rowsNode + 1;

  const terms: Term[] = [];
  const term = (rank: Term['rank'], ends: [number, number], byOrganization: Map<string, Part>): Term => {
    let others = 0;
    const otherOrganizations = new Set<string>();
    for (const [organization, part] of byOrganization) {
      if (organization === options.viewer || part.records <= 0) continue;
      others += part.records;
      otherOrganizations.add(organization);
    }
    const t: Term = { order: terms.length, rank, ends, byOrganization, others, otherOrganizations, hidden: false };
    t.hidden = others < minimum || otherOrganizations.size < minimumOrganizations;
    terms.push(t);
    return t;
  };
  const union = (list: Term[]) => {
    const all = new Map<string, Part>();
    for (const t of list) for (const [organization, part] of t.byOrganization) merge(all, organization, part);
    return all;
  };

  const cellTerms = cells.map((row, r) => {
    if (row.length !== columnCount) throw new Error('suppressTable: every row must have the same number of columns');
    return row.map((contributions, c) => {
      const byOrganization = new Map<string, Part>();
      for (const x of contributions) {
        const measures = new Map<string, number>();
        for (const name of measureNames) measures.set(name, x.measures?.[name] ?? 0);
        merge(byOrganization, x.organization, { records: x.records, measures });
      }
      return term(0, [r, rowCount + c], byOrganization);
    });
  });
  const rowTerms = cellTerms.map((row, r) => term(1, [r, rowsNode], union(row)));
  const columnTerms = Array.from({ length: columnCount }, (_, c) =>
    term(1, [rowCount + c, columnsNode], union(cellTerms.map((row) => row[c]))),
  );
  const totalTerm = term(2, [rowsNode, columnsNode], union(rowTerms));

  const equations: Equation[] = [
    ...cellTerms.map((row, r) => ({ whole: rowTerms[r], parts: row })),
    ...columnTerms.map((column, c) => ({ whole: column, parts: cellTerms.map((row) => row[c]) })),
    { whole: totalTerm, parts: rowTerms },
    { whole: totalTerm, parts: columnTerms },
  ];

  // The classic complement: one hidden term alone in an equation is its remainder.
  const loneHidden = () => {
    let changed = false;
    for (const { whole, parts } of equations) {
      const all = [whole, ...parts];
      if (all.filter((t) => t.hidden).length !== 1) continue;
      // An equation has at least two terms, so one hidden term leaves a visible one.
      all.filter((t) => !t.hidden).sort(cheapestFirst)[0].hidden = true;
      changed = true;
    }
    return changed;
  };

  // A shown total minus its shown parts publishes the sum of the hidden parts.
  const smallRemainder = () => {
    for (const { whole, parts } of equations) {
      if (whole.hidden) continue;
      const hidden = parts.filter((t) => t.hidden);
      if (hidden.length === 0) continue;
      const organizations = new Set(hidden.flatMap((t) => [...t.otherOrganizations]));
      const records = hidden.reduce((a, t) => a + t.others, 0);
      if (records >= minimum && organizations.size >= minimumOrganizations) continue;
      // With every part hidden the remainder is the total itself, which was shown: so a part is left.
      const next = parts.filter((t) => !t.hidden).sort(cheapestFirst)[0] ?? whole;
      next.hidden = true;
      return true;
    }
    return false;
  };

  const nodeCount = columnsNode + 1;
  const otherEnd = (t: Term, node: number) => (t.ends[0] === node ? t.ends[1] : t.ends[0]);
  const incident: Term[][] = Array.from({ length: nodeCount }, () => []);
  for (const t of terms) for (const node of t.ends) incident[node].push(t);

  const joinedWithout = (skip: Term, from: number, to: number) => {
    const seen = new Set([from]);
    const queue = [from];
    while (queue.length) {
      const node = queue.pop()!;
      if (node === to) return true;
      for (const t of incident[node]) {
        const next = otherEnd(t, node);
        if (t !== skip && t.hidden && !seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return false;
  };

  // Hidden terms cost nothing to walk through; a visible one costs what hiding it loses.
  const cheapestPath = (skip: Term, from: number, to: number): Term[] => {
    const cost = new Array<number>(nodeCount).fill(Infinity);
    const via = new Array<Term | undefined>(nodeCount);
    const done = new Array<boolean>(nodeCount).fill(false);
    cost[from] = 0;
    for (;;) {
      let node = -1;
      for (let n = 0; n < nodeCount; n++) if (!done[n] && cost[n] < Infinity && (node < 0 || cost[n] < cost[node])) node = n;
      if (node < 0 || node === to) break;
      done[node] = true;
      for (const t of [...incident[node]].sort(cheapestFirst)) {
        if (t === skip) continue;
        const next = otherEnd(t, node);
        const step = t.hidden ? 0 : 1 + t.others + t.rank;
        if (cost[node] + step < cost[next]) {
          cost[next] = cost[node] + step;
          via[next] = t;
        }
      }
    }
    const path: Term[] = [];
    for (let node = to; node !== from;) {
      const t = via[node];
      // The table's graph has no bridge of its own (every term lies on row–column–total cycles).
      if (!t) throw new Error('suppressTable: no path around a hidden term');
      path.push(t);
      node = otherEnd(t, node);
    }
    return path;
  };

  // A hidden term that is a bridge of the hidden graph can be solved for exactly.
  const bridge = () => {
    for (const t of terms) {
      if (!t.hidden || joinedWithout(t, t.ends[0], t.ends[1])) continue;
      for (const p of cheapestPath(t, t.ends[0], t.ends[1])) p.hidden = true;
      return true;
    }
    return false;
  };

  if (rowCount === 0 || columnCount === 0) {
    // A table without rows or columns has equations with nothing on one side: nothing in it can be published.
    for (const t of terms) t.hidden = true;
  } else {
    // Every step only hides, so this ends; with everything hidden nothing can be solved for.
    for (let changed = true; changed;) changed = loneHidden() || smallRemainder() || bridge();
  }

  const figure = (t: Term): Figure<M> => {
    let records = 0;
    const sums = new Map<string, number>(measureNames.map((name) => [name, 0]));
    for (const part of t.byOrganization.values()) {
      records += part.records;
      for (const [name, value] of part.measures) sums.set(name, (sums.get(name) ?? 0) + value);
    }
    const measures = Object.fromEntries(measureNames.map((name) => [name, t.hidden ? null : sums.get(name)!])) as Record<M, number | null>;
    return { suppressed: t.hidden, records: t.hidden ? null : records, measures };
  };
  return {
    cells: cellTerms.map((row) => row.map(figure)),
    rows: rowTerms.map(figure),
    columns: columnTerms.map(figure),
    total: figure(totalTerm),
  };
}
