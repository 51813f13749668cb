import { Arg, Args, ArgsType, Ctx, Directive, Field, ID, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import {
  badInput,
  Connection,
  connectionOf,
  forbidden,
  hasRole,
  isUuid,
  normalizeId,
  PageArgs,
  pageWindow,
  type HubContext,
} from '@c2c/kernel';
import { boundStaff } from './staff.access';
import { Staff } from './staff.entity';
import { StaffMembership, ViewerIdentity } from './staff.types';

export const StaffConnection = Connection(Staff, 'Staff', 'A page of staff.');

@ArgsType()
export class StaffFilter extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only this organisation’s staff. Partner staff may only name their own (and get it when omitting it).',
  })
  organizationId?: string;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or inactive (false) staff.' })
  active?: boolean;
}

@Resolver(() => Staff)
export class StaffResolver {
  @Query(() => StaffConnection, {
    nullable: true,
    description: 'Staff by name. Hub operators read every organisation’s; partner staff their own organisation’s.',
  })
  async staffMembers(@Args() args: StaffFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Staff> = {};
    let org = args.organizationId != null ? normalizeId(args.organizationId) : undefined;
    if (!hasRole(ctx.viewer, 'cec_admin')) {
      if (org !== undefined && org !== ctx.viewer.org) throw forbidden('Partner staff read their own organisation’s staff only');
      org = ctx.viewer.org!;
    }
    if (org !== undefined) {
      if (!isUuid(org)) throw badInput('organizationId must be an Organization id', { field: 'organizationId' });
      where.organizationId = org;
    }
    if (args.active != null) where.active = args.active;
    const [items, total] = await ctx.em.findAndCount(Staff, where, {
      orderBy: { name: 'asc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }

  @Query(() => Staff, {
    nullable: true,
    description: 'The caller’s own staff record, matched by the token’s subject (`sub`); null when none matches.',
  })
  async viewerStaff(@Ctx() ctx: HubContext) {
    return ctx.viewer.sub ? ctx.em.findOne(Staff, { subject: ctx.viewer.sub }) : null;
  }

  @Query(() => ViewerIdentity, {
    nullable: true,
    description:
      'The active staff record a partner-role token is bound to (internal: the other subgraphs ask it to honour a token; not part of the public API).',
  })
  @Directive('@inaccessible')
  async viewerIdentity(@Ctx() ctx: HubContext): Promise<ViewerIdentity | null> {
    const staff = await boundStaff(ctx.em, ctx.viewer);
    return staff ? { staffId: staff.id, organizationId: staff.organizationId!, roles: staff.roles } : null;
  }

  @Query(() => [StaffMembership], {
    description:
      'Which of these staff records are of the caller’s (a partner’s) organisation, and whether each is active; others are left out, as if missing (internal: the students subgraph asks it before assigning a caseload).',
  })
  @Directive('@inaccessible')
  async staffMemberships(
    @Arg('ids', () => [ID], { description: 'Staff ids, at most 100.' }) ids: string[],
    @Ctx() ctx: HubContext,
  ): Promise<StaffMembership[]> {
    if (ids.length > 100) throw badInput('ids must hold at most 100 staff ids', { field: 'ids' });
    const valid = [...new Set(ids.map(normalizeId))].filter(isUuid);
    if (!valid.length) return [];
    const org = ctx.viewer.org;
    if (!org) return [];
    // Another organisation's record and a missing one look the same.
    const rows = await ctx.em.find(Staff, { id: { $in: valid }, organizationId: org }, { orderBy: { id: 'asc' } });
    return rows.map((s) => ({ staffId: s.id, organizationId: s.organizationId!, active: s.active }));
  }
}
