import * as demo from '../dataset';
import type { EntityManager } from '@mikro-orm/knex';
import { EngagementLevel, Event, EventType } from '@c2c/events';

export async function seedEvents(em: EntityManager) {
  for (const e of demo.demoUniverse().events) {
    em.create(Event, {
      id: e.id,
      organizationId: e.organizationId,
      title: e.title,
      date: e.date,
      type: e.type as EventType,
      description: e.description,
      street: e.street,
      city: e.city,
      zip: e.zip,
      targetAudience: e.targetAudience,
      engagementLevel: e.engagementLevel as EngagementLevel,
      attendees: e.attendees,
    });
  }
  await em.flush();
}
