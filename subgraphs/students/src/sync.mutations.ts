import { randomUUID } from 'node:crypto';
import { coerceInputValue, isNonNullType, type GraphQLInputObjectType, type GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  registerEnumType,
} from 'type-graphql';
import { badInput, connectionOf, Connection, isUuid, normalizeId, notFound, PageArgs, pageWindow, type HubContext } from '@c2c/kernel';
import {
  addToRun,
  finishBulkFile,
  isSqlite,
  KINDS,
  MAX_BATCH,
  MAX_RUN_ERRORS,
  syncBatch,
  type SyncFileName,
  type SyncKind,
} from './sync.logic';
import { RowProblem, RunMissing } from './sync-values.logic';
import { SyncRun } from './sync-run.entity';
import {
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
  SyncRowProblemInput,
  SyncRowTable,
} from './sync.input';
import { SyncBatchResult, SyncFileCounts, SyncRowError } from './sync.types';
import { School } from './school.entity';

export enum SyncFileMode {
  BULK = 'bulk',
  DELTA = 'delta',
}
registerEnumType(SyncFileMode, {
  name: 'SyncFileMode',
  description: 'How a file of the export applies, as its manifest.csv says.',
  valuesConfig: {
    BULK: { description: 'The file is the whole set: records it left out are deactivated when the file finishes.' },
    DELTA: { description: 'The file holds changes only: nothing it leaves out changes.' },
  },
});

export const SyncRunConnection = Connection(SyncRun, 'SyncRun', 'A page of sync runs.');
export const SchoolConnection = Connection(School, 'School', 'A page of schools.');

@ArgsType()
class BatchArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'The run the batch belongs to (startSyncRun); without one the batch is not counted in a run.',
  })
  runId?: string | null;

  @Field({ nullable: true, description: 'Write nothing of the batch if any row is refused (the good rows come back SKIPPED).' })
  strict?: boolean;
}

const FILE_NAMES = Object.keys(KINDS) as SyncFileName[];

function fileOf(file: string): SyncKind<any> {
  if (!(FILE_NAMES as string[]).includes(file)) throw badInput(`file must be one of ${FILE_NAMES.join(', ')}`, { field: 'file' });
  return KINDS[file as SyncFileName] as SyncKind<any>;
}

function runIdOf(runId: string | null | undefined): string | null {
  if (runId === null || runId === undefined) return null;
  const id = normalizeId(runId);
  if (!isUuid(id)) throw notFound('SyncRun', runId);
  return id;
}

/** A run that is missing or finished is the caller's mistake: a typed error, never a crash. */
async function withRun<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof RunMissing) throw notFound('SyncRun', err.runId);
    if (err instanceof RowProblem) throw badInput(err.reason, { field: err.field });
    throw err;
  }
}

async function batch<R extends SyncRowInput>(
  ctx: HubContext,
  kind: SyncKind<R>,
  rows: R[],
  args: BatchArgs,
  refused?: (RowProblem | undefined)[],
) {
  if (rows.length > MAX_BATCH) throw badInput(`at most ${MAX_BATCH} rows per batch`, { field: 'rows' });
  return withRun(() => syncBatch(ctx.em, kind, rows, { runId: runIdOf(args.runId), strict: !!args.strict, refused }));
}

/** The row input type of each file: syncRows checks a table's columns and values against it. */
const ROW_INPUT: Record<SyncFileName, string> = {
  orgs: SchoolRowInput.name,
  academicSessions: AcademicSessionRowInput.name,
  courses: CourseRowInput.name,
  classes: ClassRowInput.name,
  users: StudentRowInput.name,
  demographics: DemographicsRowInput.name,
  enrollments: EnrollmentRowInput.name,
  attendance: AttendanceRowInput.name,
  incidents: IncidentRowInput.name,
  assessments: AssessmentRowInput.name,
  grades: GradeRowInput.name,
};

/**
 * A table's rows as the row objects the typed mutation would have received. Each value is
 * coerced by its field's GraphQL type, exactly as the typed mutation's variables are, but a value
 * that fails refuses its row (the field named) instead of the whole request.
 */
