import { byKey, groupByKey, type HubContext, isUuid, normalizeId } from '@c2c/kernel';
import { Location } from './location.entity';
import { Service } from './service.entity';
import { serviceVisibility } from './service.access';
import { ServiceAtLocation } from './service-at-location.entity';

const wantedIds = (ids: readonly string[]) => [...new Set(ids.map(normalizeId).filter(isUuid))];

/** service_at_location rows of many services, one statement per batch. */
export const serviceAtLocationsOf = (ctx: HubContext) =>
  ctx.loaders.get<string, ServiceAtLocation[]>('serviceAtLocationsOf', async (ids) => {
    const wanted = wantedIds(ids);
    const rows = wanted.length ? await ctx.em.find(ServiceAtLocation, { serviceId: { $in: wanted } }, { orderBy: { id: 'asc' } }) : [];
    return groupByKey(ids.map(normalizeId), rows, (r) => r.serviceId);
  });

/** service_at_location rows by their own id, one statement per batch. */
export const serviceAtLocationById = (ctx: HubContext) =>
  ctx.loaders.get<string, ServiceAtLocation | null>('serviceAtLocationById', async (ids) => {
    const wanted = wantedIds(ids);
    const rows = wanted.length ? await ctx.em.find(ServiceAtLocation, { id: { $in: wanted } }) : [];
    return byKey(ids.map(normalizeId), rows, (r) => r.id);
  });

/** Locations by id, one statement per batch; for callers that already checked the service. */
export const locationById = (ctx: HubContext) =>
  ctx.loaders.get<string, Location | null>('locationById', async (ids) => {
    const wanted = wantedIds(ids);
    const rows = wanted.length ? await ctx.em.find(Location, { id: { $in: wanted } }) : [];
    return byKey(ids.map(normalizeId), rows, (l) => l.id);
  });

/**
 * Locations by id that the viewer may see: a location is visible when one of its services is.
 * Three statements per batch (links, the visible services behind them, the locations), whatever its size.
 */
export const visibleLocationById = (ctx: HubContext) =>
  ctx.loaders.get<string, Location | null>('visibleLocationById', async (ids) => {
    const wanted = wantedIds(ids);
    if (!wanted.length) return ids.map(() => null);
    const links = await ctx.em.find(ServiceAtLocation, { locationId: { $in: wanted } });
    const services = links.length
      ? await ctx.em.find(Service, {
          $and: [{ id: { $in: [...new Set(links.map((l) => l.serviceId))] } }, serviceVisibility(ctx.viewer).where],
        })
      : [];
    const shown = new Set(services.map((x) => x.id));
    const open = [...new Set(links.filter((l) => shown.has(l.serviceId)).map((l) => l.locationId))];
    const rows = open.length ? await ctx.em.find(Location, { id: { $in: open } }) : [];
    return byKey(ids.map(normalizeId), rows, (l) => l.id);
  });
