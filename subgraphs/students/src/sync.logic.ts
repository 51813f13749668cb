import { hash } from 'node:crypto';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { isUuid, stableId } from '@c2c/kernel';
import type { EntityManager } from '@mikro-orm/knex';
import type { Knex } from 'knex';
import { AttendanceCategory } from './attendance-category.enum';
import { RecordStatus } from './record-status.enum';
import { bumpRevision } from './students-revision.logic';
import type { SyncFileMap } from './sync-run.entity';
import type {
  AcademicSessionRowInput,
  AssessmentRowInput,
  AttendanceRowInput,
  ClassRowInput,
  CourseRowInput,
  DemographicsRowInput,
  EnrollmentRowInput,
  GradeRowInput,
  IncidentRowInput,
  SchoolRowInput,
  StudentRowInput,
  SyncRowInput,
} from './sync.input';
import { SyncOutcome, type SyncBatchResult, type SyncFileCounts, type SyncRowError, type SyncRowResult } from './sync.types';
import {
  finiteNumber,
  gradeCode,
  gradeList,
  limitedText,
  normalizeTimestamp,
  optionalDate,
  requiredDate,
  requiredText,
  RowProblem,
  RunMissing,
  schoolYearOf,
  textList,
} from './sync-values.logic';

/**
 * The set-based sync engine behind every bulk mutation. Per batch, whatever its size: one
 * SELECT per referenced table, one SELECT of the stored rows, then the writes: on PostgreSQL one
 * COPY of the new rows and one INSERT … ON CONFLICT (sourced_id) DO UPDATE of the changed ones
 * (one JSON parameter); on SQLite one multi-row VALUES upsert per 32,766 parameters. Then one
 * UPDATE for deletions, one UPDATE marking the unchanged rows as seen, and the run's counts:
 * never a statement per row.
 */

export const MAX_BATCH = 5000;
const SQLITE_MAX_PARAMS = 32_766;
/** A run keeps the first refusals in full; beyond them it only counts (the CLI prints each as it goes). */
export const MAX_RUN_ERRORS = 1000;

type Ref = 'student' | 'school' | 'course' | 'session' | 'class';
const REF_TABLE: Record<Ref, string> = {
  student: 'student',
  school: 'school',
  course: 'course',
  session: 'academic_session',
  class: 'class',
};
const REF_NAME: Record<Ref, string> = {
  student: 'student',
  school: 'school',
  course: 'course',
  session: 'academic session',
  class: 'class',
};

export interface SyncKind<R extends SyncRowInput> {
  /** File base name, as the run's counts name it. */
  file: string;
  table: string;
  /** The input fields holding sourcedIds of other records, and which table they name. */
  refs: Partial<Record<Ref, keyof R & string>>;
  /** References a row may leave empty (its id is then null); when given, they must be known like the others. */
  optionalRefs?: Ref[];
  /**
   * Kinds whose records belong to this one's (by `dependentColumn`): when a record of this kind
   * is deactivated, theirs are too, in the same transaction, and counted as deleted under their file.
   */
  dependents?: string[];
  /** The column of a dependent record naming its owner (default student_id). */
  dependentColumn?: string;
  /** The id of a new record: stable, so a re-run writes the same ids. */
  idOf(sourcedId: string): string;
  /** Column values (snake_case) of an active row; throws RowProblem naming the field. */
  columns(row: R, ids: Partial<Record<Ref, string>>): Record<string, unknown>;
  /** student and enrollment carry the hub's own timestamps. */
  timestamps?: 'student';
  /** The longest sourcedId the table holds, when less than 255: a longer one refuses its row rather than failing the batch's INSERT. */
  sourcedIdLength?: number;
}

const STATUS_VALUES = ['active', 'tobedeleted'];
const CATEGORIES = Object.values(AttendanceCategory) as string[];
const SEXES = ['male', 'female', 'other', 'unspecified'];
const CLASS_TYPES = ['homeroom', 'scheduled'];

export const schoolIdOf = (sourcedId: string) => (isUuid(sourcedId) ? sourcedId.toLowerCase() : stableId('oneroster-org', sourcedId));
const idFor = (kind: string) => (sourcedId: string) => stableId('oneroster', kind, sourcedId);

