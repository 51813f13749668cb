import 'reflect-metadata';
import path from 'node:path';
import type { SubgraphDefinition } from '@c2c/kernel';
import { EventMutationResolver } from './event-mutation.resolver';
import { EventTotalsResolver } from './event-totals.resolver';
import { eventTotalsRules } from './event-totals.rules';
import { Event } from './event.entity';
import { eventReference } from './event.reference';
import { EventResolver } from './event.resolver';
import { eventRules } from './event.rules';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { organizationReference } from './organization.reference';
import { OrganizationEventsResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { seedEvents } from './seed';

/** The events subgraph: partners' event records (Imperative #2 fields) and the collaborative's aggregates of them. */
export const events: SubgraphDefinition = {
  name: 'events',
  defaultPort: 4004,
  entities: [Event],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [EventResolver, EventMutationResolver, OrganizationEventsResolver, EventTotalsResolver],
  referenceResolvers: { ...eventReference, ...organizationReference },
  rules: {
    ...eventRules,
    ...organizationRules,
    ...eventTotalsRules,
    // Spreads would keep only the last Query: both rule sets guard Query fields.
    Query: { ...eventRules.Query, ...eventTotalsRules.Query },
  },
  seed: seedEvents,
};

export { Event };
