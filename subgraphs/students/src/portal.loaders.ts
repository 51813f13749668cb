import { isUuid, type HubContext } from '@c2c/kernel';
import {
  attendanceByMonth,
  attendanceDays,
  attendanceTotals,
  incidentCounts,
  numericMarks,
  type DateRange,
} from './attendance-summary.logic';
import { RecordStatus } from './record-status.enum';
import { Enrollment } from './enrollment.entity';

/**
 * Per-request loaders of the portal's aggregates: one grouped statement per batch of students
 * and per date range (the range is part of the loader's name, so each range is its own batch).
 */
function perStudent<V>(ctx: HubContext, name: string, range: DateRange, empty: () => V, load: (ids: string[]) => Promise<Map<string, V>>) {
  return ctx.loaders.get<string, V>(`portal:${name}:${range.from}:${range.to}`, async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    const found = await load(valid);
    return ids.map((id) => found.get(id) ?? empty());
  });
}

export const attendanceTotalsByStudent = (ctx: HubContext, range: DateRange) =>
  perStudent(
    ctx,
    'totals',
    range,
    () => ({ enrolledDays: 0, present: 0, excusedAbsences: 0, unexcusedAbsences: 0, tardies: 0, earlyDepartures: 0 }),
    (ids) => attendanceTotals(ctx.em, ids, range),
  );

export const attendanceMonthsByStudent = (ctx: HubContext, range: DateRange) =>
  perStudent(
    ctx,
    'months',
    range,
    () => [],
    (ids) => attendanceByMonth(ctx.em, ids, range),
  );

export const attendanceDaysByStudent = (ctx: HubContext, range: DateRange) =>
  perStudent(
    ctx,
    'days',
    range,
    () => [],
    (ids) => attendanceDays(ctx.em, ids, range),
  );

export const incidentCountByStudent = (ctx: HubContext, range: DateRange) =>
  perStudent(
    ctx,
    'incidents',
    range,
    () => 0,
    (ids) => incidentCounts(ctx.em, ids, range),
  );

export const numericMarksByStudent = (ctx: HubContext, range: DateRange) =>
  perStudent(
    ctx,
    'marks',
    range,
    () => [],
    (ids) => numericMarks(ctx.em, ids, range),
  );

/** A student's active enrollments, oldest first: the portal's enrollment history. */
export function activeEnrollmentsByStudent(ctx: HubContext) {
  return ctx.loaders.get<string, Enrollment[]>('portal:enrollments', async (ids) => {
    const valid = [...new Set(ids.filter(isUuid))];
    const rows = valid.length
      ? await ctx.em.find(
          Enrollment,
          { student: { $in: valid }, status: RecordStatus.ACTIVE },
          { orderBy: { schoolYear: 'asc', entryDate: 'asc', id: 'asc' } },
        )
      : [];
    return ids.map((id) => rows.filter((e) => e.student.id === id));
  });
}
