import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { conflict, notFound, type EntityManager } from '@c2c/kernel';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { Event } from './event.entity';
import { EventImport } from './event-import.entity';
import { eventNaturalKey } from './event-key.logic';
import { readSpreadsheet, type SheetLayout, type SheetRow } from './event-import-read.logic';
import {
  attendeesOf,
  audienceOf,
  dateOf,
  engagementLevelOf,
  eventTypeOf,
  IMPORT_FIELDS,
  notFormula,
  parseColumnMap,
  REQUIRED_IMPORT_FIELDS,
  RowProblem,
  zipOf,
  type ImportField,
} from './event-import-values.logic';
import { EARLIEST_EVENT_DATE, eventValues, MAX_ATTENDEES, type EventValues } from './event.validation';
import { todayUtc } from './iso-date.logic';

/** One rejected row's fault: where in the file, and why. */
export interface RowError {
  sheet: string;
  row: number;
  column: string;
  reason: string;
}

/** A row checked: the event it describes, or every fault it has. */
export type CheckedRow =
  { row: SheetRow; values: EventValues; errors?: undefined } | { row: SheetRow; values?: undefined; errors: RowError[] };

const label = (field: ImportField) => field.replace(/([A-Z])/g, ' $1').toLowerCase();

/**
 * Checks one row as `createEvent` checks its input (lengths, control characters, ranges), after
 * turning the partner's spellings into the hub's values. Dates in the future are refused: an
 * import reports events that took place.
 */
export function checkRow(row: SheetRow, columns: ReadonlyMap<ImportField, string>, today: string = todayUtc()): CheckedRow {
  const errors: RowError[] = [];
  const column = (field: ImportField) => columns.get(field) ?? field;
  const fail = (field: ImportField, reason: string) => errors.push({ sheet: row.sheet, row: row.row, column: column(field), reason });
  const value = <T>(field: ImportField, normalise: (v: string) => T): T | undefined => {
    const raw = row.cells[field]?.trim();
    if (!raw) {
      if (REQUIRED_IMPORT_FIELDS.includes(field)) fail(field, `${label(field)} is blank`);
      return undefined;
    }
    try {
      notFormula(raw);
      return normalise(raw);
    } catch (err) {
      if (err instanceof RowProblem) {
        fail(field, `${label(field)} ${err.message}`);
        return undefined;
      }
      throw err;
    }
  };
  const input = {
    title: value('title', (v) => v),
    date: value('date', (v) => {
      const d = dateOf(v);
      if (d > today) throw new RowProblem(`${d} is in the future`);
      if (d < EARLIEST_EVENT_DATE) throw new RowProblem(`${d} is before ${EARLIEST_EVENT_DATE}`);
      return d;
    }),
    type: value('type', eventTypeOf),
    description: value('description', (v) => v) ?? null,
    street: value('street', (v) => v),
    city: value('city', (v) => v),
    zip: value('zip', zipOf),
    targetAudience: value('targetAudience', audienceOf),
    engagementLevel: value('engagementLevel', engagementLevelOf),
    attendees: value('attendees', (v) => attendeesOf(v, MAX_ATTENDEES)),
  };
  if (errors.length) return { row, errors };
  try {
    return { row, values: eventValues(input as Parameters<typeof eventValues>[0], today) };
  } catch (err) {
    // eventValues names its field as `input.<field>`; the row report names the file's column.
    const field = String((err as GraphQLError).extensions?.field ?? '').replace(/^input\./, '') as ImportField;
    if (!IMPORT_FIELDS.includes(field)) throw err;
    fail(field, (err as Error).message);
    return { row, errors };
  }
}

export interface ImportRequest {
  organizationId: string;
  importedBy: string;
  fileName: string;
  fileHash: string;
  /** A batch of a larger import: the record the earlier batches started. */
  importId?: string | null;
  rows: readonly SheetRow[];
  columns: ReadonlyMap<ImportField, string>;
  dryRun: boolean;
  allOrNothing: boolean;
  today?: string;
}

