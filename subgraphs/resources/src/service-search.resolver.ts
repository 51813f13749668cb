import { Arg, Args, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { badInput, connectionOf, Imperative, notFound, pageWindow, type HubContext } from '@c2c/kernel';
import type { GraphQLResolveInfo } from 'graphql';
import { Info } from 'type-graphql';
import { checkFilter, searchServices } from './service-search.logic';
import { ServiceGap, ServiceSearchArgs, ServiceSearchResult } from './service-search.types';
import { ServiceStatus } from './service-status.enum';
import { TaxonomyTerm } from './taxonomy-term.entity';
import { taxonomyIndex, type TaxonomyIndex } from './taxonomy.loaders';

const IMPERATIVE_ORDER = Object.values(Imperative) as string[];

/** Terms depth first: the imperatives in their usual order, each followed by its sub-terms by name. */
export function treeOrder(index: TaxonomyIndex): TaxonomyTerm[] {
  const children = new Map<string | null, TaxonomyTerm[]>();
  for (const t of index.terms) {
    const parent = t.parentId && index.byId.has(t.parentId) ? t.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), t]);
  }
  const rank = (t: TaxonomyTerm) => (t.imperative ? IMPERATIVE_ORDER.indexOf(t.imperative) : IMPERATIVE_ORDER.length);
  const out: TaxonomyTerm[] = [];
  const seen = new Set<string>();
  const visit = (parent: string | null) => {
    const list = [...(children.get(parent) ?? [])].sort(
      (a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.id < b.id ? -1 : 1),
    );
    for (const t of list) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      out.push(t);
      visit(t.id);
    }
  };
  visit(null);
  return out;
}

/** Whether the selection asks for a field, so unrequested facet and count queries are skipped. */
function asks(info: GraphQLResolveInfo, field: string): boolean {
  return info.fieldNodes.some((n) => n.selectionSet?.selections.some((s) => s.kind === 'Field' && s.name.value === field));
}

@Resolver()
export class ServiceSearchResolver {
  @Query(() => ServiceSearchResult, {
    description:
      'Searches the public directory: ACTIVE and TEMPORARILY_CLOSED services (open-now and open-at: ACTIVE only), every filter combined with AND. Best match first for `text` (full-text, with synonyms), nearest first with `near` (within its radius) or `distanceFrom` (all, services without a site last), otherwise by name.',
  })
  async searchServices(@Args() args: ServiceSearchArgs, @Ctx() ctx: HubContext, @Info() info: GraphQLResolveInfo) {
    const page = pageWindow(args);
    const filter = await checkFilter(args, ctx);
    const wantsFacets = asks(info, 'facets');
    const result = await searchServices(ctx, filter, page, {
      facets: wantsFacets,
      total: asks(info, 'totalCount') || asks(info, 'pageInfo'),
    });
    const connection = connectionOf(result.items, result.totalCount, page);
    let facets: { term: TaxonomyTerm; count: number }[] = [];
    if (result.facets) {
      const counts = new Map(result.facets.map((f) => [f.termId, f.count]));
      facets = treeOrder(await taxonomyIndex(ctx))
        .filter((t) => counts.get(t.id))
        .map((term) => ({ term, count: counts.get(term.id)! }));
    }
    return {
      edges: connection.edges.map((e) => ({ node: e.node.service, cursor: e.cursor, distanceKm: e.node.distanceKm })),
      pageInfo: connection.pageInfo,
      totalCount: connection.totalCount,
      facets,
    };
  }

  @Query(() => [TaxonomyTerm], { description: 'The whole service taxonomy, depth first: each imperative, then its sub-terms by name.' })
  async taxonomyTerms(@Ctx() ctx: HubContext) {
    return treeOrder(await taxonomyIndex(ctx));
  }

  @Query(() => TaxonomyTerm, { nullable: true, description: 'One taxonomy term by id; NOT_FOUND when there is none.' })
  async taxonomyTerm(@Arg('id', () => ID, { description: 'Term id.' }) id: string, @Ctx() ctx: HubContext) {
    const term = (await taxonomyIndex(ctx)).byId.get(id.trim().toLowerCase());
    if (!term) throw notFound('Taxonomy term', id.slice(0, 60));
    return term;
  }

  @Query(() => [ServiceGap], {
    description:
      'For collaborative leads: per ZIP code and imperative, how many ACTIVE services serve it (by service area). Every ZIP code any service serves appears with all five imperatives, zeros included, by ZIP then imperative, then (when there are any) its unclassified services.',
  })
  async serviceGaps(
    @Arg('maxServices', () => Int, { nullable: true, description: 'Only cells with at most this many services (0 lists the gaps only).' })
    maxServices: number | null,
    @Arg('zips', () => [String], { nullable: true, description: 'Only these five-digit ZIP codes (at most 200).' }) zips: string[] | null,
    @Ctx() ctx: HubContext,
  ) {
    if (maxServices != null && maxServices < 0) throw badInput('maxServices must be 0 or more', { field: 'maxServices' });
    if (zips) {
      if (zips.length > 200) throw badInput('zips lists at most 200 ZIP codes', { field: 'zips' });
      const bad = zips.findIndex((z) => !/^\d{5}$/.test(z));
      if (bad >= 0) throw badInput('zips must be five-digit ZIP codes', { field: `zips[${bad}]` });
    }
    const knex = ctx.em.getKnex();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- knex rows are untyped: the cast names their shape
    const counts = (await knex('service_area as sa')
      .join('service as s', 's.id', 'sa.service_id')
      .where('s.status', ServiceStatus.ACTIVE)
      .modify((q) => {
        if (zips) q.whereIn('sa.postal_code', zips);
      })
      .select('sa.postal_code as zip', 's.imperative as imperative')
      .countDistinct({ n: 's.id' })
      .groupBy('sa.postal_code', 's.imperative')) as { zip: string; imperative: string; n: string | number }[];
    const allZips = zips
      ? [...new Set(zips)]
      : // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- knex rows are untyped: the cast names their shape
        ((await knex('service_area').distinct('postal_code')) as { postal_code: string }[]).map((r) => r.postal_code);
    const byCell = new Map(counts.map((c) => [`${c.zip}|${c.imperative ?? 'null'}`, Number(c.n)]));
    const cells: ServiceGap[] = [];
    for (const zip of allZips.filter((z) => /^\d{5}$/.test(z)).sort()) {
      for (const imperative of IMPERATIVE_ORDER as Imperative[]) {
        const activeServices = byCell.get(`${zip}|${imperative}`) ?? 0;
        if (maxServices == null || activeServices <= maxServices) cells.push({ zip, imperative, unclassified: false, activeServices });
      }
      // Not a gap but work to do: shown whenever there is any, whatever maxServices.
      const unclassified = byCell.get(`${zip}|null`) ?? 0;
      if (unclassified > 0) cells.push({ zip, imperative: null, unclassified: true, activeServices: unclassified });
    }
    return cells;
  }
}
