/**
 * ISO calendar dates (YYYY-MM-DD) as plain strings. Event dates have no time of day and no
 * time zone, so they never pass through `Date` except to check that the day exists.
 */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const isoDate = (year: number, month: number, day: number) => `${pad(year, 4)}-${pad(month)}-${pad(day)}`;

/** Days in `month` (1–12) of `year`. */
export const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** True for a real day in the calendar: rejects 2026-02-30 and 2026-13-01 as well as malformed text. */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Today's date in UTC: one answer whichever server runs the check. */
export const todayUtc = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  return isoDate(year + years, month, Math.min(day, daysInMonth(year + years, month)));
}

/** YYYY-MM of a date. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Every month from `from` to `to` (YYYY-MM, inclusive), in order. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [endYear, endMonth] = to.split('-').map(Number);
  while (year < endYear || (year === endYear && month <= endMonth)) {
    months.push(`${pad(year, 4)}-${pad(month)}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}
