import fs from 'node:fs';
import path from 'node:path';
import type { TermRecord } from './hsds-read';

const IMPERATIVES = ['EARLY_CHILDHOOD', 'K12', 'AFTERSCHOOL_AND_SUMMER', 'COLLEGE_AND_CAREER', 'BASIC_NEEDS'];

/**
 * A crosswalk file: one per source directory, mapping its taxonomy to our imperatives.
 *
 *     { "taxonomy": "211LA",
 *       "terms":    { "BD-1800.2000": "BASIC_NEEDS" },   // a term, by code or id
 *       "prefixes": { "LR-": "K12" } }                   // every term whose code starts so
 */
export interface CrosswalkFile {
  taxonomy: string;
  terms: Record<string, string>;
  prefixes: Record<string, string>;
}

export interface CrosswalkLine {
  termCode?: string;
  codePrefix?: string;
  imperative: string;
}

/** Reads and checks a crosswalk file's shape; throws naming the file and the entry at fault. */
export function readCrosswalk(file: string): CrosswalkFile {
  const name = path.basename(file);
  let data: any;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`crosswalk ${name} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (!data || typeof data !== 'object' || typeof data.taxonomy !== 'string' || !data.taxonomy.trim())
    throw new Error(`crosswalk ${name}: "taxonomy" must name the source taxonomy`);
  const entries = (key: 'terms' | 'prefixes'): Record<string, string> => {
    const v = data[key] ?? {};
    if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`crosswalk ${name}: "${key}" must be an object`);
    for (const [k, imp] of Object.entries(v))
      if (!IMPERATIVES.includes(imp as string))
        throw new Error(`crosswalk ${name}: ${key}.${k} must be one of ${IMPERATIVES.join(', ')}, not ${JSON.stringify(imp)}`);
    return v as Record<string, string>;
  };
  return { taxonomy: data.taxonomy.trim(), terms: entries('terms'), prefixes: entries('prefixes') };
}

/**
 * The crosswalk's lines against the terms of its taxonomy (the import's and the hub's). Every
 * term it names must exist, and every prefix must start some term's code: otherwise the whole
 * import stops, naming them, before anything is written.
 */
export function crosswalkLines(c: CrosswalkFile, file: string, terms: Pick<TermRecord, 'id' | 'code' | 'taxonomy'>[]): CrosswalkLine[] {
  const ofTaxonomy = terms.filter((t) => t.taxonomy === c.taxonomy);
  const codeOf = new Map<string, string>();
  for (const t of ofTaxonomy) {
    const code = t.code ?? t.id;
    codeOf.set(code, code);
    codeOf.set(t.id.toLowerCase(), code);
  }
  const unknownTerms = Object.keys(c.terms).filter((k) => !codeOf.has(k) && !codeOf.has(k.toLowerCase()));
  const codes = [...new Set(codeOf.values())];
  const unknownPrefixes = Object.keys(c.prefixes).filter((p) => !codes.some((code) => code.startsWith(p)));
  if (unknownTerms.length || unknownPrefixes.length) {
    const parts = [
      unknownTerms.length ? `terms ${unknownTerms.join(', ')}` : '',
      unknownPrefixes.length ? `prefixes ${unknownPrefixes.join(', ')} (no term code starts with them)` : '',
    ].filter(Boolean);
    throw new Error(
      `crosswalk ${path.basename(file)} names ${parts.join(' and ')} not in the ${c.taxonomy} taxonomy (of the import or the hub)`,
    );
  }
  const byCode = new Map<string, string>();
  for (const [k, imperative] of Object.entries(c.terms)) byCode.set(codeOf.get(k) ?? codeOf.get(k.toLowerCase())!, imperative);
  return [
    ...[...byCode].map(([termCode, imperative]) => ({ termCode, imperative })),
    ...Object.entries(c.prefixes).map(([codePrefix, imperative]) => ({ codePrefix, imperative })),
  ];
}
