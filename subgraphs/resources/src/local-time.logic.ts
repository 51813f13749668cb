import { WEEKDAYS, type Weekday } from './weekday.enum';

export interface LocalMoment {
  date: string; // YYYY-MM-DD
  weekday: Weekday;
  time: string; // HH:MM
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether `tz` is an IANA zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock date, weekday and minute of an instant in a time zone (daylight saving included). */
export function localMoment(at: Date, tz: string): LocalMoment {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(tz, f);
  }
  const parts = Object.fromEntries(f.formatToParts(at).map((p) => [p.type, p.value]));
  const wd = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: WEEKDAYS[wd], time: `${parts.hour}:${parts.minute}` };
}

/** The weekday before `w`. */
export const previousWeekday = (w: Weekday): Weekday => WEEKDAYS[(WEEKDAYS.indexOf(w) + WEEKDAYS.length - 1) % WEEKDAYS.length];

/** The calendar day before a `YYYY-MM-DD` date. */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/**
 * The same rule as the search's SQL, for one service's schedules already in memory. A schedule
 * whose closing time is before its opening time runs past midnight into the next day.
 */
export function isOpenAt(
  schedules: {
    weekday?: string | null;
    opensAt?: string | null;
    closesAt?: string | null;
    timezone: string;
    validFrom?: string | null;
    validTo?: string | null;
    closed: boolean;
  }[],
  at: Date,
): boolean {
  const inRange = (d: string, from?: string | null, to?: string | null) => (!from || from <= d) && (!to || to >= d);
  const closedToday = schedules.some((s) => s.closed && inRange(localMoment(at, s.timezone).date, s.validFrom, s.validTo));
  if (closedToday) return false;
  return schedules.some((s) => {
    if (s.closed || !s.weekday || !s.opensAt || !s.closesAt) return false;
    const m = localMoment(at, s.timezone);
    const overnight = s.closesAt < s.opensAt;
    // Opened today (until closing, or until midnight when it runs past it) …
    if (s.weekday === m.weekday && s.opensAt <= m.time && (overnight || s.closesAt > m.time) && inRange(m.date, s.validFrom, s.validTo))
      return true;
    // … or opened yesterday and still open after midnight.
    return (
      overnight && s.weekday === previousWeekday(m.weekday) && s.closesAt > m.time && inRange(previousDate(m.date), s.validFrom, s.validTo)
    );
  });
}
