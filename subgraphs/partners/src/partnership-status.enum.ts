import { registerEnumType } from 'type-graphql';

/** Where a partnership stands. Stored as its name in a plain string column. */
export enum PartnershipStatus {
  PROPOSED = 'PROPOSED',
  ACTIVE = 'ACTIVE',
  ENDED = 'ENDED',
}

registerEnumType(PartnershipStatus, {
  name: 'PartnershipStatus',
  description: 'Where a partnership stands.',
  valuesConfig: {
    PROPOSED: { description: 'Planned, not started yet.' },
    ACTIVE: { description: 'Running; only active partnerships count in the alignment report.' },
    ENDED: { description: 'Over; an ended partnership has an endDate.' },
  },
});
