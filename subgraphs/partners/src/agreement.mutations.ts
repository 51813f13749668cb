import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { badInput, conflict, isUuid, normalizeId, notFound, type HubContext } from '@c2c/kernel';
import { Agreement } from './agreement.entity';
import { AgreementInput } from './agreement.input';
import { validateAgreement } from './agreement.validation';

@Resolver(() => Agreement)
export class AgreementMutations {
  @Mutation(() => Agreement, {
    nullable: true,
    description:
      'Records a signed data-sharing agreement. Hub operators. BAD_USER_INPUT names the field at fault; CONFLICT when it overlaps another unrevoked agreement of the organisation.',
  })
  async createAgreement(
    @Arg('input', () => AgreementInput, { description: 'The agreement.' }) input: AgreementInput,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.em.transactional(async (em) => {
      const values = await validateAgreement(em, input, new Date());
      const agreement = em.create(Agreement, values);
      await em.flush();
      return agreement;
    });
  }

  @Mutation(() => Agreement, {
    nullable: true,
    description:
      'Revokes an agreement at once. Every subgraph stops honouring it within the agreement cache TTL (at most 60 seconds). Hub operators.',
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
