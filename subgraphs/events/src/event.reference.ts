import { notFound, type HubContext } from '@c2c/kernel';
import { eventAccessError, mayHoldEvents } from './event.access';
import { eventById } from './event.loaders';

/**
 * `_entities` for Event: batched, and checked here as well as on the fields, so a forged
 * representation gets one NOT_FOUND error in place of the row (as a missing one does) rather than one per field.
 */
export const eventReference = {
  Event: {
    __resolveReference: async (ref: { id: string }, ctx: HubContext) => {
      // Callers who cannot own any row are refused without a database round trip.
      const refused = mayHoldEvents(ctx.viewer);
      if (refused) throw refused;
      const event = await eventById(ctx).load(ref.id);
      // Another organisation's row and a missing one get the same answer.
      if (!event || eventAccessError(ctx.viewer, event.organizationId)) throw notFound('Event', ref.id);
      return event;
    },
  },
};
