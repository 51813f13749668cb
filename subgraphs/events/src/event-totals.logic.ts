import {
  badInput,
  DEFAULT_MINIMUM_COUNT,
  suppressTable,
  type Contribution,
  type EntityManager,
  type Figure,
  type SuppressedTable,
} from '@c2c/kernel';
import { ENGAGEMENT_LEVELS, type EngagementLevel } from './engagement-level.enum';
import { Event } from './event.entity';
import type { EventTotals, EventTotalsCell } from './event-totals.types';
import { daysInMonth, isCalendarDate, isoDate, monthsBetween } from './iso-date.logic';

/** DESIGN.md's default minimum n for aggregates shown outside the district. */
export const MINIMUM_CELL_COUNT = DEFAULT_MINIMUM_COUNT;
/** Bounds the report (and its one grouped query) to something a chart can show. */
export const MAX_REPORT_YEARS = 10;

export interface ReportPeriod {
  from: string;
  to: string;
}

/**
 * Periods are whole months: a day-level period could be differenced against its neighbour
 * to expose the events of a single day, a far smaller group than any published cell.
 */
export function reportPeriod(args: { from: string; to: string }): ReportPeriod {
  if (!isCalendarDate(args.from) || !args.from.endsWith('-01')) {
    throw badInput('from must be the first day of a month (YYYY-MM-01)', { field: 'from' });
  }
  const [toYear, toMonth, toDay] = isCalendarDate(args.to) ? args.to.split('-').map(Number) : [0, 0, 0];
  if (!toYear || toDay !== daysInMonth(toYear, toMonth))
    throw badInput('to must be the last day of a month (e.g. 2026-12-31)', { field: 'to' });
  if (args.to < args.from) throw badInput('to must not be before from', { field: 'to' });
  if (toYear - Number(args.from.slice(0, 4)) + 1 > MAX_REPORT_YEARS) {
    throw badInput(`The period may span at most ${MAX_REPORT_YEARS} calendar years`, { field: 'to' });
  }
  return { from: args.from, to: args.to };
}

interface Tally {
  events: number;
  attendees: number;
}

/** A number the report may add up, and whether it is hidden. */
interface Piece extends Tally {
  hidden: boolean;
}

const addUp = (pieces: Piece[]): Piece =>
  pieces.reduce((a, p) => ({ events: a.events + p.events, attendees: a.attendees + p.attendees, hidden: a.hidden || p.hidden }), {
    events: 0,
    attendees: 0,
    hidden: false,
  });

const cell = (month: string | null, engagementLevel: EngagementLevel | null, p: Piece): EventTotalsCell => ({
  month,
  engagementLevel,
  events: p.hidden ? null : p.events,
  attendees: p.hidden ? null : p.attendees,
  suppressed: p.hidden,
});

/** One organisation's events in one month and level, as the suppressor takes it. */
type Contributed = Contribution<'attendees'>;

const piece = (f: Figure<'attendees'>): Piece => ({ events: f.records ?? 0, attendees: f.measures.attendees ?? 0, hidden: f.suppressed });

/**
 * One calendar year, twelve months by every level, with its margins. Suppression is decided
 * on the whole year whatever period was asked for, so every published number has one fixed
 * visibility: two overlapping reports cannot be subtracted to reveal what either hides. It is
 * decided for the viewer's organisation (the kernel's suppressTable counts only the others'
 * part of each figure), so a partner's own rows can neither open a cell nor move a complement.
 */
class YearTable {
  private readonly shown: SuppressedTable<'attendees'>;

  constructor(
    readonly year: number,
    byMonthAndLevel: Map<string, Contributed[]>,
    viewer: string | null,
    minimum: number,
  ) {
    const table = Array.from({ length: 12 }, (_, m) =>
      ENGAGEMENT_LEVELS.map((level) => byMonthAndLevel.get(`${this.month(m + 1)}|${level}`) ?? []),
    );
    this.shown = suppressTable(table, { viewer, minimum, measures: ['attendees'] });
  }

  month(m: number) {
    return isoDate(this.year, m, 1).slice(0, 7);
  }

