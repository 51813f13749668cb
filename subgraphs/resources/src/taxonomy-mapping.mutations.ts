import { Arg, Ctx, Field, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { badInput, type HubContext } from '@c2c/kernel';
import { Service } from './service.entity';
import { ServiceTaxonomy } from './service-taxonomy.entity';
import { TaxonomyMapping } from './taxonomy-mapping.entity';
import { TaxonomyMappingInput } from './taxonomy-mapping.input';
import { classify, loadCrosswalk } from './taxonomy-mapping.logic';
import { taxonomyIndex } from './taxonomy.loaders';

export const MAX_MAPPINGS = 2000;

@ObjectType({ description: 'A taxonomy’s crosswalk as stored, and how many services it classified or reclassified.' })
export class TaxonomyCrosswalkResult {
  @Field(() => [TaxonomyMapping], { description: 'The crosswalk lines now stored for the taxonomy.' })
  mappings: TaxonomyMapping[];

  @Field(() => Int, { description: 'Services that had no imperative and now have one from this crosswalk.' })
  classified: number;

  @Field(() => Int, {
    description:
      'Services whose imperative had come from the previous crosswalk and now is another one, or none (unclassified again) when no line maps them any more.',
  })
  reclassified: number;
}

/** Crosswalks from other directories' taxonomies to our imperatives. */
@Resolver(() => TaxonomyMapping)
export class TaxonomyMappingResolver {
  @Query(() => [TaxonomyMapping], { description: 'The crosswalk lines of one taxonomy, or of all, by taxonomy, code and prefix.' })
  async taxonomyMappings(
    @Arg('taxonomy', () => String, { nullable: true, description: 'Only this taxonomy’s lines.' }) taxonomy: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.em.find(TaxonomyMapping, taxonomy ? { taxonomy } : {}, { orderBy: { taxonomy: 'asc', termCode: 'asc', codePrefix: 'asc' } });
  }

  @Mutation(() => TaxonomyCrosswalkResult, {
    description: `Replaces the crosswalk of one imported taxonomy (hub operators only; at most ${MAX_MAPPINGS} lines): each line maps one term (by code) or every term under a code prefix to an imperative. A line naming a term the taxonomy does not have, or a prefix no term starts with, refuses the whole crosswalk (BAD_USER_INPUT naming the line). Services of the taxonomy are classified again at once: those that had no imperative, and those whose imperative came from the previous crosswalk (an imperative given explicitly, other than the crosswalk’s, is kept); later imports classify by it too.`,
  })
  async setTaxonomyMappings(
    @Arg('taxonomy', () => String, { description: 'The taxonomy (as the terms’ `taxonomy` names it).' }) taxonomy: string,
    @Arg('mappings', () => [TaxonomyMappingInput], { description: 'The whole crosswalk; an empty list removes it.' })
    mappings: TaxonomyMappingInput[],
    @Ctx() ctx: HubContext,
  ): Promise<TaxonomyCrosswalkResult> {
    const name = taxonomy.trim();
    const index = await taxonomyIndex(ctx);
    const codes = index.terms.filter((t) => t.taxonomy === name).map((t) => t.code);
    if (name === 'c2c') throw badInput('the hub’s own taxonomy is classified by its tree, not by a crosswalk', { field: 'taxonomy' });
    if (!codes.length) throw badInput(`no taxonomy ${name.slice(0, 100)} in the hub: import its terms first`, { field: 'taxonomy' });
    if (mappings.length > MAX_MAPPINGS) throw badInput(`at most ${MAX_MAPPINGS} lines`, { field: 'mappings' });
    const known = new Set(codes);
    const seen = new Set<string>();
    const lines = mappings.map((m, i) => {
      const termCode = m.termCode?.trim() || null;
      const codePrefix = m.codePrefix?.trim() || null;
      if (!termCode === !codePrefix) throw badInput('give exactly one of termCode and codePrefix', { field: `mappings[${i}]` });
      if (termCode && !known.has(termCode))
        throw badInput(`${name} has no term ${termCode.slice(0, 100)}`, { field: `mappings[${i}].termCode` });
      if (codePrefix && !codes.some((c) => c.startsWith(codePrefix)))
        throw badInput(`no term of ${name} has a code starting with ${codePrefix.slice(0, 100)}`, { field: `mappings[${i}].codePrefix` });
      const k = termCode ? `t:${termCode}` : `p:${codePrefix}`;
      if (seen.has(k)) throw badInput('this line appears twice', { field: `mappings[${i}]` });
      seen.add(k);
      return { taxonomy: name, termCode, codePrefix, imperative: m.imperative };
    });

    return ctx.em.transactional(async (em) => {
      const before = await loadCrosswalk(em);
      await em.nativeDelete(TaxonomyMapping, { taxonomy: name });
      const stored = lines.map((l) => em.create(TaxonomyMapping, l));
      await em.flush();
      // The services tagged with a term of this taxonomy, and their terms.
      const termIds = index.terms.filter((t) => t.taxonomy === name).map((t) => t.id);
      const tagged = await em.find(ServiceTaxonomy, { termId: { $in: termIds }, direct: true }, { fields: ['serviceId'] });
      const services = tagged.length ? await em.find(Service, { id: { $in: [...new Set(tagged.map((t) => t.serviceId))] } }) : [];
      const crosswalk = await loadCrosswalk(em);
      const terms = services.length
        ? await em.find(ServiceTaxonomy, { serviceId: { $in: services.map((s) => s.id) }, direct: true }, { orderBy: { termId: 'asc' } })
        : [];
      let classified = 0;
      let reclassified = 0;
      for (const s of services) {
        const own = terms.filter((t) => t.serviceId === s.id).map((t) => t.termId);
        // No provenance is stored: an imperative is the crosswalk's when the previous crosswalk gives exactly it.
        // One given explicitly and different from it stays; one given explicitly and equal cannot be told apart.
        const current = s.imperative ?? null;
        if (current !== null && current !== classify(own, index, before)) continue;
        const imperative = classify(own, index, crosswalk);
        if (imperative === current) continue;
        s.imperative = imperative;
        if (current === null) classified++;
        else reclassified++;
      }
      await em.flush();
      return {
        mappings: stored.sort(
          (a, b) => (a.termCode ?? '').localeCompare(b.termCode ?? '') || (a.codePrefix ?? '').localeCompare(b.codePrefix ?? ''),
        ),
        classified,
        reclassified,
      };
    });
  }
}