export const KINDS = {
  orgs: {
    file: 'orgs',
    table: 'school',
    refs: {},
    idOf: schoolIdOf,
    columns: (r: SchoolRowInput) => ({
      name: requiredText(r.name, 'name', 255),
      type: limitedText(r.type, 'type', 40) ?? 'school',
      identifier: limitedText(r.identifier, 'identifier', 255),
      parent_sourced_id: limitedText(r.parentSourcedId, 'parentSourcedId', 255),
    }),
  } satisfies SyncKind<SchoolRowInput>,
  academicSessions: {
    file: 'academicSessions',
    table: 'academic_session',
    refs: {},
    idOf: idFor('academicSession'),
    columns: (r: AcademicSessionRowInput) => {
      const start = optionalDate(r.startDate, 'startDate');
      const end = optionalDate(r.endDate, 'endDate');
      if (start && end && end < start) throw new RowProblem('endDate', 'endDate is before startDate');
      return {
        title: requiredText(r.title, 'title', 255),
        type: requiredText(r.type, 'type', 40),
        start_date: start,
        end_date: end,
        school_year: limitedText(r.schoolYear, 'schoolYear', 9),
      };
    },
  } satisfies SyncKind<AcademicSessionRowInput>,
  courses: {
    file: 'courses',
    table: 'course',
    refs: {},
    idOf: idFor('course'),
    columns: (r: CourseRowInput) => ({
      title: requiredText(r.title, 'title', 255),
      course_code: limitedText(r.courseCode, 'courseCode', 100),
      grades: gradeList(r.grades),
      subjects: textList(r.subjects, 'subjects', 2000),
      subject_codes: textList(r.subjectCodes, 'subjectCodes', 2000),
    }),
  } satisfies SyncKind<CourseRowInput>,
  classes: {
    file: 'classes',
    table: 'class',
    refs: { course: 'courseSourcedId', school: 'schoolSourcedId' },
    optionalRefs: ['course'],
    idOf: idFor('class'),
    // A class the SIS deactivates takes its enrollments with it: they named a class that is gone.
    dependents: ['enrollments'],
    dependentColumn: 'class_id',
    columns: (r: ClassRowInput, ids) => {
      const type = requiredText(r.classType, 'classType', 40);
      const classType = type.startsWith('ext:') ? type : type.toLowerCase();
      if (!CLASS_TYPES.includes(classType) && !classType.startsWith('ext:'))
        throw new RowProblem('classType', `classType must be homeroom, scheduled or an ext: value (got "${type.slice(0, 20)}")`);
      return {
        title: requiredText(r.title, 'title', 255),
        class_code: limitedText(r.classCode, 'classCode', 100),
        class_type: classType,
        location: limitedText(r.location, 'location', 255),
        grades: gradeList(r.grades),
        subjects: textList(r.subjects, 'subjects', 2000),
        subject_codes: textList(r.subjectCodes, 'subjectCodes', 2000),
        term_sourced_ids: textList(r.termSourcedIds, 'termSourcedIds', 4000),
        periods: textList(r.periods, 'periods', 255),
        course_id: ids.course ?? null,
        school_id: ids.school,
      };
    },
  } satisfies SyncKind<ClassRowInput>,
  users: {
    file: 'users',
    table: 'student',
    refs: { school: 'schoolSourcedId' },
    idOf: idFor('student'),
    timestamps: 'student',
    sourcedIdLength: 100,
    dependents: ['demographics', 'enrollments', 'attendance', 'incidents', 'assessments', 'grades'],
    columns: (r: StudentRowInput, ids) => ({
      given_name: requiredText(r.givenName, 'givenName', 100),
      family_name: requiredText(r.familyName, 'familyName', 100),
      district_id: limitedText(r.districtId, 'districtId', 100),
      grade: gradeCode(r.grade),
      school_id: ids.school,
    }),
  } satisfies SyncKind<StudentRowInput>,
  demographics: {
    file: 'demographics',
    table: 'student_demographics',
    refs: { student: 'sourcedId' },
    idOf: idFor('demographics'),
    columns: (r: DemographicsRowInput, ids) => {
      const sex = limitedText(r.sex, 'sex', 20);
      if (sex && !SEXES.includes(sex)) throw new RowProblem('sex', `sex must be one of ${SEXES.join(', ')}`);
      const zip = limitedText(r.homeZip, 'metadata.homeZip', 10);
      if (zip && !/^\d{5}(-\d{4})?$/.test(zip)) throw new RowProblem('metadata.homeZip', 'metadata.homeZip must be a 5-digit zip code');
      return {
        student_id: ids.student,
        birth_date: optionalDate(r.birthDate, 'birthdate'),
        sex,
        american_indian_or_alaska_native: r.americanIndianOrAlaskaNative ?? null,
        asian: r.asian ?? null,
        black_or_african_american: r.blackOrAfricanAmerican ?? null,
        native_hawaiian_or_other_pacific_islander: r.nativeHawaiianOrOtherPacificIslander ?? null,
        white: r.white ?? null,
        demographic_race_two_or_more_races: r.demographicRaceTwoOrMoreRaces ?? null,
        hispanic_or_latino_ethnicity: r.hispanicOrLatinoEthnicity ?? null,
        economically_disadvantaged: r.economicallyDisadvantaged ?? null,
        disability: r.disability ?? null,
        english_learner: r.englishLearner ?? null,
        home_zip: zip,
      };
    },
  } satisfies SyncKind<DemographicsRowInput>,
  enrollments: {
    file: 'enrollments',
    table: 'enrollment',
    refs: { student: 'studentSourcedId', school: 'schoolSourcedId', class: 'classSourcedId' },
    optionalRefs: ['class'],
    idOf: idFor('enrollment'),
    columns: (r: EnrollmentRowInput, ids) => {
      const begin = optionalDate(r.beginDate, 'beginDate');
      const end = optionalDate(r.endDate, 'endDate');
      if (begin && end && end < begin) throw new RowProblem('endDate', 'endDate is before beginDate');
      return {
        student_id: ids.student,
        school_id: ids.school,
        class_sourced_id: limitedText(r.classSourcedId, 'classSourcedId', 255),
        class_id: ids.class ?? null,
        school_year: schoolYearOf(begin),
        entry_date: begin,
        exit_date: end,
      };
    },
  } satisfies SyncKind<EnrollmentRowInput>,
  attendance: {
    file: 'attendance',
    table: 'student_school_attendance_event',
    refs: { student: 'studentSourcedId', school: 'schoolSourcedId' },
    idOf: idFor('attendance'),
    columns: (r: AttendanceRowInput, ids) => {
      const category = r.category?.trim() ?? '';
      if (!CATEGORIES.includes(category)) throw new RowProblem('category', `category must be one of ${CATEGORIES.join(', ')}`);
      return { student_id: ids.student, school_id: ids.school, date: requiredDate(r.date, 'date'), category };
    },
  } satisfies SyncKind<AttendanceRowInput>,
  incidents: {
    file: 'incidents',
    table: 'discipline_incident',
    refs: { student: 'studentSourcedId', school: 'schoolSourcedId' },
    idOf: idFor('incident'),
    columns: (r: IncidentRowInput, ids) => ({
      student_id: ids.student,
      school_id: ids.school,
      date: requiredDate(r.date, 'date'),
      type: requiredText(r.type, 'type', 100),
      action: limitedText(r.action, 'action', 100),
      days_removed: finiteNumber(r.daysRemoved, 'daysRemoved', { min: 0 }) ?? 0,
    }),
  } satisfies SyncKind<IncidentRowInput>,
  assessments: {
    file: 'assessments',
    table: 'student_assessment',
    refs: { student: 'studentSourcedId' },
    idOf: idFor('assessment'),
    columns: (r: AssessmentRowInput, ids) => ({
      student_id: ids.student,
      assessment: requiredText(r.assessment, 'assessment', 100),
      subject: requiredText(r.subject, 'subject', 100),
      administration_date: requiredDate(r.administrationDate, 'administrationDate'),
      scale_score: finiteNumber(r.scaleScore, 'scaleScore'),
      performance_level: limitedText(r.performanceLevel, 'performanceLevel', 50),
      proficient: r.proficient ?? null,
    }),
  } satisfies SyncKind<AssessmentRowInput>,
  grades: {
    file: 'grades',
    table: 'course_transcript',
    refs: { student: 'studentSourcedId', course: 'courseSourcedId', session: 'academicSessionSourcedId' },
    idOf: idFor('grade'),
    columns: (r: GradeRowInput, ids) => ({
      student_id: ids.student,
      course_id: ids.course,
      academic_session_id: ids.session,
      mark: requiredText(r.mark, 'mark', 20),
      credits_earned: finiteNumber(r.creditsEarned, 'creditsEarned', { min: 0 }),
    }),
  } satisfies SyncKind<GradeRowInput>,
};
export type SyncFileName = keyof typeof KINDS;

