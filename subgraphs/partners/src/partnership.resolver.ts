import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { badInput, conflict, Connection, connectionOf, groupByKey, isUuid, normalizeId, notFound, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.entity';
import { organizationById } from './organization.loaders';
import { ALIGNMENTS, AlignmentReview, FOCUS_AREAS, Partnership, PARTNERSHIP_STATUSES } from './partnership.entity';
import { alignmentReport, latestReview } from './partnership.report';

export const PartnershipConnection = Connection(Partnership, 'Partnership', 'A page of partnerships.');

@InputType({ description: 'A partnership. Validated as a whole; nothing is saved if any field is wrong.' })
export class PartnershipInput {
  @Field(() => ID, { description: 'The school, charter academy or district.' })
  schoolId: string;

  @Field(() => ID, { description: 'The partner organisation (not a school or district).' })
  partnerOrganizationId: string;

  @Field(() => [String], { description: 'One or more focus areas.' })
  focusAreas: string[];

  @Field({ description: 'PROPOSED, ACTIVE or ENDED.' })
  status: string;

  @Field({ description: 'First day, YYYY-MM-DD.' })
  startDate: string;

  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD, not before startDate; required for ENDED.' })
  endDate?: string | null;
}

@InputType({ description: 'An alignment review of a partnership.' })
export class AlignmentReviewInput {
  @Field({ description: 'ALIGNED, PARTLY_ALIGNED or NOT_ALIGNED.' })
  alignment: string;

  @Field({ description: 'Day of the review, YYYY-MM-DD, not in the future.' })
  reviewedOn: string;

  @Field(() => String, { nullable: true, description: 'Notes, up to 4000 characters.' })
  notes?: string | null;
}

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
  @Field({ description: 'The focus area.' })
  focusArea: string;
}

@ObjectType({ description: 'Alignment of one school’s (or the district’s own) active partnerships.' })
export class SchoolAlignment extends AlignmentCountsRow {
  @Field(() => ID, { description: 'The school or district (an Organization id).' })
  schoolId: string;
}

@ObjectType({ description: 'The district’s monitoring metric: the percentage of active partnerships aligned with its priorities, by their latest review.' })
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
  @Field(() => String, { nullable: true, description: 'Only partnerships with this status.' })
  status?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

async function validPartnership(em: EntityManager, input: PartnershipInput) {
  const schoolId = normalizeId(input.schoolId);
  const school = isUuid(schoolId) ? await em.findOne(Organization, { id: schoolId }) : null;
  if (!school || !['SCHOOL', 'PUBLIC_SCHOOL_ACADEMY', 'DISTRICT'].includes(school.sector)) throw badInput('schoolId must be a school, charter academy or district', { field: 'input.schoolId' });
  const partnerOrganizationId = normalizeId(input.partnerOrganizationId);
  const partner = isUuid(partnerOrganizationId) ? await em.findOne(Organization, { id: partnerOrganizationId }) : null;
  if (!partner || ['SCHOOL', 'PUBLIC_SCHOOL_ACADEMY', 'DISTRICT'].includes(partner.sector)) throw badInput('partnerOrganizationId must be a partner organisation', { field: 'input.partnerOrganizationId' });
  const focusAreas = [...new Set(input.focusAreas)];
  const unknown = focusAreas.filter((f) => !(FOCUS_AREAS as readonly string[]).includes(f));
  if (unknown.length || !focusAreas.length) throw badInput(`focusAreas must be one or more of ${FOCUS_AREAS.join(', ')}`, { field: 'input.focusAreas' });
  if (!(PARTNERSHIP_STATUSES as readonly string[]).includes(input.status)) throw badInput(`status must be one of ${PARTNERSHIP_STATUSES.join(', ')}`, { field: 'input.status' });
  if (!isDay(input.startDate)) throw badInput('startDate must be a date, YYYY-MM-DD', { field: 'input.startDate' });
  const endDate = input.endDate ?? null;
  if (endDate !== null && (!isDay(endDate) || endDate < input.startDate)) throw badInput('endDate must be a date, YYYY-MM-DD, not before startDate', { field: 'input.endDate' });
  if (input.status === 'ENDED' && !endDate) throw badInput('An ENDED partnership has an endDate', { field: 'input.endDate' });
  return { schoolId, partnerOrganizationId, focusAreas, status: input.status, startDate: input.startDate, endDate };
}

