import type { HubContext } from '@c2c/kernel';
import { organizationById } from './organization.loaders';

/** `_entities` for Organization: batched, and public profiles need no row check. */
export const organizationReference = {
  Organization: {
    __resolveReference: (ref: { id: string }, ctx: HubContext) => organizationById(ctx).load(ref.id),
  },
};
