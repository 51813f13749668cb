import fs from 'node:fs';
import path from 'node:path';

/**
 * The directory's synonym groups (`search-synonyms.json` next to `package.json`, so the same
 * path serves `src/` under ts-jest and `dist/` in production). Read once when this module is
 * loaded, which is when the subgraph starts: a malformed file stops the start naming the line
 * and the entry, rather than serving searches that silently ignore it.
 */
export const SYNONYMS_FILE = path.join(__dirname, '..', 'search-synonyms.json');

/** One phrase as the search sees it: its words, lowercase. */
export type Phrase = string[];

export interface Synonyms {
  /** Every phrase of every group, by its words joined with a space, to the whole group. */
  byPhrase: Map<string, Phrase[]>;
  /** The most words any phrase has: how far ahead the query looks for a phrase. */
  longest: number;
}

/** Words as both full-text engines split them: runs of letters (with their accents) and digits. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{M}\p{N}]+/gu) ?? []
  );
}

const MAX_WORDS = 6;

export class SynonymFileError extends Error {
  constructor(file: string, line: number, entry: string, problem: string) {
    super(`${path.basename(file)} line ${line}, ${entry}: ${problem}`);
    this.name = 'SynonymFileError';
  }
}

/**
 * The line each value of the file starts on, by its path (`groups[2][1]`), found by scanning
 * the text the way JSON.parse reads it, so a problem found after parsing can still name its line.
 */
function valueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const stack: { key: string; index: number; array: boolean }[] = [];
  let line = 1;
  let pendingKey: string | null = null;
  const here = () => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.array ? `${top.key}[${top.index}]` : `${top.key}${top.key ? '.' : ''}${pendingKey ?? ''}`;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const str = text.slice(i + 1, j);
      const top = stack[stack.length - 1];
      if (top && !top.array && pendingKey == null) pendingKey = JSON.parse(`"${str}"`) as string;
      else lines.set(here(), line);
      i = j;
    } else if (c === '{' || c === '[') {
      const p = here();
      if (p) lines.set(p, line);
      stack.push({ key: p, index: 0, array: c === '[' });
      pendingKey = null;
    } else if (c === '}' || c === ']') {
      stack.pop();
      pendingKey = null;
    } else if (c === ',') {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      else pendingKey = null;
    } else if (/[-0-9tfn]/.test(c)) {
      const p = here();
      if (!lines.has(p)) lines.set(p, line);
    }
  }
  return lines;
}

/** Parses and checks a synonym file's text; `file` names it in errors. */
export function parseSynonyms(text: string, file: string): Synonyms {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    // V8 says where, as "line L column C" or "position N"; the line is what an editor needs.
    const message = (err as Error).message;
    const at = /line (\d+)/.exec(message)?.[1] ?? /position (\d+)/.exec(message)?.[1];
    const line = at && !/line/.test(message) ? text.slice(0, Number(at)).split('\n').length : Number(at ?? 1);
    throw new SynonymFileError(file, line, 'the file', `is not JSON (${message})`);
  }
  const lines = valueLines(text);
  const fail = (entry: string, problem: string): never => {
    throw new SynonymFileError(file, lines.get(entry) ?? 1, entry, problem);
  };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('the file', 'must be an object with "groups"');
  const extra = Object.keys(doc).filter((k) => k !== 'about' && k !== 'groups');
  if (extra.length) fail(extra[0], 'is not a key of the file (only "about" and "groups")');
  const groups = (doc as { groups?: unknown }).groups;
  if (!Array.isArray(groups)) return fail('groups', 'must be an array of phrase groups');
  const byPhrase = new Map<string, Phrase[]>();
  const owner = new Map<string, string>();
  let longest = 1;
  groups.forEach((group: unknown, g) => {
    if (!Array.isArray(group) || group.length < 2) fail(`groups[${g}]`, 'must be an array of at least two phrases');
    const phrases: Phrase[] = [];
    (group as unknown[]).forEach((phrase, p) => {
      const entry = `groups[${g}][${p}]`;
      if (typeof phrase !== 'string') return fail(entry, 'must be a string');
      const ws = words(phrase);
      // The phrase must be exactly its words: punctuation would be dropped silently by both engines.
      if (!ws.length || ws.join(' ') !== phrase.trim() || ws.length > MAX_WORDS)
        fail(entry, `"${phrase}" must be 1 to ${MAX_WORDS} lowercase words of letters and digits, one space apart`);
      const key = ws.join(' ');
      if (owner.has(key)) fail(entry, `"${phrase}" is already in ${owner.get(key)}; a phrase belongs to one group`);
      owner.set(key, `groups[${g}]`);
      phrases.push(ws);
      longest = Math.max(longest, ws.length);
    });
    for (const ph of phrases) byPhrase.set(ph.join(' '), phrases);
  });
  return { byPhrase, longest };
}

export function loadSynonyms(file: string): Synonyms {
  return parseSynonyms(fs.readFileSync(file, 'utf8'), file);
}

export const SYNONYMS: Synonyms = loadSynonyms(SYNONYMS_FILE);
