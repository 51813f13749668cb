import { hasAnyRole } from '@c2c/kernel';

/** Only a partner administrator assigns caseloads; the mutation then finds the participation among its organisation's (NOT_FOUND otherwise). */
export const caseloadRules = {
  Mutation: {
    assignCaseload: hasAnyRole('partner_admin'),
    unassignCaseload: hasAnyRole('partner_admin'),
  },
};
