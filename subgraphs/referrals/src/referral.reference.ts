import type { HubContext } from '@c2c/kernel';
import { referralAccessError } from './referral.access';
import { referralById } from './referral.loaders';

/**
 * `_entities` for Referral: batched, and a representation naming someone else's referral is
 * refused here, so `_entities` never discloses a row (its fields are also guarded by a rule).
 */
export const referralReference = {
  Referral: {
    __resolveReference: async (ref: { id: string }, ctx: HubContext) => {
      const referral = await referralById(ctx).load(ref.id);
      if (!referral) return null;
      const denied = referralAccessError(ctx.viewer, referral);
      if (denied) throw denied;
      return referral;
    },
  },
};
