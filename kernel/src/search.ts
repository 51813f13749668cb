/**
 * A case-insensitive substring pattern for `lower(column) like ? escape '!'`. `!` rather than
 * backslash escapes `%` and `_`: SQLite has no default LIKE escape, and a backslash means
 * different things in the two dialects' string literals.
 */
export function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}