@Resolver(() => Partnership)
export class PartnershipResolver {
  @Query(() => PartnershipConnection, { nullable: true, description: 'Partnerships by start date. District administrators and hub operators.' })
  async partnerships(@Args() args: PartnershipFilter, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const where: FilterQuery<Partnership> = {};
    if (args.schoolId != null) {
      const id = normalizeId(args.schoolId);
      if (!isUuid(id)) throw badInput('schoolId must be an Organization id', { field: 'schoolId' });
      where.schoolId = id;
    }
    if (args.status != null) where.status = args.status;
    const [items, total] = await ctx.em.findAndCount(Partnership, where, { orderBy: { startDate: 'asc', id: 'asc' }, limit: page.limit, offset: page.offset });
    return connectionOf(items, total, page);
  }

  @Query(() => AlignmentReport, { nullable: true, description: 'The percentage of active partnerships aligned with the district’s priorities, overall, by focus area and by school. District administrators and hub operators.' })
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

  @FieldResolver(() => String, { nullable: true, description: 'The alignment of its latest review; null when never reviewed.' })
  async alignment(@Root() p: Partnership, @Ctx() ctx: HubContext) {
    return latestReview(await reviewsByPartnership(ctx).load(p.id))?.alignment ?? null;
  }

  @Mutation(() => Partnership, { nullable: true, description: 'Records a partnership. District administrators. CONFLICT when the school already has an unended partnership with that partner.' })
  async createPartnership(@Arg('input', () => PartnershipInput, { description: 'The partnership.' }) input: PartnershipInput, @Ctx() ctx: HubContext) {
    return ctx.em.transactional(async (em) => {
      const values = await validPartnership(em as EntityManager, input);
      if (await em.findOne(Partnership, { schoolId: values.schoolId, partnerOrganizationId: values.partnerOrganizationId, status: { $ne: 'ENDED' } })) {
        throw conflict('The school already has an unended partnership with this partner', { field: 'input.partnerOrganizationId' });
      }
      const p = em.create(Partnership, values);
      await em.flush();
      return p;
    });
  }

  @Mutation(() => AlignmentReview, { nullable: true, description: 'Records an alignment review of a partnership; the reviewer is the caller. District administrators.' })
  async reviewPartnershipAlignment(
    @Arg('partnershipId', () => ID, { description: 'The partnership.' }) partnershipId: string,
    @Arg('input', () => AlignmentReviewInput, { description: 'The review.' }) input: AlignmentReviewInput,
    @Ctx() ctx: HubContext,
  ) {
    if (!(ALIGNMENTS as readonly string[]).includes(input.alignment)) throw badInput(`alignment must be one of ${ALIGNMENTS.join(', ')}`, { field: 'input.alignment' });
    if (!isDay(input.reviewedOn) || input.reviewedOn > new Date().toISOString().slice(0, 10)) throw badInput('reviewedOn must be a date, YYYY-MM-DD, not in the future', { field: 'input.reviewedOn' });
    if (input.notes && input.notes.length > 4000) throw badInput('notes must be at most 4000 characters', { field: 'input.notes' });
    return ctx.em.transactional(async (em) => {
      const id = normalizeId(partnershipId);
      if (!isUuid(id) || !(await em.findOne(Partnership, { id }))) throw notFound('Partnership', partnershipId);
      const review = em.create(AlignmentReview, { partnershipId: id, alignment: input.alignment, reviewedOn: input.reviewedOn, notes: input.notes ?? null, reviewer: ctx.viewer.sub ?? 'unknown' });
      await em.flush();
      return review;
    });
  }
}

export function reviewsByPartnership(ctx: HubContext) {
  return ctx.loaders.get<string, AlignmentReview[]>('reviewsByPartnership', async (ids) => {
    const rows = await ctx.em.find(AlignmentReview, { partnershipId: { $in: ids.filter(isUuid) } }, { orderBy: { reviewedOn: 'asc', createdAt: 'asc', id: 'asc' } });
    return groupByKey(ids, rows, (r) => r.partnershipId);
  });
}
