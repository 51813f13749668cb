import { registerEnumType } from 'type-graphql';

/**
 * Where a referral is in the closed loop, after HL7 SDOH referral tasks and closed-loop
 * platforms. Stored as its name in a plain string column.
 */
export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  REDIRECTED = 'REDIRECTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral is in its closed-loop lifecycle.',
  valuesConfig: {
    SENT: { description: 'Sent by the referring organisation; the receiving organisation has not answered yet.' },
    ACCEPTED: { description: 'The receiving organisation agreed to serve the family.' },
    DECLINED: { description: 'The receiving organisation will not serve the family; `statusReason` says why.' },
    REDIRECTED: { description: 'The receiving organisation pointed the family to another provider instead.' },
    IN_PROGRESS: { description: 'The receiving organisation is serving the family.' },
    COMPLETED: { description: 'The service was delivered; `statusReason` holds the outcome.' },
    WITHDRAWN: { description: 'The referring organisation took the referral back.' },
    EXPIRED: { description: 'Nobody acted on the referral in time.' },
  },
});
