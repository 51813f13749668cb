const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUID columns: PostgreSQL rejects anything else with an SQL error (which would reach
 * the client as an internal error), SQLite would simply find nothing. Checking first makes
 * both answer NOT_FOUND. Ids compare lowercased because PostgreSQL returns them so.
 */
export const isUuid = (value: string) => UUID.test(value);
export const normalizeId = (value: string) => value.trim().toLowerCase();
