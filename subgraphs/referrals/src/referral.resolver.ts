import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { notFound, unauthenticated, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.stub';
import { Service } from './service.stub';
import { Student } from './student.stub';
import { referralAccessError } from './referral.access';
import { Referral } from './referral.entity';
import { historyByReferral, referralById } from './referral.loaders';
import { ReferralStatusChange } from './referral-status-change.entity';

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, {
    nullable: true,
    description:
      'One referral by id. Only staff of the referring or receiving organisation may read it: for anyone else, as for an id that does not exist, NOT_FOUND.',
  })
  async referral(@Arg('id', () => ID, { description: 'Referral id.' }) id: string, @Ctx() ctx: HubContext) {
    if (ctx.viewer.anonymous) throw unauthenticated();
    const referral = await referralById(ctx).load(id);
    // Someone else's referral is reported missing, like an id that does not exist.
    if (!referral || referralAccessError(ctx.viewer, referral)) throw notFound('Referral', id);
    return referral;
  }

  @FieldResolver(() => Organization, { description: 'The organisation that sent the referral.' })
  fromOrganization(@Root() referral: Referral): Organization {
    return { id: referral.fromOrganizationId };
  }

  @FieldResolver(() => Organization, { description: 'The organisation the referral was sent to: the provider of the service.' })
  toOrganization(@Root() referral: Referral): Organization {
    return { id: referral.toOrganizationId };
  }

  @FieldResolver(() => Service, { description: 'The service the family is referred to.' })
  service(@Root() referral: Referral): Service {
    return { id: referral.serviceId };
  }

  @FieldResolver(() => Student, {
    nullable: true,
    description:
      'The student referred, when the referral names one; the students subgraph decides which of their fields the caller may see.',
  })
  student(@Root() referral: Referral): Student | null {
    return referral.studentId ? { id: referral.studentId } : null;
  }

  @FieldResolver(() => [ReferralStatusChange], {
    description: 'Every status change of the referral, oldest first, starting with its sending.',
  })
  history(@Root() referral: Referral, @Ctx() ctx: HubContext) {
    return historyByReferral(ctx).load(referral.id);
  }
}

@Resolver(() => ReferralStatusChange)
export class ReferralStatusChangeResolver {
  @FieldResolver(() => Organization, { description: 'The organisation on whose behalf the change was made.' })
  changedByOrganization(@Root() change: ReferralStatusChange): Organization {
    return { id: change.changedByOrganizationId };
  }
}
