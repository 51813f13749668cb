import { normalizeId } from '@c2c/kernel';

/**
 * `_entities` for Organization: the key is all this subgraph holds; the rules guard the
 * fields. The id is normalised so it matches the lowercase ids stored with participations.
 */
export const organizationReference = {
  Organization: {
    __resolveReference: (ref: { id: string }) => ({ id: normalizeId(ref.id) }),
  },
};
