import { EnvError } from '@c2c/kernel';
import { now } from './clock.logic';

/**
 * The budget of failed enrolment lookups. `enrolParticipant` answers NOT_FOUND alike for an
 * unknown district id and a wrong birth date, but a partner could still try birth dates one by
 * one until a student turns up; so each organisation may fail only `C2C_ENROL_LOOKUP_FAILURES`
 * times (default 10) in any `C2C_ENROL_LOOKUP_WINDOW_SECONDS` (default 900, 15 minutes), after
 * which it gets RATE_LIMITED until its oldest failure leaves the window. A lookup that finds its
 * student costs nothing. Counted in this process's memory: with several students replicas each
 * keeps its own count, so the hub-wide budget is that many times larger (README).
 */
export interface LookupLimit {
  failures: number;
  windowMs: number;
}

export function readLookupLimit(source: NodeJS.ProcessEnv = process.env): LookupLimit {
  const whole = (key: string, fallback: number, min: number, max: number) => {
    const raw = source[key]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new EnvError([`${key} must be a whole number from ${min} to ${max} (got "${raw}")`]);
    return n;
  };
  return {
    failures: whole('C2C_ENROL_LOOKUP_FAILURES', 10, 1, 1000),
    windowMs: whole('C2C_ENROL_LOOKUP_WINDOW_SECONDS', 900, 1, 86_400) * 1000,
  };
}

/** Failed lookups per organisation, as times (ms), oldest first: a sliding window, so no burst fits at a window's edge. */
export class LookupFailures {
  private readonly failed = new Map<string, number[]>();

  constructor(private readonly limit: LookupLimit) {}

  private recent(org: string, at: number): number[] {
    const kept = (this.failed.get(org) ?? []).filter((t) => at - t < this.limit.windowMs);
    if (kept.length) this.failed.set(org, kept);
    else this.failed.delete(org);
    return kept;
  }

  /**
   * Takes one failure from `org`'s budget before a lookup runs, so concurrent lookups cannot
   * overrun it: `retryAfterSeconds` when none is left, else `refund`, to call when the lookup
   * found its student (a success costs nothing).
   */
  take(org: string): { retryAfterSeconds: number } | { refund: () => void } {
    const at = now().getTime();
    const recent = this.recent(org, at);
    if (recent.length >= this.limit.failures)
      return { retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.limit.windowMs - at) / 1000)) };
    this.failed.set(org, [...recent, at]);
    return {
      refund: () => {
        const list = this.failed.get(org);
        const i = list?.lastIndexOf(at) ?? -1;
        if (list && i >= 0) list.splice(i, 1);
      },
    };
  }
}

let failures: LookupFailures | undefined;

/** The process's budget, read from the environment on first use. */
export function enrolmentLookupFailures(): LookupFailures {
  failures ??= new LookupFailures(readLookupLimit());
  return failures;
}
