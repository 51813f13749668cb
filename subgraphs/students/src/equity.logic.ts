import {
  badInput,
  controlledRound,
  publishCount,
  publishPercent,
  suppressRelease,
  type EntityManager,
  type ReleaseEquation,
  type ReleaseTerm,
} from '@c2c/kernel';
import { EquityDimension } from './equity-dimension.enum';
import { isSqlite } from './sync.logic';

/*
 * Equity aggregates (issue #14 item 6): attendance rate, chronic absenteeism and assessment
 * proficiency by subgroup, each with its gap to all students.
 *
 * Definitions. The population of a period is every active student with at least one active
 * attendance event in it. Enrolled days are the days with an attendance event; a day is
 * missed when its category is an absence (excused or not), so tardy and early departure count
 * as attended, as Ed-Fi's attendance categories and state attendance rules count them. A
 * student is chronically absent who missed 10% or more of their enrolled days. Proficiency is
 * the share of the period's scored assessment results (proficient not null) that meet the
 * standard. School and grade are the student's current ones, so each student is in exactly
 * one cell of each breakdown and every breakdown adds up to the total.
 *
 * Race/ethnicity follows federal reporting (the 1997 OMB standard as EDFacts applies it):
 * Hispanic or Latino of any race is reported as Hispanic or Latino; otherwise a student with
 * more than one race flag, or with demographicRaceTwoOrMoreRaces, is "two or more races";
 * otherwise the one race; a student with nothing recorded is "unknown". Groups are named by
 * their OneRoster field.
 *
 * One release. Every breakdown of a period is suppressed together, in one call of the
 * kernel's suppressRelease, whichever breakdowns a caller asks to see: breakdowns published
 * from separately suppressed calls would share the total without sharing the audit, and the
 * difference of the two would give away what each hid. School × grade is part of the same
 * release, as the nested table whose margins are the school and grade breakdowns. A school
 * filter for a suppressed viewer is therefore a slice of the district's release (the school
 * and its grades), not a release of its own: per-school breakdowns by race and the rest sum,
 * over the schools, to the district's, linking releases the audit does not see together.
 */

/** Dimensions of the main release; PARTICIPATION is its own small release (equityParticipation). */
export const RELEASE_DIMENSIONS = [
  EquityDimension.RACE_ETHNICITY,
  EquityDimension.SEX,
  EquityDimension.ECONOMICALLY_DISADVANTAGED,
  EquityDimension.DISABILITY,
  EquityDimension.ENGLISH_LEARNER,
  EquityDimension.GRADE,
  EquityDimension.SCHOOL,
  EquityDimension.HOME_ZIP,
  EquityDimension.SCHOOL_GRADE,
] as const;

export const TOTAL = 'TOTAL';

export interface EquityPeriod {
  from: string;
  to: string;
}

const isCalendarDate = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** At most one year: a longer period is not what the reports compare, and costs a longer scan. */
export const MAX_PERIOD_DAYS = 366;

/** A school year ("2026-2027", August to July as schoolYearOf counts it) or a date range of at most a year. */
export function equityPeriod(args: { schoolYear?: string | null; from?: string | null; to?: string | null }): EquityPeriod {
  if (args.schoolYear !== undefined && args.schoolYear !== null) {
    if (args.from || args.to) throw badInput('Give either schoolYear or from and to, not both', { field: 'schoolYear' });
    const m = /^(\d{4})-(\d{4})$/.exec(args.schoolYear);
    if (!m || +m[2] !== +m[1] + 1) throw badInput('schoolYear must look like "2026-2027"', { field: 'schoolYear' });
    return { from: `${m[1]}-08-01`, to: `${m[2]}-07-31` };
  }
  if (!isCalendarDate(args.from)) throw badInput('from must be a date (YYYY-MM-DD), or give schoolYear', { field: 'from' });
  if (!isCalendarDate(args.to)) throw badInput('to must be a date (YYYY-MM-DD)', { field: 'to' });
  if (args.to < args.from) throw badInput('to must not be before from', { field: 'to' });
  const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000 + 1;
  if (days > MAX_PERIOD_DAYS) throw badInput(`The period may span at most ${MAX_PERIOD_DAYS} days`, { field: 'to' });
  return { from: args.from, to: args.to };
}

/** One group of one breakdown as the grouped statement returns it. */
export interface GroupRow {
  dimension: EquityDimension | typeof TOTAL;
  group: string;
  /** The school of a SCHOOL_GRADE row. */
  school: string | null;
  students: number;
  /** Students the viewer already knows (its programme participants); 0 for a viewer without any. */
  known: number;
  enrolledDays: number;
  missedDays: number;
  chronic: number;
  assessed: number;
  proficient: number;
}

