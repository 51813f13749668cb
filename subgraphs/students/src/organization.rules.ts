import { allow, isStaffOf } from '@c2c/kernel';

export const organizationRules = {
  Organization: {
    id: allow,
    // Who takes part in a programme is the organisation's own business.
    programParticipants: isStaffOf('Organization', (o: { id: string }) => o.id),
  },
};
