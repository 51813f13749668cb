import type { Organization } from './organization.ref';

/**
 * `_entities` for Organization: the key is all this subgraph holds, so no SQL; the referral
 * lists check who is asking when they are resolved.
 */
export const organizationReference = {
  Organization: {
    __resolveReference: (ref: { id: string }): Organization => ({ id: ref.id }),
  },
};
