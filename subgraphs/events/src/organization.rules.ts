import { allow, isStaffOf } from '@c2c/kernel';

/** The key is public; the events hanging off it are the organisation's own. */
export const organizationRules = {
  Organization: {
    id: allow,
    events: isStaffOf('organizationEvents', (organization: { id: string }) => organization.id),
  },
};
