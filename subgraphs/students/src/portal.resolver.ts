import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badInput, connectionOf, forbidden, isUuid, normalizeId, pageWindow, type HubContext } from '@c2c/kernel';
import {
  addDays,
  attendanceRate,
  attendanceTotals,
  chronicallyAbsent,
  daysMissed,
  incidentCounts,
  numericMarks,
  requestedRange,
  schoolYearOf,
  type AttendanceTotals,
  type DateRange,
} from './attendance-summary.logic';
import { isoDay, now } from './clock.logic';
import { recordDisclosure } from './disclosure-recorder.logic';
import { attendanceLevel, behaviourLevel, courseLevel, flagRank, thresholdsFor, worstLevel, type Thresholds } from './early-warning.logic';
import { FlagLevel } from './flag-level.enum';
import { isIsoDate } from './sync-values.logic';
import { CalendarArgs, CaseloadArgs, CaseloadSort, EarlyWarningArgs, PortalRangeArgs, WeekArgs } from './portal.input';
import {
  activeEnrollmentsByStudent,
  attendanceDaysByStudent,
  attendanceMonthsByStudent,
  attendanceTotalsByStudent,
  incidentCountByStudent,
  numericMarksByStudent,
} from './portal.loaders';
import {
  AttendanceDay,
  AttendanceMonth,
  AttendanceSummary,
  AttendanceWeek,
  CaseloadConnection,
  CaseloadRow,
  EarlyWarning,
  EarlyWarningIndicator,
  EnrollmentPeriod,
} from './portal.types';
import { ProgramParticipation } from './program-participation.entity';
import { isDistrict, participationIsActive, studentAccess, studentDataAgreement, type StudentAccess } from './student.access';
import { Student } from './student.entity';
import { ownOrganizationParticipationsByStudent, participationsByOrganization } from './student.loaders';

/**
 * The partner data portal (seed 002): a student's attendance calendar, week view, rate and
 * trend, early-warning flags and enrollment history, and a caseload overview. The Student
 * fields are guarded like every Student field (`readStudentField`: row check, record kind,
 * disclosure note); the caseload asks `studentAccess` of every participant, so any narrowing
 * of partner access there narrows the caseload too.
 */

const thisSchoolYear = () => schoolYearOf(isoDay(now()));

/** Which record kinds' figures the viewer may see of a student, by the Student field each kind opens. */
function sees(access: StudentAccess) {
  const has = (field: string) => access.kind === 'district' || (access.kind === 'partner' && access.fields.has(field));
  return {
    attendance: has('studentSchoolAttendanceEvents'),
    behaviour: has('disciplineIncidents'),
    courses: has('courseTranscripts'),
  };
}

const summaryOf = (range: DateRange, t: AttendanceTotals): AttendanceSummary => ({
  from: range.from,
  to: range.to,
  enrolledDays: t.enrolledDays,
  daysAttended: t.enrolledDays - daysMissed(t),
  daysMissed: daysMissed(t),
  excusedAbsences: t.excusedAbsences,
  unexcusedAbsences: t.unexcusedAbsences,
  tardies: t.tardies,
  earlyDepartures: t.earlyDepartures,
  attendanceRate: attendanceRate(t),
  chronicallyAbsent: chronicallyAbsent(t),
});

const indicator = (level: FlagLevel, value: number | null, warn: number, atRisk: number): EarlyWarningIndicator => ({
  level,
  value,
  warnThreshold: warn,
  atRiskThreshold: atRisk,
});

const lowest = (marks: number[]) => (marks.length ? Math.min(...marks) : null);

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const GRADE_ORDER = [
  'IT',
  'PR',
  'PK',
  'TK',
  'KG',
  '01',
  '02',
  '03',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  'PS',
  'UG',
  'Other',
];

@Resolver(() => Student)
export class PortalStudentResolver {
  @FieldResolver(() => [AttendanceDay], {
    nullable: true,
    description:
      'Attendance as a calendar: one entry per school day (days attendance was taken) in a month or a date range of at most 366 days, oldest first. The district; partners covered for ATTENDANCE.',
  })
  attendanceCalendar(@Root() student: Student, @Args() args: CalendarArgs, @Ctx() ctx: HubContext) {
    return attendanceDaysByStudent(ctx, requestedRange(args, thisSchoolYear)).load(student.id);
  }

  @FieldResolver(() => AttendanceWeek, {
    nullable: true,
    description: 'Attendance as a week view, Monday to Friday of the week of `weekOf`. The district; partners covered for ATTENDANCE.',
  })
  async attendanceWeek(@Root() student: Student, @Args() args: WeekArgs, @Ctx() ctx: HubContext): Promise<AttendanceWeek> {
    if (!isIsoDate(args.weekOf)) throw badInput('weekOf must be a date, YYYY-MM-DD', { field: 'weekOf' });
    const monday = addDays(args.weekOf, -((new Date(`${args.weekOf}T00:00:00Z`).getUTCDay() + 6) % 7));
    const range = { from: monday, to: addDays(monday, 4) };
    const days = new Map((await attendanceDaysByStudent(ctx, range).load(student.id)).map((d) => [d.date, d.category]));
    return {
      ...range,
      days: WEEKDAYS.map((weekday, i) => {
        const date = addDays(monday, i);
        return { date, weekday, category: days.get(date) ?? null };
      }),
    };
  }

