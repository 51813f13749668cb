import { registerEnumType } from 'type-graphql';

/** How soon the family needs help. */
export enum ReferralUrgency {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
}

/** Why a receiving organisation declined a referral: coded, so that declines can be counted. */
export enum DeclineReason {
  NO_CAPACITY = 'NO_CAPACITY',
  NOT_ELIGIBLE = 'NOT_ELIGIBLE',
  COULD_NOT_CONTACT = 'COULD_NOT_CONTACT',
  FAMILY_DECLINED = 'FAMILY_DECLINED',
  SERVICE_NOT_OFFERED = 'SERVICE_NOT_OFFERED',
  DUPLICATE = 'DUPLICATE',
}

/** What came of a referral, recorded when it is completed or failed: kept apart from its status. */
export enum ReferralOutcome {
  GOT_HELP = 'GOT_HELP',
  REFERRED_ELSEWHERE = 'REFERRED_ELSEWHERE',
  NO_LONGER_INTERESTED = 'NO_LONGER_INTERESTED',
  COULD_NOT_CONTACT = 'COULD_NOT_CONTACT',
}

/** How the family prefers to be reached. */
export enum ContactChannel {
  PHONE = 'PHONE',
  SMS = 'SMS',
  EMAIL = 'EMAIL',
}

/** How the family gave its consent to share. */
export enum ConsentMethod {
  VERBAL = 'VERBAL',
  WRITTEN = 'WRITTEN',
  ELECTRONIC = 'ELECTRONIC',
}

/** What the family's consent lets the referring organisation share with the receiving one. */
export enum ConsentScope {
  SHARE_CONTACT = 'SHARE_CONTACT',
  SHARE_STUDENT_RECORD = 'SHARE_STUDENT_RECORD',
}

/** Which side of its referrals an organisation lists. */
export enum ReferralDirection {
  SENT = 'SENT',
  RECEIVED = 'RECEIVED',
}

/** Why a referral points at an earlier one. */
export enum ReferralLinkKind {
  REDIRECT = 'REDIRECT',
  DUPLICATE = 'DUPLICATE',
}

registerEnumType(ReferralUrgency, {
  name: 'ReferralUrgency',
  description: 'How soon the family needs help.',
  valuesConfig: {
    ROUTINE: { description: 'In the ordinary course.' },
    URGENT: { description: 'As soon as possible: the receiving organisation should answer first.' },
  },
});

registerEnumType(DeclineReason, {
  name: 'DeclineReason',
  description: 'Why the receiving organisation declined a referral.',
  valuesConfig: {
    NO_CAPACITY: { description: 'The service has no room for the family now.' },
    NOT_ELIGIBLE: { description: 'The family does not meet the service’s eligibility.' },
    COULD_NOT_CONTACT: { description: 'The family could not be reached.' },
    FAMILY_DECLINED: { description: 'The family did not want the service.' },
    SERVICE_NOT_OFFERED: { description: 'The organisation does not offer what the family needs.' },
    DUPLICATE: { description: 'The family was already referred or served.' },
  },
});

registerEnumType(ReferralOutcome, {
  name: 'ReferralOutcome',
  description: 'What came of a referral, recorded with its completion or failure.',
  valuesConfig: {
    GOT_HELP: { description: 'The family got the help it was referred for.' },
    REFERRED_ELSEWHERE: { description: 'The family was sent on to another provider.' },
    NO_LONGER_INTERESTED: { description: 'The family no longer wanted the service.' },
    COULD_NOT_CONTACT: { description: 'The family could not be reached.' },
  },
});

registerEnumType(ContactChannel, {
  name: 'ContactChannel',
  description: 'How a family prefers to be reached.',
  valuesConfig: {
    PHONE: { description: 'A phone call.' },
    SMS: { description: 'A text message.' },
    EMAIL: { description: 'An email.' },
  },
});

registerEnumType(ConsentMethod, {
  name: 'ConsentMethod',
  description: 'How a family gave its consent to share.',
  valuesConfig: {
    VERBAL: { description: 'Said aloud to the referring staff member, who recorded it.' },
    WRITTEN: { description: 'A signed paper form.' },
    ELECTRONIC: { description: 'An electronic signature or online form.' },
  },
});

registerEnumType(ConsentScope, {
  name: 'ConsentScope',
  description: 'What a family’s consent lets the referring organisation share with the receiving one.',
  valuesConfig: {
    SHARE_CONTACT: { description: 'The family contact (name, phone, email, preferences) and the referral’s notes.' },
    SHARE_STUDENT_RECORD: { description: 'Which student the referral is about.' },
  },
});

registerEnumType(ReferralDirection, {
  name: 'ReferralDirection',
  description: 'Which of an organisation’s referrals to list.',
  valuesConfig: {
    SENT: { description: 'Referrals the organisation sent.' },
    RECEIVED: { description: 'Referrals the organisation received.' },
  },
});

registerEnumType(ReferralLinkKind, {
  name: 'ReferralLinkKind',
  description: 'Why a referral points at an earlier one.',
  valuesConfig: {
    REDIRECT: { description: 'The earlier referral was redirected to this one’s service.' },
    DUPLICATE: { description: 'Sent knowingly while the earlier one was still open (`linkToExisting`).' },
  },
});
