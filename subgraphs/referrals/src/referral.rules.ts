import { allowAll, hasAnyRole, rule, type HubContext } from '@c2c/kernel';
import { referralAccessError } from './referral.access';
import type { Referral } from './referral.entity';

/**
 * Checked on the node, for every field, whatever led to it (a list, `referral(id)`,
 * `_entities`): the resolvers check too, and this is what holds if one of them forgets.
 * No cache: the answer depends on the parent row, not only on the viewer.
 */
export const isReferralParty = rule('isReferralParty', { cache: 'no_cache' })(
  (parent: Referral, _args, ctx: HubContext) => referralAccessError(ctx.viewer, parent) ?? true,
);

const partnerStaff = hasAnyRole('partner_staff');

export const referralRules = {
  Query: { referral: partnerStaff },
  Mutation: { updateReferralStatus: partnerStaff },
  Referral: isReferralParty,
  // Only reachable through a referral, whose own rule has already been checked.
  ...allowAll('FamilyContact', 'ReferralStatusChange', 'ReferralConnection', 'ReferralEdge'),
};
