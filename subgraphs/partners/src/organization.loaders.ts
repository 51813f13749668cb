import { byKey, isUuid, type HubContext } from '@c2c/kernel';
import { Organization } from './organization.entity';

/** Organisations by id, one SQL statement per batch; used by queries and `_entities`. */
export function organizationById(ctx: HubContext) {
  return ctx.loaders.get<string, Organization | null>('organizationById', async (ids) =>
    byKey(ids, await ctx.em.find(Organization, { id: { $in: ids.filter(isUuid) } }), (o) => o.id),
  );
}
