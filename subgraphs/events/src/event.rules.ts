import { allowAll, hasAnyRole, isStaffOf } from '@c2c/kernel';
import type { Event } from './event.entity';

/** Partner staff; which organisation's rows they reach is checked on the rows (event.access.ts). */
export const isPartnerStaff = hasAnyRole('partner_staff');

/** Checked on every field of every Event, however the row was reached. */
export const ownsEvent = isStaffOf('event', (event: Event) => event.organizationId);

export const eventRules = {
  Query: { event: isPartnerStaff, events: isPartnerStaff },
  Mutation: { createEvent: isPartnerStaff, updateEvent: isPartnerStaff, deleteEvent: isPartnerStaff },
  Event: ownsEvent,
  ...allowAll('EventConnection', 'EventEdge'),
};
