import { EngagementLevel } from './engagement-level.enum';
import { EventType } from './event-type.enum';
import { isCalendarDate, isoDate } from './iso-date.logic';

/**
 * What a partner's spreadsheet holds, field by field, before any checking: every cell as text
 * (numbers, dates and formula results already turned into text by the reader), so the CLI can
 * send rows over JSON and the subgraph checks them with exactly the code a file upload uses.
 */
export const IMPORT_FIELDS = [
  'title',
  'date',
  'type',
  'description',
  'street',
  'city',
  'zip',
  'targetAudience',
  'engagementLevel',
  'attendees',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: ImportField[] = IMPORT_FIELDS.filter((f) => f !== 'description');

/** Lower case, `#` read as "number", punctuation and spacing folded: "Zip-Code", "ZIP code " and "zip_code" are one header. */
export const foldHeader = (header: string) =>
  header
    .toLowerCase()
    .replace(/#/g, ' number ')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9+]+/g, ' ')
    .trim();

const HEADER_VARIANTS: Record<ImportField, string[]> = {
  title: ['title', 'event title', 'event name', 'name of event', 'event', 'name', 'activity', 'activity name', 'program name'],
  date: ['date', 'event date', 'date of event', 'date held', 'when', 'activity date'],
  type: ['type', 'event type', 'type of event', 'kind of event', 'activity type', 'category'],
  description: ['description', 'event description', 'details', 'summary', 'about'],
  street: ['street', 'address', 'street address', 'location address', 'location', 'address line 1', 'venue address'],
  city: ['city', 'town', 'city town'],
  zip: ['zip', 'zip code', 'zipcode', 'zip+4', 'zip 4', 'postal code', 'postcode', 'zip postal code'],
  targetAudience: ['audience', 'target audience', 'audience type', 'who attended', 'population served', 'intended audience'],
  engagementLevel: ['engagement level', 'level', 'engagement', 'level of engagement', 'engagement type'],
  attendees: [
    'attendees',
    'number of attendees',
    'number attendees',
    'no of attendees',
    'num attendees',
    'attendance',
    'total attendees',
    'participants',
    'number of participants',
    'headcount',
    'head count',
  ],
};

const FIELD_BY_HEADER = new Map<string, ImportField>(
  (Object.entries(HEADER_VARIANTS) as [ImportField, string[]][]).flatMap(([field, names]) => names.map((n) => [foldHeader(n), field])),
);
// The field names themselves ("targetAudience", "engagementLevel") are recognised too, for files this hub exported.
for (const field of IMPORT_FIELDS) {
  FIELD_BY_HEADER.set(foldHeader(field), field);
  FIELD_BY_HEADER.set(foldHeader(field.replace(/([A-Z])/g, ' $1')), field);
}

/** The field a header names, or null for a column the import does not read (notes, internal ids…). */
export function fieldOfHeader(header: string, explicit?: ReadonlyMap<string, ImportField>): ImportField | null {
  const folded = foldHeader(header);
  if (explicit?.has(folded)) return explicit.get(folded)!;
  return FIELD_BY_HEADER.get(folded) ?? null;
}

/** `--map 'Column=field,…'`: header → field, the header folded as every header is. */
export function parseColumnMap(spec: string | readonly { column: string; field: string }[] | null | undefined): Map<string, ImportField> {
  const pairs =
    typeof spec === 'string'
      ? spec
          .split(',')
          .filter((p) => p.trim())
          .map((p) => {
            const at = p.lastIndexOf('=');
            if (at <= 0) throw new ImportFileError('BAD_MAP', `--map entry "${p.trim()}" must be Column=field`);
            return { column: p.slice(0, at), field: p.slice(at + 1).trim() };
          })
      : (spec ?? []);
  const map = new Map<string, ImportField>();
  for (const { column, field } of pairs) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) {
      throw new ImportFileError('BAD_MAP', `Unknown field "${field}" in the column map: use one of ${IMPORT_FIELDS.join(', ')}`);
    }
    map.set(foldHeader(column), field as ImportField);
  }
  return map;
}

