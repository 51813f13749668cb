import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { fieldOfHeader, ImportFileError, REQUIRED_IMPORT_FIELDS, type ImportField } from './event-import-values.logic';

/** One data row of a sheet: its place in the file and its cells by field, as text. */
export interface SheetRow {
  sheet: string;
  row: number;
  cells: Partial<Record<ImportField, string>>;
}

/** Which column of the chosen sheet feeds each field (the header text as the file spells it). */
export interface SheetLayout {
  sheet: string;
  headerRow: number;
  columns: { field: ImportField; column: string }[];
}

export interface ReadOptions {
  fileName: string;
  /** The sheet to read; without it, the one sheet whose header has the agreed fields. */
  sheet?: string | null;
  /** Header → field, over the recognised variants. */
  map?: ReadonlyMap<string, ImportField>;
  /** Called once, when the chosen sheet's header is found, before its first row. */
  onLayout?: (layout: SheetLayout) => void;
  /** Workbooks up to this size are read whole, merged cells and hidden columns included (default `FULL_READ_MAX_BYTES`). */
  fullReadMaxBytes?: number;
}

/**
 * Up to this size a workbook is read whole, so merged cells and hidden columns are seen: about
 * 14,000 event rows, more than a spreadsheet kept by hand. Reading whole costs about 6 KB of heap
 * per row (236 MB for a 40,000-row, 1.46 MB workbook, measured with exceljs 4.4), so bigger files
 * stream, with memory flat, at a price: OOXML stores a sheet's merges after its rows and the
 * streaming reader never exposes column visibility, so neither is seen there.
 */
export const FULL_READ_MAX_BYTES = 512 * 1024;

/** How far down a sheet its header may be (title rows, logos, instructions above it). */
const HEADER_SEARCH_ROWS = 30;
/** A header names at least this many of the agreed fields, title and date among them. */
const HEADER_MIN_FIELDS = 4;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
// OLE compound files: a legacy .xls, or an .xlsx that Excel encrypted with a password.
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** The first bytes of a stream, and the whole stream again (those bytes included). */
async function peek(source: AsyncIterable<Buffer>, bytes: number): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    taken.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(taken);
  async function* all() {
    yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
  }
  return { head, all: all() };
}

/**
 * The rows of a spreadsheet file, streamed: one row in memory at a time, whatever the file's
 * size. `.xlsx` through exceljs's streaming reader, `.csv` (any delimiter, UTF-8 with or
 * without BOM, Windows-1252) through csv-parse. `.xls` is refused: no maintained npm library
 * reads it (SheetJS on npm is the unmaintained 0.18.5 with open advisories).
 */
export async function* readSpreadsheet(source: AsyncIterable<Buffer>, options: ReadOptions): AsyncGenerator<SheetRow> {
  const { head, all } = await peek(source, 64 * 1024);
  const ext = (/\.([a-z0-9]+)$/i.exec(options.fileName)?.[1] ?? '').toLowerCase();
  if (head.subarray(0, 8).equals(CFB_MAGIC)) {
    if (head.includes(ENCRYPTED_PACKAGE) || ext === 'xlsx') {
      throw new ImportFileError('PASSWORD_PROTECTED', `${options.fileName} is password-protected: remove the password and save it again`);
    }
    throw new ImportFileError(
      'XLS_NOT_SUPPORTED',
      `${options.fileName} is a legacy .xls workbook, which the hub cannot read: save it as .xlsx or .csv and import that`,
    );
  }
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) {
    const limit = options.fullReadMaxBytes ?? FULL_READ_MAX_BYTES;
    const { whole, rest } = await upTo(all, limit);
    if (whole) yield* readWholeXlsx(whole, options);
    else yield* readXlsx(rest, options);
    return;
  }
  if (ext === 'xlsx' || ext === 'xlsm')
    throw new ImportFileError('CORRUPT_WORKBOOK', `${options.fileName} is not a readable .xlsx workbook`);
  if (ext === 'xls') throw new ImportFileError('NOT_A_SPREADSHEET', `${options.fileName} is not a spreadsheet`);
  if (head.includes(0))
    throw new ImportFileError('NOT_A_SPREADSHEET', `${options.fileName} is neither an .xlsx workbook nor a text (.csv) file`);
  yield* readCsv(all, head, options);
}

