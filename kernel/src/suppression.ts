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

/*
 * Releases of linked tables: the student aggregates.
 *
 * A student aggregate is published as a release: several breakdowns of one population (race,
 * sex, grade, school, …) that all add up to the same total, and nested ones (school × grade)
 * that add up to both of their margins. Unlike suppressTable's two-way table, a term here sits
 * in any number of equations (the total is in every breakdown), so the bridge argument above
 * does not carry over; instead every hidden pattern is audited the way an attacker reads it:
 *
 * - exactly, as a linear system: the hidden terms are the unknowns, every equation with the
 *   visible terms moved to its right-hand side is a row, and Gaussian elimination (reduced row
 *   echelon form) yields every combination of hidden terms the release determines;
 * - by bounds: counts are whole and never negative, so each row (published or derived) also
 *   bounds each of its unknowns by the others' bounds, repeated until nothing tightens.
 *
 * A hidden term is safe only if the attacker's interval reaches at least `protection` below
 * its true value (or down to zero) and at least `protection` above it: the "protection levels"
 * of tabular disclosure control (Hundepool et al., Statistical Disclosure Control, ch. 4). That
 * is stronger than "not solvable": two hidden cells of 9 and 1 under a remainder of 10 are not
 * solvable, but the 1 sits at the bottom of its interval, and with bounds from a second
 * release the point can close. Hiding a complement only ever removes rows, so the loop ends;
 * with everything hidden nothing is bounded from above.
 *
 * And a sum the release determines (total minus the shown groups of a breakdown, or any row of
 * the elimination whose hidden terms share one coefficient) must itself reach the minimum, as
 * suppressTable's remainder rule: three hidden groups of 4, 2 and 1 under a shown total are a
 * published group of 7.
 *
 * The audit reads the exact values of the visible terms even where a release publishes them
 * rounded (publishCount): the attacker it defends against knows more than the release says.
 * Measures (days, chronic absentees, proficient results) are summed over the same cells, so
 * they satisfy the same equations with the same hidden pattern: a measure of a hidden cell is
 * determined exactly only if its count is. Bounds on measures near zero or near the count are
 * what the percentage bands (publishPercent) limit.
 *
 * Choosing complements. The classic local passes run first (a hidden term alone in its
 * equation; a small remainder), hiding the cheapest visible part: few others' records, nested
 * cells before margins, the total last. The audit then runs on each independent system of
 * equations (those linked by hidden terms), and for each problem it finds, tries the cheapest
 * few visible terms around it and hides the first that settles it. Every choice reads the
 * rows in a fixed order, so the same data always hides the same terms (callers sort rows
 * canonically: the order a database returns them in must not change a release).
 *
 * Releases a day apart. What two releases reveal together is the difference of the data in
 * between: a few students enrolled, withdrew or changed. An attacker who knows that change
 * exactly (it enrolled the student) subtracts it from today's figure of a group and gets
 * yesterday's; with exact counts a group that grew from 9 (hidden) to 10 (shown) gives away
 * yesterday's 9, and a complement that is shown today gives away yesterday's pair. So no count
 * leaves the district exact: every count is published rounded to a multiple of 3, the parts
 * of each equation by controlled rounding so that they add up to the rounded whole (an exact
 * figure cannot be pinned from rounded ones that contradict each other), and rates are
 * computed from rounded counts. Today's rounded figure then bounds yesterday's hidden one only
 * to within ±2 of the truth shifted by the known change, and the protection levels keep the
 * audit's interval open at least 2 beyond the truth on each side, so the two intervals always
 * overlap in more than one value. subgraphs/students/test/equity-attack.test.ts attacks exactly
 * this, and shows exact counts falling to it.
 *
 * The viewer's own part. As in suppressTable, a viewer that knows some of the records (a
 * partner knows who its programme participants are, and may see their attendance in the
 * portal) learns the others' part of every figure it is shown, so the audit and every choice
 * read `records - known` only, and a term needs `minimum` records the viewer does not know.
 * Unlike events, a term made only of known records is hidden as well: knowing who the
 * students are is not knowing their attendance.
 */

/** No configuration may publish cells smaller than this (C2C_MIN_CELL_SIZE). */
export const MINIMUM_CELL_SIZE_FLOOR = 5;
/** The variable that sets the minimum n of student aggregates. */
export const MINIMUM_CELL_SIZE_VARIABLE = 'C2C_MIN_CELL_SIZE';

