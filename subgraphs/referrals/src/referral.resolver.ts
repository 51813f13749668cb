import { LockMode } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isUuid, notFound, unauthenticated, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.ref';
import { partiesOf, referralAccessError } from './referral.access';
import { Referral } from './referral.entity';
import { MAX_NOTE_LENGTH, normalizeNote, requireNoteFor, transitionError } from './referral.lifecycle';
import { historyByReferral, referralById } from './referral.loaders';
import { ReferralStatusChange } from './referral-status-change.entity';
import { ReferralStatus } from './referral-status.enum';
import { Service } from './service.ref';
import { Student } from './student.ref';

@ArgsType()
export class UpdateReferralStatusArgs {
  @Field(() => ID, { description: 'Referral id.' })
  id: string;

  @Field(() => ReferralStatus, { description: 'The status to move the referral to.' })
  status: ReferralStatus;

  @Field(() => String, {
    nullable: true,
    description: `Why: the reason for a decline (required), the outcome of a completion, or any note for the other organisation. At most ${MAX_NOTE_LENGTH} characters.`,
  })
  note?: string | null;
}

@Resolver(() => Referral)
export class ReferralResolver {
  @Query(() => Referral, {
    nullable: true,
    description: 'One referral by id. Only staff of the referring or receiving organisation may read it.',
  })
  async referral(@Arg('id', () => ID, { description: 'Referral id.' }) id: string, @Ctx() ctx: HubContext) {
    const referral = await referralById(ctx).load(id);
    if (!referral) throw notFound('Referral', id);
    const denied = referralAccessError(ctx.viewer, referral);
    if (denied) throw denied;
    return referral;
  }

  // Nullable so that a refused change comes back as `null` plus its error, not as `data: null`.
  @Mutation(() => Referral, {
    nullable: true,
    description:
      'Moves a referral along its lifecycle and records who did it, when and why. The receiving organisation accepts, declines (with a reason), redirects, starts and completes (with the outcome); the referring organisation may withdraw an open referral. Any other move is a CONFLICT carrying the current status.',
  })
  async updateReferralStatus(@Args() { id, status, note }: UpdateReferralStatusArgs, @Ctx() ctx: HubContext): Promise<Referral> {
    const text = normalizeNote(note);
    const { sub, org } = ctx.viewer;
    if (!sub || !org) throw unauthenticated('Changing a referral needs a token naming its subject and organisation: the history records both');
    if (!isUuid(id)) throw notFound('Referral', id);
    return ctx.em.transactional(async (em) => {
      // Row lock (PostgreSQL; SQLite serialises writers anyway): a change in flight elsewhere
      // is waited for, and this one is judged against its result, never against a stale status.
      const referral = await em.findOne(Referral, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!referral) throw notFound('Referral', id);
      const denied = referralAccessError(ctx.viewer, referral);
      if (denied) throw denied;
      const refused = transitionError(partiesOf(ctx.viewer, referral), referral.status, status);
      if (refused) throw refused;
      requireNoteFor(status, text);
      const now = new Date();
      em.create(ReferralStatusChange, {
        referral,
        fromStatus: referral.status,
        toStatus: status,
        changedBy: sub,
        changedByOrganizationId: org,
        note: text,
        changedAt: now,
      });
      referral.status = status;
      referral.statusReason = text;
      referral.updatedAt = now;
      return referral;
    });
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
    description: 'The student referred, when the referral names one; the students subgraph decides which of their fields the caller may see.',
  })
  student(@Root() referral: Referral): Student | null {
    return referral.studentId ? { id: referral.studentId } : null;
  }

  @FieldResolver(() => [ReferralStatusChange], { description: 'Every status change of the referral, oldest first, starting with its sending.' })
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