function rowsOfTable(info: GraphQLResolveInfo, file: SyncFileName, columns: string[], table: unknown[][]) {
  const type = info.schema.getType(ROW_INPUT[file]) as GraphQLInputObjectType;
  const fields = type.getFields();
  if (table.length > MAX_BATCH) throw badInput(`at most ${MAX_BATCH} rows per batch`, { field: 'rows' });
  const named = new Set<string>();
  for (const c of columns) {
    if (!fields[c]) throw badInput(`columns: ${c} is not a field of ${type.name}`, { field: 'columns' });
    if (named.has(c)) throw badInput(`columns: ${c} is named twice`, { field: 'columns' });
    named.add(c);
  }
  const missing = Object.values(fields).filter((f) => isNonNullType(f.type) && !named.has(f.name));
  if (missing.length) throw badInput(`columns must include ${missing.map((f) => f.name).join(', ')}`, { field: 'columns' });
  const types = columns.map((c) => fields[c].type);
  const refused: (RowProblem | undefined)[] = [];
  // A refused row is still named in the result (line and sourcedId), where its values allow.
  const identified = (values: unknown[], row: Record<string, unknown>) => {
    const at = (c: string) => values[columns.indexOf(c)];
    if (typeof at('line') === 'number') row.line = at('line');
    if (typeof at('sourcedId') === 'string') row.sourcedId = at('sourcedId');
    return row;
  };
  const rows = table.map((values, i) => {
    const row: Record<string, unknown> = {};
    if (values.length !== columns.length) {
      refused[i] = new RowProblem('rows', `row ${i} has ${values.length} values, and columns name ${columns.length}`);
      return identified(values, row);
    }
    for (let j = 0; j < columns.length; j++) {
      let problem: string | undefined;
      const value = coerceInputValue(values[j], types[j], (_path, _value, err) => (problem ??= err.message));
      if (problem !== undefined) {
        refused[i] = new RowProblem(columns[j], `${columns[j]}: ${problem}`);
        return identified(values, {});
      }
      row[columns[j]] = value;
    }
    return row;
  });
  return { rows: rows as unknown as SyncRowInput[], refused };
}

const BATCH_DOC = `Idempotent by sourcedId; at most ${MAX_BATCH} rows. Good rows are written together in one transaction with the run's counts; a refused row is reported with its field and reason and writes nothing (with strict, nothing of the batch is written). A tobedeleted row deactivates; a row older than the stored record changes nothing. district_sis only.`;

