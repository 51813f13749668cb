import { activeAgreementFor, allowAll, forbidden, hasRole, normalizeId, rule, unauthenticated, type HubContext } from '@c2c/kernel';

/**
 * Who reads equity aggregates (DESIGN.md's role table). district_admin reads every student
 * record, so it gets exact figures. cec_admin ("all aggregates") and evaluators ("suppressed
 * aggregates only") get the suppressed release. Partner staff get it only while their
 * organisation has an agreement in force with the STUDENT_DATA scope: these are aggregates of
 * education records, which is what that scope shares (EVENT_AGGREGATES covers the partners'
 * own event data, as in the events rules); and they compare only their own programmes, since
 * a partner is never shown figures named after another organisation. district_sis is a sync
 * service account: it writes records and has no reporting job, so it is refused.
 */
export const canReadEquity = rule('canReadEquity', { cache: 'strict' })(async (
  _p,
  args: { programOrganizationId?: string | null },
  ctx: HubContext,
) => {
  const v = ctx.viewer;
  if (v.anonymous) return unauthenticated();
  if (hasRole(v, 'district_admin', 'cec_admin', 'evaluator')) return true;
  if (hasRole(v, 'partner_staff') && v.org) {
    const program = args.programOrganizationId;
    if (program && normalizeId(program) !== normalizeId(v.org)) {
      return forbidden('Partner staff compare only their own organisation’s programmes');
    }
    if (await activeAgreementFor(ctx, 'STUDENT_DATA')) return true;
    return forbidden('Your organisation has no data-sharing agreement in force covering student data');
  }
  return forbidden('Requires one of the roles: district_admin, cec_admin, evaluator, or partner_staff under a student-data agreement');
});

export const equityRules = {
  Query: { equityReport: canReadEquity },
  ...allowAll('EquityReport', 'EquityCell', 'EquityRate', 'EquityParticipation'),
};
