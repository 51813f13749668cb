import { allowAll, hasAnyRole, isStaffOf, or } from '@c2c/kernel';
import { districtOnly } from './student.rules';

/** The district administrator or partner staff; the resolver then finds the participation among the caller's own (NOT_FOUND otherwise). */
const districtAdminOrPartner = hasAnyRole('district_admin', 'partner_staff');

export const programParticipationRules = {
  Mutation: {
    // Only a partner enrols, and only into its own organisation's programme (the token's org).
    enrolParticipant: hasAnyRole('partner_staff'),
    recordConsent: districtAdminOrPartner,
    revokeConsent: districtAdminOrPartner,
    exitProgram: districtAdminOrPartner,
  },
  // A participation belongs to its organisation: the district and that organisation's staff read it, nobody else.
  ProgramParticipation: or(
    districtOnly,
    isStaffOf('ProgramParticipation', (p: { organizationId: string }) => p.organizationId),
  ),
  // Reached only through ProgramParticipation.history, whose participation the rule above has already checked.
  ParticipationChange: hasAnyRole('district_sis', 'district_admin', 'partner_staff'),
  ...allowAll('ProgramParticipationConnection', 'ProgramParticipationEdge'),
};