/** A whole-file fault: the file is not read at all. `code` says which, for clients and tests. */
export class ImportFileError extends Error {
  constructor(
    readonly code:
      | 'BAD_MAP'
      | 'NOT_A_SPREADSHEET'
      | 'XLS_NOT_SUPPORTED'
      | 'PASSWORD_PROTECTED'
      | 'CORRUPT_WORKBOOK'
      | 'TOO_LARGE'
      | 'NO_HEADER'
      | 'MISSING_COLUMNS'
      | 'CHOOSE_SHEET'
      | 'NO_SUCH_SHEET',
    message: string,
  ) {
    super(message);
  }
}

/** A value that failed: the reason names the field's rule. */
export class RowProblem extends Error {}

const fold = (v: string) =>
  v
    .toLowerCase()
    .replace(/&|\+/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

// A formula whose value was never computed (a file written by a script, not saved by Excel) reaches us as its text.
function notFormula(value: string) {
  if (value.startsWith('='))
    throw new RowProblem(`is a formula with no computed value (${value}); open and save the file in a spreadsheet first`);
  if (/^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!)$/.test(value)) throw new RowProblem(`is a formula error (${value})`);
}

const ENGAGEMENT: Record<string, EngagementLevel> = {
  touchpoint: EngagementLevel.TOUCHPOINT,
  'touch point': EngagementLevel.TOUCHPOINT,
  touchpoints: EngagementLevel.TOUCHPOINT,
  tp: EngagementLevel.TOUCHPOINT,
  'level 1': EngagementLevel.LEVEL_ONE,
  'level one': EngagementLevel.LEVEL_ONE,
  level1: EngagementLevel.LEVEL_ONE,
  l1: EngagementLevel.LEVEL_ONE,
  'lvl 1': EngagementLevel.LEVEL_ONE,
  lvl1: EngagementLevel.LEVEL_ONE,
  'level i': EngagementLevel.LEVEL_ONE,
  '1': EngagementLevel.LEVEL_ONE,
  'level 2': EngagementLevel.LEVEL_TWO,
  'level two': EngagementLevel.LEVEL_TWO,
  level2: EngagementLevel.LEVEL_TWO,
  l2: EngagementLevel.LEVEL_TWO,
  'lvl 2': EngagementLevel.LEVEL_TWO,
  lvl2: EngagementLevel.LEVEL_TWO,
  'level ii': EngagementLevel.LEVEL_TWO,
  '2': EngagementLevel.LEVEL_TWO,
  dyc: EngagementLevel.DAY_OF_THE_YOUNG_CHILD,
  doyc: EngagementLevel.DAY_OF_THE_YOUNG_CHILD,
  'day of the young child': EngagementLevel.DAY_OF_THE_YOUNG_CHILD,
  'day of young child': EngagementLevel.DAY_OF_THE_YOUNG_CHILD,
};
for (const level of Object.values(EngagementLevel)) ENGAGEMENT[fold(level)] = level;

export function engagementLevelOf(value: string): EngagementLevel {
  const level = ENGAGEMENT[fold(value)];
  if (!level) throw new RowProblem(`"${value}" is not an engagement level (touchpoint, level one, level two, Day of the Young Child)`);
  return level;
}

const TYPES: Record<string, EventType> = {
  'play group': EventType.PLAYGROUP,
  'play and learn': EventType.PLAYGROUP,
  class: EventType.WORKSHOP,
  community: EventType.COMMUNITY_EVENT,
  'community gathering': EventType.COMMUNITY_EVENT,
  celebration: EventType.COMMUNITY_EVENT,
  'health screening': EventType.SCREENING,
  'developmental screening': EventType.SCREENING,
  'home visiting': EventType.HOME_VISIT,
  'home visits': EventType.HOME_VISIT,
  'resource event': EventType.RESOURCE_FAIR,
  fair: EventType.RESOURCE_FAIR,
};
for (const type of Object.values(EventType)) {
  TYPES[fold(type)] = type;
  TYPES[fold(type).replace(/ /g, '')] = type;
  TYPES[`${fold(type)}s`] = type;
}

export function eventTypeOf(value: string): EventType {
  const type = TYPES[fold(value)];
  if (!type) throw new RowProblem(`"${value}" is not an event type (${Object.values(EventType).join(', ')})`);
  return type;
}