const flag = (column: string) => `(case when d.${column} then 1 else 0 end)`;
const yesNo = (column: string) => `case when d.${column} then 'true' when not d.${column} then 'false' else 'unknown' end`;
const RACES = [
  'american_indian_or_alaska_native',
  'asian',
  'black_or_african_american',
  'native_hawaiian_or_other_pacific_islander',
  'white',
];
const camel = (snake: string) => snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const RACE_SQL = `case
  when d.hispanic_or_latino_ethnicity then 'hispanicOrLatinoEthnicity'
  when d.demographic_race_two_or_more_races or ${RACES.map(flag).join(' + ')} > 1 then 'demographicRaceTwoOrMoreRaces'
  ${RACES.map((r) => `when d.${r} then '${camel(r)}'`).join('\n  ')}
  else 'unknown' end`;

const GROUP_SQL: Record<Exclude<EquityDimension, EquityDimension.SCHOOL_GRADE | EquityDimension.PARTICIPATION>, string> = {
  RACE_ETHNICITY: 'race',
  SEX: 'sex',
  ECONOMICALLY_DISADVANTAGED: 'econ',
  DISABILITY: 'disability',
  ENGLISH_LEARNER: 'learner',
  GRADE: 'grade',
  SCHOOL: 'school',
  HOME_ZIP: 'zip',
};

const SUMS = `count(*) as students, sum(own) as known, sum(days) as enrolled, sum(missed) as missed,
  sum(chronic) as chronic, sum(assessed) as assessed, sum(proficient) as proficient`;

export interface GroupQuery extends EquityPeriod {
  /** Only this school's students (the district's unsuppressed per-school release). */
  schoolId?: string | null;
  /** The viewer's organisation: its participants are the viewer's known part. */
  viewerOrganizationId?: string | null;
  /** Participants of this organisation's programmes (every programme when null) for the PARTICIPATION rows. */
  programOrganizationId?: string | null;
  /** Only the students taking part, during the period, in this organisation's programmes (equity-release.logic.ts). */
  participantsOf?: string | null;
}

/**
 * Every group of every breakdown, plus the participation rows, in one statement: a per-student
 * pass over the period's attendance (the (student_id, date) and (school_id, date) indexes),
 * grouped once per breakdown.
 */
export async function groupRows(em: EntityManager, q: GroupQuery): Promise<GroupRow[]> {
  const { sql, bindings } = groupRowsStatement(q, isSqlite(em));
  const raw: unknown = await em.getKnex().raw(sql, bindings);
  const list = rawRows(raw);
  const num = (v: unknown) => Number(v ?? 0);
  return list.map((r) => ({
    dimension: r.dimension as GroupRow['dimension'],
    group: String(r.grp),
    school: r.school === null || r.school === undefined ? null : String(r.school),
    students: num(r.students),
    known: num(r.known),
    enrolledDays: num(r.enrolled),
    missedDays: num(r.missed),
    chronic: num(r.chronic),
    assessed: num(r.assessed),
    proficient: num(r.proficient),
  }));
}

