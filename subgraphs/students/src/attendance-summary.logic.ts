import { badInput } from '@c2c/kernel';
import type { EntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { AttendanceCategory } from './attendance-category.enum';
import { isoDay } from './clock.logic';
import { RecordStatus } from './record-status.enum';
import { isSqlite } from './sync.logic';
import { isIsoDate } from './sync-values.logic';

/**
 * Attendance arithmetic for the partner portal and the caseload. Every figure is aggregated in
 * SQL over a set of students and a date range, so the database walks the (student, date) index
 * and returns one row per student and category (or month), never a student's daily rows.
 */

/** Categories that count as a missed day; tardy and early departure are days attended. */
export const MISSED: readonly AttendanceCategory[] = [AttendanceCategory.EXCUSED_ABSENCE, AttendanceCategory.UNEXCUSED_ABSENCE];

/** Missing this share of enrolled days or more is chronic absenteeism (the federal and Ed-Fi definition). */
export const CHRONIC_ABSENCE_SHARE = 0.1;

/** The longest range a portal query reads: a school year, with room for a leap day. */
export const MAX_RANGE_DAYS = 366;

export interface DateRange {
  from: string;
  to: string;
}

export interface AttendanceTotals {
  enrolledDays: number;
  present: number;
  excusedAbsences: number;
  unexcusedAbsences: number;
  tardies: number;
  earlyDepartures: number;
}

const emptyTotals = (): AttendanceTotals => ({
  enrolledDays: 0,
  present: 0,
  excusedAbsences: 0,
  unexcusedAbsences: 0,
  tardies: 0,
  earlyDepartures: 0,
});

export const daysMissed = (t: AttendanceTotals) => t.excusedAbsences + t.unexcusedAbsences;

/** Share of enrolled days attended, 0–1; null with no enrolled day (nothing to rate). */
export const attendanceRate = (t: AttendanceTotals): number | null =>
  t.enrolledDays ? (t.enrolledDays - daysMissed(t)) / t.enrolledDays : null;

export const chronicallyAbsent = (t: AttendanceTotals): boolean | null =>
  t.enrolledDays ? daysMissed(t) / t.enrolledDays >= CHRONIC_ABSENCE_SHARE : null;

const DAY_MS = 86_400_000;
const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
export const addDays = (d: string, n: number) => isoDay(new Date((dayNumber(d) + n) * DAY_MS));

/** The school year (1 July to 30 June, as Ed-Fi counts it) that `day` falls in. */
export function schoolYearOf(day: string): DateRange {
  const year = Number(day.slice(0, 4)) - (day.slice(5) < '07-01' ? 1 : 0);
  return { from: `${year}-07-01`, to: `${year + 1}-06-30` };
}

/**
 * The range a query asked for: `month` (YYYY-MM), or `from`/`to`, else `fallback`. Each
 * argument is checked on its own and named when wrong; a range may not run backwards nor
 * span more than a year, so no single request walks a student's whole history.
 */
export function requestedRange(
  args: { month?: string | null; from?: string | null; to?: string | null },
  fallback: () => DateRange,
  names: { from: string; to: string; month?: string } = { from: 'from', to: 'to', month: 'month' },
): DateRange {
  const monthName = names.month ?? 'month';
  if (args.month !== undefined && args.month !== null) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(args.month)) throw badInput(`${monthName} must be a month, YYYY-MM`, { field: monthName });
    if (args.from || args.to) throw badInput(`give ${monthName} or from/to, not both`, { field: monthName });
    const from = `${args.month}-01`;
    const next =
      Number(args.month.slice(5)) === 12
        ? `${Number(args.month.slice(0, 4)) + 1}-01-01`
        : `${args.month.slice(0, 5)}${String(Number(args.month.slice(5)) + 1).padStart(2, '0')}-01`;
    return { from, to: addDays(next, -1) };
  }
  for (const key of ['from', 'to'] as const) {
    const v = args[key];
    if (v !== undefined && v !== null && !isIsoDate(v)) throw badInput(`${names[key]} must be a date, YYYY-MM-DD`, { field: names[key] });
  }
  // One end given: the other is the end of that day's school year.
  const base = args.from ? schoolYearOf(args.from) : args.to ? schoolYearOf(args.to) : fallback();
  const from = args.from ?? base.from;
  const to = args.to ?? base.to;
  if (from > to) throw badInput(`${names.from} must not be after ${names.to}`, { field: names.from });
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_RANGE_DAYS)
    throw badInput(`${names.to} must be at most ${MAX_RANGE_DAYS} days after ${names.from}`, { field: names.to });
  return { from, to };
}

/** `student_id` among `ids`: one array parameter on PostgreSQL however many ids, so the plan (and the statement) is the same for any caseload. */
function whereStudents<Q extends Knex.QueryBuilder>(q: Q, sqlite: boolean, column: string, ids: readonly string[]): Q {
  return (sqlite ? q.whereIn(column, [...ids]) : q.whereRaw(`?? = any(?::uuid[])`, [column, [...ids]])) as Q;
}

function addCategory(t: AttendanceTotals, category: string, n: number) {
  t.enrolledDays += n;
  if (category === AttendanceCategory.PRESENT) t.present += n;
  else if (category === AttendanceCategory.EXCUSED_ABSENCE) t.excusedAbsences += n;
  else if (category === AttendanceCategory.UNEXCUSED_ABSENCE) t.unexcusedAbsences += n;
  else if (category === AttendanceCategory.TARDY) t.tardies += n;
  else if (category === AttendanceCategory.EARLY_DEPARTURE) t.earlyDepartures += n;
}