/** The whole stream if it is at most `limit` bytes; otherwise the stream again, from its start. */
async function upTo(source: AsyncIterable<Buffer>, limit: number): Promise<{ whole: Buffer | null; rest: AsyncIterable<Buffer> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { whole: Buffer.concat(taken), rest: (async function* () {})() };
    taken.push(next.value);
    size += next.value.length;
    if (size > limit) break;
  }
  async function* rest() {
    yield* taken.splice(0);
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { whole: null, rest: rest() };
}

/** Finds the header among the first rows of a sheet, or null if none names the agreed fields. */
class HeaderFinder {
  layout: SheetLayout | null = null;
  /** Column number → field. */
  fields = new Map<number, ImportField>();
  best: { row: number; found: ImportField[] } | null = null;

  constructor(
    private readonly sheet: string,
    private readonly map?: ReadonlyMap<string, ImportField>,
  ) {}

  offer(rowNumber: number, cells: readonly string[], hidden: ReadonlySet<number> = new Set()): boolean {
    const fields = new Map<number, ImportField>();
    const columns: SheetLayout['columns'] = [];
    const seen = new Set<ImportField>();
    // Visible columns first: a hidden column (an old copy, a helper) feeds a field only when no
    // visible one names it. Of two columns for one field, the first is read.
    for (const visible of [true, false]) {
      cells.forEach((text, col) => {
        if (hidden.has(col) === visible) return;
        const field = text ? fieldOfHeader(text, this.map) : null;
        if (!field || seen.has(field)) return;
        seen.add(field);
        fields.set(col, field);
        columns.push({ field, column: text.trim() });
      });
    }
    if (!this.best || seen.size > this.best.found.length) this.best = { row: rowNumber, found: [...seen] };
    if (seen.size < HEADER_MIN_FIELDS || !seen.has('title') || !seen.has('date')) return false;
    this.fields = fields;
    this.layout = { sheet: this.sheet, headerRow: rowNumber, columns };
    return true;
  }

  missing(): ImportField[] {
    const found = new Set(this.layout?.columns.map((c) => c.field) ?? this.best?.found ?? []);
    return REQUIRED_IMPORT_FIELDS.filter((f) => !found.has(f));
  }
}

const TOTAL = /^\s*(grand\s+)?(sub)?totals?\b/i;

/** A data row, or null for what is not one: blank rows, notes (a single filled cell) and totals. */
function dataRow(sheet: string, rowNumber: number, cells: readonly string[], fields: Map<number, ImportField>): SheetRow | null {
  const filled = cells.filter((c) => c.trim() !== '');
  if (filled.length <= 1) return null;
  if (filled.some((c) => TOTAL.test(c))) return null;
  const out: SheetRow['cells'] = {};
  let any = false;
  for (const [col, field] of fields) {
    const value = (cells[col] ?? '').trim();
    if (value) {
      out[field] = value;
      any = true;
    }
  }
  return any ? { sheet, row: rowNumber, cells: out } : null;
}

/** The sheet-choosing state shared by both formats. */
class SheetChooser {
  chosen: string | null = null;
  alsoQualifying: string[] = [];
  seen: { name: string; finder: HeaderFinder }[] = [];

  constructor(private readonly options: ReadOptions) {}

  /** Whether this sheet's rows are wanted at all. */
  wants(name: string): boolean {
    return this.options.sheet ? this.options.sheet === name : true;
  }

