import { allowAll, hasAnyRole, isStaffOf, or } from '@c2c/kernel';

const cecAdmin = hasAnyRole('cec_admin');

/** Agreements: managed by hub operators; each organisation's staff read their own, the other subgraphs ask on their behalf. */
export const agreementRules = {
  Query: {
    viewerAgreements: hasAnyRole('partner_staff'),
    agreements: cecAdmin,
  },
  Mutation: { createAgreement: cecAdmin, revokeAgreement: cecAdmin },
  // Checked on the node too, so no path shows one organisation's agreement to another's staff.
  Agreement: or(
    cecAdmin,
    isStaffOf('agreement', (a) => a.organizationId),
  ),
  ...allowAll('AgreementConnection', 'AgreementEdge'),
};