@Resolver(() => SyncRun)
export class SyncResolver {
  @Mutation(() => SyncRun, { description: 'Starts a sync run; its id goes with every batch. district_sis only.' })
  async startSyncRun(
    @Arg('source', () => String, { nullable: true, description: 'What is being synchronised, e.g. the export’s file name.' })
    source: string | null,
    @Ctx() ctx: HubContext,
  ) {
    if (source && source.length > 500) throw badInput('source must be at most 500 characters', { field: 'source' });
    const run = ctx.em.create(SyncRun, {
      id: randomUUID(),
      source: source ?? null,
      startedBy: ctx.viewer.sub ?? 'unknown',
      startedAt: new Date(),
    });
    await ctx.em.persistAndFlush(run);
    return run;
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts OneRoster orgs as schools. ${BATCH_DOC}` })
  upsertSchools(
    @Arg('rows', () => [SchoolRowInput], { description: 'The rows.' }) rows: SchoolRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.orgs, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts OneRoster academic sessions. ${BATCH_DOC}` })
  upsertAcademicSessions(
    @Arg('rows', () => [AcademicSessionRowInput], { description: 'The rows.' }) rows: AcademicSessionRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.academicSessions, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts OneRoster courses. ${BATCH_DOC}` })
  upsertCourses(
    @Arg('rows', () => [CourseRowInput], { description: 'The rows.' }) rows: CourseRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.courses, rows, a);
  }

  @Mutation(() => SyncBatchResult, {
    description: `Upserts OneRoster classes (Ed-Fi sections). The school must be known, and the course when one is named. Deactivating a class (tobedeleted, or left out of a bulk file) deactivates the enrollments naming it in the same transaction, counted as deleted under enrollments (see cascaded); an enrollment naming a deactivated class is refused. ${BATCH_DOC}`,
  })
  upsertClasses(
    @Arg('rows', () => [ClassRowInput], { description: 'The rows.' }) rows: ClassRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.classes, rows, a);
  }

  @Mutation(() => SyncBatchResult, {
    description: `Upserts students (OneRoster users with role student). The school must be known. Deactivating a student (tobedeleted, or left out of a bulk file) deactivates its demographics, enrollments, attendance, incidents, assessments and transcripts in the same transaction, counted as deleted under their files (see cascaded); re-activating it brings back only the records later rows send again. ${BATCH_DOC}`,
  })
  upsertStudents(
    @Arg('rows', () => [StudentRowInput], { description: 'The rows.' }) rows: StudentRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.users, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts students’ demographics; the student must be known. ${BATCH_DOC}` })
  upsertDemographics(
    @Arg('rows', () => [DemographicsRowInput], { description: 'The rows.' }) rows: DemographicsRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.demographics, rows, a);
  }

  @Mutation(() => SyncBatchResult, {
    description: `Upserts students’ enrollments; student (active) and school must be known, and the class when one is named. ${BATCH_DOC}`,
  })
  upsertEnrollments(
    @Arg('rows', () => [EnrollmentRowInput], { description: 'The rows.' }) rows: EnrollmentRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.enrollments, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts daily attendance (file.attendance). ${BATCH_DOC}` })
  upsertAttendanceEvents(
    @Arg('rows', () => [AttendanceRowInput], { description: 'The rows.' }) rows: AttendanceRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.attendance, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts behaviour incidents (file.incidents). ${BATCH_DOC}` })
  upsertDisciplineIncidents(
    @Arg('rows', () => [IncidentRowInput], { description: 'The rows.' }) rows: IncidentRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.incidents, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts assessment results (file.assessments). ${BATCH_DOC}` })
  upsertStudentAssessments(
    @Arg('rows', () => [AssessmentRowInput], { description: 'The rows.' }) rows: AssessmentRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.assessments, rows, a);
  }

  @Mutation(() => SyncBatchResult, { description: `Upserts course history (file.grades). ${BATCH_DOC}` })
  upsertCourseTranscripts(
    @Arg('rows', () => [GradeRowInput], { description: 'The rows.' }) rows: GradeRowInput[],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
  ) {
    return batch(ctx, KINDS.grades, rows, a);
  }

  @Mutation(() => SyncBatchResult, {
    description: `Upserts a batch of any file as one table: the same as that file's own mutation (upsertAttendanceEvents for attendance, and so on), with the rows as arrays of values instead of input objects, which costs the gateway and the subgraph far less to read. A value of the wrong type refuses its row, with the column named, where the typed mutation would refuse the whole request. ${BATCH_DOC}`,
  })
  syncRows(
    @Arg('file', { description: `File base name: ${FILE_NAMES.join(', ')}.` }) file: string,
    @Arg('columns', () => [String], {
      description:
        'Fields of the file’s row input type (SchoolRowInput for orgs … GradeRowInput for grades), in the order of each row’s values; its required fields (sourcedId) must be among them.',
    })
    columns: string[],
    @Arg('rows', () => SyncRowTable, { description: 'The rows, one array of values each, in the order of columns.' }) table: unknown[][],
    @Args() a: BatchArgs,
    @Ctx() ctx: HubContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const kind = fileOf(file);
    const { rows, refused } = rowsOfTable(info, file as SyncFileName, columns, table);
    return batch(ctx, kind, rows, a, refused);
  }

  @Mutation(() => SyncFileCounts, {
    description:
      'Ends one file of a run. For a BULK file, every active record of its kind the run did not see is deactivated and counted as deleted. Returns the file’s counts. district_sis only.',
  })
  async finishSyncFile(
    @Arg('runId', () => ID, { description: 'The run.' }) runId: string,
    @Arg('file', { description: `File base name: ${FILE_NAMES.join(', ')}.` }) file: string,
    @Arg('mode', () => SyncFileMode, { description: 'BULK or DELTA, as the manifest says.' }) mode: SyncFileMode,
    @Ctx() ctx: HubContext,
  ) {
    const kind = fileOf(file);
    const id = runIdOf(runId)!;
    if (mode === SyncFileMode.BULK) await withRun(() => finishBulkFile(ctx.em, kind, id));
    const run = await ctx.em.fork().findOne(SyncRun, id);
    if (!run) throw notFound('SyncRun', runId);
    return { file, ...emptyCounts(), ...run.files[file] };
  }

  @Mutation(() => SyncFileCounts, {
    description:
      'Records what the client counted itself for a file: rows it skipped (other roles) and rows it refused before sending (malformed CSV, wrong encoding), and warnings. district_sis only.',
  })
  async reportSyncRows(
    @Arg('runId', () => ID, { description: 'The run.' }) runId: string,
    @Arg('file', { description: 'File base name (any file of the export, known or not).' }) file: string,
    @Arg('skipped', () => Int, { defaultValue: 0, description: 'Rows skipped.' }) skipped: number,
    @Arg('problems', () => [SyncRowProblemInput], { defaultValue: [], description: 'Rows refused.' }) problems: SyncRowProblemInput[],
    @Arg('warnings', () => [String], { defaultValue: [], description: 'Warnings about the file.' }) warnings: string[],
    @Ctx() ctx: HubContext,
  ) {
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(file)) throw badInput('file must be a file base name', { field: 'file' });
    if (skipped < 0) throw badInput('skipped must not be negative', { field: 'skipped' });
    if (problems.length > MAX_RUN_ERRORS || warnings.length > MAX_RUN_ERRORS)
      throw badInput(`at most ${MAX_RUN_ERRORS} problems and warnings per call`, { field: 'problems' });
    const id = runIdOf(runId)!;
    const errors: SyncRowError[] = problems.map((p) => ({
      file,
      line: p.line ?? null,
      sourcedId: p.sourcedId ?? null,
      field: p.field ?? null,
      reason: p.reason.slice(0, 500),
    }));
    await withRun(() =>
      ctx.em.getKnex().transaction((trx) =>
        addToRun(
          trx,
          id,
          file,
          { skipped, failed: problems.length },
          errors,
          warnings.map((w) => w.slice(0, 500)),
          !isSqlite(ctx.em),
        ),
      ),
    );
    const run = await ctx.em.fork().findOne(SyncRun, id);
    return { file, ...emptyCounts(), ...run!.files[file] };
  }

  @Mutation(() => SyncRun, { description: 'Marks a run finished and returns its record. district_sis only.' })
  async finishSyncRun(@Arg('runId', () => ID, { description: 'The run.' }) runId: string, @Ctx() ctx: HubContext) {
    const id = runIdOf(runId)!;
    const em = ctx.em.fork();
    const run = await em.findOne(SyncRun, id);
    if (!run) throw notFound('SyncRun', runId);
    if (run.finishedAt) throw badInput(`sync run ${runId} has finished`, { field: 'runId' });
    run.finishedAt = new Date();
    await em.flush();
    return run;
  }

  @Query(() => SyncRun, { nullable: true, description: 'One sync run. District only.' })
  async syncRun(@Arg('id', () => ID, { description: 'Run id.' }) id: string, @Ctx() ctx: HubContext) {
    const run = isUuid(normalizeId(id)) ? await ctx.em.findOne(SyncRun, normalizeId(id)) : null;
    if (!run) throw notFound('SyncRun', id);
    return run;
  }

  @Query(() => SyncRunConnection, { nullable: true, description: 'Sync runs, newest first. District only.' })
  async syncRuns(@Args() args: PageArgs, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const [items, total] = await ctx.em.findAndCount(
      SyncRun,
      {},
      { orderBy: { startedAt: 'desc', id: 'asc' }, limit: page.limit, offset: page.offset },
    );
    return connectionOf(items, total, page);
  }

  @Query(() => SchoolConnection, { nullable: true, description: 'The district’s schools and other orgs, by name. District only.' })
  async schools(@Args() args: PageArgs, @Ctx() ctx: HubContext) {
    const page = pageWindow(args);
    const [items, total] = await ctx.em.findAndCount(
      School,
      {},
      { orderBy: { name: 'asc', id: 'asc' }, limit: page.limit, offset: page.offset },
    );
    return connectionOf(items, total, page);
  }

  @FieldResolver(() => [SyncFileCounts], { description: 'Counts per file, in the order the run met them.' })
  files(@Root() run: SyncRun): SyncFileCounts[] {
    return Object.entries(run.files).map(([file, c]) => ({ file, ...emptyCounts(), ...c }));
  }

  @FieldResolver(() => [SyncRowError], { description: `Refused rows (the first ${MAX_RUN_ERRORS}; the counts hold them all).` })
  errors(@Root() run: SyncRun): SyncRowError[] {
    return run.errors;
  }
}

const emptyCounts = () => ({ created: 0, updated: 0, unchanged: 0, deleted: 0, skipped: 0, failed: 0 });
