/**
 * The one clock every consent, participation and audit decision reads. Access to student
 * records changes with time alone (consent expires, a programme ends), so tests pin the
 * clock to prove those edges instead of waiting for them.
 */
let current: () => Date = () => new Date();

export const now = (): Date => current();

/** Replaces the clock (tests). */
export function setClock(clock: () => Date) {
  current = clock;
}

export function resetClock() {
  current = () => new Date();
}

/** The calendar day of `at` in UTC, as the `YYYY-MM-DD` strings date columns hold. */
export const isoDay = (at: Date) => at.toISOString().slice(0, 10);
