import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { GraphQLError } from 'graphql';
import { badInput, conflict, hasRole, isUuid, normalizeId, notFound, RECORD_KINDS, type HubContext } from '@c2c/kernel';
import { enrolmentLookupFailures } from './enrolment-lookup.logic';
import { isoDay, now } from './clock.logic';
import { ParticipationAction } from './participation-action.enum';
import { ParticipationChange } from './participation-change.entity';
import { ConsentInput, EnrolParticipantInput } from './program-participation.input';
import { ProgramParticipation } from './program-participation.entity';
import { RecordStatus } from './record-status.enum';
import { isDistrict } from './student.access';
import { Student } from './student.entity';
import { bumpRevision } from './students-revision.logic';
import { isIsoDate } from './sync-values.logic';

const YEAR_MS = 366 * 86_400_000;

function text(value: string, field: string, max: number): string {
  const v = value.trim();
  if (!v || v.length > max) throw badInput(`${field} must be 1–${max} characters`, { field });
  return v;
}

function isoDate(value: string, field: string): string {
  if (!isIsoDate(value)) throw badInput(`${field} must be a date, YYYY-MM-DD`, { field });
  return value;
}

/**
 * The participation `id` as the viewer may change it: the district any, partner staff only their
 * own organisation's. Another organisation's and a missing one give the same NOT_FOUND.
 * Locked for the transaction on PostgreSQL, so two changes to one participation serialise.
 */
async function ownParticipation(em: EntityManager, ctx: HubContext, id: string): Promise<ProgramParticipation> {
  const key = normalizeId(id);
  const p = isUuid(key) ? await em.findOne(ProgramParticipation, { id: key }) : null;
  if (!p || (!isDistrict(ctx.viewer) && p.organizationId !== ctx.viewer.org)) throw notFound('ProgramParticipation', id);
  return p;
}

function change(
  em: EntityManager,
  ctx: HubContext,
  p: ProgramParticipation,
  action: ParticipationAction,
  values: Partial<ParticipationChange>,
) {
  em.create(ParticipationChange, {
    participationId: p.id,
    action,
    changedBy: ctx.viewer.sub ?? 'unknown',
    changedByOrganizationId: isDistrict(ctx.viewer) ? null : (ctx.viewer.org ?? null),
    changedAt: now(),
    ...values,
  });
}

/**
 * The id of the student whose district id and birth date both match, or null. The birth date is
 * the student row's own, else its demographics row's (as `Student.birthDate` reads it). One
 * statement whatever the answer, so not even the work done tells a wrong birth date from an
 * unknown student; plain rows, not managed entities, so the enrolment's flush rewrites no
 * student row (SQLite would move its `updatedAt`: the dirty-snapshot bug mutations.test.ts names).
 */
async function studentIdByDistrictIdAndBirthDate(em: EntityManager, districtId: string, birthDate: string): Promise<string | null> {
  const rows: { id: string; own: string | null; synced: string | null }[] = await em
    .getKnex()('student as s')
    .leftJoin('student_demographics as d', 'd.student_id', 's.id')
    .where('s.district_id', districtId)
    .andWhere('s.status', RecordStatus.ACTIVE)
    .select('s.id as id', 's.birth_date as own', 'd.birth_date as synced');
  // Date columns come back as strings on SQLite and as dates (or strings, by driver setting) on PostgreSQL.
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null);
  return rows.find((r) => (day(r.own) ?? day(r.synced)) === birthDate)?.id ?? null;
}

