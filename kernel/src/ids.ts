import { hash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUID columns: PostgreSQL rejects anything else with an SQL error (which would reach
 * the client as an internal error), SQLite would simply find nothing. Checking first makes
 * both answer NOT_FOUND. Ids compare lowercased because PostgreSQL returns them so.
 */
export const isUuid = (value: string) => UUID.test(value);
export const normalizeId = (value: string) => value.trim().toLowerCase();

/**
 * A stable UUID-shaped id derived from its parts (name-based, like UUID v5): the same parts
 * give the same id in every process, so a re-import finds the rows it wrote before.
 */
export function stableId(...parts: (string | number)[]): string {
  const h = hash('sha1', parts.join(':'), 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
