/**
 * The one clock every deadline, expiry and consent decision of this subgraph reads, so tests
 * pin it to prove those edges instead of waiting for them.
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
