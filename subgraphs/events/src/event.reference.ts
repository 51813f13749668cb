import type { HubContext } from '@c2c/kernel';
import { eventAccessError, mayHoldEvents } from './event.access';
import { eventById } from './event.loaders';

/**
 * `_entities` for Event: batched, and checked here as well as on the fields, so a forged
 * representation gets one FORBIDDEN error in place of the row rather than one per field.
 */
export const eventReference = {
  Event: {
    __resolveReference: async (ref: { id: string }, ctx: HubContext) => {
      // Callers who cannot own any row are refused without a database round trip.
      const refused = mayHoldEvents(ctx.viewer);
      if (refused) throw refused;
      const event = await eventById(ctx).load(ref.id);
      if (!event) return null;
      const denied = eventAccessError(ctx.viewer, event.organizationId);
      if (denied) throw denied;
      return event;
    },
  },
};