/** What is wrong with `C2C_MIN_CELL_SIZE`, or null. */
export function minimumCellSizeProblem(source: NodeJS.ProcessEnv = process.env): string | null {
  const raw = source[MINIMUM_CELL_SIZE_VARIABLE]?.trim();
  if (!raw) return null;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < MINIMUM_CELL_SIZE_FLOOR) {
    return `${MINIMUM_CELL_SIZE_VARIABLE} must be a whole number of at least ${MINIMUM_CELL_SIZE_FLOOR} (got "${raw}")`;
  }
  return null;
}

/** One published number of a release: a count of records (students), and the viewer's known part of it. */
export interface ReleaseTerm {
  records: number;
  /** Records the viewer already knows (its own); 0 for a viewer with none. */
  known?: number;
  /**
   * Preference when a complement is chosen, lowest first among equally cheap terms:
   * interior cells before margins, margins before the total.
   */
  rank?: number;
}

/** `terms[whole] = sum of terms[parts]`: a breakdown adding up to its total, or a row of a nested table to its margin. */
export interface ReleaseEquation {
  whole: number;
  parts: readonly number[];
}

export interface ReleaseOptions {
  /** Others' records a shown term must hold (default 10). */
  minimum?: number;
  /** How far the attacker's interval must extend on each side of a hidden count (default 2). */
  protection?: number;
  /** Terms hidden whatever their size: hidden in a linked release that shares them. */
  forceHidden?: readonly number[];
}

export const DEFAULT_PROTECTION = 2;
/** Terms of this rank or above (the total) are complements of last resort. */
const TOTAL_RANK = 2;
/** Complements tried per step, cheapest first. */
const CANDIDATES_TRIED = 8;

/** An unknown's bounds as the attacker can derive them. */
export interface Interval {
  low: number;
  high: number;
}

const EPSILON = 1e-9;

/**
 * The reduced row echelon form of the hidden terms' system, one sparse row per independent
 * combination: `sum(coefficient · term) = a number the attacker computes from visible terms`.
 * Coefficients of these tables stay small, so doubles with a tolerance are exact enough.
 */
function echelon(equations: readonly ReleaseEquation[], hidden: readonly boolean[]): Map<number, number>[] {
  const rows: Map<number, number>[] = [];
  for (const { whole, parts } of equations) {
    const row = new Map<number, number>();
    const add = (t: number, c: number) => {
      if (!hidden[t]) return;
      const v = (row.get(t) ?? 0) + c;
      if (Math.abs(v) < EPSILON) row.delete(t);
      else row.set(t, v);
    };
    add(whole, 1);
    for (const p of parts) add(p, -1);
    if (row.size) rows.push(row);
  }
  const reduced: Map<number, number>[] = [];
  for (let row of rows) {
    for (const r of reduced) {
      const [pivot] = r.keys();
      const c = row.get(pivot);
      if (c === undefined) continue;
      row = combine(row, r, -c);
    }
    if (!row.size) continue;
    const [pivot, value] = [...row.entries()][0];
    const scaled = new Map<number, number>();
    for (const [t, v] of row) scaled.set(t, v / value);
    for (let i = 0; i < reduced.length; i++) {
      const c = reduced[i].get(pivot);
      if (c !== undefined) reduced[i] = combine(reduced[i], scaled, -c);
    }
    reduced.push(scaled);
  }
  return reduced;
}

function combine(a: Map<number, number>, b: Map<number, number>, factor: number): Map<number, number> {
  const out = new Map(a);
  for (const [t, v] of b) {
    const next = (out.get(t) ?? 0) + factor * v;
    if (Math.abs(next) < EPSILON) out.delete(t);
    else out.set(t, next);
  }
  return out;
}

/**
 * The attacker's bounds on every hidden term, from the published equations and the rows
 * elimination derives from them, given the true values (the right-hand sides are what the
 * attacker computes from the visible terms, which true values reproduce).
 */
export function auditRelease(
  values: readonly number[],
  equations: readonly ReleaseEquation[],
  hidden: readonly boolean[],
): Map<number, Interval> {
  return releaseAudit(values, equations, hidden).bounds;
}

/** A sum of hidden terms the release determines exactly: a group (or union of groups) it publishes in effect. */
export interface DeterminedSum {
  terms: number[];
  value: number;
}