// One-shot hash(): the same digest as createHash('sha1'), without a Hash object per row.
const fingerprintOf = (values: Record<string, unknown>) => hash('sha1', JSON.stringify(values), 'hex');

export const isSqlite = (em: EntityManager) => em.getPlatform().constructor.name.toLowerCase().includes('sqlite');

/** better-sqlite3 binds neither booleans nor Dates; MikroORM stores SQLite datetimes as epoch milliseconds. */
function dbValue(sqlite: boolean, v: unknown): unknown {
  if (!sqlite) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  return v;
}

/**
 * `column IN (the batch's keys)`. On PostgreSQL the keys go as one array parameter: a thousand
 * placeholders cost more to format, send and parse than the index lookups they ask for.
 */
function whereKeys<Q extends Knex.QueryBuilder>(q: Q, sqlite: boolean, column: string, keys: string[]): Q {
  return (sqlite ? q.whereIn(column, keys) : q.whereRaw(`?? = any(?::text[])`, [column, keys])) as Q;
}

/**
 * Every lookup of a batch is by a unique key. A table the sync is filling has no statistics
 * yet (autovacuum analyses it a minute later at the earliest), so PostgreSQL plans `sourced_id =
 * any(4,000 keys)` as a sequential scan of the growing table, and a first sync turns quadratic:
 * in bench-sync at 250,000 rows the stored-rows SELECT took 992 ms over 79 batches, and EXPLAIN
 * ANALYZE of the same lookup on a table filled the same way, half-way, showed a Seq Scan removing
 * 120,000 rows. Within the batch's transaction only, the planner is told to use the index.
 */
