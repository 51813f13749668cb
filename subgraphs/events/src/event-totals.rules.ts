import { activeAgreementFor, allowAll, forbidden, hasRole, rule, unauthenticated, type HubContext } from '@c2c/kernel';

/**
 * Aggregates only, never rows. Hub operators and evaluators read them; partner staff only
 * while their organisation holds a data-sharing agreement in force covering event
 * aggregates — asked of the partners subgraph (kernel/src/agreements.ts: cached at most
 * 60 s per organisation, expiry checked at use time, none when partners cannot answer).
 */
export const canReadEventTotals = rule('canReadEventTotals', { cache: 'contextual' })(async (_p, _a, ctx: HubContext) => {
  if (ctx.viewer.anonymous) return unauthenticated();
  if (hasRole(ctx.viewer, 'cec_admin', 'evaluator')) return true;
  if (hasRole(ctx.viewer, 'partner_staff') && ctx.viewer.org) {
    if (await activeAgreementFor(ctx, 'EVENT_AGGREGATES')) return true;
    return forbidden('Your organisation has no data-sharing agreement in force covering event aggregates');
  }
  return forbidden('Requires one of the roles: cec_admin, evaluator, or partner_staff under a data-sharing agreement');
});

export const eventTotalsRules = {
  Query: { eventTotals: canReadEventTotals },
  ...allowAll('EventTotals', 'EventTotalsCell'),
};
