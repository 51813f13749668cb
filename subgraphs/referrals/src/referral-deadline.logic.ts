import { EnvError } from '@c2c/kernel';
import { OPEN_STATUSES, ReferralStatus } from './referral-status.enum';

/**
 * Deadlines of the closed loop. The receiving organisation answers a SENT referral within
 * C2C_REFERRAL_RESPONSE_DAYS business days (Mon–Fri, counted in UTC; default 2), else the
 * referral is overdue and the sweep expires it. A referral still open
 * C2C_REFERRAL_ESCALATION_DAYS calendar days after it was sent (default 14) is escalated:
 * the hub operator follows it up, whatever its open status. Both are fixed when the referral
 * is sent, so a later change of configuration never moves a promise already made.
 */
export interface ReferralDeadlineConfig {
  responseBusinessDays: number;
  escalationCalendarDays: number;
  /** Interval of the running process's sweep, in seconds; 0 = no periodic sweep. */
  sweepSeconds: number;
}

const DAY_MS = 86_400_000;

function intFrom(source: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = source[key]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

export function readReferralDeadlineConfig(source: NodeJS.ProcessEnv = process.env): ReferralDeadlineConfig {
  const problems: string[] = [];
  const config = {
    responseBusinessDays: intFrom(source, 'C2C_REFERRAL_RESPONSE_DAYS', 2, 1, 60, problems),
    escalationCalendarDays: intFrom(source, 'C2C_REFERRAL_ESCALATION_DAYS', 14, 1, 365, problems),
    sweepSeconds: intFrom(source, 'C2C_REFERRAL_SWEEP_SECONDS', 300, 0, 86_400, problems),
  };
  if (problems.length) throw new EnvError(problems);
  return config;
}

const isWeekend = (d: Date) => d.getUTCDay() === 0 || d.getUTCDay() === 6;

/**
 * `from` plus `days` business days, at the same time of day. Sent on a weekend, the count
 * starts on the Monday: two business days after Saturday noon is Tuesday noon.
 */
export function addBusinessDays(from: Date, days: number): Date {
  const d = new Date(from.getTime());
  let left = days;
  while (left > 0) {
    d.setTime(d.getTime() + DAY_MS);
    if (!isWeekend(d)) left--;
  }
  while (isWeekend(d)) d.setTime(d.getTime() + DAY_MS);
  return d;
}

export function deadlinesFor(sentAt: Date, config: ReferralDeadlineConfig = readReferralDeadlineConfig()) {
  return {
    responseDueAt: addBusinessDays(sentAt, config.responseBusinessDays),
    escalateAt: new Date(sentAt.getTime() + config.escalationCalendarDays * DAY_MS),
  };
}

interface Timed {
  status: ReferralStatus;
  responseDueAt: Date;
  escalateAt: Date;
}

/** Unanswered past its response deadline, or still open past its escalation deadline: the "black hole". */
export function isOverdue(r: Timed, at: Date): boolean {
  if (r.status === ReferralStatus.SENT && r.responseDueAt.getTime() <= at.getTime()) return true;
  return isEscalated(r, at);
}

export function isEscalated(r: Timed, at: Date): boolean {
  return OPEN_STATUSES.includes(r.status) && r.escalateAt.getTime() <= at.getTime();
}
