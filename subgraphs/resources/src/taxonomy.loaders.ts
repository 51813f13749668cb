import type { HubContext } from '@c2c/kernel';
import { TaxonomyTerm } from './taxonomy-term.entity';

export interface TaxonomyIndex {
  terms: TaxonomyTerm[];
  byId: Map<string, TaxonomyTerm>;
  /** Ancestors of a term, nearest first. */
  ancestors(id: string): TaxonomyTerm[];
}

/**
 * The whole taxonomy, once per request: it is small (tens to a few thousand terms) and
 * searches, facets and term fields all need it, so one statement serves them all.
 */
export async function taxonomyIndex(ctx: HubContext): Promise<TaxonomyIndex> {
  const loader = ctx.loaders.get<'all', TaxonomyIndex>('taxonomyIndex', async (keys) => {
    const terms = await ctx.em.find(TaxonomyTerm, {}, { orderBy: { code: 'asc' } });
    const index = indexTerms(terms);
    return keys.map(() => index);
  });
  return loader.load('all');
}

export function indexTerms(terms: TaxonomyTerm[]): TaxonomyIndex {
  const byId = new Map(terms.map((t) => [t.id, t]));
  return {
    terms,
    byId,
    ancestors(id) {
      const out: TaxonomyTerm[] = [];
      const seen = new Set<string>([id]);
      let parent = byId.get(id)?.parentId;
      // A cycle in imported data must not hang a request.
      while (parent && !seen.has(parent) && byId.has(parent)) {
        seen.add(parent);
        out.push(byId.get(parent)!);
        parent = byId.get(parent)!.parentId;
      }
      return out;
    },
  };
}
