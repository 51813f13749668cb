import type { EntityManager } from '@mikro-orm/core';
import type { Imperative } from '@c2c/kernel';
import { TaxonomyMapping } from './taxonomy-mapping.entity';
import type { TaxonomyIndex } from './taxonomy.loaders';

/** The crosswalks of every taxonomy: exact term codes, and code prefixes longest first, per taxonomy. */
export interface Crosswalk {
  terms: Map<string, Imperative>;
  prefixes: Map<string, { prefix: string; imperative: Imperative }[]>;
}

const key = (taxonomy: string, code: string) => `${taxonomy}\u0000${code}`;

export function crosswalkOf(rows: TaxonomyMapping[]): Crosswalk {
  const terms = new Map<string, Imperative>();
  const prefixes = new Map<string, { prefix: string; imperative: Imperative }[]>();
  for (const r of rows) {
    if (r.termCode) terms.set(key(r.taxonomy, r.termCode), r.imperative);
    else if (r.codePrefix)
      prefixes.set(r.taxonomy, [...(prefixes.get(r.taxonomy) ?? []), { prefix: r.codePrefix, imperative: r.imperative }]);
  }
  for (const list of prefixes.values()) list.sort((a, b) => b.prefix.length - a.prefix.length || a.prefix.localeCompare(b.prefix));
  return { terms, prefixes };
}

/** Every mapping of the hub in one statement: crosswalks are small (a line per term or prefix). */
export async function loadCrosswalk(em: EntityManager): Promise<Crosswalk> {
  return crosswalkOf(await em.find(TaxonomyMapping, {}));
}

/**
 * The imperative of a service from its terms, in the order they were given: the first term
 * under one of our imperatives, else the first term its taxonomy's crosswalk maps (the exact
 * code first, then the longest matching prefix, for the term and then its ancestors); null when
 * nothing maps, and the service stays unclassified.
 */
export function classify(termIds: string[], index: TaxonomyIndex, crosswalk: Crosswalk): Imperative | null {
  for (const id of termIds) {
    const own = [index.byId.get(id)!, ...index.ancestors(id)].find((t) => t?.imperative);
    if (own?.imperative) return own.imperative;
  }
  for (const id of termIds) {
    for (const t of [index.byId.get(id)!, ...index.ancestors(id)]) {
      if (!t) continue;
      const exact = crosswalk.terms.get(key(t.taxonomy, t.code));
      if (exact) return exact;
      const prefix = crosswalk.prefixes.get(t.taxonomy)?.find((p) => t.code.startsWith(p.prefix));
      if (prefix) return prefix.imperative;
    }
  }
  return null;
}