function releaseAudit(
  values: readonly number[],
  equations: readonly ReleaseEquation[],
  hidden: readonly boolean[],
): { bounds: Map<number, Interval>; sums: DeterminedSum[] } {
  const rows = [
    ...equations.map(({ whole, parts }) => {
      const row = new Map<number, number>();
      row.set(whole, 1);
      for (const p of parts) row.set(p, (row.get(p) ?? 0) - 1);
      return row;
    }),
    ...echelon(equations, hidden),
  ].map((row) => {
    // Visible terms move to the right-hand side.
    let rhs = 0;
    const unknown: [number, number][] = [];
    for (const [t, c] of row) {
      if (hidden[t]) {
        unknown.push([t, c]);
        rhs += c * values[t];
      }
    }
    return { unknown, rhs };
  });
  // A row whose hidden terms all carry the same coefficient publishes their sum.
  const sums = new Map<string, DeterminedSum>();
  for (const { unknown, rhs } of rows) {
    if (unknown.length < 2 || !unknown.every(([, c]) => Math.abs(c - unknown[0][1]) < EPSILON)) continue;
    const list = unknown.map(([t]) => t).sort((a, b) => a - b);
    sums.set(list.join(','), { terms: list, value: Math.round(rhs / unknown[0][1]) });
  }
  const bounds = new Map<number, Interval>();
  for (const { unknown } of rows) for (const [t] of unknown) bounds.set(t, { low: 0, high: Infinity });
  // Each row bounds each of its unknowns by the others' extremes; the sums of the extremes are
  // taken once per row (infinite ones counted apart), so a pass is linear in the row's length.
  for (let pass = 0, changed = true; changed && pass < 200; pass++) {
    changed = false;
    for (const { unknown, rhs } of rows) {
      if (!unknown.length) continue;
      const most = unknown.map(([u, d]) => {
        const b = bounds.get(u)!;
        return d > 0 ? d * b.high : d * b.low;
      });
      const least = unknown.map(([u, d]) => {
        const b = bounds.get(u)!;
        return d > 0 ? d * b.low : d * b.high;
      });
      const finiteSum = (list: number[]) => list.reduce((a, v) => (Number.isFinite(v) ? a + v : a), 0);
      const infinite = (list: number[]) => list.filter((v) => !Number.isFinite(v)).length;
      const [mostSum, mostInfinite, leastSum, leastInfinite] = [finiteSum(most), infinite(most), finiteSum(least), infinite(least)];
      unknown.forEach(([t, c], k) => {
        // c·x_t = rhs − Σ others: its range from the others' extremes.
        const othersMostInfinite = mostInfinite - (Number.isFinite(most[k]) ? 0 : 1);
        const othersLeastInfinite = leastInfinite - (Number.isFinite(least[k]) ? 0 : 1);
        const low = othersMostInfinite ? -Infinity : rhs - (mostSum - (Number.isFinite(most[k]) ? most[k] : 0));
        const high = othersLeastInfinite ? Infinity : rhs - (leastSum - (Number.isFinite(least[k]) ? least[k] : 0));
        const [lo, hi] = c > 0 ? [low / c, high / c] : [high / c, low / c];
        const b = bounds.get(t)!;
        const newLow = Number.isFinite(lo) ? Math.ceil(lo - EPSILON) : -Infinity;
        const newHigh = Number.isFinite(hi) ? Math.floor(hi + EPSILON) : Infinity;
        if (newLow > b.low) {
          b.low = newLow;
          changed = true;
        }
        if (newHigh < b.high) {
          b.high = newHigh;
          changed = true;
        }
      });
    }
  }
  return { bounds, sums: [...sums.values()] };
}

/**
 * Which terms of a release to hide: primary suppression (others' records above zero and under
 * the minimum), then complements until the audit finds every hidden term protected.
 */
