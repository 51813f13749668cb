import { Connection, connectionFromArray, pageWindow, type HubContext } from '@c2c/kernel';
import type { EventWindowArgs } from './event-filter.input';
import { Event } from './event.entity';
import { eventsOfOrganization } from './event.loaders';
import { dateWindow } from './event.validation';

export const EventConnection = Connection(Event, 'Event', 'A page of events, most recent date first.');

/**
 * A page of one organisation's events. Arguments are checked before the batch is joined, so
 * a bad cursor or date costs no SQL; the batch loads the whole window and pages it in memory.
 */
export async function organizationEventPage(ctx: HubContext, organizationId: string, args: EventWindowArgs) {
  pageWindow(args);
  const window = dateWindow(args);
  return connectionFromArray(await eventsOfOrganization(ctx, organizationId, window), args);
}
