import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { raw, type FilterQuery } from '@mikro-orm/core';
import {
  badInput,
  Connection,
  connectionOf,
  Imperative,
  notFound,
  PageArgs,
  pageWindow,
  type HubContext,
  isUuid,
  normalizeId,
  containsPattern,
} from '@c2c/kernel';
import { Organization } from './organization.stub';
import { Service } from './service.entity';
import { serviceById } from './service.loaders';
import { serviceVisibility } from './service.access';

export const ServiceConnection = Connection(Service, 'Service', 'A page of services, by name.');

@ArgsType()
export class ServiceFilter extends PageArgs {
  @Field(() => Imperative, { nullable: true, description: 'Only services of this imperative.' })
  imperative?: Imperative;

  @Field(() => ID, { nullable: true, description: 'Only services of this organisation.' })
  organizationId?: string;

  @Field(() => String, { nullable: true, description: 'Only services delivered in this five-digit ZIP code.' })
  zip?: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Case-insensitive text found as it is in the name or the description (at most 200 characters): a substring, for staff finding a listing by a fragment; `searchServices(text:)` is the full-text search by meaning.',
  })
  search?: string;
}

// `!` rather than backslash as the LIKE escape: a backslash inside an SQL string literal is
// read differently by some servers' settings, `!` means nothing special anywhere.
/** The filter arguments as an SQL condition; bad values are BAD_USER_INPUT naming the argument. */
function filterWhere(args: ServiceFilter): FilterQuery<Service>[] {
  const where: FilterQuery<Service>[] = [];
  if (args.imperative) where.push({ imperative: args.imperative });
  if (args.organizationId != null) {
    const id = normalizeId(args.organizationId);
    if (!isUuid(id)) throw badInput('organizationId is not an organisation id', { field: 'organizationId' });
    where.push({ organizationId: id });
  }
  if (args.zip != null) {
    if (!/^\d{5}$/.test(args.zip.trim())) throw badInput('zip must be five digits', { field: 'zip' });
    where.push({ zip: args.zip.trim() });
  }
  const search = args.search?.trim();
  if (search) {
    if (search.length > 200) throw badInput('search must be at most 200 characters', { field: 'search' });
    // lower() on both sides: LIKE is case-sensitive in PostgreSQL and (for ASCII) not in SQLite.
    const pattern = containsPattern(search);
    where.push({
      [raw((a) => `(lower(${a}.name) like ? escape '!' or lower(${a}.description) like ? escape '!')`, [pattern, pattern])]: [],
    });
  }
  return where;
}

@Resolver(() => Service)
export class ServiceResolver {
  @Query(() => ServiceConnection, {
    description: 'Services the caller may see (the public sees ACTIVE and TEMPORARILY_CLOSED ones), by name.',
  })
  async services(@Args() args: ServiceFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Service> = { $and: [serviceVisibility(ctx.viewer).where, ...filterWhere(args)] };
    const [items, total] = await ctx.em.findAndCount(Service, where, {
      orderBy: { name: 'asc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }

  @Query(() => Service, {
    nullable: true,
    description: 'One service by id; NOT_FOUND when it does not exist or the caller may not see it.',
  })
  async service(@Arg('id', () => ID, { description: 'Service id.' }) id: string, @Ctx() ctx: HubContext) {
    const service = await serviceById(ctx).load(id);
    // Hidden and missing look the same, so unpublished services cannot be probed for.
    if (!service || !serviceVisibility(ctx.viewer).allows(service)) throw notFound('Service', id);
    return service;
  }

  @FieldResolver(() => Organization, {
    description: 'The organisation offering the service (its profile comes from the partners subgraph).',
  })
  organization(@Root() service: Service): Organization {
    return { id: service.organizationId };
  }
}