  @FieldResolver(() => AttendanceSummary, {
    nullable: true,
    description:
      'Attendance rate, absences and chronic absenteeism (missed 10 % or more of enrolled days) over a range of at most 366 days (default: this school year). The district; partners covered for ATTENDANCE.',
  })
  async attendanceSummary(@Root() student: Student, @Args() args: PortalRangeArgs, @Ctx() ctx: HubContext): Promise<AttendanceSummary> {
    const range = requestedRange(args, thisSchoolYear);
    return summaryOf(range, await attendanceTotalsByStudent(ctx, range).load(student.id));
  }

  @FieldResolver(() => [AttendanceMonth], {
    nullable: true,
    description:
      'The monthly attendance trend over a range of at most 366 days (default: this school year), months with school days only, oldest first. The district; partners covered for ATTENDANCE.',
  })
  async attendanceTrend(@Root() student: Student, @Args() args: PortalRangeArgs, @Ctx() ctx: HubContext): Promise<AttendanceMonth[]> {
    const months = await attendanceMonthsByStudent(ctx, requestedRange(args, thisSchoolYear)).load(student.id);
    return months.map(({ month, totals }) => ({
      month,
      enrolledDays: totals.enrolledDays,
      daysMissed: daysMissed(totals),
      attendanceRate: attendanceRate(totals),
    }));
  }

  @FieldResolver(() => EarlyWarning, {
    nullable: true,
    description:
      'Early-warning flags over a range of at most 366 days (default: this school year), by Ed-Fi’s thresholds unless the deployment or `thresholds` set others. Each indicator needs its record kind; any one of ATTENDANCE, BEHAVIOUR or COURSES opens the field.',
  })
  async earlyWarning(@Root() student: Student, @Args() args: EarlyWarningArgs, @Ctx() ctx: HubContext): Promise<EarlyWarning> {
    const range = requestedRange(args, thisSchoolYear);
    const t = thresholdsFor(args.thresholds);
    const can = sees(await studentAccess(ctx, student.id));
    const [totals, incidents, marks] = await Promise.all([
      can.attendance ? attendanceTotalsByStudent(ctx, range).load(student.id) : null,
      can.behaviour ? incidentCountByStudent(ctx, range).load(student.id) : null,
      can.courses ? numericMarksByStudent(ctx, range).load(student.id) : null,
    ]);
    const flags = flagsOf(t, totals, incidents, marks);
    return {
      ...range,
      level: flags.level,
      attendance: totals ? indicator(flags.attendanceLevel!, flags.attendanceRate, t.attendanceWarnBelow, t.attendanceAtRiskBelow) : null,
      behaviour: incidents !== null ? indicator(flags.behaviourLevel!, incidents, t.incidentsWarnAt, t.incidentsAtRiskAt) : null,
      courses: marks ? indicator(flags.courseLevel!, flags.lowestMark, t.markWarnBelow, t.markAtRiskBelow) : null,
    };
  }

  @FieldResolver(() => [EnrollmentPeriod], {
    nullable: true,
    description:
      'Enrollment history: the student’s active school enrollments, oldest school year first. The district; partners covered for ATTENDANCE.',
  })
  async enrollmentHistory(@Root() student: Student, @Ctx() ctx: HubContext): Promise<EnrollmentPeriod[]> {
    return (await activeEnrollmentsByStudent(ctx).load(student.id)).map((e) => ({
      schoolYear: e.schoolYear ?? null,
      grade: e.grade ?? null,
      entryDate: e.entryDate ?? null,
      exitDate: e.exitDate ?? null,
      school: { id: e.schoolId },
    }));
  }
}

/** The flags of one student from the figures the viewer may see (null: not seen, so not counted). */
function flagsOf(t: Thresholds, totals: AttendanceTotals | null, incidents: number | null, marks: number[] | null) {
  const rate = totals ? attendanceRate(totals) : null;
  const lowestMark = marks ? lowest(marks) : null;
  const levels = {
    attendanceLevel: totals ? attendanceLevel(rate, t) : null,
    behaviourLevel: incidents !== null ? behaviourLevel(incidents, t) : null,
    courseLevel: marks ? courseLevel(lowestMark, t) : null,
  };
  return {
    attendanceRate: rate,
    chronicallyAbsent: totals ? chronicallyAbsent(totals) : null,
    incidents,
    lowestMark,
    ...levels,
    level: worstLevel([levels.attendanceLevel, levels.behaviourLevel, levels.courseLevel]),
  };
}

type Row = CaseloadRow & { access: StudentAccess };

/** Compares two optional values, missing ones last whatever the direction. */
function compareOptional(a: number | null, b: number | null, descending: boolean): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return descending ? b - a : a - b;
}

