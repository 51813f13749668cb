import { notFound, unauthenticated, type HubContext } from '@c2c/kernel';
import { referralAccessError } from './referral.access';
import { referralById } from './referral.loaders';

/**
 * `_entities` for Referral: batched. Someone else's referral is refused here with the very
 * answer an id that does not exist gets (NOT_FOUND), so `_entities` neither discloses a row
 * nor that it exists (its fields are also guarded by a rule). Anonymous callers are told to sign in.
 */
export const referralReference = {
  Referral: {
    __resolveReference: async (ref: { id: string }, ctx: HubContext) => {
      const referral = await referralById(ctx).load(ref.id);
      if (ctx.viewer.anonymous) throw unauthenticated();
      if (!referral || referralAccessError(ctx.viewer, referral)) throw notFound('Referral', ref.id);
      return referral;
    },
  },
};
