import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { SUBGRAPH_DEFINITIONS } from '@c2c/demo';
import ExcelJS from 'exceljs';
import { Event } from '../src/event.entity';
import { EventImport } from '../src/event-import.entity';
import { readSpreadsheet } from '../src/event-import-read.logic';
import {
  CSV_1252_EXPECTED,
  legacyXls,
  MESSY_EVENTS,
  MESSY_EXPECTED,
  messyWorkbook,
  passwordProtectedXlsx,
  twoEventSheets,
  utf8BomCsv,
  windows1252Csv,
} from './import-files';
import { otherPartner, owner, ownerStaff, partnerWithoutEvents } from './support';

const REPORT =
  'dryRun written rows imported duplicates rejected errors { sheet row column reason } importRecord { id fileName fileHash rows imported duplicates rejected importedBy }';
const IMPORT = `mutation($fileName: String!, $content: String!, $org: ID, $sheet: String, $map: [EventImportColumnInput!], $dryRun: Boolean, $all: Boolean) {
  importEvents(fileName: $fileName, contentBase64: $content, organizationId: $org, sheet: $sheet, map: $map, dryRun: $dryRun, allOrNothing: $all) { ${REPORT} } }`;

const counts = (r: any) => ({ rows: r.rows, imported: r.imported, duplicates: r.duplicates, rejected: r.rejected, errors: r.errors });

