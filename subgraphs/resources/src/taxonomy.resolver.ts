import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, conflict, isUuid, normalizeId, stableId, type HubContext } from '@c2c/kernel';
import { GraphQLError } from 'graphql';
import { summarise } from './service-upsert.mutations';
import { TaxonomyTerm } from './taxonomy-term.entity';
import { Taxonomy } from './taxonomy.entity';
import { TaxonomyInput } from './taxonomy.input';
import { taxonomyIndex } from './taxonomy.loaders';
import { UpsertBatchResult, UpsertOutcome, type UpsertRecordResult } from './upsert-result.types';

export const MAX_TAXONOMIES = 200;

/** The id of a taxonomy no record was imported for: derived from its name, so the same on every request. */
export const derivedTaxonomyId = (name: string) => stableId('hsds-taxonomy', name.trim().toLowerCase());

/**
 * Every taxonomy the hub's terms name, once per request: the stored record where there is one,
 * else one derived from the name (the hub's own `c2c`, or terms imported without a record).
 */
export async function taxonomiesOf(ctx: HubContext): Promise<Taxonomy[]> {
  return ctx.loaders
    .get<'all', Taxonomy[]>('taxonomies', async (keys) => {
      const [stored, index] = await Promise.all([ctx.em.find(Taxonomy, {}, { orderBy: { name: 'asc' } }), taxonomyIndex(ctx)]);
      const byName = new Map(stored.map((t) => [t.name, t]));
      for (const name of new Set(index.terms.map((t) => t.taxonomy)))
        if (!byName.has(name))
          byName.set(
            name,
            Object.assign(new Taxonomy(), { id: derivedTaxonomyId(name), name, description: `Terms of the ${name} taxonomy` }),
          );
      const all = [...byName.values()].sort((a, b) => (a.name === 'c2c' ? -1 : b.name === 'c2c' ? 1 : a.name.localeCompare(b.name)));
      return keys.map(() => all);
    })
    .load('all');
}

@Resolver(() => Taxonomy)
export class TaxonomyResolver {
  @Query(() => [Taxonomy], { description: 'Every taxonomy of the hub: its own (`c2c`) first, then the imported ones by name.' })
  taxonomies(@Ctx() ctx: HubContext) {
    return taxonomiesOf(ctx);
  }

  @Mutation(() => UpsertBatchResult, {
    description: `Creates or replaces taxonomy records by id (hub operators only; at most ${MAX_TAXONOMIES}), as another directory publishes them. A name another record has is CONFLICT; identical records are UNCHANGED.`,
  })
  async upsertTaxonomies(
    @Arg('input', () => [TaxonomyInput], { description: 'The records.' }) input: TaxonomyInput[],
    @Ctx() ctx: HubContext,
  ) {
    if (input.length > MAX_TAXONOMIES) throw badInput(`at most ${MAX_TAXONOMIES} records per batch`, { field: 'input' });
    const records: UpsertRecordResult[] = [];
    await ctx.em.transactional(async (em) => {
      const stored = await em.find(Taxonomy, {});
      const byId = new Map(stored.map((t) => [t.id, t]));
      const nameHolder = new Map(stored.map((t) => [t.name.toLowerCase(), t.id]));
      const seen = new Set<string>();
      for (const [index, r] of input.entries()) {
        const id = normalizeId(r.id ?? '');
        try {
          if (!isUuid(id)) throw badInput('id must be a UUID', { field: 'id' });
          if (seen.has(id)) throw conflict('the same id appears twice in the batch', { field: 'id' });
          const name = r.name?.trim() ?? '';
          if (!name || name.length > 100) throw badInput('name must be 1–100 characters', { field: 'name' });
          if (name === 'c2c') throw conflict('c2c is the hub’s own taxonomy', { field: 'name' });
          const holder = nameHolder.get(name.toLowerCase());
          if (holder && holder !== id) throw conflict('another taxonomy has this name', { field: 'name' });
          const uri = r.uri?.trim() || null;
          if (uri && (!/^https?:\/\/\S+$/.test(uri) || uri.length > 500)) throw badInput('uri must be an http(s) URL', { field: 'uri' });
          const description = r.description?.trim() || null;
          if (description && description.length > 2000)
            throw badInput('description must be at most 2000 characters', { field: 'description' });
          const version = r.version?.trim() || null;
          if (version && version.length > 100) throw badInput('version must be at most 100 characters', { field: 'version' });
          const values = { name, description, uri, version };
          seen.add(id);
          nameHolder.set(name.toLowerCase(), id);
          const existing = byId.get(id);
          if (!existing) {
            em.create(Taxonomy, { id, ...values });
            records.push({ index, id: r.id, outcome: UpsertOutcome.CREATED, errors: [] });
          } else if (Object.entries(values).every(([k, v]) => (existing as any)[k] === v)) {
            records.push({ index, id: r.id, outcome: UpsertOutcome.UNCHANGED, errors: [] });
          } else {
            em.assign(existing, values);
            records.push({ index, id: r.id, outcome: UpsertOutcome.UPDATED, errors: [] });
          }
        } catch (err) {
          if (!(err instanceof GraphQLError)) throw err;
          records.push({
            index,
            id: String(r.id ?? ''),
            outcome: UpsertOutcome.FAILED,
            errors: [{ code: String(err.extensions.code), field: (err.extensions.field as string) ?? null, message: err.message }],
          });
        }
      }
      await em.flush();
    });
    return summarise(records);
  }
}

@Resolver(() => TaxonomyTerm)
export class TaxonomyTermTaxonomyResolver {
  @FieldResolver(() => ID, { description: 'Id of the taxonomy the term belongs to (HSDS taxonomy_id).' })
  async taxonomyId(@Root() t: TaxonomyTerm, @Ctx() ctx: HubContext) {
    return (await taxonomiesOf(ctx)).find((x) => x.name === t.taxonomy)?.id ?? derivedTaxonomyId(t.taxonomy);
  }
}
