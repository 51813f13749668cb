import { forbidden, hasRole, notFound, unauthenticated, type HubContext, type Viewer } from '@c2c/kernel';
import type { GraphQLError } from 'graphql';
import type { Event } from './event.entity';
import { eventById } from './event.loaders';

const EVENT_ACCESS_DENIED = 'Only staff of the organisation that held an event may read or change it';

/**
 * Event rows are the holding organisation's own data (the Imperative #2 stewardship policy):
 * only its partner staff read or write them; everyone else, hub operators included, gets
 * aggregates only. The same test as the kernel's `isStaffOf` rule, for the resolvers that
 * must decide before there is a parent to put a rule on (`event(id)`, `_entities`, mutations).
 */
export function eventAccessError(viewer: Viewer, organizationId: string): GraphQLError | null {
  return mayHoldEvents(viewer) ?? (viewer.org === organizationId ? null : forbidden(EVENT_ACCESS_DENIED));
}

/** The part of the test that needs no row: is the caller partner staff of some organisation at all? */
export function mayHoldEvents(viewer: Viewer): GraphQLError | null {
  if (viewer.anonymous) return unauthenticated();
  return hasRole(viewer, 'partner_staff') && viewer.org ? null : forbidden(EVENT_ACCESS_DENIED);
}

/**
 * The event, if it exists and the caller's organisation held it. Mutations call it before
 * looking at their input, so a foreign row's owner is never probed through validation errors.
 */
export async function ownEvent(ctx: HubContext, id: string): Promise<Event> {
  // Refusals that do not depend on the row come first; a row of another organisation is then
  // reported missing, exactly like an id that does not exist ("not yours" is no oracle).
  const refused = mayHoldEvents(ctx.viewer);
  if (refused) throw refused;
  const event = await eventById(ctx).load(id);
  if (!event || eventAccessError(ctx.viewer, event.organizationId)) throw notFound('Event', id);
  return event;
}
