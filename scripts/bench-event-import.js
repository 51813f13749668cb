#!/usr/bin/env node
'use strict';
/**
 * Event import at scale: generates workbooks of 50,000 and 200,000 rows (exceljs's streaming
 * writer), then imports each in a fresh process exactly as the hub does (the streaming reader,
 * the row checks, batches of 500 written by `importRows` into a SQLite database file), sampling
 * the resident set and the V8 heap every 10 ms. Prints rows per second, peak memory, and the
 * ratios between the two runs, measured in the same run.
 *
 *   node scripts/bench-event-import.js [--rows 50000,200000] [--json]
 *
 * BENCH_EVENTS_MODE=read reads and checks the rows without writing them (the import's own cost,
 * without the database's).
 *
 * From the compiled code (`npx tsc -b` first). Exit code 1 if rows per second differ by more
 * than 20%, or the V8 heap's peak or post-collection high-water grows by more than the larger
 * workbook's own size. The resident set's growth is printed and checked too, but not required:
 * it also holds freed native buffers (zlib and file chunks) awaiting a collection, and pages the
 * allocator keeps after they are freed.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const BATCH = 500;
const TYPES = ['Workshop', 'Playgroup', 'Community Event', 'Screening', 'Home Visit', 'Training', 'Resource Fair', 'Other'];
const LEVELS = ['touch point', 'Level 1', 'L2', 'DYC'];
const AUDIENCES = ['Parents & families', 'Parents and children', 'Caregivers', 'Teachers', 'Directors'];

async function writeWorkbook(file, rows) {
  const ExcelJS = require('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet('Events');
  ws.addRow(['Bench Family Center: events']).commit();
  ws.addRow([]).commit();
  ws.addRow([
    'Event Title',
    'Date of event',
    'Type of Event',
    'Street Address',
    'City',
    'Zip Code',
    'Audience',
    'Engagement Level',
    '# of attendees',
  ]).commit();
  for (let i = 0; i < rows; i++) {
    const date = new Date(Date.UTC(2025, i % 12, (i % 28) + 1));
    ws.addRow([
      `Bench Event ${i}`,
      date,
      TYPES[i % TYPES.length],
      `${(i % 9000) + 100} Main St`,
      'Detroit',
      `482${String(i % 100).padStart(2, '0')}`,
      AUDIENCES[i % AUDIENCES.length],
      LEVELS[i % LEVELS.length],
      i % 300,
    ]).commit();
  }
  ws.commit();
  await wb.commit();
}

/** The child: one import, measured. */
async function child(file) {
  const peak = { rss: 0, heap: 0, retained: 0, external: 0, retainedExternal: 0, retainedRss: 0 };
  const writing = process.env.BENCH_EVENTS_MODE !== 'read';
  const sample = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  };
  const { events } = require('@c2c/events');
  const { readSpreadsheet } = require('@c2c/events/dist/event-import-read.logic');
  const { importRows } = require('@c2c/events/dist/event-import.logic');
  const { openDatabase } = require('@c2c/kernel');
  // A database file, as the hub runs: an in-memory database would count the stored rows as the import's memory.
  const orm = await openDatabase({
    name: 'events',
    entities: events.entities,
    migrations: events.migrations,
    sqlitePath: path.join(path.dirname(file), `events-${path.basename(file)}.sqlite`),
  });
  global.gc?.();
  const baseline = process.memoryUsage();
  sample();
  const timer = setInterval(sample, 10);
  const organizationId = '0b6f6f3c-6d2b-4f51-9d8a-3f3f3f3f3f3f';
  let columns = null;
  let batch = [];
  let batches = 0;
  const total = { rows: 0, imported: 0, rejected: 0 };
  const send = async () => {
    if (!batch.length) return;
    // What the import holds on to (after a full collection), as opposed to garbage not yet collected: every 20 batches.
    if (++batches % 20 === 0) {
      global.gc();
      const m = process.memoryUsage();
      peak.retained = Math.max(peak.retained, m.heapUsed);
      peak.retainedExternal = Math.max(peak.retainedExternal, m.external);
      peak.retainedRss = Math.max(peak.retainedRss, m.rss);
    }
    if (!writing) {
      const { checkRow } = require('@c2c/events/dist/event-import.logic');
      for (const row of batch) if (checkRow(row, columns).errors) total.rejected++;
      total.rows += batch.length;
      batch = [];
      return;
    }
    const r = await importRows(orm.em.fork(), {
      organizationId,
      importedBy: 'bench',
      fileName: path.basename(file),
      fileHash: '0'.repeat(64),
      importId: total.importId,
      rows: batch,
      columns,
      dryRun: false,
      allOrNothing: false,
    });
    total.importId = r.importRecord.id;
    total.rows += r.rows;
    total.imported += r.imported;
    total.rejected += r.rejected;
    batch = [];
  };
  const start = process.hrtime.bigint();
  for await (const row of readSpreadsheet(fs.createReadStream(file), {
    fileName: file,
    onLayout: (l) => (columns = new Map(l.columns.map((c) => [c.field, c.column]))),
  })) {
    batch.push(row);
    if (batch.length >= BATCH) await send();
  }
  await send();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  clearInterval(timer);
  sample();
  await orm.close();
  process.stdout.write(
    JSON.stringify({
      rows: total.rows,
      imported: total.imported,
      rejected: total.rejected,
      seconds,
      rowsPerSecond: total.rows / seconds,
      baselineRssBytes: baseline.rss,
      peakRssBytes: peak.rss,
      peakHeapBytes: peak.heap,
      retainedHeapBytes: peak.retained,
      peakExternalBytes: peak.external,
      retainedExternalBytes: peak.retainedExternal,
      retainedRssBytes: peak.retainedRss,
    }),
  );
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return child(args[1]);
  const json = args.includes('--json');
  const at = args.indexOf('--rows');
  const sizes = (at >= 0 ? args[at + 1] : '50000,200000').split(',').map(Number);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-bench-events-'));
  const results = [];
  try {
    for (const n of sizes) {
      const file = path.join(dir, `events-${n}.xlsx`);
      await writeWorkbook(file, n);
      const res = spawnSync(process.execPath, ['--expose-gc', __filename, '--child', file], {
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'silent' },
        maxBuffer: 16 * 1024 * 1024,
      });
      if (res.status !== 0) throw new Error(`import of ${n} rows failed: ${res.stderr}`);
      results.push({ workbookRows: n, workbookBytes: fs.statSync(file).size, ...JSON.parse(res.stdout) });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const [small, large] = [results[0], results[results.length - 1]];
  const summary = {
    results,
    rowsPerSecondRatio: large.rowsPerSecond / small.rowsPerSecond,
    peakRssGrowthBytes: large.peakRssBytes - small.peakRssBytes,
    peakHeapGrowthBytes: large.peakHeapBytes - small.peakHeapBytes,
    retainedHeapGrowthBytes: large.retainedHeapBytes - small.retainedHeapBytes,
    largerWorkbookBytes: large.workbookBytes,
  };
  summary.checks = {
    rowsPerSecondWithin20Percent: Math.abs(1 - summary.rowsPerSecondRatio) <= 0.2,
    peakHeapGrowthWithinWorkbook: summary.peakHeapGrowthBytes <= large.workbookBytes,
    retainedHeapGrowthWithinWorkbook: summary.retainedHeapGrowthBytes <= large.workbookBytes,
    // Reported, not required: freed native buffers wait for a collection and the allocator keeps freed pages.
    peakRssGrowthWithinWorkbook: summary.peakRssGrowthBytes <= large.workbookBytes,
    everyRowImported: results.every((r) => r.rows === r.workbookRows && r.rejected === 0),
  };
  summary.pass =
    summary.checks.rowsPerSecondWithin20Percent &&
    summary.checks.peakHeapGrowthWithinWorkbook &&
    summary.checks.retainedHeapGrowthWithinWorkbook &&
    summary.checks.everyRowImported;
  if (json) console.log(JSON.stringify(summary, null, 2));
  else {
    const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
    for (const r of results) {
      console.log(
        `${String(r.workbookRows).padStart(7)} rows (${mb(r.workbookBytes)} workbook): ${Math.round(r.rowsPerSecond)} rows/s, ${r.seconds.toFixed(1)} s, peak RSS ${mb(r.peakRssBytes)} (baseline ${mb(r.baselineRssBytes)}), peak heap ${mb(r.peakHeapBytes)}, retained heap ${mb(r.retainedHeapBytes)}, peak external ${mb(r.peakExternalBytes)}, after GC: heap ${mb(r.retainedHeapBytes)} external ${mb(r.retainedExternalBytes)} RSS ${mb(r.retainedRssBytes)}`,
      );
    }
    console.log(`rows/s ratio (${large.workbookRows} / ${small.workbookRows}): ${summary.rowsPerSecondRatio.toFixed(3)}`);
    console.log(
      `peak RSS growth: ${mb(summary.peakRssGrowthBytes)} (limit: the larger workbook, ${mb(large.workbookBytes)}); peak heap growth: ${mb(summary.peakHeapGrowthBytes)}`,
    );
    for (const [name, ok] of Object.entries(summary.checks)) console.log(`${ok ? 'yes' : 'NO '}  ${name}`);
    console.log(summary.pass ? 'PASS (rows/s, heap)' : 'FAIL');
  }
  if (!summary.pass) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
