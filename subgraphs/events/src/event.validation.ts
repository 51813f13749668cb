import { badInput, Imperative } from '@c2c/kernel';
import { EngagementLevel } from './engagement-level.enum';
import type { EventInput } from './event.input';
import { EventType } from './event-type.enum';
import { addYears, isCalendarDate, todayUtc } from './iso-date.logic';

export const MAX_ATTENDEES = 100_000;
/** Earlier dates are typing mistakes (0226-05-01), not events anyone will report. */
export const EARLIEST_EVENT_DATE = '2000-01-01';

/** The columns an EventInput sets, checked and normalised (trimmed, blank description as null). */
export interface EventValues {
  title: string;
  date: string;
  type: EventType;
  description: string | null;
  street: string;
  city: string;
  zip: string;
  targetAudience: string;
  engagementLevel: EngagementLevel;
  attendees: number;
  imperative: Imperative;
}

// Tab and line breaks are text; other control characters (NUL above all, which PostgreSQL
// refuses) are not, and would otherwise surface as an internal error instead of bad input.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function text(value: string | null | undefined, field: string, max: number, o: { required: true }): string;
function text(value: string | null | undefined, field: string, max: number, o: { required: false }): string | null;
function text(value: string | null | undefined, field: string, max: number, o: { required: boolean }): string | null {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (!trimmed) {
    if (o.required) throw badInput(`${field} must not be blank`, { field: `input.${field}` });
    return null;
  }
  // Code points, as PostgreSQL counts varchar length.
  if ([...trimmed].length > max) throw badInput(`${field} must be at most ${max} characters`, { field: `input.${field}` });
  if (CONTROL.test(trimmed)) throw badInput(`${field} must not contain control characters`, { field: `input.${field}` });
  return trimmed;
}

function oneOf<T extends string>(value: unknown, allowed: Record<string, T>, field: string): T {
  if (!Object.values(allowed).includes(value as T)) {
    throw badInput(`${field} must be one of ${Object.values(allowed).join(', ')}`, { field: `input.${field}` });
  }
  return value as T;
}

/**
 * Checks every field before anything touches the database, so a bad input writes nothing.
 * The first fault is reported, naming its input path.
 */
export function eventValues(input: EventInput, today: string = todayUtc()): EventValues {
  const title = text(input.title, 'title', 200, { required: true });

  const date = typeof input.date === 'string' ? input.date.trim() : '';
  if (!isCalendarDate(date)) throw badInput('date must be a real calendar date written YYYY-MM-DD', { field: 'input.date' });
  if (date < EARLIEST_EVENT_DATE) throw badInput(`date must not be before ${EARLIEST_EVENT_DATE}`, { field: 'input.date' });
  const latest = addYears(today, 1);
  if (date > latest) throw badInput(`date must not be more than one year in the future (after ${latest})`, { field: 'input.date' });

  const type = oneOf(input.type, EventType, 'type');
  const description = text(input.description, 'description', 4000, { required: false });
  const street = text(input.street, 'street', 200, { required: true });
  const city = text(input.city, 'city', 100, { required: true });

  const zip = typeof input.zip === 'string' ? input.zip.trim() : '';
  if (!/^\d{5}$/.test(zip)) throw badInput('zip must be five digits', { field: 'input.zip' });

  const targetAudience = text(input.targetAudience, 'targetAudience', 200, { required: true });
  const engagementLevel = oneOf(input.engagementLevel, EngagementLevel, 'engagementLevel');

  const attendees = input.attendees;
  if (!Number.isInteger(attendees) || attendees < 0 || attendees > MAX_ATTENDEES) {
    throw badInput(`attendees must be a whole number from 0 to ${MAX_ATTENDEES}`, { field: 'input.attendees' });
  }

  const imperative = input.imperative == null ? Imperative.EARLY_CHILDHOOD : oneOf(input.imperative, Imperative, 'imperative');

  return { title, date, type, description, street, city, zip, targetAudience, engagementLevel, attendees, imperative };
}

/** An inclusive date window from optional `from`/`to` arguments; both must be calendar dates, in order. */
export function dateWindow(args: { from?: string | null; to?: string | null }): { from?: string; to?: string } {
  for (const field of ['from', 'to'] as const) {
    const value = args[field];
    if (value != null && !isCalendarDate(value)) throw badInput(`${field} must be a real calendar date written YYYY-MM-DD`, { field });
  }
  const from = args.from ?? undefined;
  const to = args.to ?? undefined;
  if (from && to && from > to) throw badInput('to must not be before from', { field: 'to' });
  return { from, to };
}
