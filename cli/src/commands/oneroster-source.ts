import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import yauzl from 'yauzl';

/** The files of an export, from a folder or a zip, opened one at a time as streams. */
export interface ExportSource {
  /** File names (base names, e.g. "users.csv"), as the export holds them. */
  names: string[];
  open(name: string): Promise<Readable>;
  close(): void;
}

export async function openExport(target: string): Promise<ExportSource> {
  const stat = fs.statSync(target);
  if (stat.isDirectory()) {
    const names = fs.readdirSync(target).filter((n) => fs.statSync(path.join(target, n)).isFile());
    return { names, open: async (name) => fs.createReadStream(path.join(target, name)), close: () => undefined };
  }
  // A zip's central directory lists its entries without reading them; each is inflated as it is read.
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(target, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))),
  );
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      if (!e.fileName.endsWith('/') && !e.fileName.startsWith('__MACOSX/')) entries.set(path.posix.basename(e.fileName), e);
      zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return {
    names: [...entries.keys()],
    open: (name) =>
      new Promise<Readable>((resolve, reject) =>
        zip.openReadStream(entries.get(name)!, (err, stream) => (err ? reject(err) : resolve(stream))),
      ),
    close: () => zip.close(),
  };
}

/** A problem with one row, found before it is sent. */
export interface LocalProblem {
  line: number | null;
  sourcedId: string | null;
  field: string | null;
  reason: string;
}

/** Levenshtein distance, for headers spelled a little wrong ("dataLastModified"). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

/**
 * Maps a file's header to the columns the hub reads, by name: case does not matter, a known
 * alias is accepted, and a name within two edits of a wanted column that is otherwise missing is
 * read as that column, with a warning. Order does not matter either (a warning says so).
 */
export function mapHeader(
  file: string,
  header: string[],
  spec: { columns: string[]; aliases?: Record<string, string>; known?: string[] },
): { index: Map<string, number>; warnings: string[] } {
  const index = new Map<string, number>();
  const warnings: string[] = [];
  const lower = new Map(spec.columns.map((c) => [c.toLowerCase(), c]));
  const aliases = new Map(Object.entries(spec.aliases ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const known = new Set([...(spec.known ?? []), ...spec.columns].map((c) => c.toLowerCase()));
  const unmatched: [number, string][] = [];
  header.forEach((raw, i) => {
    const h = raw.trim();
    if (!h) return;
    const col = lower.get(h.toLowerCase()) ?? aliases.get(h.toLowerCase());
    if (col && !index.has(col)) index.set(col, i);
    else if (!known.has(h.toLowerCase())) unmatched.push([i, h]);
  });
  for (const [i, h] of unmatched) {
    const near = spec.columns.filter((c) => !index.has(c)).find((c) => distance(c.toLowerCase(), h.toLowerCase()) <= 2);
    if (near) {
      index.set(near, i);
      warnings.push(`${file}: header "${h}" read as "${near}"`);
    } else if (!/^(metadata\.|ext_)/i.test(h)) warnings.push(`${file}: column "${h}" is not a column the hub reads; ignored`);
  }
  const order = spec.columns.filter((c) => index.has(c));
  if (order.some((c, k) => k > 0 && index.get(c)! < index.get(order[k - 1])!))
    warnings.push(`${file}: columns are in another order than OneRoster's; read by name`);
  return { index, warnings };
}

export interface CsvRow {
  line: number;
  get(column: string): string;
  has(column: string): boolean;
}

/**
 * Streams a CSV file's rows, one at a time: memory does not grow with the file. A row that
 * cannot be parsed, has more fields than the header, or is not UTF-8 is reported and skipped;
 * an error that ends the file (an unterminated quote) is reported with its line.
 */
export async function* csvRows(
  stream: Readable,
  file: string,
  spec: { columns: string[]; aliases?: Record<string, string>; known?: string[]; required?: string[] },
  report: { problem(p: LocalProblem): void; warning(w: string): void; incomplete?(): void },
): AsyncGenerator<CsvRow> {
  const parser = stream.pipe(
    parse({ bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, info: true, skip_records_with_error: true }),
  );
  parser.on('skip', (err: Error & { lines?: number; code?: string }) => {
    report.problem({ line: err.lines ?? null, sourcedId: null, field: null, reason: `malformed CSV: ${err.message}` });
    // An unclosed quote swallows every line after it: those rows were never read.
    if (err.code === 'CSV_QUOTE_NOT_CLOSED') report.incomplete?.();
  });
  let index: Map<string, number> | null = null;
  let width = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!index) {
        const mapped = mapHeader(file, record, spec);
        for (const w of mapped.warnings) report.warning(w);
        const missing = (spec.required ?? []).filter((c) => !mapped.index.has(c));
        if (missing.length) {
          report.problem({
            line: info.lines,
            sourcedId: null,
            field: missing[0],
            reason: `${file} has no column ${missing.join(', ')}; the file was not read`,
          });
          report.incomplete?.();
          stream.destroy();
          return;
        }
        index = mapped.index;
        width = record.length;
        continue;
      }
      const idx = index;
      const get = (c: string) => {
        const i = idx.get(c);
        return i === undefined ? '' : (record[i] ?? '');
      };
      const sourcedId = (get('sourcedId') || null)?.slice(0, 255) ?? null;
      // Trailing empty fields are a common export quirk; a field with content past the header is not.
      if (record.length > width && record.slice(width).some((v) => v.trim() !== '')) {
        report.problem({ line: info.lines, sourcedId, field: null, reason: `row has ${record.length} fields, the header has ${width}` });
        continue;
      }
      if (record.some((v) => v.includes('\uFFFD'))) {
        report.problem({ line: info.lines, sourcedId, field: null, reason: 'row is not valid UTF-8 (wrong encoding?)' });
        continue;
      }
      yield { line: info.lines, get, has: (c) => idx.has(c) };
    }
  } catch (err) {
    report.problem({
      line: (err as { lines?: number }).lines ?? null,
      sourcedId: null,
      field: null,
      reason: `malformed CSV: ${(err as Error).message}; the rest of the file was not read`,
    });
    report.incomplete?.();
  }
}