/** The rows of a knex.raw result: better-sqlite3 returns them as they are, pg inside `{ rows }`. */
export const rawRows = (raw: unknown) => (Array.isArray(raw) ? raw : (raw as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** The one grouped statement (knex `?` placeholders), apart so a benchmark can EXPLAIN it. */
export function groupRowsStatement(q: GroupQuery, sqlite: boolean): { sql: string; bindings: string[] } {
  const text = (column: string) => (sqlite ? column : `cast(${column} as text)`);
  const bindings: string[] = [];
  const bind = (v: string) => {
    bindings.push(v);
    return '?';
  };
  const participates = (org: string | null | undefined) =>
    `exists (select 1 from program_participation p where p.student_id = s.id and p.start_date <= ${bind(q.to)}
      and (p.end_date is null or p.end_date >= ${bind(q.from)})${org ? ` and p.organization_id = ${bind(org)}` : ''})`;
  // A programme's participants are read from the participation index first, then their own
  // days: as a derived table of distinct students, so that the planner expects a few hundred
  // students and joins each to its student row by key (written as an IN filter, it expected
  // 24,000 and hashed all 147,000 students of a region).
  const attendanceFrom = q.participantsOf
    ? `(select distinct p.student_id from program_participation p where p.organization_id = ${bind(q.participantsOf)}
        and p.start_date <= ${bind(q.to)} and (p.end_date is null or p.end_date >= ${bind(q.from)})) w
        join student_school_attendance_event a on a.student_id = w.student_id`
    : 'student_school_attendance_event a';
  const attendanceWhere = `a.status = 'active' and a.date >= ${bind(q.from)} and a.date <= ${bind(q.to)}`;
  // A school's report counts its current students' days at that school: the attendance
  // (school_id, date) index then reads the school's rows only, however large the district.
  const attendanceSchool = q.schoolId ? ` and a.school_id = ${bind(q.schoolId)}` : '';
  const studentSchool = q.schoolId ? ` and s.school_id = ${bind(q.schoolId)}` : '';
  const assessmentWhere = `r.status = 'active' and r.proficient is not null and r.administration_date >= ${bind(q.from)} and r.administration_date <= ${bind(q.to)}`;
  const own = q.viewerOrganizationId ? `case when ${participates(q.viewerOrganizationId)} then 1 else 0 end` : '0';
  const participant = `case when ${participates(q.programOrganizationId)} then 'participant' else 'nonParticipant' end`;
  // Days are counted per student first and the students joined after: one row per student to
  // join instead of one per school day (a region's school-month is 13,000 rows for 600 students).
  const sql = `with att as (
      select d.student_id, d.days, d.missed from (
        select ${q.participantsOf ? 'w.student_id' : 'a.student_id'} as student_id, count(*) as days,
          sum(case when a.category in ('excusedAbsence', 'unexcusedAbsence') then 1 else 0 end) as missed
        from ${attendanceFrom}
        where ${attendanceWhere}${attendanceSchool}
        group by ${q.participantsOf ? 'w.student_id' : 'a.student_id'}
      ) d
      join student s on s.id = d.student_id
      where s.status = 'active'${studentSchool}
    ), res as (
      select r.student_id, count(*) as assessed, sum(case when r.proficient then 1 else 0 end) as proficient
      from student_assessment r
      join att on att.student_id = r.student_id
      where ${assessmentWhere}
      group by r.student_id
    ), pop as (
      select ${text('s.school_id')} as school, coalesce(s.grade, 'unknown') as grade, ${RACE_SQL} as race,
        coalesce(d.sex, s.gender, 'unspecified') as sex,
        ${yesNo('economically_disadvantaged')} as econ, ${yesNo('disability')} as disability,
        ${yesNo('english_learner')} as learner, coalesce(d.home_zip, 'unknown') as zip,
        att.days, att.missed, case when att.missed * 10 >= att.days then 1 else 0 end as chronic,
        coalesce(res.assessed, 0) as assessed, coalesce(res.proficient, 0) as proficient,
        ${own} as own, ${participant} as participation
      from att
      join student s on s.id = att.student_id
      left join student_demographics d on d.student_id = s.id and d.status = 'active'
      left join res on res.student_id = s.id
    )
    select '${TOTAL}' as dimension, '' as grp, null as school, ${SUMS} from pop
    ${Object.entries(GROUP_SQL)
      .map(([dimension, column]) => `union all select '${dimension}', ${column}, null, ${SUMS} from pop group by ${column}`)
      .join('\n    ')}
    union all select '${EquityDimension.SCHOOL_GRADE}', grade, school, ${SUMS} from pop group by school, grade
    union all select '${EquityDimension.PARTICIPATION}', participation, null, ${SUMS} from pop group by participation`;
  return { sql, bindings };
}

/** The equations of a release: each breakdown adds up to the total, school × grade to both margins. */
export function releaseStructure(rows: readonly GroupRow[]): { terms: ReleaseTerm[]; equations: ReleaseEquation[] } {
  const total = rows.findIndex((r) => r.dimension === TOTAL);
  if (total < 0) throw new Error('releaseStructure: no total row');
  const terms = rows.map((r) => ({
    records: r.students,
    known: r.known,
    // Complements are taken from the nested table first, the total last.
    rank: r.dimension === EquityDimension.SCHOOL_GRADE ? 0 : r.dimension === TOTAL ? 2 : 1,
  }));
  const equations: ReleaseEquation[] = [];
  const indexOf = (dimension: EquityDimension, group: string) => rows.findIndex((r) => r.dimension === dimension && r.group === group);
  for (const dimension of RELEASE_DIMENSIONS) {
    if (dimension === EquityDimension.SCHOOL_GRADE) continue;
    const parts = rows.flatMap((r, i) => (r.dimension === dimension ? [i] : []));
    equations.push({ whole: total, parts });
  }
  const nested = rows.flatMap((r, i) => (r.dimension === EquityDimension.SCHOOL_GRADE ? [i] : []));
  const bySchool = new Map<string, number[]>();
  const byGrade = new Map<string, number[]>();
  for (const i of nested) {
    const { school, group } = rows[i];
    bySchool.set(school!, [...(bySchool.get(school!) ?? []), i]);
    byGrade.set(group, [...(byGrade.get(group) ?? []), i]);
  }
  for (const [school, parts] of bySchool) equations.push({ whole: indexOf(EquityDimension.SCHOOL, school), parts });
  for (const [grade, parts] of byGrade) equations.push({ whole: indexOf(EquityDimension.GRADE, grade), parts });
  return { terms, equations };
}

export interface PublishOptions {
  /** Exact figures, nothing hidden: the district's own view. */
  exact: boolean;
  minimum: number;
}

export interface PublishedRate {
  percent: number | null;
  display: string | null;
  gap: number | null;
}

export interface PublishedCell {
  dimension: GroupRow['dimension'];
  group: string;
  school: string | null;
  suppressed: boolean;
  students: number | null;
  attendanceRate: PublishedRate;
  chronicAbsenteeismRate: PublishedRate;
  proficiencyRate: PublishedRate;
}

type Rates = Pick<PublishedCell, 'attendanceRate' | 'chronicAbsenteeismRate' | 'proficiencyRate'>;
const NONE: PublishedRate = { percent: null, display: null, gap: null };

function exactPercent(numerator: number, denominator: number): PublishedRate {
  if (denominator <= 0) return NONE;
  const percent = Math.round((1000 * numerator) / denominator) / 10;
  return { percent, display: `${percent}%`, gap: null };
}

/** The counts a cell's figures are made of, as published outside the district: rounded. */
interface Counts {
  students: number;
  attended: number;
  enrolled: number;
  chronic: number;
  assessed: number;
  proficient: number;
}

const COUNTS: Record<keyof Counts, (r: GroupRow) => number> = {
  students: (r) => r.students,
  attended: (r) => r.enrolledDays - r.missedDays,
  enrolled: (r) => r.enrolledDays,
  chronic: (r) => r.chronic,
  assessed: (r) => r.assessed,
  proficient: (r) => r.proficient,
};

const countsOf = (r: GroupRow): Counts => Object.fromEntries(Object.entries(COUNTS).map(([k, f]) => [k, f(r)])) as unknown as Counts;

/**
 * Outside the district every rate is computed from rounded counts, so a published percentage
 * says no more than the rounded counts do (a rate of an exact count over a small group would
 * give the count back), then banded near 0 and 100.
 */
function ratesOf(r: GroupRow, exact: boolean, rounded: Counts): Rates {
  if (exact) {
    return {
      attendanceRate: exactPercent(r.enrolledDays - r.missedDays, r.enrolledDays),
      chronicAbsenteeismRate: exactPercent(r.chronic, r.students),
      proficiencyRate: exactPercent(r.proficient, r.assessed),
    };
  }
  const rate = (numerator: number, denominator: number) => ({ ...publishPercent(numerator, denominator), gap: null });
  return {
    attendanceRate: rate(rounded.attended, rounded.enrolled),
    chronicAbsenteeismRate: rate(rounded.chronic, rounded.students),
    proficiencyRate: rate(rounded.proficient, rounded.assessed),
  };
}

const withGap = (cell: PublishedRate, total: PublishedRate): PublishedRate => ({
  ...cell,
  gap: cell.percent !== null && total.percent !== null ? Math.round(10 * (cell.percent - total.percent)) / 10 : null,
});

/**
 * Every count of every row, rounded as the release's equations require (kernel
 * controlledRound): the total's to the nearest multiple of 3, each breakdown's to add up to
 * the total's, each school's grades to add up to the school's. The days and the chronic,
 * assessed and proficient counts are rounded the same way as the students, since the rates
 * publish them too.
 */
export function roundedCounts(rows: readonly GroupRow[]): Counts[] {
  const out = rows.map(() => ({ students: 0, attended: 0, enrolled: 0, chronic: 0, assessed: 0, proficient: 0 }));
  const total = rows.findIndex((r) => r.dimension === TOTAL);
  const keys = Object.keys(COUNTS) as (keyof Counts)[];
  for (const k of keys) out[total][k] = publishCount(COUNTS[k](rows[total]));
  const share = (indexes: number[], whole: Counts) => {
    for (const k of keys) {
      const rounded = controlledRound(
        indexes.map((i) => COUNTS[k](rows[i])),
        whole[k],
      );
      indexes.forEach((i, n) => (out[i][k] = rounded[n]));
    }
  };
  for (const dimension of [...RELEASE_DIMENSIONS, EquityDimension.PARTICIPATION]) {
    if (dimension === EquityDimension.SCHOOL_GRADE) continue;
    share(
      rows.flatMap((r, i) => (r.dimension === dimension ? [i] : [])),
      out[total],
    );
  }
  // Each school's grades, gathered in one pass: a region has 264 schools and 3,400 of them.
  const gradesOf = new Map<string, number[]>();
  rows.forEach((g, k) => {
    if (g.dimension === EquityDimension.SCHOOL_GRADE) gradesOf.set(g.school!, [...(gradesOf.get(g.school!) ?? []), k]);
  });
  rows.forEach((r, i) => {
    if (r.dimension === EquityDimension.SCHOOL) share(gradesOf.get(r.group) ?? [], out[i]);
  });
  return out;
}

/** The published figure of a group: hidden, rounded and banded, or exact for the district. */
export function publishCell(
  r: GroupRow,
  hidden: boolean,
  exact: boolean,
  total: Rates | null,
  rounded: Counts = countsOf(r),
): PublishedCell {
  const base = { dimension: r.dimension, group: r.group, school: r.school };
  if (hidden) {
    return { ...base, suppressed: true, students: null, attendanceRate: NONE, chronicAbsenteeismRate: NONE, proficiencyRate: NONE };
  }
  const rates = ratesOf(r, exact, rounded);
  const gap = (k: keyof Rates) => (total ? withGap(rates[k], total[k]) : rates[k]);
  return {
    ...base,
    suppressed: false,
    students: exact ? r.students : rounded.students,
    attendanceRate: gap('attendanceRate'),
    chronicAbsenteeismRate: gap('chronicAbsenteeismRate'),
    proficiencyRate: gap('proficiencyRate'),
  };
}

export interface EquityRelease {
  total: PublishedCell;
  cells: PublishedCell[];
  participation: PublishedCell[];
}

const ORDER: string[] = [TOTAL, ...RELEASE_DIMENSIONS, EquityDimension.PARTICIPATION];
const canonical = (a: GroupRow, b: GroupRow) =>
  ORDER.indexOf(a.dimension) - ORDER.indexOf(b.dimension) ||
  (a.school ?? '').localeCompare(b.school ?? '') ||
  a.group.localeCompare(b.group);

/** Suppresses and publishes the rows of one period: the main release, then the participation view beside it. */
export function publishRelease(rows: readonly GroupRow[], o: PublishOptions): EquityRelease {
  // Complement choices break ties by position: one canonical order, whatever order the database returned.
  const main = rows.filter((r) => r.dimension !== EquityDimension.PARTICIPATION).sort(canonical);
  const { terms, equations } = releaseStructure(main);
  const hidden = o.exact ? main.map(() => false) : suppressRelease(terms, equations, { minimum: o.minimum });
  const totalIndex = main.findIndex((r) => r.dimension === TOTAL);
  const rounded = roundedCounts(main);
  const totalRates = hidden[totalIndex] ? null : ratesOf(main[totalIndex], o.exact, rounded[totalIndex]);
  const total = publishCell(main[totalIndex], hidden[totalIndex], o.exact, null, rounded[totalIndex]);
  const cells = main.flatMap((r, i) => (i === totalIndex ? [] : [publishCell(r, hidden[i], o.exact, totalRates, rounded[i])]));

  // The participation view shares only the total with the main release: its own two-cell
  // equation, with the total hidden here whenever the main release hides it.
  const groups = ['participant', 'nonParticipant'].map(
    (group) =>
      rows.find((r) => r.dimension === EquityDimension.PARTICIPATION && r.group === group) ?? {
        ...main[totalIndex],
        dimension: EquityDimension.PARTICIPATION,
        group,
        students: 0,
        known: 0,
        enrolledDays: 0,
        missedDays: 0,
        chronic: 0,
        assessed: 0,
        proficient: 0,
      },
  );
  const view = [main[totalIndex], ...groups];
  const viewHidden = o.exact
    ? [false, false, false]
    : suppressRelease(
        view.map((r, i) => ({ records: r.students, known: r.known, rank: i === 0 ? 2 : 0 })),
        [{ whole: 0, parts: [1, 2] }],
        { minimum: o.minimum, forceHidden: hidden[totalIndex] ? [0] : [] },
      );
  // The two groups add up to the total, so they are rounded to add up to its rounded counts.
  const viewRounded = roundedCounts([main[totalIndex], ...groups]).slice(1);
  const participation = groups.map((r, i) => publishCell(r, viewHidden[i + 1], o.exact, viewHidden[0] ? null : totalRates, viewRounded[i]));
  return { total, cells, participation };
}
