import { byKey, groupByKey, type HubContext, isUuid, normalizeId } from '@c2c/kernel';
import { Service } from './service.entity';
import { serviceVisibility } from './service.access';

/**
 * Services by id, one SQL statement per batch, whatever their status: callers apply
 * `serviceVisibility` themselves because an update must tell "hidden" from "missing".
 */
export function serviceById(ctx: HubContext) {
  return ctx.loaders.get<string, Service | null>('serviceById', async (ids) => {
    const keys = ids.map(normalizeId);
    const wanted = [...new Set(keys.filter(isUuid))];
    const rows = wanted.length ? await ctx.em.find(Service, { id: { $in: wanted } }) : [];
    return byKey(keys, rows, (s) => s.id);
  });
}

/**
 * The same services as plain rows for reading: the columns mapped to the entity's properties
 * and types by MikroORM, with no entity made of them. Making entities (identity map, change
 * tracking) cost about 30 µs a service, most of `_entities` for 100 services (BENCHMARKS.md).
 * Service has no relations, and its field resolvers go through loaders by id, so a row answers
 * every field an entity would. Writes load entities (serviceById).
 */
export function serviceRowById(ctx: HubContext) {
  return ctx.loaders.get<string, Service | null>('serviceRowById', async (ids) => {
    const keys = ids.map(normalizeId);
    const wanted = [...new Set(keys.filter(isUuid))];
    // knex's builder, not MikroORM's: MikroORM's makes a criteria node of each id and writes
    // the ids into the SQL text, so SQLite prepares every batch anew; knex binds them. For 100
    // ids that took this loader from 2.3 to 1.6 ms in process, and a single id from 0.38 to 0.20.
    const meta = ctx.em.getMetadata().get(Service.name);
    const driver = ctx.em.getDriver();
    // Inside a transaction, its connection: a row written in it is read back.
    const knex = ctx.em.getTransactionContext<ReturnType<typeof ctx.em.getKnex>>() ?? ctx.em.getKnex();
    const rows = wanted.length
      ? ((await knex(meta.tableName).select('*').whereIn('id', wanted)) as Record<string, unknown>[]).map(
          (row) => driver.mapResult(row, meta) as Service,
        )
      : [];
    // The mapping converts every type but JSON, which SQLite hands back as text: languages is
    // Service's one JSON property (another would be parsed here too).
    for (const row of rows) if (typeof row.languages === 'string') row.languages = JSON.parse(row.languages) as string[];
    return byKey(keys, rows, (s) => s.id);
  });
}

/**
 * The services of many organisations that this request's viewer may see, by name: one SQL
 * statement per batch (e.g. `_entities` for a page of organisations). The loader lives for
 * one request, so filtering by the viewer inside it is safe.
 */
export function servicesByOrganization(ctx: HubContext) {
  return ctx.loaders.get<string, Service[]>('servicesByOrganization', async (orgIds) => {
    const keys = orgIds.map(normalizeId);
    const wanted = [...new Set(keys.filter(isUuid))];
    const rows = wanted.length
      ? await ctx.em.find(
          Service,
          { $and: [{ organizationId: { $in: wanted } }, serviceVisibility(ctx.viewer).where] },
          { orderBy: { name: 'asc', id: 'asc' } },
        )
      : [];
    return groupByKey(keys, rows, (s) => s.organizationId);
  });
}
