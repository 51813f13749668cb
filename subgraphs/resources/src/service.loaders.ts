import { ReferenceKind, type EntityMetadata, type EntityProperty } from '@mikro-orm/core';
import { isObjectType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
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
 * Service has no relations, and its field resolvers go through loaders by id, so a full row
 * answers every field an entity would. Writes load entities (serviceById).
 *
 * `columns` (from `serviceColumns`) narrows the row to what the request reads; rows of each
 * set of columns are loaded and kept apart.
 */
export function serviceRowById(ctx: HubContext, columns?: readonly string[]) {
  const which = columns ? columns.join(',') : '*';
  return ctx.loaders.get<string, Service | null>(`serviceRowById:${which}`, async (ids) => {
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
      ? (
          (await knex(meta.tableName)
            .select(columns ?? '*')
            .whereIn('id', wanted)) as Record<string, unknown>[]
        ).map((row) => driver.mapResult(row, meta) as Service)
      : [];
    // The mapping converts every type but JSON, which SQLite hands back as text: languages is
    // Service's one JSON property (another would be parsed here too).
    for (const row of rows) if (typeof row.languages === 'string') row.languages = JSON.parse(row.languages) as string[];
    return byKey(keys, rows, (s) => s.id);
  });
}

/** What `serviceVisibility` reads of a row, and the key: in every narrowed row. */
const ALWAYS_READ = ['id', 'status', 'organizationId'] as const;

const columnsOfSelection = new WeakMap<FieldNode, readonly string[] | null>();

/**
 * The columns of Service that the selection under `_entities` reads, or undefined for all of
 * them. Reading 28 columns of 100 rows was half of `_entities` for 100 services after the
 * mapping to rows (1.3 of 2.6 ms in process); the benchmark's six fields need 8.
 *
 * Only fields that graphql answers by reading the property of the same name narrow the row: those
 * without a resolver in the built schema (kernel/src/federation.ts gives allow-only plain
 * properties graphql's default resolver). Any other field, whose resolver might read any
 * property, asks for the whole row. The answer depends only on the `_entities` field's node
 * and its document's fragments; Apollo Server keeps each parsed document, so for the usual single
 * node it is worked out once per document (graphql builds `fieldNodes` anew per request, so it
 * is the node that is the key). Several nodes (the field selected twice under one name) are
 * worked out per call.
 */
export function serviceColumns(info: GraphQLResolveInfo, meta: EntityMetadata<Service>): readonly string[] | undefined {
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  let known = node ? columnsOfSelection.get(node) : undefined;
  if (known === undefined) {
    known = narrowColumns(info, meta);
    if (node) columnsOfSelection.set(node, known);
  }
  return known ?? undefined;
}

function narrowColumns(info: GraphQLResolveInfo, meta: EntityMetadata<Service>): readonly string[] | null {
  const type = info.schema.getType(Service.name);
  if (!isObjectType(type)) return null;
  const fields = type.getFields();
  const props = meta.properties as Record<string, EntityProperty<Service> | undefined>;
  const properties = new Set<string>(ALWAYS_READ);
  const visit = (set: SelectionSetNode | undefined, fragments: Set<string>): boolean => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === '__typename') continue;
        const field = fields[name];
        const prop = props[name];
        if (!field || field.resolve || !prop || prop.kind !== ReferenceKind.SCALAR || prop.persist === false) return false;
        properties.add(name);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const on = sel.typeCondition?.name.value;
        if (on && on !== Service.name) continue;
        if (!visit(sel.selectionSet, fragments)) return false;
      } else {
        const name = sel.name.value;
        const fragment = info.fragments[name];
        if (!fragment) return false;
        if (fragment.typeCondition.name.value !== Service.name || fragments.has(name)) continue;
        if (!visit(fragment.selectionSet, new Set(fragments).add(name))) return false;
      }
    }
    return true;
  };
  for (const node of info.fieldNodes) if (!visit(node.selectionSet, new Set())) return null;
  return [...properties].flatMap((p) => props[p]!.fieldNames).sort();
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