async function keyLookupsOnly(trx: Knex.Transaction, sqlite: boolean) {
  if (!sqlite) await trx.raw('set local enable_seqscan = off');
}

interface Checked {
  index: number;
  row: SyncRowInput;
  sourcedId: string;
  deleting: boolean;
  stamp: string | null;
  values?: Record<string, unknown>;
  fingerprint?: string;
}

const emptyCounts = () => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, failed: 0 });

/** Runs one batch of `kind` rows. `runId` (optional for callers outside a run) lets the run count them and find duplicates across batches. */
export async function syncBatch<R extends SyncRowInput>(
  em: EntityManager,
  kind: SyncKind<R>,
  rows: R[],
  o: {
    runId?: string | null;
    strict?: boolean;
    /** Rows the caller already refused (syncRows: a value of the wrong type), by index: reported, never written. */
    refused?: readonly (RowProblem | undefined)[];
  },
): Promise<SyncBatchResult> {
  const sqlite = isSqlite(em);
  const knex = em.getKnex();
  const results: SyncRowResult[] = rows.map((r, index) => ({
    index,
    line: r.line ?? null,
    sourcedId: String(r.sourcedId ?? ''),
    outcome: SyncOutcome.UNCHANGED,
    field: null,
    reason: null,
  }));
  const fail = (i: number, field: string, reason: string) => Object.assign(results[i], { outcome: SyncOutcome.FAILED, field, reason });

  // 1. Each row on its own: key, status, timestamp, and no repeat within the batch.
  const checked: Checked[] = [];
  const inBatch = new Set<string>();
  for (const [index, row] of rows.entries()) {
    try {
      if (o.refused?.[index]) throw o.refused[index];
      const sourcedId = requiredText(row.sourcedId, 'sourcedId', kind.sourcedIdLength ?? 255);
      const status = row.status?.trim() || 'active';
      if (!STATUS_VALUES.includes(status))
        throw new RowProblem('status', `status must be active or tobedeleted (got "${status.slice(0, 20)}")`);
      const stamp = normalizeTimestamp(row.dateLastModified);
      if (inBatch.has(sourcedId)) throw new RowProblem('sourcedId', `sourcedId ${sourcedId} appears more than once in the file`);
      inBatch.add(sourcedId);
      checked.push({ index, row, sourcedId, deleting: status === 'tobedeleted', stamp });
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      fail(index, err.field, err.reason);
    }
  }

  // 2. References, one statement per referenced table, and each active row's columns and
  // fingerprint: before the transaction, so this work overlaps the batch in flight ahead of it
  // instead of waiting in line for the run's lock. (Read committed reads these the same inside.)
  const refIds: Partial<Record<Ref, Map<string, string>>> = {};
  const inactiveOwners: Partial<Record<Ref, Set<string>>> = {};
  const refs = Object.entries(kind.refs) as [Ref, string][];
  const wanted = refs.map(([, field]) =>
    [...new Set(checked.filter((c) => !c.deleting).map((c) => String((c.row as any)[field] ?? '').trim()))].filter(Boolean),
  );
  const lookUp = async (t: Knex) => {
    const out: { id: string; sourced_id: string; status: string }[][] = [];
    for (const [i, [ref]] of refs.entries())
      out.push(
        wanted[i].length ? await whereKeys(t(REF_TABLE[ref]).select('id', 'sourced_id', 'status'), sqlite, 'sourced_id', wanted[i]) : [],
      );
    return out;
  };
  const lookups = !wanted.some((w) => w.length)
    ? refs.map(() => [])
    : sqlite
      ? await lookUp(knex)
      : await knex.transaction(async (t) => {
          await keyLookupsOnly(t, sqlite);
          return lookUp(t);
        });
  for (const [i, [ref]] of refs.entries()) {
    const found = lookups[i];
    // A deactivated student's (or class's) records were deactivated with it: none may be added back under it.
    const owner = ref === 'student' || ref === 'class';
    const usable = owner ? found.filter((f) => f.status === RecordStatus.ACTIVE) : found;
    if (owner) inactiveOwners[ref] = new Set(found.filter((f) => f.status !== RecordStatus.ACTIVE).map((f) => f.sourced_id));
    refIds[ref] = new Map(usable.map((f) => [f.sourced_id, String(f.id).toLowerCase()]));
  }
  const valid: Checked[] = [];
  for (const c of checked) {
    try {
      if (!c.deleting) {
        const ids: Partial<Record<Ref, string>> = {};
        for (const [ref, field] of Object.entries(kind.refs) as [Ref, string][]) {
          const value = String((c.row as any)[field] ?? '').trim();
          const name = field === 'sourcedId' ? 'userSourcedId' : field;
          if (!value) {
            if (kind.optionalRefs?.includes(ref)) continue;
            throw new RowProblem(name, `${name} is required`);
          }
          const id = refIds[ref]!.get(value);
          if (!id && inactiveOwners[ref]?.has(value))
            throw new RowProblem(name, `${name} ${value} names a ${REF_NAME[ref]} the SIS deactivated (tobedeleted)`);
          if (!id) throw new RowProblem(name, `${name} ${value} names no ${REF_NAME[ref]} known to the hub`);
          ids[ref] = id;
        }
        c.values = kind.columns(c.row as R, ids);
        c.fingerprint = fingerprintOf(c.values);
      }
      valid.push(c);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      fail(c.index, err.field, err.reason);
    }
  }

  return knex.transaction(async (trx) => {
    await keyLookupsOnly(trx, sqlite);
    // A run's batches may arrive together (the CLI keeps two in flight): they take turns on the
    // run's row, so duplicates across batches are seen and no count is lost. SQLite has one writer anyway.
    if (o.runId && !sqlite) await trx('sync_run').select('id').where({ id: o.runId }).forUpdate();
    // 3. The stored rows of the batch's keys.
    const keys = valid.map((c) => c.sourcedId);
    const stored = new Map<
      string,
      { fingerprint: string | null; status: string; date_last_modified: string | null; seen_run: string | null }
    >(
      (keys.length
        ? await whereKeys(
            trx(kind.table).select('sourced_id', 'fingerprint', 'status', 'date_last_modified', 'seen_run'),
            sqlite,
            'sourced_id',
            keys,
          )
        : []
      ).map((s: any) => [s.sourced_id, s]),
    );
    const upserts: Checked[] = [];
    const deletes: Checked[] = [];
    let cascaded: SyncFileCounts[] = [];
    const seen: string[] = [];
    for (const c of valid) {
      const prior = stored.get(c.sourcedId);
      if (o.runId && prior?.seen_run === o.runId) {
        fail(c.index, 'sourcedId', `sourcedId ${c.sourcedId} appears more than once in the file`);
        continue;
      }
      const r = results[c.index];
      const stale = !!(prior?.date_last_modified && c.stamp && c.stamp < prior.date_last_modified);
      if (stale) {
        r.reason = `older than the stored record (${prior.date_last_modified})`;
        seen.push(c.sourcedId);
      } else if (c.deleting) {
        if (prior && prior.status === RecordStatus.ACTIVE) {
          r.outcome = SyncOutcome.DELETED;
          deletes.push(c);
        } else seen.push(c.sourcedId);
      } else if (!prior) {
        r.outcome = SyncOutcome.CREATED;
        upserts.push(c);
      } else if (prior.fingerprint !== c.fingerprint || prior.status !== RecordStatus.ACTIVE) {
        r.outcome = SyncOutcome.UPDATED;
        upserts.push(c);
      } else seen.push(c.sourcedId);
    }

    const failed = results.some((r) => r.outcome === SyncOutcome.FAILED);
    if (o.strict && failed) {
      for (const r of results)
        if (r.outcome !== SyncOutcome.FAILED)
          Object.assign(r, { outcome: SyncOutcome.SKIPPED, reason: 'not applied: strict mode, and another row of the batch was refused' });
    } else {
      // 4. The writes: one statement each, whatever the batch size.
      const at = dbValue(sqlite, new Date());
      if (upserts.length) {
        const records = upserts.map((c) => {
          const rec: Record<string, unknown> = {
            id: kind.idOf(c.sourcedId),
            sourced_id: c.sourcedId,
            status: RecordStatus.ACTIVE,
            date_last_modified: c.stamp,
            fingerprint: c.fingerprint,
            seen_run: o.runId ?? null,
          };
          for (const [k, v] of Object.entries(c.values!)) rec[k] = dbValue(sqlite, v);
          if (kind.timestamps) Object.assign(rec, { created_at: at, updated_at: at });
          return rec;
        });
        const cols = Object.keys(records[0]);
        const merge = cols.filter((k) => k !== 'id' && k !== 'created_at' && k !== 'sourced_id');
        const names = cols.map((k) => `"${k}"`).join(', ');
        const onConflict = `on conflict ("sourced_id") do update set ${merge.map((k) => `"${k}" = excluded."${k}"`).join(', ')}`;
        if (sqlite) {
          // Written by hand: knex's SQLite insert is a compound SELECT, capped at 500 rows. One
          // statement holds at most SQLite's 32,766 parameters, so a large batch takes a few.
          const tuple = `(${cols.map(() => '?').join(', ')})`;
          const per = Math.floor(SQLITE_MAX_PARAMS / cols.length);
          for (let i = 0; i < records.length; i += per) {
            const part = records.slice(i, i + per);
            await trx.raw(
              `insert into "${kind.table}" (${names}) values ${part.map(() => tuple).join(', ')} ${onConflict}`,
              part.flatMap((r) => cols.map((k) => r[k] ?? null)) as Knex.Value[],
            );
          }
        } else {
          // New rows by COPY; changed ones (and new ones whose COPY met a key stored meanwhile) as one
          // JSON parameter typed by the table's own row type: one set-based INSERT … SELECT … ON
          // CONFLICT merge, with no per-value placeholders to format and parse.
          const merge = (part: Record<string, unknown>[]) =>
            trx.raw(
              `insert into "${kind.table}" (${names}) select ${names} from json_populate_recordset(null::"${kind.table}", ?::json) ${onConflict}`,
              [JSON.stringify(part)],
            );
          const fresh = records.filter((_, i) => results[upserts[i].index].outcome === SyncOutcome.CREATED);
          const known = records.filter((_, i) => results[upserts[i].index].outcome !== SyncOutcome.CREATED);
          if (fresh.length) await copyNew(trx, kind.table, cols, fresh, () => merge(fresh));
          if (known.length) await merge(known);
        }
      }
      if (deletes.length) {
        if (kind.dependents)
          cascaded = await deactivateDependents(trx, kind, sqlite, (q) =>
            whereKeys(
              q,
              sqlite,
              'sourced_id',
              deletes.map((d) => d.sourcedId),
            ),
          );
        const set: Record<string, unknown> = { status: RecordStatus.TOBEDELETED, seen_run: o.runId ?? null };
        if (kind.timestamps) set.updated_at = at;
        // A deletion keeps the newest timestamp, so an older re-send of the row cannot revive it.
        await whereKeys(
          trx(kind.table).update(set),
          sqlite,
          'sourced_id',
          deletes.map((d) => d.sourcedId),
        );
        const stamped = deletes.filter((d) => d.stamp);
        if (stamped.length && stamped.every((d) => d.stamp === stamped[0].stamp))
          await whereKeys(
            trx(kind.table).update({ date_last_modified: stamped[0].stamp }),
            sqlite,
            'sourced_id',
            stamped.map((d) => d.sourcedId),
          );
      }
      if (o.runId && seen.length) await whereKeys(trx(kind.table).update({ seen_run: o.runId }), sqlite, 'sourced_id', seen);
    }
    const counts = countOf(results);
    if (o.runId) {
      const errors = results
        .filter((r) => r.outcome === SyncOutcome.FAILED)
        .map((r) => ({ file: kind.file, line: r.line, sourcedId: r.sourcedId || null, field: r.field, reason: r.reason ?? '' }));
      await addToRun(trx, o.runId, kind.file, counts, errors, [], !sqlite);
      for (const d of cascaded) await addToRun(trx, o.runId, d.file, { deleted: d.deleted }, [], [], !sqlite);
    }
    if (counts.created + counts.updated + counts.deleted > 0 || cascaded.length) await bumpRevision(trx);
    return { file: kind.file, ...counts, rows: results, cascaded };
  });
}

