import { registerEnumType } from 'type-graphql';

/** What one row of the referral metrics is about. */
export enum ReferralMetricsGroupBy {
  PROVIDER = 'PROVIDER',
  SERVICE = 'SERVICE',
  IMPERATIVE = 'IMPERATIVE',
}

/** Whose referrals a metrics report counts. */
export enum ReferralMetricsScope {
  OWN = 'OWN',
  COLLABORATIVE = 'COLLABORATIVE',
}

registerEnumType(ReferralMetricsGroupBy, {
  name: 'ReferralMetricsGroupBy',
  description: 'What one row of the referral metrics is about.',
  valuesConfig: {
    PROVIDER: { description: 'One row per receiving organisation (the provider of the service).' },
    SERVICE: { description: 'One row per service referred to.' },
    IMPERATIVE: { description: 'One row per imperative of the family’s need, and one for referrals whose need was not coded.' },
  },
});

registerEnumType(ReferralMetricsScope, {
  name: 'ReferralMetricsScope',
  description: 'Whose referrals a metrics report counts, and so whether small cells are suppressed.',
  valuesConfig: {
    OWN: {
      description:
        'Referrals the viewer’s organisation sent or received, in full: it is a party to every one of them. Partner staff only (their default).',
    },
    COLLABORATIVE: {
      description:
        'Every organisation’s referrals, with the kernel’s small-cell suppression (the viewer’s own part never opens a cell), over whole calendar years only: each year is suppressed on its own, so overlapping periods cannot be subtracted. The only scope for hub operators and evaluators.',
    },
  },
});
