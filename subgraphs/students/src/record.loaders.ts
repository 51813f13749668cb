import { byKey, groupByKey, isUuid, type HubContext } from '@c2c/kernel';
import type { EntityName, FilterQuery } from '@mikro-orm/core';
import { AcademicSession } from './academic-session.entity';
import { StudentSchoolAttendanceEvent } from './attendance-event.entity';
import { Class } from './class.entity';
import { Course } from './course.entity';
import { CourseTranscript } from './course-transcript.entity';
import { DisciplineIncident } from './discipline-incident.entity';
import { Enrollment } from './enrollment.entity';
import { RecordStatus } from './record-status.enum';
import { StudentAssessment } from './student-assessment.entity';
import { StudentDemographics } from './student-demographics.entity';

/**
 * A student's records of one kind, one statement per batch of students and per date range
 * (the range is part of the loader's name, so each distinct range is its own batch). Records
 * the SIS deleted (TOBEDELETED) are not shown: they are kept only so a later sync can tell.
 */
function recordsByStudent<T extends { studentId: string; id: string }>(
  ctx: HubContext,
  entity: EntityName<T>,
  dateField: keyof T & string,
  range: { from?: string | null; to?: string | null },
) {
  const name = `records:${String(entity instanceof Function ? entity.name : entity)}:${range.from ?? ''}:${range.to ?? ''}`;
  return ctx.loaders.get<string, T[]>(name, async (ids) => {
    const valid = ids.filter(isUuid);
    if (!valid.length) return ids.map(() => []);
    const dates: Record<string, string> = {};
    if (range.from) dates.$gte = range.from;
    if (range.to) dates.$lte = range.to;
    const where = { studentId: { $in: valid }, status: RecordStatus.ACTIVE, ...(range.from || range.to ? { [dateField]: dates } : {}) };
    const rows = await ctx.em.find(entity, where as unknown as FilterQuery<T>, { orderBy: { [dateField]: 'asc', id: 'asc' } as never });
    return groupByKey(ids, rows as T[], (r) => r.studentId);
  });
}

export const attendanceByStudent = (ctx: HubContext, range: { from?: string | null; to?: string | null }) =>
  recordsByStudent(ctx, StudentSchoolAttendanceEvent, 'date', range);
export const incidentsByStudent = (ctx: HubContext, range: { from?: string | null; to?: string | null }) =>
  recordsByStudent(ctx, DisciplineIncident, 'date', range);
export const assessmentsByStudent = (ctx: HubContext, range: { from?: string | null; to?: string | null }) =>
  recordsByStudent(ctx, StudentAssessment, 'administrationDate', range);
export const transcriptsByStudent = (ctx: HubContext) => recordsByStudent(ctx, CourseTranscript, 'sourcedId', {});

/** A student's demographics row (at most one). */
export function demographicsByStudent(ctx: HubContext) {
  return ctx.loaders.get<string, StudentDemographics | null>('demographicsByStudent', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.em.find(StudentDemographics, { studentId: { $in: valid }, status: RecordStatus.ACTIVE }) : [];
    return byKey(ids, rows, (r) => r.studentId);
  });
}

export function courseById(ctx: HubContext) {
  return ctx.loaders.get<string, Course | null>('courseById', async (ids) => {
    const valid = ids.filter(isUuid);
    return byKey(ids, valid.length ? await ctx.em.find(Course, { id: { $in: valid } }) : [], (r) => r.id);
  });
}

export function academicSessionById(ctx: HubContext) {
  return ctx.loaders.get<string, AcademicSession | null>('academicSessionById', async (ids) => {
    const valid = ids.filter(isUuid);
    return byKey(ids, valid.length ? await ctx.em.find(AcademicSession, { id: { $in: valid } }) : [], (r) => r.id);
  });
}

export function classById(ctx: HubContext) {
  return ctx.loaders.get<string, Class | null>('classById', async (ids) => {
    const valid = ids.filter(isUuid);
    return byKey(ids, valid.length ? await ctx.em.find(Class, { id: { $in: valid } }) : [], (r) => r.id);
  });
}

/**
 * The active classes a student's active enrollments name, by title: one statement for the
 * batch's enrollments and one for their classes.
 */
export function classesByStudent(ctx: HubContext) {
  return ctx.loaders.get<string, Class[]>('classesByStudent', async (ids) => {
    const valid = ids.filter(isUuid);
    if (!valid.length) return ids.map(() => []);
    const enrollments = await ctx.em.find(
      Enrollment,
      { student: { $in: valid }, status: RecordStatus.ACTIVE, classId: { $ne: null } },
      { fields: ['id', 'student', 'classId'] },
    );
    const classIds = [...new Set(enrollments.map((e) => e.classId!))];
    const classes = classIds.length
      ? await ctx.em.find(Class, { id: { $in: classIds }, status: RecordStatus.ACTIVE }, { orderBy: { title: 'asc', id: 'asc' } })
      : [];
    const studentsOf = new Map<string, Set<string>>();
    for (const e of enrollments) {
      const set = studentsOf.get(e.classId!) ?? new Set<string>();
      studentsOf.set(e.classId!, set.add(e.student.id));
    }
    const of = new Map<string, Class[]>(ids.map((id) => [id, []]));
    for (const c of classes) for (const student of studentsOf.get(c.id) ?? []) of.get(student)?.push(c);
    return ids.map((id) => of.get(id) ?? []);
  });
}
