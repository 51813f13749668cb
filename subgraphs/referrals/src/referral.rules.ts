import { allowAll, hasAnyRole, rule, type HubContext } from '@c2c/kernel';
import { referralAccessError } from './referral.access';
import type { Referral } from './referral.entity';

/**
 * Checked on the node, for every field, whatever led to it (a list, `referral(id)`,
 * `_entities`, `linkedReferral`, `OverdueReferral.referral`): the resolvers check too, and
 * this is what holds if one of them forgets. No cache: the answer depends on the parent row.
 */
export const isReferralParty = rule('isReferralParty', { cache: 'no_cache' })(
  (parent: Referral, _args, ctx: HubContext) => referralAccessError(ctx.viewer, parent) ?? true,
);

// One instance per role set: graphql-shield rejects two rules with the same name.
const partnerStaff = hasAnyRole('partner_staff');
const staffOrOperator = hasAnyRole('partner_staff', 'cec_admin');
const operator = hasAnyRole('cec_admin');

export const referralRules = {
  Query: { referral: partnerStaff, referrals: partnerStaff, overdueReferrals: staffOrOperator },
  Mutation: {
    createReferral: partnerStaff,
    updateReferralStatus: partnerStaff,
    addReferralComment: partnerStaff,
    expireOverdueReferrals: operator,
  },
  Referral: isReferralParty,
  // Only reachable through a referral, whose own rule has already been checked, or through
  // `overdueReferrals`, whose resolver filters the rows and which carries no personal data.
  ...allowAll(
    'FamilyContact',
    'ReferralConsent',
    'ReferralComment',
    'ReferralStatusChange',
    'ReferralConnection',
    'ReferralEdge',
    'OverdueReferral',
    'OverdueReferralConnection',
    'OverdueReferralEdge',
    'ReferralSweepResult',
  ),
};
