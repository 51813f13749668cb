import { byKey, groupByKey, isUuid, type HubContext } from '@c2c/kernel';
import type { FilterQuery } from '@mikro-orm/core';
import { Event } from './event.entity';

// Malformed uuids match nothing and never reach SQL (PostgreSQL would answer with an error;
// ids in `_entities` representations are whatever the caller sent).

/** Events by id, one SQL statement per batch; for `event(id)`, the mutations and `_entities`. */
export function eventById(ctx: HubContext) {
  return ctx.loaders.get<string, Event | null>('eventById', async (ids) => {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await ctx.em.find(Event, { id: { $in: valid } }) : [];
    return byKey(ids, rows, (e) => e.id);
  });
}

/** An inclusive date window; either end may be open. */
export interface EventWindow {
  from?: string;
  to?: string;
}

interface OrganizationWindow extends EventWindow {
  organizationId: string;
}

const inWindow = (date: string, w: EventWindow) => (!w.from || date >= w.from) && (!w.to || date <= w.to);

const dateFilter = (w: EventWindow): { date?: { $gte?: string; $lte?: string } } =>
  w.from || w.to ? { date: { ...(w.from ? { $gte: w.from } : {}), ...(w.to ? { $lte: w.to } : {}) } } : {};

/**
 * One organisation's events in a window, most recent date first. Every call in a tick joins
 * one batch and one SQL statement, whatever mix of organisations and windows it asks for.
 */
export function eventsOfOrganization(ctx: HubContext, organizationId: string, window: EventWindow): Promise<Event[]> {
  // A JSON key, not a joined string: an organisation id from a representation may hold any character.
  return eventsByOrganization(ctx).load(JSON.stringify([organizationId, window.from ?? null, window.to ?? null]));
}

function eventsByOrganization(ctx: HubContext) {
  return ctx.loaders.get<string, Event[]>('eventsByOrganization', async (keys) => {
    const wanted: OrganizationWindow[] = keys.map((key) => {
      const [organizationId, from, to] = JSON.parse(key) as [string, string | null, string | null];
      return { organizationId, from: from ?? undefined, to: to ?? undefined };
    });
    // Organisations asking for the same window share one branch of the OR.
    const branches = new Map<string, EventWindow & { organizationIds: Set<string> }>();
    for (const w of wanted) {
      if (!isUuid(w.organizationId)) continue;
      const windowKey = `${w.from ?? ''}/${w.to ?? ''}`;
      const branch = branches.get(windowKey) ?? { from: w.from, to: w.to, organizationIds: new Set<string>() };
      branch.organizationIds.add(w.organizationId);
      branches.set(windowKey, branch);
    }
    if (!branches.size) return wanted.map(() => []);
    const where: FilterQuery<Event> = {
      $or: [...branches.values()].map((b) => ({ organizationId: { $in: [...b.organizationIds] }, ...dateFilter(b) })),
    };
    const rows = await ctx.em.find(Event, where, { orderBy: { date: 'desc', id: 'asc' } });
    const organizationIds = [...new Set(wanted.map((w) => w.organizationId))];
    const grouped = groupByKey(organizationIds, rows, (e) => e.organizationId);
    const byOrganization = new Map(organizationIds.map((id, i) => [id, grouped[i]]));
    return wanted.map((w) => (byOrganization.get(w.organizationId) ?? []).filter((e) => inWindow(e.date, w)));
  });
}
