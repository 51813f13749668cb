import { Args, ArgsType, Ctx, Field, ID, Query, Resolver } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, isUuid, normalizeId, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { ApiClient } from './api-client.entity';

export const ApiClientConnection = Connection(ApiClient, 'ApiClient', 'A page of API clients.');

@ArgsType()
export class ApiClientFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this organisation’s clients.' })
  organizationId?: string;
}

@Resolver(() => ApiClient)
export class ApiClientResolver {
  @Query(() => ApiClientConnection, { nullable: true, description: 'API clients, newest first. Hub operators.' })
  async apiClients(@Args() args: ApiClientFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<ApiClient> = {};
    if (args.organizationId != null) {
      const id = normalizeId(args.organizationId);
      if (!isUuid(id)) throw badInput('organizationId must be an Organization id', { field: 'organizationId' });
      where.organizationId = id;
    }
    const [items, total] = await ctx.em.findAndCount(ApiClient, where, {
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }
}