describe('events subgraph: importing spreadsheets', () => {
  let sg: testing.TestSubgraph;
  let directory: testing.TestSubgraph;
  beforeAll(async () => {
    // Partners, a real subgraph in this process, answers whether a hub operator's organisation exists.
    directory = await testing.createTestSubgraph(SUBGRAPH_DEFINITIONS.partners, { seed: true });
    sg = await testing.createTestSubgraph(events, { seed: true, peers: { partners: directory } });
  });
  afterAll(async () => {
    await sg.close();
    await directory.close();
  });

  const upload = (fileName: string, content: Buffer, viewer = importer, vars: Record<string, unknown> = {}) =>
    sg.exec(IMPORT, { fileName, content: content.toString('base64'), ...vars }, viewer);
  const importer = testing.viewerFor('partner_staff', partnerWithoutEvents.id);
  const eventCount = () => sg.em().count(Event, {});

  it('a dry run reports exactly what the messy workbook holds and writes nothing', async () => {
    const before = await eventCount();
    const res = await upload('northwest.xlsx', await messyWorkbook(), importer, { dryRun: true });
    expect(res.errors).toBeUndefined();
    expect(counts(res.data!.importEvents)).toEqual(MESSY_EXPECTED);
    expect(res.data!.importEvents).toMatchObject({ dryRun: true, written: false, importRecord: null });
    expect(await eventCount()).toBe(before);
    expect(await sg.em().count(EventImport, {})).toBe(0);
  });

  it('all-or-nothing with a rejected row writes nothing, and says so', async () => {
    const before = await eventCount();
    const res = await upload('northwest.xlsx', await messyWorkbook(), importer, { all: true });
    expect(res.errors).toBeUndefined();
    expect(res.data!.importEvents).toMatchObject({ written: false, imported: 0, rejected: 4, importRecord: null });
    expect(await eventCount()).toBe(before);
  });

  it('imports the valid rows of the messy workbook, normalised, with an import record', async () => {
    const content = await messyWorkbook();
    const res = await upload('northwest.xlsx', content, importer);
    expect(res.errors).toBeUndefined();
    const report = res.data!.importEvents;
    expect(counts(report)).toEqual(MESSY_EXPECTED);
    expect(report.importRecord).toMatchObject({
      fileName: 'northwest.xlsx',
      rows: 7,
      imported: 3,
      duplicates: 0,
      rejected: 4,
      importedBy: importer.sub,
    });
    expect(report.importRecord.fileHash).toMatch(/^[0-9a-f]{64}$/);
    const stored = await sg.em().find(Event, { organizationId: partnerWithoutEvents.id }, { orderBy: { date: 'asc' } });
    expect(stored.map((e) => ({ ...e }))).toEqual(
      MESSY_EVENTS.map((e) => expect.objectContaining({ ...e, importId: report.importRecord.id })),
    );
    // The organisation's own list shows them.
    const list = await sg.exec('{ events(first: 10) { totalCount } eventImports { totalCount edges { node { id rows } } } }', {}, importer);
    expect(list.data).toEqual({
      events: { totalCount: 3 },
      eventImports: { totalCount: 1, edges: [{ node: { id: report.importRecord.id, rows: 7 } }] },
    });
  });

  it('importing the same file again imports nothing: every valid row is a duplicate', async () => {
    const before = await eventCount();
    const res = await upload('northwest-again.xlsx', await messyWorkbook(), importer);
    expect(res.errors).toBeUndefined();
    expect(counts(res.data!.importEvents)).toEqual({ ...MESSY_EXPECTED, imported: 0, duplicates: 3 });
    expect(await eventCount()).toBe(before);
  });

  it('a Windows-1252 CSV with semicolons, a title line and totals', async () => {
    const res = await upload('events.csv', windows1252Csv(), importer);
    expect(res.errors).toBeUndefined();
    expect(counts(res.data!.importEvents)).toEqual(CSV_1252_EXPECTED);
    const cafe = await sg.em().findOne(Event, { organizationId: partnerWithoutEvents.id, title: 'Café Storytime' });
    expect(cafe).toMatchObject({
      date: '2026-03-05',
      attendees: 1200,
      zip: '48201',
      engagementLevel: 'TOUCHPOINT',
      targetAudience: 'Parent/family and child',
    });
    const visit = await sg.em().findOne(Event, { organizationId: partnerWithoutEvents.id, title: 'Home Visit Check-in' });
    expect(visit).toMatchObject({
      date: '2026-03-06',
      type: 'HOME_VISIT',
      targetAudience: 'Directors/owners',
      engagementLevel: 'LEVEL_TWO',
    });
  });

  it('a UTF-8 CSV with a byte-order mark, the hub’s own field names and quoted commas', async () => {
    const res = await upload('bom.csv', utf8BomCsv(), importer);
    expect(res.errors).toBeUndefined();
    expect(counts(res.data!.importEvents)).toEqual({ rows: 2, imported: 2, duplicates: 0, rejected: 0, errors: [] });
    const cafe = await sg.em().findOne(Event, { organizationId: partnerWithoutEvents.id, title: 'Parent Café, Spring' });
    expect(cafe).toMatchObject({ street: '1 Main St, Suite 2', description: 'Tea, talk and toys', targetAudience: 'Caregivers' });
  });

  it('an explicit mapping reads columns whose names are not recognised', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRow(['What', 'On', 'Kind', 'Where', 'Town', 'Postcode', 'For whom', 'Depth', 'Heads']);
    ws.addRow(['Mapped Meetup', '2026-05-02', 'Playgroup', '9 Mapped St', 'Detroit', '48209', 'Parents', 'Level 1', 11]);
    const content = Buffer.from(await wb.xlsx.writeBuffer());
    const unmapped = await upload('log.xlsx', content, importer, { dryRun: true });
    expect(unmapped.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contentBase64' });
    const map = [
      ['What', 'title'],
      ['On', 'date'],
      ['Kind', 'type'],
      ['Where', 'street'],
      ['Town', 'city'],
      ['For whom', 'targetAudience'],
      ['Depth', 'engagementLevel'],
      ['Heads', 'attendees'],
    ].map(([column, field]) => ({ column, field }));
    const mapped = await upload('log.xlsx', content, importer, { dryRun: true, map });
    expect(mapped.errors).toBeUndefined();
    expect(counts(mapped.data!.importEvents)).toEqual({ rows: 1, imported: 1, duplicates: 0, rejected: 0, errors: [] });
    const bad = await upload('log.xlsx', content, importer, { dryRun: true, map: [{ column: 'What', field: 'colour' }] });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'map' });
    expect(bad.errors?.[0].message).toMatch(/Unknown field "colour"/);
  });

  it('with two sheets of events asks which, and reads the one named', async () => {
    const content = await twoEventSheets();
    const ambiguous = await upload('two.xlsx', content, importer, { dryRun: true });
    expect(ambiguous.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(ambiguous.errors?.[0].message).toMatch(
      /Several sheets have the agreed fields \("Events 2026", "Events 2025"\): choose one with --sheet/,
    );
    const chosen = await upload('two.xlsx', content, importer, { dryRun: true, sheet: 'Events 2025' });
    expect(chosen.errors).toBeUndefined();
    expect(counts(chosen.data!.importEvents)).toEqual({ rows: 1, imported: 1, duplicates: 0, rejected: 0, errors: [] });
    const missing = await upload('two.xlsx', content, importer, { dryRun: true, sheet: 'Events 2024' });
    expect(missing.errors?.[0].message).toMatch(/There is no sheet "Events 2024"/);
  });

  const mergedWorkbook = async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Events');
    ws.addRow(['Title', 'Date', 'Type', 'Street', 'City', 'Zip', 'Audience', 'Level', 'Attendees']);
    ws.addRow(['Merged A', '2026-06-01', 'Playgroup', '1 St', 'Detroit', '48201', 'Parents', 'L1', 5]);
    ws.addRow(['Merged B', '2026-06-02', 'Playgroup', '2 St', undefined, '48201', 'Parents', 'L1', 6]);
    ws.addRow(['Merged C', '2026-06-03', 'Workshop', '3 St', undefined, '48201', 'Parents', 'L2', 7]);
    ws.mergeCells('E2:E4'); // one city for three events
    ws.addRow(['Across', '2026-06-04', 'Workshop', '4 St', 'Detroit', '48202', 'Caregivers', 'L1', 8]);
    ws.mergeCells('C5:D5'); // a type merged over the street: the street is blank, not "Workshop"
    return Buffer.from(await wb.xlsx.writeBuffer());
  };

  it('reads a value merged down a column on every row it covers, and one merged across columns in its first column only', async () => {
    const res = await upload('merged.xlsx', await mergedWorkbook(), importer, { dryRun: true });
    expect(counts(res.data!.importEvents)).toEqual({
      rows: 4,
      imported: 3,
      duplicates: 0,
      rejected: 1,
      errors: [{ sheet: 'Events', row: 5, column: 'Street', reason: 'street is blank' }],
    });
  });

  it('reads a visible column rather than a hidden copy of it, and a hidden one when it is the only one', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Events');
    ws.addRow(['Title', 'Date', 'Date', 'Type', 'Street', 'City', 'Zip', 'Audience', 'Level', 'Attendees']);
    ws.addRow(['Hidden old date', 'not a date', '2026-06-01', 'Playgroup', '1 St', 'Detroit', '48201', 'Parents', 'L1', 5]);
    ws.getColumn(2).hidden = true; // an old, hidden copy of the date column
    ws.getColumn(7).hidden = true; // the only zip column, hidden
    const res = await upload('hidden.xlsx', Buffer.from(await wb.xlsx.writeBuffer()), importer, { dryRun: true });
    expect(counts(res.data!.importEvents)).toEqual({ rows: 1, imported: 1, duplicates: 0, rejected: 0, errors: [] });
  });

  it('the streaming reader and the whole-workbook reader give the same rows of the messy workbook', async () => {
    const read = async (fullReadMaxBytes: number) => {
      const rows = [];
      const file = await messyWorkbook();
      for await (const r of readSpreadsheet(
        (async function* () {
          yield file;
        })(),
        { fileName: 'northwest.xlsx', fullReadMaxBytes },
      ))
        rows.push(r);
      return rows;
    };
    const whole = await read(Number.MAX_SAFE_INTEGER);
    expect(whole.length).toBeGreaterThan(5);
    expect(await read(0)).toEqual(whole);
  });

  it('beyond the whole-read size streams, where merges are not seen: the rows a merge covers are reported, not guessed', async () => {
    const rows = [];
    for await (const r of readSpreadsheet(
      (async function* () {
        yield await mergedWorkbook();
      })(),
      { fileName: 'merged.xlsx', fullReadMaxBytes: 0 },
    ))
      rows.push(r);
    expect(rows.map((r) => [r.row, r.cells.city ?? null])).toEqual([
      [2, 'Detroit'],
      [3, null],
      [4, null],
      [5, 'Detroit'],
    ]);
  });

  it.each([
    [
      'a file that is not a spreadsheet',
      'photo.xlsx',
      Buffer.from('\x89PNG\r\n\x1a\n\x00\x00binary', 'latin1'),
      /is not a readable \.xlsx workbook/,
    ],
    [
      'binary data named .csv',
      'data.csv',
      Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02]),
      /neither an \.xlsx workbook nor a text/,
    ],
    ['a password-protected workbook', 'secret.xlsx', passwordProtectedXlsx(), /is password-protected: remove the password/],
    ['a legacy .xls workbook', 'old.xls', legacyXls(), /legacy \.xls workbook.*save it as \.xlsx or \.csv/],
    ['a text file with no header', 'notes.csv', Buffer.from('just some notes\nand more notes\n'), /No sheet has a header row/],
  ])('refuses %s with a clear error, writing nothing', async (_what, name, content, message) => {
    const before = await eventCount();
    const res = await upload(name, content as Buffer, importer);
    expect(res.data).toEqual({ importEvents: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contentBase64' });
    expect(res.errors?.[0].message).toMatch(message as RegExp);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a corrupt (truncated) workbook with a clear error, writing nothing', async () => {
    const whole = await messyWorkbook();
    const before = await eventCount();
    const res = await upload('cut.xlsx', whole.subarray(0, Math.floor(whole.length / 2)), importer, { all: true });
    expect(res.data).toEqual({ importEvents: null });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/is not a readable \.xlsx workbook/);
    expect(await eventCount()).toBe(before);
  });

  it('refuses a file over C2C_EVENT_IMPORT_MAX_BYTES before reading it', async () => {
    const content = await messyWorkbook();
    process.env.C2C_EVENT_IMPORT_MAX_BYTES = String(content.length - 1);
    try {
      const res = await upload('northwest.xlsx', content, importer, { dryRun: true });
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'contentBase64' });
      expect(res.errors?.[0].message).toMatch(`larger than the import limit of ${content.length - 1} bytes`);
    } finally {
      delete process.env.C2C_EVENT_IMPORT_MAX_BYTES;
    }
    const res = await upload('northwest.xlsx', content, importer, { dryRun: true });
    expect(res.errors).toBeUndefined();
  });

  describe('who imports for whom', () => {
    it('partner staff may not import for another organisation', async () => {
      const res = await upload('northwest.xlsx', await messyWorkbook(), ownerStaff, { org: otherPartner.id, dryRun: true });
      expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('naming its own organisation is the same as naming none', async () => {
      const res = await upload('northwest.xlsx', await messyWorkbook(), ownerStaff, { org: owner.id, dryRun: true });
      expect(res.errors).toBeUndefined();
      expect(res.data!.importEvents.imported).toBe(3);
    });

    it('a hub operator must name the organisation, and imports for it', async () => {
      const cec = testing.viewerFor('cec_admin');
      const none = await upload('northwest.xlsx', await messyWorkbook(), cec, { dryRun: true });
      expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
      const res = await upload('northwest.xlsx', await messyWorkbook(), cec, { org: otherPartner.id });
      expect(res.errors).toBeUndefined();
      expect(res.data!.importEvents).toMatchObject({ imported: 3, written: true });
      expect(await sg.em().count(Event, { organizationId: otherPartner.id, title: 'Play & Learn Playgroup', date: '2026-03-05' })).toBe(1);
      // The record is the operator's and the organisation's, nobody else's.
      const own = await sg.exec('{ eventImports { totalCount } }', {}, testing.viewerFor('partner_staff', otherPartner.id));
      expect(own.data!.eventImports.totalCount).toBe(1);
      const stranger = await sg.exec('{ eventImports { totalCount } }', {}, testing.viewerFor('partner_staff', owner.id));
      expect(stranger.data!.eventImports.totalCount).toBe(0);
    });

    it('a hub operator naming an organisation that does not exist is told so, and nothing is written', async () => {
      const before = { events: await eventCount(), imports: await sg.em().count(EventImport, {}) };
      const res = await upload('northwest.xlsx', await messyWorkbook(), testing.viewerFor('cec_admin'), {
        org: '00000000-0000-4000-8000-0000000000ee',
      });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      expect(res.data?.importEvents ?? null).toBeNull();
      expect({ events: await eventCount(), imports: await sg.em().count(EventImport, {}) }).toEqual(before);
    });

    it('with partners down, a hub operator’s import is refused and nothing is written (fail closed)', async () => {
      const cut = await testing.createTestSubgraph(events, { seed: false, peers: { partners: 'down' } });
      try {
        const res = await cut.exec(
          IMPORT,
          { fileName: 'e.xlsx', content: (await messyWorkbook()).toString('base64'), org: otherPartner.id },
          testing.viewerFor('cec_admin'),
        );
        expect(res.errors?.[0].message).toMatch(/partners service could not be asked; nothing was saved/);
        expect(await cut.em().count(Event, {})).toBe(0);
      } finally {
        await cut.close();
      }
    });

    it.each([
      ['evaluator', testing.viewerFor('evaluator'), 'FORBIDDEN'],
      ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
      ['embed', testing.viewerFor('embed'), 'FORBIDDEN'],
      ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
    ])('refuses %s', async (_who, viewer, code) => {
      const res = await upload('northwest.xlsx', await messyWorkbook(), viewer, { dryRun: true });
      expect(res.data).toEqual({ importEvents: null });
      expect(res.errors?.[0].extensions?.code).toBe(code);
      const list = await sg.exec('{ eventImports { totalCount } }', {}, viewer);
      expect(list.errors?.[0].extensions?.code).toBe(code);
    });
  });

  it('createEvent refuses a second copy of an imported event', async () => {
    const res = await sg.exec(
      `mutation($input: EventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          ...MESSY_EVENTS[0],
          title: 'play & learn   PLAYGROUP',
          street: '100 MAIN ST.',
          city: 'Detroit',
          description: 'Typed again by hand',
        },
      },
      importer,
    );
    expect(res.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  describe('importEventRows: the batches the CLI sends', () => {
    const ROWS = `mutation($importId: ID, $rows: [EventImportRowInput!]!, $dryRun: Boolean, $all: Boolean, $hash: String!) {
      importEventRows(importId: $importId, fileName: "batches.xlsx", fileHash: $hash, columns: [{ column: "Zip Code", field: "zip" }], rows: $rows, dryRun: $dryRun, allOrNothing: $all) { ${REPORT} } }`;
    const hash = 'a'.repeat(64);
    const row = (i: number, over: Record<string, string> = {}) => ({
      sheet: 'Events',
      row: i + 2,
      title: `Batch Row ${i}`,
      date: '2026-06-01',
      type: 'Workshop',
      street: '1 Batch St',
      city: 'Detroit',
      zip: '48201',
      targetAudience: 'Parents',
      engagementLevel: 'L1',
      attendees: String(i),
      ...over,
    });
    const batcher = testing.viewerFor('partner_staff', otherPartner.id);

    it('adds later batches to the import the first one started, each batch one transaction', async () => {
      const first = await sg.exec(ROWS, { rows: [row(1), row(2)], hash }, batcher);
      expect(first.errors).toBeUndefined();
      const id = first.data!.importEventRows.importRecord.id;
      const second = await sg.exec(ROWS, { importId: id, rows: [row(3), row(1), row(4, { zip: '4820x' })], hash }, batcher);
      expect(counts(second.data!.importEventRows)).toEqual({
        rows: 3,
        imported: 1,
        duplicates: 1,
        rejected: 1,
        errors: [{ sheet: 'Events', row: 6, column: 'Zip Code', reason: 'zip "4820x" is not a ZIP code (five digits, or ZIP+4)' }],
      });
      expect(second.data!.importEventRows.importRecord).toMatchObject({ id, rows: 5, imported: 3, duplicates: 1, rejected: 1 });
    });

    it('an all-or-nothing batch with a rejected row writes nothing, not even its record', async () => {
      const before = await eventCount();
      const imports = await sg.em().count(EventImport, {});
      const res = await sg.exec(ROWS, { rows: [row(10), row(11, { date: 'soon' })], hash, all: true }, batcher);
      expect(res.data!.importEventRows).toMatchObject({ written: false, imported: 0, rejected: 1, importRecord: null });
      expect(await eventCount()).toBe(before);
      expect(await sg.em().count(EventImport, {})).toBe(imports);
    });

    it('another organisation’s import id is not found, and nothing is written', async () => {
      const mine = await sg.exec(ROWS, { rows: [row(20)], hash }, batcher);
      const before = await eventCount();
      const res = await sg.exec(ROWS, { importId: mine.data!.importEventRows.importRecord.id, rows: [row(21)], hash }, ownerStaff);
      expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(await eventCount()).toBe(before);
    });

    it.each([
      ['more than 1000 rows', { rows: Array.from({ length: 1001 }, (_, i) => row(i)), hash }, 'rows'],
      ['a file hash that is not SHA-256', { rows: [row(1)], hash: 'abc' }, 'fileHash'],
    ])('refuses %s before checking any row', async (_what, vars, field) => {
      const res = await sg.exec(ROWS, vars, batcher);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('lists imports in one SQL statement', async () => {
      sg.statements.reset();
      const res = await sg.exec('{ eventImports(first: 100) { totalCount edges { node { id fileName rows } } } }', {}, batcher);
      expect(res.errors).toBeUndefined();
      expect(res.data!.eventImports.totalCount).toBeGreaterThanOrEqual(2);
      expect(sg.statements.count).toBe(1);
    });
  });
});