@Resolver(() => ProgramParticipation)
export class ProgramParticipationMutations {
  @Mutation(() => ProgramParticipation, {
    nullable: true,
    description:
      'Enrols a student in the caller’s organisation’s programme, without consent yet. Partner staff. NOT_FOUND, the same answer, when no student has that district id, or has it with another birth date; RATE_LIMITED once the organisation has failed 10 lookups in 15 minutes (C2C_ENROL_LOOKUP_FAILURES, C2C_ENROL_LOOKUP_WINDOW_SECONDS; per students process); CONFLICT when the student already takes part in that programme.',
  })
  async enrolParticipant(
    @Arg('input', () => EnrolParticipantInput, { description: 'The student to enrol and the programme.' }) input: EnrolParticipantInput,
    @Ctx() ctx: HubContext,
  ) {
    const org = ctx.viewer.org;
    if (!org || !isUuid(org) || !hasRole(ctx.viewer, 'partner_staff')) throw notFound('Student', 'with that district id and birth date');
    const districtId = text(input.districtId, 'input.districtId', 100);
    const birthDate = isoDate(input.birthDate, 'input.birthDate');
    const programName = text(input.programName, 'input.programName', 200);
    const startDate = isoDate(input.startDate, 'input.startDate');
    // One answer for "no such student" and "wrong birth date": neither echoes what was asked. Read
    // before the transaction: a raw statement inside it would wait on SQLite's one writer.
    // Trying birth dates one by one is bounded per organisation (enrolment-lookup.logic.ts).
    const budget = enrolmentLookupFailures().take(org);
    if ('retryAfterSeconds' in budget)
      // Not hubError: its HTTP 429 would fail the whole response, and the gateway would mask it as a subgraph failure.
      throw new GraphQLError(`Too many failed enrolment lookups; try again in ${budget.retryAfterSeconds} s`, {
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: budget.retryAfterSeconds },
      });
    const studentId = await studentIdByDistrictIdAndBirthDate(ctx.em, districtId, birthDate);
    if (!studentId) throw notFound('Student', 'with that district id and birth date');
    budget.refund();
    return ctx.em.transactional(async (em) => {
      const existing = await em.find(ProgramParticipation, { student: studentId, organizationId: org, programName });
      if (existing.some((p) => !p.endDate || p.endDate >= startDate))
        throw conflict('The student already takes part in this programme', { field: 'input.programName' });
      const p = em.create(ProgramParticipation, {
        student: em.getReference(Student, studentId),
        organizationId: org,
        programName,
        startDate,
      });
      change(em, ctx, p, ParticipationAction.ENROLLED, { date: startDate });
      await em.flush();
      // Who takes part changes the participation aggregates (equity-release.logic.ts).
      await bumpRevision(em.getTransactionContext<Knex.Transaction>()!);
      return p;
    });
  }

  @Mutation(() => ProgramParticipation, {
    nullable: true,
    description:
      'Records the guardian’s consent on a participation, replacing any earlier consent (which stays in its history). The district administrator, or staff of the programme’s organisation. BAD_USER_INPUT names the field (backwards dates: input.expiresAt); CONFLICT once the participation has ended.',
  })
  async recordConsent(
    @Arg('participationId', () => ID, { description: 'The participation.' }) participationId: string,
    @Arg('input', () => ConsentInput, { description: 'The consent.' }) input: ConsentInput,
    @Ctx() ctx: HubContext,
  ) {
    const at = now();
    const givenBy = text(input.givenBy, 'input.givenBy', 200);
    if (input.givenAt.getTime() > at.getTime() + YEAR_MS)
      throw badInput('givenAt must not be more than a year ahead', { field: 'input.givenAt' });
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && expiresAt.getTime() <= input.givenAt.getTime())
      throw badInput('expiresAt must be after givenAt', { field: 'input.expiresAt' });
    if (expiresAt && expiresAt.getTime() <= at.getTime()) throw badInput('expiresAt must be in the future', { field: 'input.expiresAt' });
    const kinds = [...new Set(input.recordKinds)];
    if (!kinds.length || kinds.some((k) => !(RECORD_KINDS as readonly string[]).includes(k)))
      throw badInput(`recordKinds must be one or more of ${RECORD_KINDS.join(', ')}`, { field: 'input.recordKinds' });
    const recordKinds = RECORD_KINDS.filter((k) => kinds.includes(k));
    return ctx.em.transactional(async (em) => {
      const p = await ownParticipation(em, ctx, participationId);
      if (p.endDate && p.endDate < isoDay(at)) throw conflict('The participation has ended', { field: 'participationId' });
      Object.assign(p, {
        consentGivenBy: givenBy,
        consentMethod: input.method,
        consentGivenAt: input.givenAt,
        consentExpiresAt: expiresAt,
        consentRecordKinds: recordKinds,
        consentRevokedAt: null,
        consentRevokeReason: null,
      });
      change(em, ctx, p, ParticipationAction.CONSENT_RECORDED, {
        consentGivenBy: givenBy,
        consentMethod: input.method,
        consentGivenAt: input.givenAt,
        consentExpiresAt: expiresAt,
        recordKinds,
      });
      await em.flush();
      return p;
    });
  }

  @Mutation(() => ProgramParticipation, {
    nullable: true,
    description:
      'Revokes the guardian’s consent at once: the organisation reads nothing more of the student. The district administrator, or staff of the programme’s organisation. CONFLICT when there is no unrevoked consent.',
  })
  async revokeConsent(
    @Arg('participationId', () => ID, { description: 'The participation.' }) participationId: string,
    @Arg('reason', { description: 'Why, 1–2000 characters.' }) reason: string,
    @Ctx() ctx: HubContext,
  ) {
    const why = text(reason, 'reason', 2000);
    return ctx.em.transactional(async (em) => {
      const p = await ownParticipation(em, ctx, participationId);
      if (!p.consentGivenAt || p.consentRevokedAt)
        throw conflict('The participation has no unrevoked consent', { field: 'participationId' });
      const at = now();
      p.consentRevokedAt = at;
      p.consentRevokeReason = why;
      change(em, ctx, p, ParticipationAction.CONSENT_REVOKED, { reason: why });
      await em.flush();
      return p;
    });
  }

  @Mutation(() => ProgramParticipation, {
    nullable: true,
    description:
      'Records that the student left the programme: `endDate` is the last day of participation, after which the organisation reads nothing more. The district administrator, or staff of the programme’s organisation. CONFLICT when it has already ended.',
  })
  async exitProgram(
    @Arg('participationId', () => ID, { description: 'The participation.' }) participationId: string,
    @Arg('endDate', { description: 'Last day of participation, YYYY-MM-DD; not before its first day.' }) endDate: string,
    @Arg('reason', () => String, { nullable: true, description: 'Why, up to 2000 characters.' }) reason: string | null | undefined,
    @Ctx() ctx: HubContext,
  ) {
    const last = isoDate(endDate, 'endDate');
    const why = reason === undefined || reason === null || !reason.trim() ? null : text(reason, 'reason', 2000);
    return ctx.em.transactional(async (em) => {
      const p = await ownParticipation(em, ctx, participationId);
      if (p.endDate) throw conflict('The participation has already ended', { field: 'participationId' });
      if (last < p.startDate) throw badInput('endDate must not be before the participation’s startDate', { field: 'endDate' });
      p.endDate = last;
      change(em, ctx, p, ParticipationAction.EXITED, { date: last, reason: why });
      await em.flush();
      // Who takes part changes the participation aggregates (equity-release.logic.ts).
      await bumpRevision(em.getTransactionContext<Knex.Transaction>()!);
      return p;
    });
  }
}