  /** The sheet has a header: take it if none is taken yet, else remember that the choice was ambiguous. */
  found(name: string, finder: HeaderFinder): boolean {
    if (this.chosen === null) {
      this.chosen = name;
      this.options.onLayout?.(finder.layout!);
      return true;
    }
    this.alsoQualifying.push(name);
    return false;
  }

  finish(sheetNames: string[]) {
    if (this.options.sheet && !sheetNames.includes(this.options.sheet)) {
      throw new ImportFileError(
        'NO_SUCH_SHEET',
        `There is no sheet "${this.options.sheet}": the file has ${sheetNames.map((s) => `"${s}"`).join(', ')}`,
      );
    }
    if (this.alsoQualifying.length) {
      throw new ImportFileError(
        'CHOOSE_SHEET',
        `Several sheets have the agreed fields (${[this.chosen!, ...this.alsoQualifying].map((s) => `"${s}"`).join(', ')}): choose one with --sheet`,
      );
    }
    if (this.chosen === null) {
      const best = this.seen
        .filter((s) => this.wants(s.name))
        .sort((a, b) => (b.finder.best?.found.length ?? 0) - (a.finder.best?.found.length ?? 0))[0];
      if (best?.finder.best && best.finder.best.found.length > 0) {
        throw new ImportFileError(
          'MISSING_COLUMNS',
          `Sheet "${best.name}" has no column for: ${best.finder.missing().join(', ')} (header on row ${best.finder.best.row}); name them with --map 'Column=field'`,
        );
      }
      throw new ImportFileError(
        'NO_HEADER',
        `No sheet has a header row with the agreed event fields (title, date, type, zip, engagement level…)`,
      );
    }
  }
}

/** A cell as text: the computed value of a formula, ISO for a real date, the text of rich text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  const v = value as any;
  if ('formula' in v || 'sharedFormula' in v) {
    if (v.result === undefined || v.result === null) return `=${v.formula ?? v.sharedFormula}`;
    return typeof v.result === 'object' && 'error' in v.result ? String(v.result.error) : cellText(v.result);
  }
  if ('richText' in v) return (v.richText as { text: string }[]).map((t) => t.text).join('');
  if ('error' in v) return String(v.error);
  if ('text' in v) return String(v.text);
  return '';
}

async function* readXlsx(source: AsyncIterable<Buffer>, options: ReadOptions): AsyncGenerator<SheetRow> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(source), {
    entries: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const chooser = new SheetChooser(options);
  const names: string[] = [];
  try {
    for await (const worksheet of reader) {
      const ws = worksheet as unknown as AsyncIterable<ExcelJS.Row> & { name: string; state?: string };
      names.push(ws.name);
      // Hidden sheets (lookup lists, old copies) are read only when asked for by name.
      const wanted = chooser.wants(ws.name) && (ws.state === undefined || ws.state === 'visible' || options.sheet === ws.name);
      const finder = new HeaderFinder(ws.name, options.map);
      chooser.seen.push({ name: ws.name, finder });
      let reading = false;
      for await (const row of ws) {
        if (!wanted) continue;
        if (!finder.layout) {
          if (row.number > HEADER_SEARCH_ROWS) continue;
          const cells = ((row.values as ExcelJS.CellValue[]) ?? []).map(cellText);
          if (finder.offer(row.number, cells)) reading = chooser.found(ws.name, finder);
          continue;
        }
        if (!reading) continue;
        const r = dataRow(ws.name, row.number, ((row.values as ExcelJS.CellValue[]) ?? []).map(cellText), finder.fields);
        if (r) yield r;
      }
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('CORRUPT_WORKBOOK', `${options.fileName} is not a readable .xlsx workbook (${(err as Error).message})`);
  }
  chooser.finish(names);
}

/**
 * A workbook read whole: a value merged down a column is the value of every row it covers
 * (one date for several events), a value merged across columns belongs to its first column
 * only (it must not fill a neighbouring field), and hidden columns are known.
 */
