import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { IMPORT_FIELDS, ImportFileError, parseColumnMap, readSpreadsheet, type SheetLayout, type SheetRow } from '@c2c/events';
import { graphRequest } from './graph-client';

/** Rows per request: 500 rows of text stay far below the gateway's and subgraphs' 1 MB body limit. */
export const IMPORT_BATCH = 500;

const MUTATION = `mutation ImportEventRows($org: ID, $importId: ID, $fileName: String!, $fileHash: String!, $columns: [EventImportColumnInput!]!, $rows: [EventImportRowInput!]!, $dryRun: Boolean, $all: Boolean) {
  importEventRows(organizationId: $org, importId: $importId, fileName: $fileName, fileHash: $fileHash, columns: $columns, rows: $rows, dryRun: $dryRun, allOrNothing: $all) {
    written rows imported duplicates rejected errors { sheet row column reason } importRecord { id }
  }
}`;

export interface EventImportSummary {
  rows: number;
  imported: number;
  duplicates: number;
  rejected: number;
  errors: { sheet: string; row: number; column: string; reason: string }[];
}

export interface ImportEventsOptions {
  url: string;
  token?: string;
  org?: string;
  sheet?: string;
  map?: string;
  dryRun?: boolean;
  allOrNothing?: boolean;
  /** Fraction of the file read so far, for a progress bar. */
  progress?: (fraction: number, rows: number) => void;
}

async function fileHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * One pass over the file: its rows, read locally and streamed, go to the graph in batches. The
 * hub checks every row (the CLI sends the cells as text), so a row is judged by the same code
 * whether it arrives here or as an uploaded file.
 */
async function pass(file: string, hash: string, o: ImportEventsOptions, mode: { dryRun: boolean }, into: EventImportSummary) {
  const size = fs.statSync(file).size || 1;
  const stream = fs.createReadStream(file);
  let layout: SheetLayout | null = null;
  let importId: string | null = null;
  let batch: SheetRow[] = [];
  let seen = 0;
  const send = async () => {
    if (!batch.length) return;
    const rows = batch.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      ...Object.fromEntries(IMPORT_FIELDS.map((f) => [f, r.cells[f] ?? null])),
    }));
    batch = [];
    const r = (
      await graphRequest(o.url, o.token, MUTATION, {
        org: o.org ?? null,
        importId,
        fileName: path.basename(file),
        fileHash: hash,
        columns: layout!.columns,
        rows,
        dryRun: mode.dryRun,
        all: !!o.allOrNothing,
      })
    ).importEventRows;
    importId = r.importRecord?.id ?? importId;
    into.rows += r.rows;
    into.imported += r.imported;
    into.duplicates += r.duplicates;
    into.rejected += r.rejected;
    into.errors.push(...r.errors);
  };
  for await (const row of readSpreadsheet(stream, {
    fileName: file,
    sheet: o.sheet,
    map: parseColumnMap(o.map),
    onLayout: (l) => (layout = l),
  })) {
    batch.push(row);
    seen++;
    if (batch.length >= IMPORT_BATCH) {
      await send();
      o.progress?.(stream.bytesRead / size, seen);
    }
  }
  await send();
  o.progress?.(1, seen);
}

/** Reads the whole file once first, so a fault of the file itself (or a choice of sheet it needs) is found before anything is sent. */
async function check(file: string, o: ImportEventsOptions) {
  let rows = 0;
  for await (const row of readSpreadsheet(fs.createReadStream(file), { fileName: file, sheet: o.sheet, map: parseColumnMap(o.map) })) {
    void row;
    rows++;
  }
  return rows;
}

/**
 * `c2c import events`. A dry run checks every row with the hub and writes nothing. The default
 * writes the valid rows batch by batch (each batch one transaction). All-or-nothing across
 * batches: the whole file is first checked as a dry run, and only when no row is rejected is it
 * sent again to be written (a row can then only fail if another writer changed the hub in
 * between; each batch is still all-or-nothing).
 */
export async function importEvents(file: string, o: ImportEventsOptions): Promise<EventImportSummary> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new Error(`${file}: no such file`);
  const hash = await fileHash(file);
  const zero = (): EventImportSummary => ({ rows: 0, imported: 0, duplicates: 0, rejected: 0, errors: [] });
  if (o.dryRun || o.allOrNothing) {
    const checked = zero();
    await pass(file, hash, o, { dryRun: true }, checked);
    if (o.dryRun) return checked;
    if (checked.rejected > 0) return { ...checked, imported: 0 };
  } else {
    await check(file, o);
  }
  const written = zero();
  await pass(file, hash, o, { dryRun: false }, written);
  return written;
}

function progressBar(): ImportEventsOptions['progress'] {
  if (!process.stderr.isTTY) return undefined;
  return (fraction, rows) => {
    const width = 30;
    const done = Math.round(Math.min(1, fraction) * width);
    process.stderr.write(`\r[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${Math.round(fraction * 100)}%  ${rows} rows`);
    if (fraction >= 1) process.stderr.write('\n');
  };
}

export function registerImportEvents(program: Command) {
  // `c2c import` groups several importers; whichever registers first creates the group.
  const group =
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('Import data into the hub through the graph.');
  group
    .command('events')
    .description('Import events from a spreadsheet (.xlsx or .csv) through the graph; rows already in the hub are counted as duplicates.')
    .argument('<file>', 'an .xlsx workbook or a .csv file (any delimiter, UTF-8 or Windows-1252)')
    .option('--org <id>', 'organisation to import for (hub operators; partner staff import for their own)')
    .option('--sheet <name>', 'the sheet to read, when several have the agreed fields')
    .option('--map <pairs>', "explicit header mapping: 'Column=field,…' (fields: " + IMPORT_FIELDS.join(', ') + ')')
    .option('--dry-run', 'check every row and report, writing nothing')
    .option('--all-or-nothing', 'write nothing if any row is rejected')
    .option('--url <url>', 'the hub’s GraphQL endpoint', process.env.C2C_URL ?? 'http://localhost:4000/graphql')
    .option('--token <token>', 'bearer token (partner staff or hub operator)', process.env.C2C_TOKEN)
    .option('--json', 'print one JSON object: { rows, imported, duplicates, rejected, errors }')
    .action(async (file: string, opts) => {
      let summary: EventImportSummary;
      try {
        summary = await importEvents(file, {
          url: opts.url,
          token: opts.token,
          org: opts.org,
          sheet: opts.sheet,
          map: opts.map,
          dryRun: !!opts.dryRun,
          allOrNothing: !!opts.allOrNothing,
          progress: opts.json ? undefined : progressBar(),
        });
      } catch (err) {
        if (err instanceof ImportFileError) throw new Error(`${err.code}: ${err.message}`, { cause: err });
        throw err;
      }
      if (opts.json) console.log(JSON.stringify(summary));
      else {
        const what = opts.dryRun
          ? ' (dry run: nothing written)'
          : opts.allOrNothing && summary.rejected
            ? ' (all or nothing: nothing written)'
            : '';
        console.log(
          `rows ${summary.rows}, imported ${summary.imported}, duplicates ${summary.duplicates}, rejected ${summary.rejected}${what}`,
        );
        for (const e of summary.errors) console.log(`rejected ${e.sheet} row ${e.row}, ${e.column}: ${e.reason}`);
      }
      if (summary.rejected) process.exitCode = 2;
    });
}