export interface ImportOutcome {
  importRecord: EventImport | null;
  dryRun: boolean;
  written: boolean;
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  errors: RowError[];
}

/** SQLite binds at most 32766 variables a statement; PostgreSQL 65535. */
const KEY_CHUNK = 1000;

/**
 * Writes a batch of rows, in one transaction: either every new event of the batch and its
 * import record's counts, or nothing. Rows whose natural key is already stored (or appears
 * earlier in the batch) are duplicates, left as they are. A dry run, and an all-or-nothing
 * batch with a rejected row, write nothing and return the same report.
 */
export async function importRows(em: EntityManager, req: ImportRequest): Promise<ImportOutcome> {
  const checked = req.rows.map((r) => checkRow(r, req.columns, req.today));
  const errors = checked.flatMap((c) => c.errors ?? []);
  const rejected = checked.filter((c) => c.errors).length;
  const valid = checked.filter((c): c is Extract<CheckedRow, { values: EventValues }> => !!c.values);
  const keyed = valid.map((c) => ({ values: c.values, key: eventNaturalKey({ ...c.values, organizationId: req.organizationId }) }));

  const stored = new Set<string>();
  const keys = [...new Set(keyed.map((k) => k.key))];
  for (let i = 0; i < keys.length; i += KEY_CHUNK) {
    const found = await em.find(Event, { naturalKey: { $in: keys.slice(i, i + KEY_CHUNK) } }, { fields: ['naturalKey'] });
    for (const e of found) stored.add(e.naturalKey);
  }
  const fresh: typeof keyed = [];
  for (const k of keyed) {
    if (stored.has(k.key)) continue;
    stored.add(k.key);
    fresh.push(k);
  }
  const outcome: ImportOutcome = {
    importRecord: null,
    dryRun: req.dryRun,
    written: false,
    rows: req.rows.length,
    imported: fresh.length,
    duplicates: keyed.length - fresh.length,
    rejected,
    errors,
  };
  if (req.dryRun) return outcome;
  if (req.allOrNothing && rejected > 0) return { ...outcome, imported: 0 };

  try {
    outcome.importRecord = await em.transactional(async (tx) => {
      const record = req.importId
        ? await tx.findOne(EventImport, { id: req.importId, organizationId: req.organizationId, importedBy: req.importedBy })
        : tx.create(EventImport, {
            organizationId: req.organizationId,
            importedBy: req.importedBy,
            fileName: req.fileName,
            fileHash: req.fileHash,
          });
      // A later batch adds to its own import only: another organisation's or importer's record is not found.
      if (!record) throw notFound('EventImport', req.importId!);
      record.rows += outcome.rows;
      record.imported += outcome.imported;
      record.duplicates += outcome.duplicates;
      record.rejected += outcome.rejected;
      for (const k of fresh) tx.create(Event, { ...k.values, organizationId: req.organizationId, importId: record.id, naturalKey: k.key });
      await tx.flush();
      return record;
    });
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) {
      throw conflict('Some of these events were written by another import at the same moment: run the import again');
    }
    throw err;
  }
  outcome.written = true;
  return outcome;
}

/** SHA-256 of a buffer, hex: the file hash an upload is recorded with. */
export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** Every data row of an uploaded file, and the layout of its chosen sheet. The file is bounded by the upload limit. */
export async function readUpload(
  content: Buffer,
  o: { fileName: string; sheet?: string | null; map?: readonly { column: string; field: string }[] | null },
): Promise<{ rows: SheetRow[]; layout: SheetLayout }> {
  let layout: SheetLayout | null = null;
  const rows: SheetRow[] = [];
  for await (const row of readSpreadsheet(Readable.from([content]), {
    fileName: o.fileName,
    sheet: o.sheet,
    map: parseColumnMap(o.map),
    onLayout: (l) => (layout = l),
  }))
    rows.push(row);
  return { rows, layout: layout! };
}
