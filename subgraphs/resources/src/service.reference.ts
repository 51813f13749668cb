import type { HubContext } from '@c2c/kernel';
import type { GraphQLResolveInfo } from 'graphql';
import { serviceColumns, serviceRowById } from './service.loaders';
import { Service } from './service.entity';
import { serviceVisibility } from './service.access';

/**
 * `_entities` for Service: batched, and checked per row because a representation can be
 * sent straight to the subgraph. A hidden service resolves to null, exactly like a missing one.
 */
export const serviceReference = {
  Service: {
    __resolveReference: async (ref: { id: string }, ctx: HubContext, info: GraphQLResolveInfo) => {
      const columns = serviceColumns(info, ctx.em.getMetadata().get<Service>(Service.name));
      const service = await serviceRowById(ctx, columns).load(ref.id);
      return service && serviceVisibility(ctx.viewer).allows(service) ? service : null;
    },
  },
};
