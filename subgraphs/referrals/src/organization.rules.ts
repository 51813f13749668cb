import { allow, allowAll, isStaffOf } from '@c2c/kernel';

const ownOrganization = isStaffOf('organizationReferrals', (org: { id: string }) => org.id);

/**
 * An organisation's referral lists are for its own staff only. Keys are public: they say
 * nothing that the owning subgraphs would not (and those check their own fields).
 */
export const organizationRules = {
  Organization: { id: allow, receivedReferrals: ownOrganization, sentReferrals: ownOrganization },
  ...allowAll('Service', 'Student'),
};
