import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { EventMutations } from './event.mutations';
import { EventTotalsResolver } from './event-totals.resolver';
import { eventTotalsRules } from './event-totals.rules';
import { Event } from './event.entity';
import { EventImport } from './event-import.entity';
import { EventImportMutations } from './event-import.mutations';
import { EventImportResolver } from './event-import.resolver';
import { eventImportRules } from './event-import.rules';
import { EventReportResolver } from './event-report.resolver';
import { eventReportRules } from './event-report.rules';
import { eventReference } from './event.reference';
import { EventResolver } from './event.resolver';
import { eventRules } from './event.rules';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { OrganizationEventsResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';

/** The events subgraph: partners' event records (Imperative #2 fields) and the collaborative's aggregates of them. */
export const events: SubgraphDefinition = {
  name: 'events',
  entities: [Event, EventImport],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [
    EventResolver,
    EventMutations,
    OrganizationEventsResolver,
    EventTotalsResolver,
    EventImportResolver,
    EventImportMutations,
    EventReportResolver,
  ],
  // Whether an organisation a hub operator imports for exists.
  peers: ['partners'],
  referenceResolvers: { ...eventReference, ...stubReference('Organization') },
  rules: mergeRules(eventRules, organizationRules, eventTotalsRules, eventImportRules, eventReportRules),
};

export { Event, EventImport };
export { readSpreadsheet, type SheetLayout, type SheetRow } from './event-import-read.logic';
export { ImportFileError, parseColumnMap, IMPORT_FIELDS, type ImportField } from './event-import-values.logic';
export { EngagementLevel } from './engagement-level.enum';
export { EventType } from './event-type.enum';
