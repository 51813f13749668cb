import { Connection } from '@c2c/kernel';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AttendanceCategory } from './attendance-category.enum';
import { FlagLevel } from './flag-level.enum';
import { Organization as OrganizationRef } from './organization.stub';
import { Student } from './student.entity';

@ObjectType({ description: 'One school day of a student’s attendance calendar.' })
export class AttendanceDay {
  @Field({ description: 'The school day, YYYY-MM-DD.' })
  date: string;

  @Field(() => AttendanceCategory, { description: 'What the student’s attendance was that day.' })
  category: AttendanceCategory;
}

@ObjectType({ description: 'One weekday of a week view: its attendance, or none when no attendance was taken that day.' })
export class AttendanceWeekDay {
  @Field({ description: 'The day, YYYY-MM-DD.' })
  date: string;

  @Field({ description: 'Day of the week in English, Monday to Friday.' })
  weekday: string;

  @Field(() => AttendanceCategory, {
    nullable: true,
    description: 'The day’s attendance; null when it was not a school day for the student.',
  })
  category?: AttendanceCategory | null;
}

@ObjectType({ description: 'A student’s attendance over one school week, Monday to Friday.' })
export class AttendanceWeek {
  @Field({ description: 'The Monday of the week, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'The Friday of the week, YYYY-MM-DD.' })
  to: string;

  @Field(() => [AttendanceWeekDay], { description: 'Monday to Friday, in order.' })
  days: AttendanceWeekDay[];
}

@ObjectType({
  description: 'A student’s attendance totals over a date range: the rate, the absences and whether they make chronic absenteeism.',
})
export class AttendanceSummary {
  @Field({ description: 'First day counted, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'Last day counted, YYYY-MM-DD.' })
  to: string;

  @Field(() => Int, { description: 'School days the student was enrolled and attendance was taken.' })
  enrolledDays: number;

  @Field(() => Int, { description: 'Days attended: present, tardy or leaving early.' })
  daysAttended: number;

  @Field(() => Int, { description: 'Days missed: excused and unexcused absences.' })
  daysMissed: number;

  @Field(() => Int, { description: 'Excused absences.' })
  excusedAbsences: number;

  @Field(() => Int, { description: 'Unexcused absences.' })
  unexcusedAbsences: number;

  @Field(() => Int, { description: 'Days the student arrived late.' })
  tardies: number;

  @Field(() => Int, { description: 'Days the student left early.' })
  earlyDepartures: number;

  @Field(() => Float, { nullable: true, description: 'Days attended ÷ enrolled days, 0 to 1; null with no enrolled day.' })
  attendanceRate: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Missed 10 % or more of enrolled days (chronic absenteeism); null with no enrolled day.',
  })
  chronicallyAbsent: boolean | null;
}

@ObjectType({ description: 'One calendar month of a student’s attendance trend.' })
export class AttendanceMonth {
  @Field({ description: 'The month, YYYY-MM.' })
  month: string;

  @Field(() => Int, { description: 'School days enrolled in the month (within the range asked for).' })
  enrolledDays: number;

  @Field(() => Int, { description: 'Days missed in the month.' })
  daysMissed: number;

  @Field(() => Float, { nullable: true, description: 'Days attended ÷ enrolled days in the month, 0 to 1.' })
  attendanceRate: number | null;
}

@ObjectType({ description: 'One early-warning indicator: the student’s value, its level, and the thresholds it was judged by.' })
export class EarlyWarningIndicator {
  @Field(() => FlagLevel, { description: 'The indicator’s level.' })
  level: FlagLevel;

  @Field(() => Float, {
    nullable: true,
    description:
      'The value judged: the attendance rate (0–1), the number of incidents, or the lowest numeric course mark; null with nothing to judge.',
  })
  value: number | null;

  @Field(() => Float, { description: 'The warning threshold applied.' })
  warnThreshold: number;

  @Field(() => Float, { description: 'The at-risk threshold applied.' })
  atRiskThreshold: number;
}

@ObjectType({
  description:
    'Early-warning flags over a date range (Ed-Fi indicators). An indicator whose record kind the viewer’s agreement and consent do not cover is null and does not count towards `level`.',
})
export class EarlyWarning {
  @Field({ description: 'First day judged, YYYY-MM-DD.' })
  from: string;

  @Field({ description: 'Last day judged, YYYY-MM-DD.' })
  to: string;

  @Field(() => FlagLevel, { description: 'The worst level among the indicators shown.' })
  level: FlagLevel;

  @Field(() => EarlyWarningIndicator, { nullable: true, description: 'Attendance rate below the thresholds (ATTENDANCE).' })
  attendance: EarlyWarningIndicator | null;

  @Field(() => EarlyWarningIndicator, { nullable: true, description: 'Behaviour incidents at or above the thresholds (BEHAVIOUR).' })
  behaviour: EarlyWarningIndicator | null;

  @Field(() => EarlyWarningIndicator, { nullable: true, description: 'The lowest numeric course mark below the thresholds (COURSES).' })
  courses: EarlyWarningIndicator | null;
}

@ObjectType({ description: 'One of a student’s school enrollments, as the portal shows the enrollment history.' })
export class EnrollmentPeriod {
  @Field(() => String, { nullable: true, description: 'School year, e.g. "2026-2027"; null when the SIS gave none.' })
  schoolYear: string | null;

  @Field(() => String, { nullable: true, description: 'OneRoster grade of the enrollment (KG, 01 to 12); null when unknown.' })
  grade: string | null;

  @Field(() => String, { nullable: true, description: 'First day at the school, YYYY-MM-DD; null when unknown.' })
  entryDate: string | null;

  @Field(() => String, { nullable: true, description: 'Last day at the school, YYYY-MM-DD; null while enrolled.' })
  exitDate: string | null;

  @Field(() => OrganizationRef, { description: 'The school.' })
  school: OrganizationRef;
}

@ObjectType({ description: 'One participant of a caseload overview, with the early-warning flags the viewer may see.' })
export class CaseloadRow {
  @Field(() => Student, { description: 'The participant (its fields follow the usual Student access rules).' })
  student: Student;

  @Field(() => Float, {
    nullable: true,
    description: 'Attendance rate over the range, 0 to 1; null without ATTENDANCE or with no enrolled day.',
  })
  attendanceRate: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Missed 10 % or more of enrolled days; null without ATTENDANCE or with no enrolled day.',
  })
  chronicallyAbsent: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Behaviour incidents in the range; null without BEHAVIOUR.' })
  incidents: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Lowest numeric course mark in sessions overlapping the range; null without COURSES or with none.',
  })
  lowestMark: number | null;

  @Field(() => FlagLevel, { description: 'The worst of the indicators the viewer may see.' })
  level: FlagLevel;

  @Field(() => FlagLevel, { nullable: true, description: 'The attendance indicator’s level; null without ATTENDANCE.' })
  attendanceLevel: FlagLevel | null;

  @Field(() => FlagLevel, { nullable: true, description: 'The behaviour indicator’s level; null without BEHAVIOUR.' })
  behaviourLevel: FlagLevel | null;

  @Field(() => FlagLevel, { nullable: true, description: 'The course-marks indicator’s level; null without COURSES.' })
  courseLevel: FlagLevel | null;
}

export const CaseloadConnection = Connection(CaseloadRow, 'CaseloadRow', 'A page of a caseload overview.');