/** The five audiences of the agreed fields, as reports and the hub show them. */
export const AUDIENCES = ['Parent/family', 'Parent/family and child', 'Caregivers', 'Teachers/educators', 'Directors/owners'] as const;

/** Audiences by the words they use: "Parents & families", "Families w/ children", "Child care directors". */
export function audienceOf(value: string): string {
  const words = new Set(fold(value).split(' '));
  const has = (...w: string[]) => w.some((x) => words.has(x));
  const family = has('parent', 'parents', 'family', 'families', 'families', 'mom', 'moms', 'dad', 'dads');
  const child = has('child', 'children', 'kids', 'kid', 'child', 'toddlers', 'infants', 'youth');
  if (has('director', 'directors', 'owner', 'owners', 'administrators')) return AUDIENCES[4];
  if (has('teacher', 'teachers', 'educator', 'educators', 'providers', 'staff')) return AUDIENCES[3];
  if (family && child) return AUDIENCES[1];
  if (family) return AUDIENCES[0];
  if (has('caregiver', 'caregivers', 'guardians', 'grandparents')) return AUDIENCES[2];
  throw new RowProblem(`"${value}" is not one of the audiences (${AUDIENCES.join('; ')})`);
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included), so serials count from there. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Excel serials of 2000-01-01 and 2099-12-31: a bare number outside them is not a date anyone meant. */
const SERIAL_RANGE = [36526, 73050];

function calendar(year: number, month: number, day: number, raw: string): string {
  const y = year < 100 ? 2000 + year : year;
  const date = isoDate(y, month, day);
  if (!isCalendarDate(date)) throw new RowProblem(`"${raw}" is not a real calendar date`);
  return date;
}

/**
 * Dates as partners type them: ISO, US month/day/year (4- or 2-digit year), month names, an
 * Excel serial number, or the ISO text the reader makes of a real Excel date.
 */
export function dateOf(value: string): string {
  const v = value.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(v))) return calendar(+m[1], +m[2], +m[3], v);
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(v))) return calendar(+m[3], +m[1], +m[2], v);
  if ((m = /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i.exec(v))) {
    const month = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
    if (month >= 0) return calendar(+m[3], month + 1, +m[2], v);
  }
  if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i.exec(v))) {
    const month = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase());
    if (month >= 0) return calendar(+m[3], month + 1, +m[1], v);
  }
  if (/^\d+(\.\d+)?$/.test(v)) {
    const serial = Math.floor(Number(v));
    if (serial < SERIAL_RANGE[0] || serial > SERIAL_RANGE[1]) throw new RowProblem(`"${v}" is a number, not a date from 2000 to 2099`);
    return new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10);
  }
  throw new RowProblem(`"${v}" is not a date (use YYYY-MM-DD, MM/DD/YYYY or a spreadsheet date)`);
}

/**
 * Five digits, from ZIP+4 or a number that lost its leading zero in a spreadsheet. The hub
 * holds no ZIP directory, so a well-formed zip that does not exist is not caught; 00000 is.
 */
export function zipOf(value: string): string {
  const v = value.trim();
  const m = /^(\d{3,5})(?:-?\d{4})?$/.exec(v);
  if (!m || (m[1].length < 5 && !/^\d+$/.test(v))) throw new RowProblem(`"${v}" is not a ZIP code (five digits, or ZIP+4)`);
  const zip = m[1].padStart(5, '0');
  if (zip === '00000') throw new RowProblem(`"${v}" is not a ZIP code`);
  return zip;
}

/** Whole numbers, written as numbers or as text ("1,200", " 24 "). */
export function attendeesOf(value: string, max: number): number {
  const v = value.trim().replace(/,(?=\d{3}\b)/g, '');
  if (!/^-?\d+(\.0+)?$/.test(v)) throw new RowProblem(`"${value.trim()}" is not a whole number`);
  const n = Number(v);
  if (n < 0) throw new RowProblem(`${n} is negative`);
  if (n > max) throw new RowProblem(`${n} is more than ${max}`);
  return n;
}

export { notFormula };
