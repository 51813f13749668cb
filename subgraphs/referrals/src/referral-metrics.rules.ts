import { allowAll, forbidden, hasRole, rule, unauthenticated, type HubContext } from '@c2c/kernel';

/**
 * Aggregates only, never a referral row. Partner staff (of an organisation), hub operators
 * and evaluators; which figures each sees (full for their own referrals, suppressed for
 * everyone's) is decided in the resolver. District and embed roles read no referral metrics.
 */
export const canReadReferralMetrics = rule('canReadReferralMetrics', { cache: 'contextual' })((_p, _a, ctx: HubContext) => {
  if (ctx.viewer.anonymous) return unauthenticated();
  if (hasRole(ctx.viewer, 'cec_admin', 'evaluator')) return true;
  if (hasRole(ctx.viewer, 'partner_staff') && ctx.viewer.org) return true;
  return forbidden('Requires one of the roles: partner_staff (of an organisation), cec_admin, evaluator');
});

export const referralMetricsRules = {
  Query: { referralMetrics: canReadReferralMetrics, referralUnmetNeed: canReadReferralMetrics },
  // Reachable only through the two queries above, whose resolver decides every figure.
  ...allowAll(
    'ReferralMetrics',
    'ReferralMetricsRow',
    'ReferralRate',
    'ReferralOutcomeCount',
    'ReferralUnmetNeed',
    'ReferralUnmetNeedCell',
  ),
};
