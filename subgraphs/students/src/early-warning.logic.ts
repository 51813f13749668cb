import { badInput } from '@c2c/kernel';
import { FlagLevel } from './flag-level.enum';

/**
 * Early-warning thresholds. The defaults are Ed-Fi's early-warning indicators (attendance
 * below 88 % warns and below 80 % is at risk; two incidents warn and five are at risk; a course
 * mark below 72 warns and below 65 is at risk). A district may set its own once in the
 * environment (`C2C_EARLY_WARNING_*`), and a query may override them per request.
 */
export interface Thresholds {
  /** Attendance rate (0–1) below which the student is flagged WARNING. */
  attendanceWarnBelow: number;
  /** Attendance rate (0–1) below which the student is AT_RISK. */
  attendanceAtRiskBelow: number;
  /** Incidents in the range at or above which the student is flagged WARNING. */
  incidentsWarnAt: number;
  /** Incidents in the range at or above which the student is AT_RISK. */
  incidentsAtRiskAt: number;
  /** A numeric course mark below which the student is flagged WARNING. */
  markWarnBelow: number;
  /** A numeric course mark below which the student is AT_RISK. */
  markAtRiskBelow: number;
}

export const ED_FI_THRESHOLDS: Readonly<Thresholds> = {
  attendanceWarnBelow: 0.88,
  attendanceAtRiskBelow: 0.8,
  incidentsWarnAt: 2,
  incidentsAtRiskAt: 5,
  markWarnBelow: 72,
  markAtRiskBelow: 65,
};

const ENV_NAMES: Record<keyof Thresholds, string> = {
  attendanceWarnBelow: 'C2C_EARLY_WARNING_ATTENDANCE_WARN',
  attendanceAtRiskBelow: 'C2C_EARLY_WARNING_ATTENDANCE_AT_RISK',
  incidentsWarnAt: 'C2C_EARLY_WARNING_INCIDENTS_WARN',
  incidentsAtRiskAt: 'C2C_EARLY_WARNING_INCIDENTS_AT_RISK',
  markWarnBelow: 'C2C_EARLY_WARNING_MARK_WARN',
  markAtRiskBelow: 'C2C_EARLY_WARNING_MARK_AT_RISK',
};

/** Checks a full set: ranges, and the at-risk bound no laxer than the warning one. `name` maps a key to the argument to blame. */
export function checkThresholds(t: Thresholds, name: (key: keyof Thresholds) => string): Thresholds {
  const fail = (key: keyof Thresholds, why: string) => {
    throw badInput(`${name(key)} ${why}`, { field: name(key) });
  };
  for (const key of ['attendanceWarnBelow', 'attendanceAtRiskBelow'] as const)
    if (!Number.isFinite(t[key]) || t[key] < 0 || t[key] > 1) fail(key, 'must be a rate between 0 and 1');
  for (const key of ['incidentsWarnAt', 'incidentsAtRiskAt'] as const)
    if (!Number.isInteger(t[key]) || t[key] < 1) fail(key, 'must be a whole number of incidents, at least 1');
  for (const key of ['markWarnBelow', 'markAtRiskBelow'] as const)
    if (!Number.isFinite(t[key]) || t[key] < 0 || t[key] > 100) fail(key, 'must be a mark between 0 and 100');
  if (t.attendanceAtRiskBelow > t.attendanceWarnBelow) fail('attendanceAtRiskBelow', 'must not be above attendanceWarnBelow');
  if (t.incidentsAtRiskAt < t.incidentsWarnAt) fail('incidentsAtRiskAt', 'must not be below incidentsWarnAt');
  if (t.markAtRiskBelow > t.markWarnBelow) fail('markAtRiskBelow', 'must not be above markWarnBelow');
  return t;
}

let fromEnv: Thresholds | null = null;

/** The deployment's thresholds: Ed-Fi's, with any `C2C_EARLY_WARNING_*` variable in place of its default. Read once. */
export function deploymentThresholds(source: NodeJS.ProcessEnv = process.env): Thresholds {
  if (fromEnv && source === process.env) return fromEnv;
  const t = { ...ED_FI_THRESHOLDS };
  for (const key of Object.keys(ENV_NAMES) as (keyof Thresholds)[]) {
    const raw = source[ENV_NAMES[key]];
    if (raw !== undefined && raw !== '') t[key] = Number(raw);
  }
  const checked = checkThresholds(t, (key) => ENV_NAMES[key]);
  if (source === process.env) fromEnv = checked;
  return checked;
}

/** A request's thresholds: the deployment's, with the request's own values in place of those it gives (checked together). */
export function thresholdsFor(
  overrides: { [K in keyof Thresholds]?: number | null } | null | undefined,
  argument = 'thresholds',
): Thresholds {
  const t = { ...deploymentThresholds() };
  for (const [key, value] of Object.entries(overrides ?? {})) if (value !== undefined && value !== null) t[key as keyof Thresholds] = value;
  return checkThresholds(t, (key) => `${argument}.${key}`);
}

export const attendanceLevel = (rate: number | null, t: Thresholds): FlagLevel =>
  rate === null
    ? FlagLevel.NONE
    : rate < t.attendanceAtRiskBelow
      ? FlagLevel.AT_RISK
      : rate < t.attendanceWarnBelow
        ? FlagLevel.WARNING
        : FlagLevel.NONE;

export const behaviourLevel = (incidents: number, t: Thresholds): FlagLevel =>
  incidents >= t.incidentsAtRiskAt ? FlagLevel.AT_RISK : incidents >= t.incidentsWarnAt ? FlagLevel.WARNING : FlagLevel.NONE;

export const courseLevel = (lowestMark: number | null, t: Thresholds): FlagLevel =>
  lowestMark === null
    ? FlagLevel.NONE
    : lowestMark < t.markAtRiskBelow
      ? FlagLevel.AT_RISK
      : lowestMark < t.markWarnBelow
        ? FlagLevel.WARNING
        : FlagLevel.NONE;

const RANK: Record<FlagLevel, number> = { [FlagLevel.NONE]: 0, [FlagLevel.WARNING]: 1, [FlagLevel.AT_RISK]: 2 };

export const flagRank = (level: FlagLevel) => RANK[level];

/** The worst of several indicators' levels; an indicator the viewer may not see (null) counts for nothing. */
export const worstLevel = (levels: (FlagLevel | null)[]): FlagLevel =>
  levels.reduce<FlagLevel>((worst, l) => (l !== null && RANK[l] > RANK[worst] ? l : worst), FlagLevel.NONE);