async function* readWholeXlsx(content: Buffer, options: ReadOptions): AsyncGenerator<SheetRow> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(content as unknown as ArrayBuffer);
  } catch (err) {
    throw new ImportFileError('CORRUPT_WORKBOOK', `${options.fileName} is not a readable .xlsx workbook (${(err as Error).message})`);
  }
  const chooser = new SheetChooser(options);
  const names: string[] = [];
  for (const ws of wb.worksheets) {
    names.push(ws.name);
    const wanted = chooser.wants(ws.name) && (ws.state === undefined || ws.state === 'visible' || options.sheet === ws.name);
    const finder = new HeaderFinder(ws.name, options.map);
    chooser.seen.push({ name: ws.name, finder });
    if (!wanted) continue;
    const hidden = new Set<number>();
    for (let c = 1; c <= ws.columnCount; c++) if (ws.getColumn(c).hidden) hidden.add(c);
    let reading = false;
    for (let n = 1; n <= ws.rowCount; n++) {
      const row = ws.getRow(n);
      const cells: string[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const across = cell.isMerged && Number(cell.master.col) !== Number(cell.col);
        cells[col] = across ? '' : cellText(cell.isMerged ? cell.master.value : cell.value);
      });
      for (let i = 0; i < cells.length; i++) cells[i] ??= '';
      if (!finder.layout) {
        if (n <= HEADER_SEARCH_ROWS && finder.offer(n, cells, hidden)) reading = chooser.found(ws.name, finder);
        continue;
      }
      if (!reading) continue;
      const r = dataRow(ws.name, n, cells, finder.fields);
      if (r) yield r;
    }
  }
  chooser.finish(names);
}

/** The delimiter that splits the first lines most evenly into the most columns. */
function sniffDelimiter(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 30);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((l) => l.split(d).length - 1).sort((a, b) => a - b);
    // The median line: title rows above the header and notes below it do not sway the choice.
    const score = counts[Math.floor(counts.length / 2)] ?? 0;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

async function* readCsv(source: AsyncIterable<Buffer>, head: Buffer, options: ReadOptions): AsyncGenerator<SheetRow> {
  let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    // Not UTF-8: Excel's "CSV" on Windows writes the ANSI code page, Windows-1252 in the US.
    encoding = 'windows-1252';
  }
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const delimiter = sniffDelimiter(new TextDecoder(encoding).decode(head));
  async function* text() {
    try {
      for await (const chunk of source) yield decoder.decode(chunk, { stream: true });
      yield decoder.decode();
    } catch {
      throw new ImportFileError('NOT_A_SPREADSHEET', `${options.fileName} is not valid UTF-8 text past its beginning`);
    }
  }
  const sheet = options.fileName.replace(/^.*[\\/]/, '');
  const chooser = new SheetChooser({ ...options, sheet: null });
  const finder = new HeaderFinder(sheet, options.map);
  chooser.seen.push({ name: sheet, finder });
  const parser = Readable.from(text()).pipe(
    parse({ delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, info: true }),
  );
  try {
    for await (const record of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const cells = record.record;
      const line = record.info.lines;
      if (!finder.layout) {
        if (line <= HEADER_SEARCH_ROWS && finder.offer(line, cells)) chooser.found(sheet, finder);
        continue;
      }
      const r = dataRow(sheet, line, cells, finder.fields);
      if (r) yield r;
    }
  } catch (err) {
    if (err instanceof ImportFileError) throw err;
    throw new ImportFileError('NOT_A_SPREADSHEET', `${options.fileName} could not be read as CSV (${(err as Error).message})`);
  }
  if (options.sheet && options.sheet !== sheet) {
    throw new ImportFileError('NO_SUCH_SHEET', `A CSV file has one sheet, "${sheet}"; there is no sheet "${options.sheet}"`);
  }
  chooser.finish([sheet]);
}
