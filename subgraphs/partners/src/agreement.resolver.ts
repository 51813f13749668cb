import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, isUuid, normalizeId, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Agreement } from './agreement.entity';

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

  @Query(() => AgreementConnection, {
    nullable: true,
    description: 'Every data-sharing agreement, newest first, revoked and expired ones included. Hub operators.',
  })
  async agreements(@Args() args: AgreementFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Agreement> = {};
    if (args.organizationId != null) {
      const id = normalizeId(args.organizationId);
      if (!isUuid(id)) throw badInput('organizationId must be an Organization id', { field: 'organizationId' });
      where.organizationId = id;
    }
    const [items, total] = await ctx.em.findAndCount(Agreement, where, {
      orderBy: { effectiveFrom: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }
}
