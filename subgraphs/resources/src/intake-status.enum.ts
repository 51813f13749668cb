import { registerEnumType } from 'type-graphql';

/**
 * Whether a service takes new referrals right now: capacity, which the provider changes from
 * week to week, kept apart from `status` (whether the service is delivered at all).
 */
export enum IntakeStatus {
  OPEN = 'OPEN',
  WAITLIST = 'WAITLIST',
  CLOSED = 'CLOSED',
}

registerEnumType(IntakeStatus, {
  name: 'IntakeStatus',
  description: 'Whether a service takes new referrals now (set by the provider’s staff).',
  valuesConfig: {
    OPEN: { description: 'Taking new referrals.' },
    WAITLIST: { description: 'Taking referrals onto a waiting list.' },
    CLOSED: { description: 'Not taking referrals; a referral needs an override with a reason.' },
  },
});
