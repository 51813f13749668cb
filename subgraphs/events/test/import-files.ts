import ExcelJS from 'exceljs';

/**
 * Spreadsheets as partners send them, made with exceljs for the tests: title rows above the
 * header, everyday header names, dates of every kind, spelled-out levels, bad rows, notes and
 * totals below the data, a merged title, a hidden column, several sheets and formulas.
 */

export const HEADERS = [
  'Event Title',
  'Date of event',
  'Type of Event',
  'Street Address',
  'City',
  'Zip Code',
  'Audience',
  'Engagement Level',
  '# of attendees',
  // A hidden old copy of the date column: the first column of a field is the one read.
  'Date',
];

/** The messy workbook's rows below its header (row 5), and what the import must make of them. */
export const MESSY_ROWS: (ExcelJS.CellValue | undefined)[][] = [
  // 5: a real Excel date, ZIP+4, a spelled-out level
  [
    'Play & Learn Playgroup',
    new Date(Date.UTC(2026, 2, 5)),
    'Playgroup',
    '100 Main St',
    'Detroit',
    '48201-1234',
    'Parents & families',
    'Level 1',
    24,
    'n/a',
  ],
  // 6: an Excel serial date (46099 = 2026-03-18), a zip as a number, attendees as text
  ['Kindergarten Readiness Night', 46099, 'workshop', '200 Oak Ave', 'Detroit', 48202, 'Parents and children', 'L2', '30', ''],
  // 7: a US date as text, a formula with its computed value
  [
    'Day of the Young Child Celebration',
    '04/12/2026',
    'Community Event',
    '300 Elm St',
    'Detroit',
    '48203',
    'Families',
    'DYC',
    { formula: 'A1+5', result: 45 },
    '',
  ],
  // 8: a date that does not exist and negative attendees
  ['Screening Day', '2026-02-30', 'Screening', '400 Pine St', 'Detroit', '48204', 'Parents', 'touch point', -5, ''],
  // 9: a date in the future
  ['Future Fair', '2099-01-01', 'Resource Fair', '500 Cedar St', 'Detroit', '48205', 'Teachers', 'Level Two', 10, ''],
  // 10: attendees that are not a number, an unknown level
  ['Flyer Drop', 'March 7, 2026', 'Other', '600 Birch St', 'Detroit', '48206', 'Caregivers', 'Level 3', 'about 20', ''],
  // 11: a formula with no computed value
  [
    'Story Walk',
    '2026-03-09',
    'Community Event',
    '700 Maple St',
    'Detroit',
    '48207',
    'Parents',
    'Touchpoint',
    { formula: 'SUM(I5:I7)' },
    '',
  ],
  // 12: blank
  [],
  // 13: totals
  ['Total', undefined, undefined, undefined, undefined, undefined, undefined, undefined, { formula: 'SUM(I5:I11)', result: 99 }, ''],
  // 14: a note
  ['Notes: attendance numbers are estimates.'],
];

export const MESSY_EXPECTED = {
  rows: 7,
  imported: 3,
  duplicates: 0,
  rejected: 4,
  errors: [
    { sheet: 'Events 2026', row: 8, column: 'Date of event', reason: 'date "2026-02-30" is not a real calendar date' },
    { sheet: 'Events 2026', row: 8, column: '# of attendees', reason: 'attendees -5 is negative' },
    { sheet: 'Events 2026', row: 9, column: 'Date of event', reason: 'date 2099-01-01 is in the future' },
    {
      sheet: 'Events 2026',
      row: 10,
      column: 'Engagement Level',
      reason: 'engagement level "Level 3" is not an engagement level (touchpoint, level one, level two, Day of the Young Child)',
    },
    { sheet: 'Events 2026', row: 10, column: '# of attendees', reason: 'attendees "about 20" is not a whole number' },
    {
      sheet: 'Events 2026',
      row: 11,
      column: '# of attendees',
      reason: 'attendees is a formula with no computed value (=SUM(I5:I7)); open and save the file in a spreadsheet first',
    },
  ],
};

/** The events the three good rows become. */
export const MESSY_EVENTS = [
  {
    title: 'Play & Learn Playgroup',
    date: '2026-03-05',
    type: 'PLAYGROUP',
    zip: '48201',
    targetAudience: 'Parent/family',
    engagementLevel: 'LEVEL_ONE',
    attendees: 24,
  },
  {
    title: 'Kindergarten Readiness Night',
    date: '2026-03-18',
    type: 'WORKSHOP',
    zip: '48202',
    targetAudience: 'Parent/family and child',
    engagementLevel: 'LEVEL_TWO',
    attendees: 30,
  },
  {
    title: 'Day of the Young Child Celebration',
    date: '2026-04-12',
    type: 'COMMUNITY_EVENT',
    zip: '48203',
    targetAudience: 'Parent/family',
    engagementLevel: 'DAY_OF_THE_YOUNG_CHILD',
    attendees: 45,
  },
];