function sortKey(row: Row, sort: CaseloadSort): number | null {
  switch (sort) {
    case CaseloadSort.GRADE: {
      const i = GRADE_ORDER.indexOf(row.student.grade ?? '');
      return i < 0 ? null : i;
    }
    case CaseloadSort.ATTENDANCE_RATE:
      return row.attendanceRate;
    case CaseloadSort.INCIDENTS:
      return row.incidents;
    case CaseloadSort.LOWEST_MARK:
      return row.lowestMark;
    case CaseloadSort.FLAG_LEVEL:
      return flagRank(row.level);
    default:
      return null;
  }
}

const byName = (a: Row, b: Row) =>
  a.student.familyName.localeCompare(b.student.familyName) ||
  a.student.givenName.localeCompare(b.student.givenName) ||
  a.student.id.localeCompare(b.student.id);

@Resolver(() => CaseloadRow)
export class PortalResolver {
  @Query(() => CaseloadConnection, {
    nullable: true,
    description:
      'A caseload overview: one row per programme participant the viewer may read, with early-warning flags over a range of at most 366 days (default: this school year), sorted and paged (at most 100 rows a page). Partner staff get their organisation’s participants that the student access rules let them read; the district names the organisation. Each partner row read is a disclosure.',
  })
  async caseloadOverview(@Args() args: CaseloadArgs, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const range = requestedRange(args, thisSchoolYear);
    const thresholds = thresholdsFor(args.thresholds);
    const at = now();
    const viewer = ctx.viewer;
    let org: string;
    if (isDistrict(viewer)) {
      if (!args.organizationId)
        throw badInput('organizationId is required: the district names the organisation', { field: 'organizationId' });
      org = normalizeId(args.organizationId);
      if (!isUuid(org)) throw badInput('organizationId must be an Organization id', { field: 'organizationId' });
    } else {
      if (!viewer.org || !isUuid(normalizeId(viewer.org))) throw forbidden('A caseload belongs to an organisation; the token names none');
      org = normalizeId(viewer.org);
      if (args.organizationId && normalizeId(args.organizationId) !== org)
        throw forbidden('Partner staff see their own organisation’s caseload only');
      if (!(await studentDataAgreement(ctx, at)))
        throw forbidden('Your organisation has no data-sharing agreement in force covering student data');
    }

    const participations = await participationsByOrganization(ctx).load(org);
    const byStudent = new Map<string, ProgramParticipation[]>();
    for (const p of participations) byStudent.set(p.student.id, [...(byStudent.get(p.student.id) ?? []), p]);
    // The organisation's participations are exactly what the partner check loads per student: hand
    // them over, so checking a caseload of any size costs no further statement.
    if (!isDistrict(viewer)) for (const [id, list] of byStudent) ownOrganizationParticipationsByStudent(ctx).prime(id, list);
    const candidates = [...byStudent].filter(([, list]) => list.some((p) => participationIsActive(p, at))).map(([id]) => id);
    const access = await Promise.all(candidates.map((id) => studentAccess(ctx, id)));
    const visible = candidates.map((id, i) => ({ id, access: access[i] })).filter((v) => v.access.kind !== 'denied');
    const ids = visible.map((v) => v.id);

    // One statement each for the whole caseload, so sorting by any figure sees every row.
    const [students, totals, incidents, marks] = await Promise.all([
      ids.length ? ctx.em.find(Student, { id: { $in: ids } }) : [],
      attendanceTotals(ctx.em, ids, range),
      incidentCounts(ctx.em, ids, range),
      numericMarks(ctx.em, ids, range),
    ]);
    const studentById = new Map(students.map((s) => [s.id, s]));
    const rows: Row[] = [];
    for (const { id, access: a } of visible) {
      const student = studentById.get(id);
      if (!student) continue;
      const can = sees(a);
      const flags = flagsOf(
        thresholds,
        can.attendance ? totals.get(id)! : null,
        can.behaviour ? incidents.get(id)! : null,
        can.courses ? marks.get(id)! : null,
      );
      rows.push({ student, access: a, ...flags });
    }
    const sort = args.sort ?? CaseloadSort.NAME;
    const descending = !!args.descending;
    rows.sort((a, b) => {
      if (sort === CaseloadSort.NAME) return descending ? byName(b, a) : byName(a, b);
      return compareOptional(sortKey(a, sort), sortKey(b, sort), descending) || byName(a, b);
    });
    const items = rows.slice(page.offset, page.offset + page.limit);
    for (const row of items)
      if (row.access.kind === 'partner') {
        const can = sees(row.access);
        recordDisclosure(ctx, row.student.id, 'earlyWarning', row.access.basis, row.access.agreement.id);
        if (can.attendance) recordDisclosure(ctx, row.student.id, 'attendanceSummary', row.access.basis, row.access.agreement.id);
      }
    return connectionOf(
      items.map(({ access: _access, ...row }) => row),
      rows.length,
      page,
    );
  }
}
