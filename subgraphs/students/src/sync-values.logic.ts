import { GRADE_CODES } from './grade.validation';

/** Why one synchronised row is refused: the field at fault and, for people, the reason. */
/** A sync run id no run has: reported as NOT_FOUND, as everywhere a thing does not exist. */
export class RunMissing extends Error {
  constructor(readonly runId: string) {
    super(`no sync run ${runId}`);
  }
}

export class RowProblem extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day as YYYY-MM-DD: 2026-02-30 is refused, not rolled over into March. */
export function isIsoDate(value: string): boolean {
  // A batch repeats a few school days thousands of times: the answer per day is kept (bounded).
  const known = checkedDays.get(value);
  if (known !== undefined) return known;
  const ok = checkDay(value);
  if (checkedDays.size >= 4096) checkedDays.clear();
  checkedDays.set(value, ok);
  return ok;
}
const checkedDays = new Map<string, boolean>();

function checkDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

export function requiredDate(value: string | null | undefined, field: string): string {
  const v = value?.trim() ?? '';
  if (!v) throw new RowProblem(field, `${field} is required`);
  if (!isIsoDate(v)) throw new RowProblem(field, `${field} must be a real date, YYYY-MM-DD (got "${v.slice(0, 40)}")`);
  return v;
}

export function optionalDate(value: string | null | undefined, field: string): string | null {
  return value?.trim() ? requiredDate(value, field) : null;
}

const STAMP = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * OneRoster dateLastModified, normalised to one ISO 8601 instant so that "newer" is a string
 * comparison. A date alone or a time without zone is UTC. Anything else (e.g. "1/05/2023",
 * which could be January or May) is refused rather than guessed.
 */
export function normalizeTimestamp(value: string | null | undefined, field = 'dateLastModified'): string | null {
  const v = value?.trim() ?? '';
  if (!v) return null;
  // An export usually stamps every row of a file alike: the last one normalised is kept.
  if (v === lastStamp.raw && field === lastStamp.field) return lastStamp.iso;
  const iso = normalize(v, field);
  Object.assign(lastStamp, { raw: v, field, iso });
  return iso;
}
const lastStamp = { raw: '', field: '', iso: '' };

function normalize(v: string, field: string): string {
  const m = STAMP.exec(v);
  if (!m || !isIsoDate(m[1]) || +(m[2] ?? 0) > 23 || +(m[3] ?? 0) > 59 || +(m[4] ?? 0) > 59)
    throw new RowProblem(field, `${field} must be an ISO 8601 date or date-time (got "${v.slice(0, 40)}")`);
  const zone = m[6] ? (m[6] === 'Z' ? 'Z' : m[6].replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2')) : 'Z';
  const iso = `${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}${(m[5] ?? '').slice(0, 4)}${zone}`;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new RowProblem(field, `${field} is not a valid instant (got "${v.slice(0, 40)}")`);
  return new Date(t).toISOString();
}

export function requiredText(value: string | null | undefined, field: string, max: number): string {
  const v = value?.trim() ?? '';
  if (!v) throw new RowProblem(field, `${field} is required`);
  return limitedText(v, field, max)!;
}

export function limitedText(value: string | null | undefined, field: string, max: number): string | null {
  const v = value?.trim() ?? '';
  if (!v) return null;
  if (v.length > max) throw new RowProblem(field, `${field} must be at most ${max} characters`);
  return v;
}

/** OneRoster grades ("9", "09", "KG", "12"; several separated by commas): the first, as the hub's code. */
export function gradeCode(value: string | null | undefined, field = 'grade'): string | null {
  const first = value?.split(',')[0]?.trim() ?? '';
  if (!first) return null;
  const code = /^\d$/.test(first) ? `0${first}` : first.toUpperCase();
  if (!(GRADE_CODES as readonly string[]).includes(code))
    throw new RowProblem(field, `${field} must be a OneRoster grade code (${GRADE_CODES.join(', ')}), got "${first.slice(0, 10)}"`);
  return code;
}

/** The school year ("2026-2027") a day falls in; school years start in August. */
export function schoolYearOf(day: string | null): string | null {
  if (!day) return null;
  const y = +day.slice(0, 4);
  return +day.slice(5, 7) >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

export function finiteNumber(value: number | null | undefined, field: string, o: { min?: number; required?: boolean } = {}): number | null {
  if (value === null || value === undefined) {
    if (o.required) throw new RowProblem(field, `${field} is required`);
    return null;
  }
  if (!Number.isFinite(value) || (o.min !== undefined && value < o.min))
    throw new RowProblem(field, `${field} must be a number${o.min !== undefined ? ` ≥ ${o.min}` : ''}`);
  return value;
}

/**
 * A OneRoster list (grades, subjects, periods…) as one comma-separated column, the way the CSV
 * binding writes it: empty items are dropped, an item holding a comma is refused (it could not
 * be told apart from two), and the whole must fit `max` characters. Null when the list is empty.
 */
export function textList(values: readonly (string | null)[] | null | undefined, field: string, max: number): string | null {
  const items = (values ?? []).map((v) => v?.trim() ?? '').filter(Boolean);
  if (items.some((v) => v.includes(','))) throw new RowProblem(field, `${field} items must not contain commas`);
  return limitedText(items.join(','), field, max);
}

/** OneRoster grades as the hub's grade codes ("9" → "09"), comma-separated; null when none. */
export function gradeList(values: readonly (string | null)[] | null | undefined, field = 'grades'): string | null {
  const codes = (values ?? [])
    .map((v) => v?.trim() ?? '')
    .filter(Boolean)
    .map((v) => gradeCode(v, field)!);
  return codes.length ? [...new Set(codes)].join(',') : null;
}

/** A list column read back as an array. */
export const listOf = (value: string | null | undefined): string[] => (value ? value.split(',') : []);