function eventsSheet(wb: ExcelJS.Workbook, name: string, rows = MESSY_ROWS) {
  const ws = wb.addWorksheet(name);
  ws.getCell('A1').value = 'Northwest Family Center: Events 2026';
  ws.mergeCells('A1:H1');
  ws.getCell('A2').value = 'Prepared by J. Smith';
  ws.getCell('B2').value = 'for the Task Force';
  ws.getRow(4).values = HEADERS;
  rows.forEach((r, i) => {
    const row = ws.getRow(5 + i);
    r.forEach((v, c) => {
      if (v !== undefined) row.getCell(c + 1).value = v;
    });
  });
  ws.getColumn(10).hidden = true;
  return ws;
}

/** The messy workbook: instructions first, then the events sheet, then a summary of formulas. */
export async function messyWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const readme = wb.addWorksheet('Read me');
  readme.getCell('A1').value = 'Send this workbook to the Task Force by the 5th of each month.';
  readme.getCell('A3').value = 'Questions: call the hub.';
  eventsSheet(wb, 'Events 2026');
  const summary = wb.addWorksheet('Summary');
  summary.getRow(1).values = ['Month', 'Events', 'Attendees'];
  summary.getRow(2).values = ['March', { formula: "COUNTA('Events 2026'!A5:A11)", result: 7 } as any, 99];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Two sheets that both hold events: the import must ask which. */
export async function twoEventSheets(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  eventsSheet(wb, 'Events 2026');
  eventsSheet(wb, 'Events 2025', [MESSY_ROWS[0].map((v, i) => (i === 0 ? 'Last Year Playgroup' : v))]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A CSV as Excel on Windows saves it: Windows-1252, semicolons, a title line, other header names. */
export function windows1252Csv(): Buffer {
  const lines = [
    'Eastside Early Learning - event log;;;;;;;;',
    'Event Name;Date;Event Type;Address;City;ZIP;Target Audience;Level;Attendance',
    'Café Storytime;March 5, 2026;Community event;12 Rue St;Detroit;48201-0001;Parents & Children;touchpoint;1,200',
    'Home Visit Check-in;3/6/26;Home Visit;13 Rue St;Detroit;48202;Directors;Level Two;8',
    'Provider Training;2026-03-07;Training;14 Rue St;Detroit;482O1;Teachers/educators;Level One;12',
    ';;;;;;;;',
    'Total;;;;;;;;1220',
  ];
  const text = lines.join('\r\n') + '\r\n';
  // Windows-1252 is Latin-1 for every character used here.
  return Buffer.from(text, 'latin1');
}

export const CSV_1252_EXPECTED = {
  rows: 3,
  imported: 2,
  duplicates: 0,
  rejected: 1,
  errors: [{ sheet: 'events.csv', row: 5, column: 'ZIP', reason: 'zip "482O1" is not a ZIP code (five digits, or ZIP+4)' }],
};

/** UTF-8 with a byte-order mark, commas, quoted fields with commas in them. */
export function utf8BomCsv(): Buffer {
  const text = [
    'title,date,type,street,city,zip,targetAudience,engagementLevel,attendees,description',
    '"Parent Café, Spring",2026-03-10,WORKSHOP,"1 Main St, Suite 2",Detroit,48201,Caregivers,LEVEL_ONE,9,"Tea, talk and toys"',
    'Owners Roundtable,2026-03-11,TRAINING,2 Main St,Detroit,48201,Child care owners,Level 2,7,',
  ].join('\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** An .xlsx encrypted by Excel is an OLE compound file holding an "EncryptedPackage" stream. */
export function passwordProtectedXlsx(): Buffer {
  const header = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  Buffer.from('EncryptionInfo', 'utf16le').copy(header, 512);
  Buffer.from('EncryptedPackage', 'utf16le').copy(header, 640);
  return header;
}

/** A legacy .xls workbook: the same compound-file signature, no encryption streams. */
export function legacyXls(): Buffer {
  const header = Buffer.alloc(1024);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  Buffer.from('Workbook', 'utf16le').copy(header, 512);
  return header;
}
