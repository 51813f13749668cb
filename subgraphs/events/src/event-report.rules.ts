import { activeAgreementFor, allowAll, forbidden, hasRole, rule, unauthenticated, type HubContext } from '@c2c/kernel';
import { EventReportDimension, EventReportScope } from './event-report.logic';

/**
 * OWN: partner staff, their rows. COLLABORATIVE: as the event totals (hub operators,
 * evaluators, partner staff under an agreement in force covering EVENT_AGGREGATES); by
 * ORGANIZATION only the hub operator, for whom naming organisations is the point.
 */
export const canReadEventReport = rule('canReadEventReport', { cache: 'strict' })(async (
  _p,
  args: { scope: EventReportScope; by: EventReportDimension },
  ctx: HubContext,
) => {
  const v = ctx.viewer;
  if (v.anonymous) return unauthenticated();
  if (args.by === EventReportDimension.ORGANIZATION) {
    if (hasRole(v, 'cec_admin') && args.scope === EventReportScope.COLLABORATIVE) return true;
    return forbidden('Only hub operators see events by organisation, in the collaborative report');
  }
  if (args.scope === EventReportScope.OWN) {
    return hasRole(v, 'partner_staff') && v.org ? true : forbidden('An OWN report is for partner staff, about their organisation');
  }
  if (hasRole(v, 'cec_admin', 'evaluator')) return true;
  if (hasRole(v, 'partner_staff') && v.org) {
    if (await activeAgreementFor(ctx, 'EVENT_AGGREGATES')) return true;
    return forbidden('Your organisation has no data-sharing agreement in force covering event aggregates');
  }
  return forbidden('Requires one of the roles: cec_admin, evaluator, or partner_staff under a data-sharing agreement');
});

export const eventReportRules = {
  Query: { eventReport: canReadEventReport },
  ...allowAll('EventReport', 'EventReportRow'),
};