  cell(m: number, level: number): Piece {
    return piece(this.shown.cells[m - 1][level]);
  }

  monthTotal(m: number): Piece {
    return piece(this.shown.rows[m - 1]);
  }

  levelTotal(level: number): Piece {
    return piece(this.shown.columns[level]);
  }

  total(): Piece {
    return piece(this.shown.total);
  }
}

/** Events and attendees by month, level and organisation, one grouped statement over whole years. */
async function contributions(em: EntityManager, from: string, to: string): Promise<Map<string, Contributed[]>> {
  const meta = em.getMetadata().get<Event>(Event.name);
  const column = (property: keyof Event & string) => meta.properties[property].fieldNames[0];
  const knex = em.getKnex();
  const rows: { month: string; level: string; organization: string; events: number | string; attendees: number | string | null }[] =
    await knex(meta.tableName)
      .select(
        knex.raw('substr(??, 1, 7) as ??', [column('date'), 'month']),
        knex.ref(column('engagementLevel')).as('level'),
        knex.ref(column('organizationId')).as('organization'),
      )
      .count({ events: '*' })
      .sum({ attendees: column('attendees') })
      .whereBetween(column('date'), [from, to])
      .groupByRaw('substr(??, 1, 7), ??, ??', [column('date'), column('engagementLevel'), column('organizationId')]);
  const byCell = new Map<string, Contributed[]>();
  for (const r of rows) {
    const key = `${r.month}|${r.level}`;
    const list = byCell.get(key) ?? [];
    // PostgreSQL returns bigint aggregates as strings.
    list.push({ organization: r.organization, records: Number(r.events), measures: { attendees: Number(r.attendees ?? 0) } });
    byCell.set(key, list);
  }
  return byCell;
}

export interface EventTotalsOptions {
  /** The viewer's organisation: its own events count toward what it is shown but never decide it. Null for the hub operator and evaluators. */
  viewer: string | null;
  minimum?: number;
}

/**
 * The collaborative report: events of every organisation, never per organisation. A total
 * over a whole calendar year is that year's published margin; over part of a year it is the
 * sum of the months (or cells) in the period, and hidden if any of them is, so it says
 * nothing that the published cells do not.
 */
export async function eventTotals(em: EntityManager, period: ReportPeriod, options: EventTotalsOptions): Promise<EventTotals> {
  const minimum = options.minimum ?? MINIMUM_CELL_COUNT;
  const firstYear = Number(period.from.slice(0, 4));
  const lastYear = Number(period.to.slice(0, 4));
  const data = await contributions(em, isoDate(firstYear, 1, 1), isoDate(lastYear, 12, 31));
  const years = new Map<number, YearTable>();
  for (let y = firstYear; y <= lastYear; y++) years.set(y, new YearTable(y, data, options.viewer, minimum));

  const months = monthsBetween(period.from, period.to).map((month) => ({
    month,
    year: years.get(Number(month.slice(0, 4)))!,
    m: Number(month.slice(5)),
  }));
  const wholeYear = (y: number) => period.from <= isoDate(y, 1, 1) && period.to >= isoDate(y, 12, 31);
  const perYear = (whole: (t: YearTable) => Piece, part: (t: YearTable, m: number) => Piece): Piece =>
    addUp(
      [...years.values()].flatMap((t) => (wholeYear(t.year) ? [whole(t)] : months.filter((x) => x.year === t).map((x) => part(t, x.m)))),
    );

  return {
    from: period.from,
    to: period.to,
    minimumCount: minimum,
    total: cell(
      null,
      null,
      perYear(
        (t) => t.total(),
        (t, m) => t.monthTotal(m),
      ),
    ),
    byEngagementLevel: ENGAGEMENT_LEVELS.map((level, l) =>
      cell(
        null,
        level,
        perYear(
          (t) => t.levelTotal(l),
          (t, m) => t.cell(m, l),
        ),
      ),
    ),
    byMonth: months.map((x) => cell(x.month, null, x.year.monthTotal(x.m))),
    cells: months.flatMap((x) => ENGAGEMENT_LEVELS.map((level, l) => cell(x.month, level, x.year.cell(x.m, l)))),
  };
}
