import { Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { badInput, Connection, connectionOf, groupByKey, isUuid, normalizeId, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Alignment } from './alignment.enum';
import { FocusArea } from './focus-area.enum';
import { Organization } from './organization.entity';
import { organizationById } from './organization.loaders';
import { AlignmentReview, Partnership } from './partnership.entity';
import { PartnershipStatus } from './partnership-status.enum';
import { alignmentReport, latestReview } from './partnership-report.logic';

export const PartnershipConnection = Connection(Partnership, 'Partnership', 'A page of partnerships.');

@ObjectType({ description: 'Active partnerships by their latest alignment review.' })
export class AlignmentCountsRow {
  @Field(() => Int, { description: 'Active partnerships.' })
  active: number;
  @Field(() => Int, { description: 'Of which the latest review says ALIGNED.' })
  aligned: number;
  @Field(() => Int, { description: 'Of which the latest review says PARTLY_ALIGNED.' })
  partlyAligned: number;
  @Field(() => Int, { description: 'Of which the latest review says NOT_ALIGNED.' })
  notAligned: number;
  @Field(() => Int, { description: 'Of which none has been reviewed (they count as not aligned).' })
  unreviewed: number;
  @Field(() => Float, { nullable: true, description: 'aligned ÷ active × 100, one decimal; null with no active partnership.' })
  alignedPercent: number | null;
}

@ObjectType({ description: 'Alignment of the active partnerships in one focus area (a partnership counts under each of its areas).' })
export class FocusAreaAlignment extends AlignmentCountsRow {
  @Field(() => FocusArea, { description: 'The focus area.' })
  focusArea: FocusArea;
}

@ObjectType({ description: 'Alignment of one school’s (or the district’s own) active partnerships.' })
export class SchoolAlignment extends AlignmentCountsRow {
  @Field(() => ID, { description: 'The school or district (an Organization id).' })
  schoolId: string;
}

@ObjectType({
  description:
    'The district’s monitoring metric: the percentage of active partnerships aligned with its priorities, by their latest review.',
})
export class AlignmentReport {
  @Field(() => AlignmentCountsRow, { description: 'Every active partnership.' })
  overall: AlignmentCountsRow;
  @Field(() => [FocusAreaAlignment], { description: 'By focus area, in the fixed order of the focus areas.' })
  byFocusArea: FocusAreaAlignment[];
  @Field(() => [SchoolAlignment], { description: 'By school, by id.' })
  bySchool: SchoolAlignment[];
}

@ArgsType()
export class PartnershipFilter extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only this school’s partnerships.' })
  schoolId?: string;
  @Field(() => PartnershipStatus, { nullable: true, description: 'Only partnerships with this status.' })
  status?: PartnershipStatus;
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => PartnershipConnection, {
    nullable: true,
    description: 'Partnerships by start date. District administrators and hub operators.',
  })
  async partnerships(@Args() args: PartnershipFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Partnership> = {};
    if (args.schoolId != null) {
      const id = normalizeId(args.schoolId);
      if (!isUuid(id)) throw badInput('schoolId must be an Organization id', { field: 'schoolId' });
      where.schoolId = id;
    }
    if (args.status != null) where.status = args.status;
    const [items, total] = await ctx.em.findAndCount(Partnership, where, {
      orderBy: { startDate: 'asc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(items, total, page);
  }

  @Query(() => AlignmentReport, {
    nullable: true,
    description:
      'The percentage of active partnerships aligned with the district’s priorities, overall, by focus area and by school. District administrators and hub operators.',
  })
  partnershipAlignmentReport(@Ctx() ctx: HubContext) {
    return alignmentReport(ctx.em);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The school or district.' })
  school(@Root() p: Partnership, @Ctx() ctx: HubContext) {
    return organizationById(ctx).load(p.schoolId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The partner organisation.' })
  partnerOrganization(@Root() p: Partnership, @Ctx() ctx: HubContext) {
    return organizationById(ctx).load(p.partnerOrganizationId);
  }

  @FieldResolver(() => [AlignmentReview], { nullable: true, description: 'Its alignment reviews, oldest first.' })
  reviews(@Root() p: Partnership, @Ctx() ctx: HubContext) {
    return reviewsByPartnership(ctx).load(p.id);
  }

  @FieldResolver(() => Alignment, { nullable: true, description: 'The alignment of its latest review; null when never reviewed.' })
  async alignment(@Root() p: Partnership, @Ctx() ctx: HubContext): Promise<Alignment | null> {
    return latestReview(await reviewsByPartnership(ctx).load(p.id))?.alignment ?? null;
  }
}

export function reviewsByPartnership(ctx: HubContext) {
  return ctx.loaders.get<string, AlignmentReview[]>('reviewsByPartnership', async (ids) => {
    const rows = await ctx.em.find(
      AlignmentReview,
      { partnershipId: { $in: ids.filter(isUuid) } },
      { orderBy: { reviewedOn: 'asc', createdAt: 'asc', id: 'asc' } },
    );
    return groupByKey(ids, rows, (r) => r.partnershipId);
  });
}