export function suppressRelease(
  terms: readonly ReleaseTerm[],
  equations: readonly ReleaseEquation[],
  options: ReleaseOptions = {},
): boolean[] {
  const minimum = options.minimum ?? DEFAULT_MINIMUM_COUNT;
  const protection = options.protection ?? DEFAULT_PROTECTION;
  const others = terms.map((t) => t.records - (t.known ?? 0));
  // An empty group says nothing. Any other term needs `minimum` records the viewer does not
  // know: a term made only of records it knows of is hidden too, since knowing who the
  // students are (a partner's participants) is not knowing their figures.
  const hidden = terms.map((t, i) => t.records > 0 && others[i] < minimum);
  for (const t of options.forceHidden ?? []) hidden[t] = true;
  const inEquations: number[][] = terms.map(() => []);
  equations.forEach(({ whole, parts }, e) => {
    for (const t of [whole, ...parts]) inEquations[t].push(e);
  });
  const cheaper = (a: number, b: number) =>
    // Hiding an empty term protects nothing: those come last.
    Number(others[a] === 0) - Number(others[b] === 0) || others[a] - others[b] || (terms[a].rank ?? 0) - (terms[b].rank ?? 0) || a - b;

  // Equations that share no hidden term are independent systems: each is audited on its own,
  // and a trial complement re-audits only the system it touches (the rest come from the cache).
  const cache = new Map<string, { exposed: number[]; small: DeterminedSum[] }>();
  const auditSystem = (system: number[]) => {
    const key = `${system.join(',')}|${system.flatMap((e) => [equations[e].whole, ...equations[e].parts].filter((t) => hidden[t])).join(',')}`;
    let found = cache.get(key);
    if (!found) {
      const { bounds, sums } = releaseAudit(
        others,
        system.map((e) => equations[e]),
        hidden,
      );
      const exposed = [...bounds.keys()].filter((t) => {
        const b = bounds.get(t)!;
        return b.low > Math.max(0, others[t] - protection) || b.high < others[t] + protection;
      });
      // Three small groups hidden together under a shown total are still one published group of their sum.
      found = { exposed, small: sums.filter((x) => x.value > 0 && x.value < minimum) };
      cache.set(key, found);
    }
    return found;
  };
  const problems = () => {
    const parent = equations.map((_, e) => e);
    const root = (e: number): number => (parent[e] === e ? e : (parent[e] = root(parent[e])));
    terms.forEach((_, t) => {
      if (!hidden[t]) return;
      const [first, ...rest] = inEquations[t];
      for (const e of rest) parent[root(e)] = root(first);
    });
    const systems = new Map<number, number[]>();
    equations.forEach(({ whole, parts }, e) => {
      if (!hidden[whole] && !parts.some((t) => hidden[t])) return;
      const r = root(e);
      systems.set(r, [...(systems.get(r) ?? []), e]);
    });
    const exposed: number[] = [];
    const small: DeterminedSum[] = [];
    for (const system of systems.values()) {
      const found = auditSystem(system);
      exposed.push(...found.exposed);
      small.push(...found.small);
    }
    exposed.sort((a, b) => a - b);
    return { exposed, small, count: exposed.length + small.length };
  };
  // Visible terms of the equations around the hidden terms linked to `at`: what can cut the rows that expose it.
  const around = (at: number[]) => {
    const seen = new Set(at);
    const queue = [...at];
    const out = new Set<number>();
    while (queue.length) {
      const t = queue.pop()!;
      for (const e of inEquations[t]) {
        for (const u of [equations[e].whole, ...equations[e].parts]) {
          if (!hidden[u]) out.add(u);
          else if (!seen.has(u)) {
            seen.add(u);
            queue.push(u);
          }
        }
      }
    }
    return [...out];
  };

  // The classic passes first, cheap and local: a hidden term alone in its equation is the
  // equation's remainder, and a shown whole minus its shown parts publishes the hidden parts'
  // sum. They settle most problems; the audit below finds the rest (chains across equations,
  // protection levels) and checks the result.
  for (let changed = true; changed;) {
    changed = false;
    for (const { whole, parts } of equations) {
      const all = [whole, ...parts];
      const hiddenHere = all.filter((t) => hidden[t]);
      if (!hiddenHere.length) continue;
      const hiddenSum = parts.filter((t) => hidden[t]).reduce((a, t) => a + others[t], 0);
      const lone = hiddenHere.length === 1;
      const smallRemainder = !hidden[whole] && hiddenSum > 0 && hiddenSum < minimum;
      if (!lone && !smallRemainder) continue;
      const visible = parts.filter((t) => !hidden[t]).sort(cheaper);
      const next = visible[0] ?? (hidden[whole] ? undefined : whole);
      if (next === undefined) continue;
      hidden[next] = true;
      changed = true;
    }
  }

  for (let now = problems(); now.count > 0;) {
    const at = now.exposed.length ? [now.exposed[0]] : now.small[0].terms;
    const candidates = around(at).sort(cheaper);
    const fallback = terms
      .map((_, u) => u)
      .filter((u) => !hidden[u])
      .sort(cheaper);
    if (!candidates.length && !fallback.length) break;
    // The cheapest of the first few that settles this problem; else the one leaving the fewest
    // problems. Never the cheapest blindly: it can walk away from the rows that expose the
    // term, and hiding the total only moves the problem into every breakdown.
    const settles = (after: ReturnType<typeof problems>) =>
      now.exposed.length ? !after.exposed.includes(at[0]) : !after.small.some((x) => x.terms.every((t) => at.includes(t)));
    const pool = candidates.length ? candidates : fallback;
    const tried = [
      ...pool.filter((u) => (terms[u].rank ?? 0) < TOTAL_RANK),
      ...pool.filter((u) => (terms[u].rank ?? 0) >= TOTAL_RANK),
    ].slice(0, CANDIDATES_TRIED);
    let best = -1;
    let bestProblems = now;
    for (const u of tried) {
      hidden[u] = true;
      const after = problems();
      hidden[u] = false;
      if (settles(after)) {
        best = u;
        bestProblems = after;
        break;
      }
      if (best < 0 || after.count < bestProblems.count) {
        best = u;
        bestProblems = after;
      }
    }
    hidden[best] = true;
    now = bestProblems;
  }
  return hidden;
}

