import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { conflict, isUuid, normalizeId, notFound, type HubContext } from '@c2c/kernel';
import { AlignmentReview, Partnership } from './partnership.entity';
import { AlignmentReviewInput, PartnershipInput } from './partnership.input';
import { PartnershipStatus } from './partnership-status.enum';
import { validateReview, validPartnership } from './partnership.validation';

@Resolver(() => Partnership)
export class PartnershipMutations {
  @Mutation(() => Partnership, {
    nullable: true,
    description:
      'Records a partnership. District administrators. CONFLICT when the school already has an unended partnership with that partner.',
  })
  async createPartnership(
    @Arg('input', () => PartnershipInput, { description: 'The partnership.' }) input: PartnershipInput,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.em.transactional(async (em) => {
      const values = await validPartnership(em, input);
      if (
        await em.findOne(Partnership, {
          schoolId: values.schoolId,
          partnerOrganizationId: values.partnerOrganizationId,
          status: { $ne: PartnershipStatus.ENDED },
        })
      ) {
        throw conflict('The school already has an unended partnership with this partner', { field: 'input.partnerOrganizationId' });
      }
      const p = em.create(Partnership, values);
      await em.flush();
      return p;
    });
  }

  @Mutation(() => AlignmentReview, {
    nullable: true,
    description: 'Records an alignment review of a partnership; the reviewer is the caller. District administrators.',
  })
  async reviewPartnershipAlignment(
    @Arg('partnershipId', () => ID, { description: 'The partnership.' }) partnershipId: string,
    @Arg('input', () => AlignmentReviewInput, { description: 'The review.' }) input: AlignmentReviewInput,
    @Ctx() ctx: HubContext,
  ) {
    validateReview(input);
    return ctx.em.transactional(async (em) => {
      const id = normalizeId(partnershipId);
      if (!isUuid(id) || !(await em.findOne(Partnership, { id }))) throw notFound('Partnership', partnershipId);
      const review = em.create(AlignmentReview, {
        partnershipId: id,
        alignment: input.alignment,
        reviewedOn: input.reviewedOn,
        notes: input.notes ?? null,
        reviewer: ctx.viewer.sub ?? 'unknown',
      });
      await em.flush();
      return review;
    });
  }
}