/**
 * PostgreSQL: rows no stored record has go in by COPY straight into the table. An INSERT …
 * SELECT of the same rows costs the server more per row in its executor: 250,000 attendance rows
 * in 4,000-row batches into a table with the hub's four indexes took 2.57 s from a JSON parameter,
 * 2.13 s by COPY into a staging table and one merge, 1.61 s by COPY (scripts/bench-sync-merge.js,
 * idle machine). Another writer may have stored one of
 * the keys since they were read: the unique index then refuses the COPY, and the rows go through
 * the ON CONFLICT merge instead, from a savepoint, so nothing of the COPY remains.
 */
export async function copyNew(
  trx: Knex.Transaction,
  table: string,
  cols: string[],
  records: Record<string, unknown>[],
  merge: () => Promise<unknown>,
) {
  const names = cols.map((k) => `"${k}"`).join(', ');
  const lines: string[] = [];
  for (const r of records) lines.push(cols.map((k) => copyValue(r[k])).join('\t'));
  lines.push('');
  const client = (trx as any).client as {
    acquireConnection(): Promise<{ query(stream: Writable): Writable }>;
    emit(e: string, q: object): void;
  };
  const connection = await client.acquireConnection();
  const sql = `copy "${table}" (${names}) from stdin`;
  await trx.raw('savepoint sync_copy');
  try {
    // Sent past knex, so announced to its query listeners (logs, and the tests' statement counts) by hand.
    client.emit('query', { sql, bindings: [], method: 'copy' });
    await pipeline(Readable.from([lines.join('\n')]), connection.query(copyFrom(sql)));
    await trx.raw('release savepoint sync_copy');
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    await trx.raw('rollback to savepoint sync_copy');
    await merge();
  }
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY's text format: \N for null, and backslash, tab and line breaks escaped. */
function copyValue(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s =
    v instanceof Date ? v.toISOString() : typeof v === 'boolean' ? (v ? 't' : 'f') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s;
}

/**
 * Deactivates the active records of every dependent kind whose owner (a student) `owners`
 * selects, before the owners themselves change, one UPDATE per dependent table. The caller adds
 * each count to the run under the dependent's own file, so the summary shows every deactivation.
 * Re-activating the owner later brings back none of them: only rows a later file sends again.
 */
async function deactivateDependents(
  trx: Knex.Transaction,
  kind: SyncKind<any>,
  sqlite: boolean,
  owners: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<SyncFileCounts[]> {
  const out: SyncFileCounts[] = [];
  for (const file of kind.dependents ?? []) {
    const dep = (KINDS as Record<string, SyncKind<any>>)[file];
    const set: Record<string, unknown> = { status: RecordStatus.TOBEDELETED };
    if (dep.timestamps) set.updated_at = dbValue(sqlite, new Date());
    const n = await trx(dep.table)
      .update(set)
      .where('status', RecordStatus.ACTIVE)
      .whereIn(kind.dependentColumn ?? 'student_id', owners(trx(kind.table).select('id')));
    if (!n) continue;
    out.push({ file: dep.file, ...emptyCounts(), deleted: n });
  }
  return out;
}

function countOf(results: SyncRowResult[]) {
  const c = emptyCounts();
  for (const r of results) c[r.outcome.toLowerCase() as keyof typeof c]++;
  return c;
}

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** Adds a batch's counts, refusals and warnings to its run, inside the batch's transaction. */
export async function addToRun(
  trx: Knex,
  runId: string,
  file: string,
  counts: Partial<ReturnType<typeof emptyCounts>>,
  errors: SyncRowError[],
  warnings: string[],
  lock: boolean,
) {
  // Locked (PostgreSQL; SQLite has one writer): batches of a run in flight together add up, none lost.
  const query = trx('sync_run').select('files', 'errors', 'warnings', 'finished_at').where({ id: runId });
  const run = await (lock ? query.forUpdate() : query).first();
  if (!run) throw new RunMissing(runId);
  if (run.finished_at) throw new RowProblem('runId', `sync run ${runId} has finished`);
  const files = parseJson<SyncFileMap>(run.files);
  const into = (files[file] ??= emptyCounts());
  for (const [k, v] of Object.entries(counts)) into[k as keyof typeof into] += v ?? 0;
  const allErrors = parseJson<SyncRowError[]>(run.errors);
  allErrors.push(...errors.slice(0, Math.max(0, MAX_RUN_ERRORS - allErrors.length)));
  const allWarnings = [...parseJson<string[]>(run.warnings), ...warnings].slice(0, MAX_RUN_ERRORS);
  await trx('sync_run')
    .update({ files: JSON.stringify(files), errors: JSON.stringify(allErrors), warnings: JSON.stringify(allWarnings) })
    .where({ id: runId });
}

/**
 * The end of a bulk file: every active record of the kind that this run did not see is
 * deactivated (never deleted), in one statement, and counted as deleted.
 */
export async function finishBulkFile(em: EntityManager, kind: SyncKind<any>, runId: string): Promise<number> {
  const sqlite = isSqlite(em);
  return em.getKnex().transaction(async (trx) => {
    const unseen = (q: Knex.QueryBuilder) =>
      q
        .where('status', RecordStatus.ACTIVE)
        .whereNotNull('sourced_id')
        .andWhere((w) => w.whereNull('seen_run').orWhereNot('seen_run', runId));
    // The records of the students about to go, first: afterwards they are no longer "active and unseen".
    const cascaded = await deactivateDependents(trx, kind, sqlite, unseen);
    const set: Record<string, unknown> = { status: RecordStatus.TOBEDELETED };
    if (kind.timestamps) set.updated_at = dbValue(sqlite, new Date());
    const n = await unseen(trx(kind.table).update(set));
    await addToRun(trx, runId, kind.file, { deleted: n }, [], [], !sqlite);
    for (const d of cascaded) await addToRun(trx, runId, d.file, { deleted: d.deleted }, [], [], !sqlite);
    if (n > 0 || cascaded.length) await bumpRevision(trx);
    return n;
  });
}
