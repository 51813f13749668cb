import { SYNONYMS, words, type Phrase, type Synonyms } from './search-synonyms.logic';

/**
 * Full-text search over the `service_fts` index the migrations build (Migration20261201141500):
 * on PostgreSQL a weighted `tsvector` with a GIN index, on SQLite an FTS5 table, both fed by
 * triggers from the service's name, its taxonomy terms' names and its description, stemmed the
 * same way (Snowball/Porter English) and with no stop-word list, so both dialects find the same
 * services. The query is built here from words alone, never from the user's text as syntax.
 */

/** The PostgreSQL text search configuration the migration creates: English stemming, stop words kept. */
export const PG_CONFIG = 'c2c_search';

/**
 * Words dropped from a query when other words remain: they are in almost every description,
 * so requiring them would only lose matches ("help for homework"). The index keeps them, so a
 * query of nothing else ("the") still means something and so that phrases like "after school"
 * match exactly. The list is PostgreSQL's English stop words.
 */
const STOP_WORDS = new Set(
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its ' +
    'itself they them their theirs themselves what which who whom this that these those am is are was were be been being have ' +
    'has had having do does did doing a an the and but if or because as until while of at by for with about against between ' +
    'into through during before after above below to from up down in out on off over under again further then once here there ' +
    'when where why how all any both each few more most other some such no nor not only own same so than too very s t can will ' +
    'just don should now'
  ).split(' '),
);

/** One word of the query: any of its alternatives must match (its synonyms, or just itself). */
export interface QueryUnit {
  alternatives: Phrase[];
  /** The last word as typed so far: matches any word starting with it ("tut" → tutoring). */
  prefix: boolean;
}

/** A prefix shorter than this would match too much of the index to be what anyone meant. */
const MIN_PREFIX = 3;

/**
 * The user's text as a conjunction of units: phrases of the synonym file (longest first) become
 * one unit with the whole group as alternatives; other words stand for themselves. Empty when
 * the text has no words at all (only punctuation): such a search matches nothing.
 */
export function parseQuery(text: string, synonyms: Synonyms = SYNONYMS): QueryUnit[] {
  const ws = words(text);
  const units: (QueryUnit & { stop: boolean })[] = [];
  for (let i = 0; i < ws.length;) {
    let matched = 0;
    for (let n = Math.min(synonyms.longest, ws.length - i); n >= 1 && !matched; n--) {
      const group = synonyms.byPhrase.get(ws.slice(i, i + n).join(' '));
      if (group) {
        units.push({ alternatives: group, prefix: false, stop: false });
        matched = n;
      }
    }
    if (!matched) {
      units.push({ alternatives: [[ws[i]]], prefix: false, stop: STOP_WORDS.has(ws[i]) });
      matched = 1;
    }
    i += matched;
  }
  const kept = units.some((u) => !u.stop) ? units.filter((u) => !u.stop) : units;
  const last = kept[kept.length - 1];
  // A word the user has finished (a space after it) or a known synonym is matched whole.
  if (last && !/\s$/.test(text) && last.alternatives.length === 1 && last.alternatives[0][0].length >= MIN_PREFIX) {
    if (units[units.length - 1] === last) last.prefix = true;
  }
  return kept.map(({ alternatives, prefix }) => ({ alternatives, prefix }));
}

/**
 * The query for PostgreSQL's `to_tsquery`. Safe to build as text: every word is letters and
 * digits only (see `words`), so the operators here are the only syntax in it.
 */
export function tsQuery(units: QueryUnit[], o: { nameOnly?: boolean } = {}): string {
  // Weight A is the name (see the migration's service_fts_refresh).
  const weight = o.nameOnly ? 'A' : '';
  return units
    .map((u) => {
      const alts = u.alternatives.map((p) =>
        u.prefix ? `${p[0]}:*${weight}` : p.map((w) => (weight ? `${w}:${weight}` : w)).join(' <-> '),
      );
      return alts.length > 1 ? `(${alts.join(' | ')})` : alts[0];
    })
    .join(' & ');
}

/** The query for FTS5's MATCH: every word in double quotes (a phrase when several), so none is read as syntax. */
export function ftsMatch(units: QueryUnit[], o: { nameOnly?: boolean } = {}): string {
  if (o.nameOnly) return `name : (${ftsMatch(units)})`;
  return units
    .map((u) => {
      const alts = u.alternatives.map((p) => `"${p.join(' ')}"${u.prefix ? '*' : ''}`);
      return alts.length > 1 ? `(${alts.join(' OR ')})` : alts[0];
    })
    .join(' AND ');
}

/**
 * Relevance comes in two tiers: services whose name alone matches the whole query first, then
 * the rest, each tier by the engine's score. The score alone would not do it: BM25 saturates a
 * word's weight after a few occurrences and adds up the alternatives of a synonym group, so a
 * listing that mentions "after school" in passing and is tagged "Afterschool" could outscore
 * the "Afterschool Club".
 *
 * Relevance weights, the name above the taxonomy terms above the description: a service called
 * "Food pantry" is a better answer to "food" than one that mentions snacks. FTS5 takes one weight
 * per column (name, terms, description); PostgreSQL's A, B and C weights are set by the trigger.
 */
export const FTS5_WEIGHTS = [10, 4, 1] as const;