/**
 * Counts published outside the district are rounded to a multiple of `base` (3: the base
 * Statistics New Zealand rounds census counts to, here deterministic so the same data always
 * publishes the same number): the whole to the nearest multiple, its parts by controlledRound.
 * Why: a release a day later differs by the few students who enrolled, left or changed; with
 * exact figures an attacker who knows that change (it enrolled the student) subtracts it and
 * reads yesterday's hidden cell off today's visible one. Rounded, a visible figure is known
 * only to within base − 1 either way, and the audit's protection levels (at least 2 on each
 * side of a hidden count) keep the hidden cell's interval open on both sides of what the
 * difference of two releases says about it.
 */
export function publishCount(value: number, base = 3): number {
  return Math.round(value / base) * base;
}

/**
 * Rounds the parts of a sum so that they add up to the rounded whole (controlled rounding, by
 * largest remainder): each part is its multiple of `base` below, and the units left over go to
 * the parts with the largest remainders (ties to the earlier part). Every part is then within
 * base − 1 of its true value, and zero stays zero.
 *
 * Why not round each number on its own. Independently rounded figures of one breakdown can
 * contradict their sum in a way only one set of true values explains: a total rounded up by
 * its most and two parts rounded down by theirs pins all three, and with a known change
 * between two releases that exact figure gives away yesterday's hidden cell. Parts that add
 * up to their published whole leave every error free to move against another.
 */
export function controlledRound(parts: readonly number[], roundedWhole: number, base = 3): number[] {
  const out = parts.map((v) => Math.floor(v / base) * base);
  let units = Math.round((roundedWhole - out.reduce((a, v) => a + v, 0)) / base);
  const order = parts.map((v, i) => ({ i, remainder: v - out[i] })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i, remainder } of order) {
    if (units <= 0 || remainder <= 0) break;
    out[i] += base;
    units--;
  }
  return out;
}

/** Percentages at or below this (or at or above 100 − it) are shown as a band. */
export const PERCENT_BAND = 5;

/** A published percentage: the whole-number value, or a band near 0 or 100. */
export interface PublishedPercent {
  /** Whole percent; null when banded or unknown. */
  percent: number | null;
  /** What a report shows: "87%", "≤5%" or "≥95%"; null when unknown. */
  display: string | null;
}

/**
 * A share as state report cards print it: a whole percent, with values at or below 5% shown
 * as "≤5%" and at or above 95% as "≥95%" (top and bottom coding, as described in NCES's
 * SLDS Technical Brief 3, NCES 2011-603, and used by state report cards), because "0%" or
 * "100%" of a group says something about every member of it.
 */
export function publishPercent(numerator: number, denominator: number): PublishedPercent {
  if (denominator <= 0) return { percent: null, display: null };
  const percent = Math.round((100 * numerator) / denominator);
  if (percent <= PERCENT_BAND) return { percent: null, display: `≤${PERCENT_BAND}%` };
  if (percent >= 100 - PERCENT_BAND) return { percent: null, display: `≥${100 - PERCENT_BAND}%` };
  return { percent, display: `${percent}%` };
}
