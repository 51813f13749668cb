import { LockMode } from '@mikro-orm/core';
import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { isUuid, notFound, unauthenticated, type HubContext } from '@c2c/kernel';
import { partiesOf, referralAccessError } from './referral.access';
import { Referral } from './referral.entity';
import { UpdateReferralStatusArgs } from './referral.input';
import { normalizeNote, requireNoteFor, transitionError } from './referral-lifecycle.logic';
import { ReferralStatusChange } from './referral-status-change.entity';

@Resolver(() => Referral)
export class ReferralMutations {
  // Nullable so that a refused change comes back as `null` plus its error, not as `data: null`.
  @Mutation(() => Referral, {
    nullable: true,
    description:
      'Moves a referral along its lifecycle and records who did it, when and why. The receiving organisation accepts, declines (with a reason), redirects, starts and completes (with the outcome); the referring organisation may withdraw an open referral. Any other move is a CONFLICT carrying the current status.',
  })
  async updateReferralStatus(@Args() { id, status, note }: UpdateReferralStatusArgs, @Ctx() ctx: HubContext): Promise<Referral> {
    const text = normalizeNote(note);
    const { sub, org } = ctx.viewer;
    if (!sub || !org)
      throw unauthenticated('Changing a referral needs a token naming its subject and organisation: the history records both');
    if (!isUuid(id)) throw notFound('Referral', id);
    return ctx.em.transactional(async (em) => {
      // Row lock (PostgreSQL; SQLite serialises writers anyway): a change in flight elsewhere
      // is waited for, and this one is judged against its result, never against a stale status.
      const referral = await em.findOne(Referral, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      // Someone else's referral is reported missing, like an id that does not exist.
      if (!referral || referralAccessError(ctx.viewer, referral)) throw notFound('Referral', id);
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
}
