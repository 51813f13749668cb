import type { HubContext } from '@c2c/kernel';
import { serviceRowById } from './service.loaders';
import { serviceVisibility } from './service.access';

/**
 * `_entities` for Service: batched, and checked per row because a representation can be
 * sent straight to the subgraph. A hidden service resolves to null, exactly like a missing one.
 */
export const serviceReference = {
  Service: {
    __resolveReference: async (ref: { id: string }, ctx: HubContext) => {
      const service = await serviceRowById(ctx).load(ref.id);
      return service && serviceVisibility(ctx.viewer).allows(service) ? service : null;
    },
  },
};
