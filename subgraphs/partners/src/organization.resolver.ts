import { Arg, Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { raw } from '@mikro-orm/core';
import {
  Connection,
  connectionOf,
  containsPattern,
  Imperative,
  isUuid,
  normalizeId,
  notFound,
  PageArgs,
  pageWindow,
  type HubContext,
} from '@c2c/kernel';
import { Organization } from './organization.entity';
import { organizationById } from './organization.loaders';
import { Sector } from './sector.enum';

export const OrganizationConnection = Connection(Organization, 'Organization', 'A page of organisations.');

@ArgsType()
export class OrganizationFilter extends PageArgs {
  @Field(() => Sector, { nullable: true, description: 'Only organisations of this sector.' })
  sector?: Sector;

  @Field(() => Imperative, { nullable: true, description: 'Only organisations serving this imperative.' })
  imperative?: Imperative;

  @Field(() => String, { nullable: true, description: 'Case-insensitive match on the name.' })
  search?: string;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Organisations of the collaborative, by name.' })
  async organizations(@Args() args: OrganizationFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Organization> = {};
    if (args.sector) where.sector = args.sector;
    if (args.search) Object.assign(where, { [raw((a) => `lower(${a}.name) like ? escape '!'`, [containsPattern(args.search)])]: [] });
    let items: Organization[];
    let total: number;
    if (args.imperative) {
      // Imperatives are a JSON list; filter in memory over a small table rather than per-dialect JSON SQL.
      const all = (await ctx.em.find(Organization, where, { orderBy: { name: 'asc', id: 'asc' } })).filter((o) =>
        o.imperatives.includes(args.imperative!),
      );
      total = all.length;
      items = all.slice(page.offset, page.offset + page.limit);
    } else {
      [items, total] = await ctx.em.findAndCount(Organization, where, {
        orderBy: { name: 'asc', id: 'asc' },
        limit: page.limit,
        offset: page.offset,
      });
    }
    return connectionOf(items, total, page);
  }

  @Query(() => Organization, { nullable: true, description: 'One organisation by id.' })
  async organization(@Arg('id', () => ID, { description: 'Organisation id.' }) id: string, @Ctx() ctx: HubContext) {
    const org = isUuid(id) ? await organizationById(ctx).load(normalizeId(id)) : null;
    if (!org) throw notFound('Organization', id);
    return org;
  }
}
