import { allowAll, isStaffOf, or } from '@c2c/kernel';
import { districtOnly } from './student.rules';

/** A participation belongs to its organisation: the district and that organisation's staff read it, nobody else. */
export const programParticipationRules = {
  ProgramParticipation: or(
    districtOnly,
    isStaffOf('ProgramParticipation', (p: { organizationId: string }) => p.organizationId),
  ),
  ...allowAll('ProgramParticipationConnection', 'ProgramParticipationEdge'),
};
