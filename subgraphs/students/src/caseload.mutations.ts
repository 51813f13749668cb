import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { badInput, conflict, hasRole, isUuid, normalizeId, notFound, type HubContext } from '@c2c/kernel';
import { assignableStaffId } from './caseload.validation';
import { isoDay, now } from './clock.logic';
import { ParticipationAction } from './participation-action.enum';
import { ParticipationChange } from './participation-change.entity';
import { ProgramParticipation } from './program-participation.entity';

/**
 * The participation `id` as a partner administrator may change its caseload: its own
 * organisation's only, another organisation's and a missing one give the same NOT_FOUND.
 * Locked for the transaction on PostgreSQL, so two assignments to one row never lose each other.
 */
async function adminsParticipation(em: EntityManager, ctx: HubContext, id: string): Promise<ProgramParticipation> {
  const key = normalizeId(id);
  const lock = em.getPlatform().constructor.name.startsWith('PostgreSql') ? { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true } : {};
  const p = isUuid(key) ? await em.findOne(ProgramParticipation, { id: key }, lock) : null;
  if (!p || !hasRole(ctx.viewer, 'partner_admin') || !ctx.viewer.org || p.organizationId !== ctx.viewer.org)
    throw notFound('ProgramParticipation', id);
  return p;
}

function record(em: EntityManager, ctx: HubContext, p: ProgramParticipation, action: ParticipationAction, staffId: string) {
  em.create(ParticipationChange, {
    participationId: p.id,
    action,
    changedBy: ctx.viewer.sub ?? 'unknown',
    changedByOrganizationId: ctx.viewer.org ?? null,
    changedAt: now(),
    staffId,
  });
}

/** Caseloads: which of a partner's staff read which participant. Partner administrators only, of their own organisation. */
@Resolver(() => ProgramParticipation)
export class CaseloadMutations {
  @Mutation(() => ProgramParticipation, {
    nullable: true,
    description:
      'Puts a participation on a staff member’s caseload: that person may then read the student (while consent and the agreement allow). A partner administrator of the participation’s organisation. NOT_FOUND for another organisation’s participation; BAD_USER_INPUT on staffId for a person who is not an active staff member of the organisation; CONFLICT when already assigned or once the participation has ended.',
  })
  async assignCaseload(
    @Arg('participationId', () => ID, { description: 'The participation.' }) participationId: string,
    @Arg('staffId', () => ID, { description: 'The staff member (partners Staff id), active and of the same organisation.' })
    staffId: string,
    @Ctx() ctx: HubContext,
  ) {
    // Asked of partners before the transaction: no row lock is held while another service answers.
    const staff = await assignableStaffId(ctx, staffId);
    return ctx.em.transactional(async (em) => {
      const p = await adminsParticipation(em, ctx, participationId);
      if (p.endDate && p.endDate < isoDay(now())) throw conflict('The participation has ended', { field: 'participationId' });
      if (p.assignedStaffIds.includes(staff)) throw conflict('The staff member already has this participation', { field: 'staffId' });
      p.assignedStaffIds = [...p.assignedStaffIds, staff];
      record(em, ctx, p, ParticipationAction.CASELOAD_ASSIGNED, staff);
      await em.flush();
      return p;
    });
  }

  @Mutation(() => ProgramParticipation, {
    nullable: true,
    description:
      'Takes a participation off a staff member’s caseload: that person reads the student no more. A partner administrator of the participation’s organisation; works for an inactive staff member too. NOT_FOUND for another organisation’s participation; CONFLICT on staffId when that person is not assigned.',
  })
  async unassignCaseload(
    @Arg('participationId', () => ID, { description: 'The participation.' }) participationId: string,
    @Arg('staffId', () => ID, { description: 'The staff member (partners Staff id) to take off it.' }) staffId: string,
    @Ctx() ctx: HubContext,
  ) {
    const staff = normalizeId(staffId);
    if (!isUuid(staff)) throw badInput('staffId must be a Staff id', { field: 'staffId' });
    return ctx.em.transactional(async (em) => {
      const p = await adminsParticipation(em, ctx, participationId);
      if (!p.assignedStaffIds.includes(staff))
        throw conflict('The staff member is not assigned to this participation', { field: 'staffId' });
      p.assignedStaffIds = p.assignedStaffIds.filter((s) => s !== staff);
      record(em, ctx, p, ParticipationAction.CASELOAD_UNASSIGNED, staff);
      await em.flush();
      return p;
    });
  }
}
