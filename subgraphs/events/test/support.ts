import { randomUUID } from 'node:crypto';
import { createLogger, Loaders, type HubContext, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import type { EntityManager } from '@mikro-orm/knex';

export const universe = demo.demoUniverse();

const eventCount = (orgId: string) => universe.events.filter((e) => e.organizationId === orgId).length;
const hosts = universe.organizations.filter((o) => eventCount(o.id) > 0);

/** The partner whose rows the tests read, a second partner with events of its own, one with none. */
export const owner = hosts[0];
export const otherPartner = hosts[1];
export const partnerWithoutEvents = universe.organizations.find((o) => eventCount(o.id) === 0)!;
export const hostOrganizations = hosts;

/** The seeded events of an organisation, as the API orders them: most recent date first, then id. */
export const seededEventsOf = (orgId: string) =>
  universe.events
    .filter((e) => e.organizationId === orgId)
    .sort((a, b) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? 1 : -1));

/** Everyone who is not staff of `owner`, and the error each must get for owner's rows. */
/**
 * Who may not touch the owner's rows, and what a field of such a row tells them. Roles that may
 * hold no event rows at all are refused outright, whatever the row.
 */
export const outsiders: [string, Viewer, 'FORBIDDEN' | 'UNAUTHENTICATED' | 'NOT_FOUND'][] = [
  ['partner_staff of another organisation', testing.viewerFor('partner_staff', otherPartner.id), 'FORBIDDEN'],
  ['district_sis', testing.viewerFor('district_sis'), 'FORBIDDEN'],
  ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
  ['cec_admin', testing.viewerFor('cec_admin'), 'FORBIDDEN'],
  ['evaluator', testing.viewerFor('evaluator'), 'FORBIDDEN'],
  ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
  ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
];

/** The same, for operations that name one row by id: another organisation's row is NOT_FOUND. */
export const rowOutsiders = outsiders.map(
  ([who, viewer, code], i) => [who, viewer, i === 0 ? 'NOT_FOUND' : code] as (typeof outsiders)[number],
);

export const ownerStaff = testing.viewerFor('partner_staff', owner.id);

/** A request context as the server builds one, for calling loaders and resolvers directly. */
export function contextFor(em: EntityManager, viewer: Viewer): HubContext {
  return { em, viewer, loaders: new Loaders(), requestId: randomUUID(), log: createLogger('events', 'silent'), after: [] };
}
