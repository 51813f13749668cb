import { registerEnumType } from 'type-graphql';

/**
 * Where a referral is in the closed loop, in the platform's words. Stored as its name in a
 * plain string column; `Referral.taskStatus` gives the HL7 FHIR Task status (Gravity SDOH
 * Clinical Care IG) each one maps to, for exchange with health-care systems.
 */
export enum ReferralStatus {
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
  REDIRECTED = 'REDIRECTED',
  WAITLISTED = 'WAITLISTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  WITHDRAWN = 'WITHDRAWN',
  EXPIRED = 'EXPIRED',
}

/**
 * The HL7 Task.status code of each status. EXPIRED is `cancelled`: the request lapsed without
 * being acted on (the requester's request is void; it was never rejected nor attempted).
 * REDIRECTED is `rejected`: this Task will not be performed by its owner, and the follow-on
 * referral is a new Task (`linkedReferral`), as the Gravity IG models a forwarded referral.
 */
export const TASK_STATUS: Record<ReferralStatus, string> = {
  SENT: 'requested',
  ACCEPTED: 'accepted',
  DECLINED: 'rejected',
  REDIRECTED: 'rejected',
  WAITLISTED: 'on-hold',
  IN_PROGRESS: 'in-progress',
  COMPLETED: 'completed',
  FAILED: 'failed',
  WITHDRAWN: 'cancelled',
  EXPIRED: 'cancelled',
};

/** Statuses in which the referral is still waiting for someone: the duplicate guard and the sender's withdrawal apply. */
export const OPEN_STATUSES: readonly ReferralStatus[] = [
  ReferralStatus.SENT,
  ReferralStatus.ACCEPTED,
  ReferralStatus.WAITLISTED,
  ReferralStatus.IN_PROGRESS,
];

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description: 'Where a referral is in its closed-loop lifecycle (the HL7 Task status of each is in `Referral.taskStatus`).',
  valuesConfig: {
    SENT: { description: 'Sent by the referring organisation; the receiving organisation has not answered yet (HL7 `requested`).' },
    ACCEPTED: { description: 'The receiving organisation agreed to serve the family (HL7 `accepted`).' },
    DECLINED: { description: 'The receiving organisation will not serve the family; `declineReason` says why (HL7 `rejected`).' },
    REDIRECTED: {
      description:
        'The receiving organisation pointed the family to another service; `followOnReferral` is the follow-on referral, whose `linkedReferral` points back (HL7 `rejected`).',
    },
    WAITLISTED: { description: 'Accepted, and the family is on the service’s waiting list (HL7 `on-hold`).' },
    IN_PROGRESS: { description: 'The receiving organisation is serving the family (HL7 `in-progress`).' },
    COMPLETED: { description: 'The service was delivered; `outcome` holds the result (HL7 `completed`).' },
    FAILED: { description: 'The receiving organisation tried and could not serve the family; `outcome` says why (HL7 `failed`).' },
    WITHDRAWN: { description: 'The referring organisation took the referral back (HL7 `cancelled`).' },
    EXPIRED: { description: 'Nobody answered before the response deadline; set by the sweep (HL7 `cancelled`).' },
  },
});
