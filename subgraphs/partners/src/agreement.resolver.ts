import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, conflict, Connection, connectionOf, isUuid, normalizeId, notFound, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Agreement } from './agreement.entity';
import { AgreementInput } from './agreement.input';
import { validateAgreement } from './agreement.validation';

export const AgreementConnection = Connection(Agreement, 'Agreement', 'A page of data-sharing agreements.');

@ArgsType()
export class AgreementFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this organisation’s agreements.' })
  organizationId?: string;
}

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => [Agreement], {
    nullable: true,
    description:
      'The agreements in force now for the caller’s own organisation (partner staff). The students and events subgraphs ask this, with the caller’s own token, to decide what to share.',
  })
  async viewerAgreements(@Ctx() ctx: HubContext) {
    const now = new Date();
    const rows = await ctx.em.find(
      Agreement,
      { organizationId: ctx.viewer.org!, revokedAt: null, effectiveFrom: { $lte: now }, expiresAt: { $gt: now } },
      { orderBy: { effectiveFrom: 'asc', id: 'asc' } },
    );
    return rows;
  }

  @Query(() => AgreementConnection, { nullable: true, description: 'Every data-sharing agreement, newest first, revoked and expired ones included. Hub operators.' })
  async agreements(@Args() args: AgreementFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Agreement> = {};
    if (args.organizationId != null) {
      const id = normalizeId(args.organizationId);
      if (!isUuid(id)) throw badInput('organizationId must be an Organization id', { field: 'organizationId' });
      where.organizationId = id;
    }
    const [items, total] = await ctx.em.findAndCount(Agreement, where, { orderBy: { effectiveFrom: 'desc', id: 'asc' }, limit: page.limit, offset: page.offset });
    return connectionOf(items, total, page);
  }

  @Mutation(() => Agreement, { nullable: true, description: 'Records a signed data-sharing agreement. Hub operators. BAD_USER_INPUT names the field at fault; CONFLICT when it overlaps another unrevoked agreement of the organisation.' })
  async createAgreement(@Arg('input', () => AgreementInput, { description: 'The agreement.' }) input: AgreementInput, @Ctx() ctx: HubContext) {
    return ctx.em.transactional(async (em) => {
      const values = await validateAgreement(em as any, input, new Date());
      const agreement = em.create(Agreement, values);
      await em.flush();
      return agreement;
    });
  }

  @Mutation(() => Agreement, {
    nullable: true,
    description: 'Revokes an agreement at once. Every subgraph stops honouring it within the agreement cache TTL (at most 60 seconds). Hub operators.',
  })
  async revokeAgreement(
    @Arg('id', () => ID, { description: 'Agreement id.' }) id: string,
    @Arg('reason', { description: 'Why, 1–2000 characters.' }) reason: string,
    @Ctx() ctx: HubContext,
  ) {
    const why = reason.trim();
    if (!why || why.length > 2000) throw badInput('reason must be 1–2000 characters', { field: 'reason' });
    return ctx.em.transactional(async (em) => {
      const key = normalizeId(id);
      const agreement = isUuid(key) ? await em.findOne(Agreement, { id: key }) : null;
      if (!agreement) throw notFound('Agreement', id);
      if (agreement.revokedAt) throw conflict('The agreement is already revoked', { field: 'id' });
      agreement.revokedAt = new Date();
      agreement.revokedBy = ctx.viewer.sub ?? 'unknown';
      agreement.revokeReason = why;
      await em.flush();
      return agreement;
    });
  }
}
