import { byKey, groupByKey, isUuid, type HubContext } from '@c2c/kernel';
import { Enrollment } from './enrollment.entity';
import { ParticipationChange } from './participation-change.entity';
import { ProgramParticipation } from './program-participation.entity';
import { Student } from './student.entity';

/**
 * Every loader is one SQL statement per batch and lives for one request (ctx.loaders).
 * Keys that are not UUIDs never reach SQL: they match nothing, and PostgreSQL would fail
 * the whole batch on them. Callers pass ids through `normalizeId` first.
 */

/** Students by id. */
export function studentById(ctx: HubContext) {
  return ctx.loaders.get<string, Student | null>('studentById', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.em.find(Student, { id: { $in: valid } }) : [];
    return byKey(ids, rows, (s) => s.id);
  });
}

/** A student's enrollments, oldest school year first. */
export function enrollmentsByStudent(ctx: HubContext) {
  return ctx.loaders.get<string, Enrollment[]>('enrollmentsByStudent', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await ctx.em.find(Enrollment, { student: { $in: valid } }, { orderBy: { schoolYear: 'asc', entryDate: 'asc', id: 'asc' } })
      : [];
    return groupByKey(ids, rows, (e) => e.student.id);
  });
}

/** A student's participations in every organisation's programmes: the district's view. */
export function participationsByStudent(ctx: HubContext) {
  return ctx.loaders.get<string, ProgramParticipation[]>('participationsByStudent', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await ctx.em.find(ProgramParticipation, { student: { $in: valid } }, { orderBy: { startDate: 'asc', id: 'asc' } })
      : [];
    return groupByKey(ids, rows, (p) => p.student.id);
  });
}

/**
 * A student's participations in the viewer's own organisation's programmes: what the
 * partner access check reads, so this statement protects every partner read. One per
 * batch of students, cached for the request.
 */
export function ownOrganizationParticipationsByStudent(ctx: HubContext) {
  return ctx.loaders.get<string, ProgramParticipation[]>('ownOrganizationParticipationsByStudent', async (ids) => {
    const org = ctx.viewer.org;
    const valid = ids.filter(isUuid);
    if (!org || !isUuid(org) || !valid.length) return ids.map(() => []);
    const rows = await ctx.em.find(
      ProgramParticipation,
      { organizationId: org, student: { $in: valid } },
      { orderBy: { startDate: 'asc', id: 'asc' } },
    );
    return groupByKey(ids, rows, (p) => p.student.id);
  });
}

/** Organisations' participations (any consent state), for many organisations in one statement. */
export function participationsByOrganization(ctx: HubContext) {
  return ctx.loaders.get<string, ProgramParticipation[]>('participationsByOrganization', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await ctx.em.find(ProgramParticipation, { organizationId: { $in: valid } }, { orderBy: { startDate: 'asc', id: 'asc' } })
      : [];
    return groupByKey(ids, rows, (p) => p.organizationId);
  });
}

/** Participations' histories, oldest change first. */
export function changesByParticipation(ctx: HubContext) {
  return ctx.loaders.get<string, ParticipationChange[]>('changesByParticipation', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await ctx.em.find(ParticipationChange, { participationId: { $in: valid } }, { orderBy: { changedAt: 'asc', id: 'asc' } })
      : [];
    return groupByKey(ids, rows, (c) => c.participationId);
  });
}
