import { registerEnumType } from 'type-graphql';

export enum ParticipationAction {
  ENROLLED = 'ENROLLED',
  CONSENT_RECORDED = 'CONSENT_RECORDED',
  CONSENT_REVOKED = 'CONSENT_REVOKED',
  EXITED = 'EXITED',
  CASELOAD_ASSIGNED = 'CASELOAD_ASSIGNED',
  CASELOAD_UNASSIGNED = 'CASELOAD_UNASSIGNED',
}

registerEnumType(ParticipationAction, {
  name: 'ParticipationAction',
  description: 'What a change to a programme participation did.',
  valuesConfig: {
    ENROLLED: { description: 'Partner staff enrolled the student in the programme.' },
    CONSENT_RECORDED: { description: 'The guardian’s consent was recorded (replacing any earlier one).' },
    CONSENT_REVOKED: { description: 'The guardian’s consent was revoked.' },
    EXITED: { description: 'The student left the programme.' },
    CASELOAD_ASSIGNED: { description: 'A partner administrator put a staff member’s caseload on the participation.' },
    CASELOAD_UNASSIGNED: { description: 'A partner administrator took a staff member off the participation.' },
  },
});