/** Each student's attendance totals over `range`: one grouped statement for the whole set. */
export async function attendanceTotals(
  em: EntityManager,
  ids: readonly string[],
  range: DateRange,
): Promise<Map<string, AttendanceTotals>> {
  const out = new Map(ids.map((id) => [id, emptyTotals()]));
  if (!ids.length) return out;
  const q = em
    .getKnex()('student_school_attendance_event')
    .select('student_id', 'category')
    .count({ n: '*' })
    .where('status', RecordStatus.ACTIVE)
    .whereBetween('date', [range.from, range.to])
    .groupBy('student_id', 'category');
  const rows: { student_id: string; category: string; n: number | string }[] = (await whereStudents(
    q,
    isSqlite(em),
    'student_id',
    ids,
  )) as never;
  for (const r of rows) addCategory(out.get(r.student_id)!, r.category, Number(r.n));
  return out;
}

/** Each student's totals per calendar month (YYYY-MM) over `range`, months in order: one grouped statement. */
export async function attendanceByMonth(
  em: EntityManager,
  ids: readonly string[],
  range: DateRange,
): Promise<Map<string, { month: string; totals: AttendanceTotals }[]>> {
  const out = new Map<string, { month: string; totals: AttendanceTotals }[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const sqlite = isSqlite(em);
  const knex = em.getKnex();
  const month = sqlite ? knex.raw('substr(date, 1, 7)') : knex.raw(`to_char(date, 'YYYY-MM')`);
  const q = knex('student_school_attendance_event')
    .select('student_id', 'category', { month })
    .count({ n: '*' })
    .where('status', RecordStatus.ACTIVE)
    .whereBetween('date', [range.from, range.to])
    .groupBy('student_id', 'category', 'month');
  const rows: { student_id: string; category: string; month: string; n: number | string }[] = (await whereStudents(
    q,
    sqlite,
    'student_id',
    ids,
  )) as never;
  const byStudent = new Map<string, Map<string, AttendanceTotals>>();
  for (const r of rows) {
    let months = byStudent.get(r.student_id);
    if (!months) byStudent.set(r.student_id, (months = new Map()));
    let t = months.get(r.month);
    if (!t) months.set(r.month, (t = emptyTotals()));
    addCategory(t, r.category, Number(r.n));
  }
  for (const [id, months] of byStudent)
    out.set(
      id,
      [...months].sort(([a], [b]) => a.localeCompare(b)).map(([m, totals]) => ({ month: m, totals })),
    );
  return out;
}

/** Each student's active behaviour incidents over `range`, counted in SQL. */
export async function incidentCounts(em: EntityManager, ids: readonly string[], range: DateRange): Promise<Map<string, number>> {
  const out = new Map(ids.map((id) => [id, 0]));
  if (!ids.length) return out;
  const q = em
    .getKnex()('discipline_incident')
    .select('student_id')
    .count({ n: '*' })
    .where('status', RecordStatus.ACTIVE)
    .whereBetween('date', [range.from, range.to])
    .groupBy('student_id');
  const rows: { student_id: string; n: number | string }[] = (await whereStudents(q, isSqlite(em), 'student_id', ids)) as never;
  for (const r of rows) out.set(r.student_id, Number(r.n));
  return out;
}

/**
 * Each student's marks in sessions overlapping `range` (a session without dates counts
 * always). Marks are text ("87", "B+"); only numeric ones are returned, as the thresholds are
 * numeric. A student has a handful of transcripts, so the rows themselves are read.
 */
export async function numericMarks(em: EntityManager, ids: readonly string[], range: DateRange): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const q = em
    .getKnex()('course_transcript as t')
    .leftJoin('academic_session as s', 's.id', 't.academic_session_id')
    .select('t.student_id as student_id', 't.mark as mark')
    .where('t.status', RecordStatus.ACTIVE)
    .andWhere((w) => w.whereNull('s.start_date').orWhere('s.start_date', '<=', range.to))
    .andWhere((w) => w.whereNull('s.end_date').orWhere('s.end_date', '>=', range.from));
  const rows: { student_id: string; mark: string }[] = await whereStudents(q, isSqlite(em), 't.student_id', ids);
  for (const r of rows) {
    const mark = r.mark.trim();
    if (/^\d+(\.\d+)?$/.test(mark)) out.get(r.student_id)!.push(Number(mark));
  }
  return out;
}

/** Each student's attendance day by day over `range`, oldest first: the calendar (a month or a week is at most a year's rows). */
export async function attendanceDays(
  em: EntityManager,
  ids: readonly string[],
  range: DateRange,
): Promise<Map<string, { date: string; category: AttendanceCategory }[]>> {
  const out = new Map<string, { date: string; category: AttendanceCategory }[]>(ids.map((id) => [id, []]));
  if (!ids.length) return out;
  const q = em
    .getKnex()('student_school_attendance_event')
    .select('student_id', 'date', 'category')
    .where('status', RecordStatus.ACTIVE)
    .whereBetween('date', [range.from, range.to])
    .orderBy([{ column: 'student_id' }, { column: 'date' }]);
  const rows: { student_id: string; date: unknown; category: AttendanceCategory }[] = (await whereStudents(
    q,
    isSqlite(em),
    'student_id',
    ids,
  )) as never;
  for (const r of rows) out.get(r.student_id)!.push({ date: dayText(r.date), category: r.category });
  return out;
}

/** Date columns come back as strings on SQLite and as Dates on PostgreSQL (midnight local to the driver). */
function dayText(v: unknown): string {
  if (v instanceof Date) return `${v.getFullYear()}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  return String(v).slice(0, 10);
}
