import type { Command } from 'commander';
import { graphRequest } from './graph-client';
import { csvRows, openExport, type CsvRow, type ExportSource, type LocalProblem } from './oneroster-source';

/**
 * Rows per mutation: large enough that a batch's fixed costs (a request, a transaction, the run's
 * lock and counts, a commit) are spread thin, small enough to stay flat in memory. BATCH_BYTES
 * keeps a batch of long rows under the 1 MB request bodies the gateway and subgraphs accept.
 */
export const BATCH = 4000;
export const BATCH_BYTES = 700_000;
/** Batches sent before the first answer is awaited. */
export const IN_FLIGHT = 2;

type Row = Record<string, unknown> & { line: number; sourcedId: string };
/** Turns one CSV row into a mutation row, or refuses it (a LocalProblem) or skips it (null). */
type Convert = (r: CsvRow, ctx: SyncContext) => Row | LocalProblem | null;

interface FileSpec {
  /** File base name: "users" for users.csv and manifest key file.users. */
  file: string;
  columns: string[];
  aliases?: Record<string, string>;
  /** Columns of the OneRoster specification the hub does not read: no warning for them. */
  known?: string[];
  required?: string[];
  convert?: Convert;
}

interface SyncContext {
  /** OneRoster 1.2 keeps roles in roles.csv: the students' user ids and their primary org, read first. */
  studentRoles: Map<string, string> | null;
}

const BASE = ['sourcedId', 'status', 'dateLastModified'];
const RECORD = [...BASE, 'studentSourcedId'];
const text = (r: CsvRow, c: string) => r.get(c).trim() || null;
/** A OneRoster list field ("09,10,11"; "Science, Physics"): its items, trimmed; null when empty. */
const list = (r: CsvRow, c: string) => {
  const items = r
    .get(c)
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length ? items : null;
};

class ValueProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function bool(r: CsvRow, c: string, name = c): boolean | null {
  const v = r.get(c).trim().toLowerCase();
  if (!v) return null;
  if (['true', 't', 'yes', 'y', '1'].includes(v)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(v)) return false;
  throw new ValueProblem(name, `${name} must be true or false (got "${v.slice(0, 20)}")`);
}

function num(r: CsvRow, c: string): number | null {
  const v = r.get(c).trim();
  if (!v) return null;
  if (!/^-?\d+(\.\d+)?$/.test(v)) throw new ValueProblem(c, `${c} must be a number (got "${v.slice(0, 20)}")`);
  return Number(v);
}

const base = (r: CsvRow) => ({
  line: r.line,
  sourcedId: r.get('sourcedId').trim(),
  status: text(r, 'status'),
  dateLastModified: text(r, 'dateLastModified'),
});

/** In the order they are synchronised: what a row references is written before it. */
export const FILES: FileSpec[] = [
  {
    file: 'orgs',
    columns: [...BASE, 'name', 'type', 'identifier', 'parentSourcedId'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      name: text(r, 'name'),
      type: text(r, 'type'),
      identifier: text(r, 'identifier'),
      parentSourcedId: text(r, 'parentSourcedId'),
    }),
  },
  {
    file: 'academicSessions',
    columns: [...BASE, 'title', 'type', 'startDate', 'endDate', 'parentSourcedId', 'schoolYear'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      title: text(r, 'title'),
      type: text(r, 'type'),
      startDate: text(r, 'startDate'),
      endDate: text(r, 'endDate'),
      schoolYear: text(r, 'schoolYear'),
    }),
  },
  {
    file: 'courses',
    columns: [...BASE, 'title', 'courseCode', 'grades', 'subjects', 'subjectCodes'],
    // OneRoster 1.0 and some exports spell it "grade".
    aliases: { grade: 'grades' },
    known: ['schoolYearSourcedId', 'orgSourcedId', 'resourceSourcedIds'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      title: text(r, 'title'),
      courseCode: text(r, 'courseCode'),
      grades: list(r, 'grades'),
      subjects: list(r, 'subjects'),
      subjectCodes: list(r, 'subjectCodes'),
    }),
  },
  {
    file: 'classes',
    columns: [
      ...BASE,
      'title',
      'grades',
      'courseSourcedId',
      'classCode',
      'classType',
      'location',
      'schoolSourcedId',
      'termSourcedIds',
      'subjects',
      'subjectCodes',
      'periods',
    ],
    aliases: { grade: 'grades' },
    known: ['resources'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      title: text(r, 'title'),
      classCode: text(r, 'classCode'),
      classType: text(r, 'classType'),
      location: text(r, 'location'),
      grades: list(r, 'grades'),
      subjects: list(r, 'subjects'),
      subjectCodes: list(r, 'subjectCodes'),
      courseSourcedId: text(r, 'courseSourcedId'),
      schoolSourcedId: text(r, 'schoolSourcedId'),
      termSourcedIds: list(r, 'termSourcedIds'),
      periods: list(r, 'periods'),
    }),
  },
  {
    file: 'users',
    columns: [...BASE, 'role', 'orgSourcedIds', 'primaryOrgSourcedId', 'givenName', 'familyName', 'identifier', 'grades'],
    known: [
      'enabledUser',
      'username',
      'userIds',
      'middleName',
      'email',
      'sms',
      'phone',
      'agentSourcedIds',
      'password',
      'userMasterIdentifier',
      'preferredGivenName',
      'preferredMiddleName',
      'preferredFamilyName',
      'pronouns',
    ],
    required: ['sourcedId'],
    convert: (r, ctx) => {
      const id = r.get('sourcedId').trim();
      const role = r.has('role') ? r.get('role').trim() : ctx.studentRoles?.has(id) ? 'student' : '';
      if (role !== 'student') return null;
      const school = text(r, 'orgSourcedIds')?.split(',')[0]?.trim() || text(r, 'primaryOrgSourcedId') || ctx.studentRoles?.get(id) || null;
      return {
        ...base(r),
        givenName: text(r, 'givenName'),
        familyName: text(r, 'familyName'),
        districtId: text(r, 'identifier'),
        grade: text(r, 'grades'),
        schoolSourcedId: school,
      };
    },
  },
  {
    file: 'demographics',
    columns: [
      ...BASE,
      'birthDate',
      'sex',
      'americanIndianOrAlaskaNative',
      'asian',
      'blackOrAfricanAmerican',
      'nativeHawaiianOrOtherPacificIslander',
      'white',
      'demographicRaceTwoOrMoreRaces',
      'hispanicOrLatinoEthnicity',
      'metadata.economicallyDisadvantaged',
      'metadata.disability',
      'metadata.englishLearner',
      'metadata.homeZip',
    ],
    aliases: { userSourcedId: 'sourcedId' },
    known: ['countryOfBirthCode', 'stateOfBirthAbbreviation', 'cityOfBirth', 'publicSchoolResidenceStatus'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      birthDate: text(r, 'birthDate'),
      sex: text(r, 'sex'),
      americanIndianOrAlaskaNative: bool(r, 'americanIndianOrAlaskaNative'),
      asian: bool(r, 'asian'),
      blackOrAfricanAmerican: bool(r, 'blackOrAfricanAmerican'),
      nativeHawaiianOrOtherPacificIslander: bool(r, 'nativeHawaiianOrOtherPacificIslander'),
      white: bool(r, 'white'),
      demographicRaceTwoOrMoreRaces: bool(r, 'demographicRaceTwoOrMoreRaces'),
      hispanicOrLatinoEthnicity: bool(r, 'hispanicOrLatinoEthnicity'),
      economicallyDisadvantaged: bool(r, 'metadata.economicallyDisadvantaged'),
      disability: bool(r, 'metadata.disability'),
      englishLearner: bool(r, 'metadata.englishLearner'),
      homeZip: text(r, 'metadata.homeZip'),
    }),
  },
  {
    file: 'enrollments',
    columns: [...BASE, 'classSourcedId', 'schoolSourcedId', 'userSourcedId', 'role', 'beginDate', 'endDate'],
    known: ['primary'],
    required: ['sourcedId', 'role'],
    convert: (r) =>
      r.get('role').trim() !== 'student'
        ? null
        : {
            ...base(r),
            studentSourcedId: text(r, 'userSourcedId'),
            schoolSourcedId: text(r, 'schoolSourcedId'),
            classSourcedId: text(r, 'classSourcedId'),
            beginDate: text(r, 'beginDate'),
            endDate: text(r, 'endDate'),
          },
  },
  {
    file: 'attendance',
    columns: [...RECORD, 'schoolSourcedId', 'date', 'category'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      studentSourcedId: text(r, 'studentSourcedId'),
      schoolSourcedId: text(r, 'schoolSourcedId'),
      date: text(r, 'date'),
      category: text(r, 'category'),
    }),
  },
  {
    file: 'incidents',
    columns: [...RECORD, 'schoolSourcedId', 'date', 'type', 'action', 'daysRemoved'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      studentSourcedId: text(r, 'studentSourcedId'),
      schoolSourcedId: text(r, 'schoolSourcedId'),
      date: text(r, 'date'),
      type: text(r, 'type'),
      action: text(r, 'action'),
      daysRemoved: num(r, 'daysRemoved'),
    }),
  },
  {
    file: 'assessments',
    columns: [...RECORD, 'assessment', 'subject', 'administrationDate', 'scaleScore', 'performanceLevel', 'proficient'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      studentSourcedId: text(r, 'studentSourcedId'),
      assessment: text(r, 'assessment'),
      subject: text(r, 'subject'),
      administrationDate: text(r, 'administrationDate'),
      scaleScore: num(r, 'scaleScore'),
      performanceLevel: text(r, 'performanceLevel'),
      proficient: bool(r, 'proficient'),
    }),
  },
  {
    file: 'grades',
    columns: [...RECORD, 'courseSourcedId', 'academicSessionSourcedId', 'mark', 'creditsEarned'],
    required: ['sourcedId'],
    convert: (r) => ({
      ...base(r),
      studentSourcedId: text(r, 'studentSourcedId'),
      courseSourcedId: text(r, 'courseSourcedId'),
      academicSessionSourcedId: text(r, 'academicSessionSourcedId'),
      mark: text(r, 'mark'),
      creditsEarned: num(r, 'creditsEarned'),
    }),
  },
];

/** OneRoster files the hub does not store: read to count their rows as skipped. */
const NOT_STORED = [
  'roles',
  'userProfiles',
  'resources',
  'classResources',
  'courseResources',
  'categories',
  'lineItems',
  'results',
  'scoreScales',
  'lineItemLearningObjectiveIds',
  'lineItemScoreScales',
  'resultLearningObjectiveIds',
  'resultScoreScales',
  'userResources',
];

export interface FileCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  skipped: number;
  failed: number;
}
export interface SyncSummary {
  run: { id: string; source: string | null; startedAt: string; finishedAt: string | null; warnings: string[] };
  files: Record<string, FileCounts>;
  errors: { file: string; line: number | null; sourcedId: string | null; field: string | null; reason: string }[];
}

export interface SyncOptions {
  url: string;
  token?: string;
  strict?: boolean;
  progress?: (file: string, rows: number) => void;
}

const SYNC_ROWS = `mutation($file: String!, $columns: [String!]!, $rows: SyncRowTable!, $id: ID, $strict: Boolean) {
  r: syncRows(file: $file, columns: $columns, rows: $rows, runId: $id, strict: $strict) { failed } }`;

/** About what a row adds to the request body as JSON (UTF-8 bytes of its values, and their quotes and commas). */
function bytesOf(row: Row): number {
  let n = 2;
  for (const v of Object.values(row))
    n += typeof v === 'string' ? Buffer.byteLength(v) + 3 : Array.isArray(v) ? Buffer.byteLength(v.join('","')) + 5 : 6;
  return n;
}

/**
 * Synchronises a OneRoster CSV export (folder or zip) through the graph. The token is checked
 * first, by starting the run, before a row is read. Files go in a fixed order, rows in file
 * order, one batch at a time: an interrupted run re-runs to the same end state because every
 * write is an idempotent upsert by sourcedId, and bulk deactivation happens only once a whole
 * file has been seen.
 */
export async function syncOneRoster(target: string, o: SyncOptions): Promise<SyncSummary> {
  const gql = (query: string, variables: Record<string, unknown> = {}) => graphRequest(o.url, o.token, query, variables);
  let runId: string;
  try {
    runId = (await gql(`mutation($s: String) { startSyncRun(source: $s) { id } }`, { s: target.split(/[\\/]/).pop() })).startSyncRun.id;
  } catch (err) {
    throw new Error(`the hub refused to start a sync with this token (a district_sis token is needed): ${(err as Error).message}`, {
      cause: err,
    });
  }
  const source = await openExport(target);
  try {
    await syncFiles(source, runId, o, gql);
  } finally {
    source.close();
  }
  const run = (
    await gql(
      `mutation($id: ID!) { finishSyncRun(runId: $id) { id source startedAt finishedAt warnings
        files { file created updated unchanged deleted skipped failed } errors { file line sourcedId field reason } } }`,
      { id: runId },
    )
  ).finishSyncRun;
  return {
    run: { id: run.id, source: run.source, startedAt: run.startedAt, finishedAt: run.finishedAt, warnings: run.warnings },
    files: Object.fromEntries(run.files.map(({ file, ...c }: FileCounts & { file: string }) => [file, c])),
    errors: run.errors,
  };
}

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<any>;

async function report(gql: Gql, runId: string, file: string, skipped: number, problems: LocalProblem[], warnings: string[]) {
  if (!skipped && !problems.length && !warnings.length) return;
  await gql(
    `mutation($id: ID!, $f: String!, $s: Int!, $p: [SyncRowProblemInput!]!, $w: [String!]!) { reportSyncRows(runId: $id, file: $f, skipped: $s, problems: $p, warnings: $w) { file } }`,
    { id: runId, f: file, s: skipped, p: problems, w: warnings },
  );
}

async function readManifest(source: ExportSource): Promise<Map<string, string> | null> {
  if (!source.names.includes('manifest.csv')) return null;
  const modes = new Map<string, string>();
  const problems: LocalProblem[] = [];
  for await (const r of csvRows(
    await source.open('manifest.csv'),
    'manifest',
    { columns: ['propertyName', 'value'], required: ['propertyName', 'value'] },
    { problem: (p) => problems.push(p), warning: () => undefined },
  )) {
    const key = r.get('propertyName').trim();
    if (key.startsWith('file.')) modes.set(key.slice(5).toLowerCase(), r.get('value').trim().toLowerCase());
  }
  if (problems.length) throw new Error(`manifest.csv: ${problems[0].reason}`);
  return modes;
}

async function syncFiles(source: ExportSource, runId: string, o: SyncOptions, gql: Gql) {
  const manifest = await readManifest(source).catch((err: Error) => {
    throw err;
  });
  if (!manifest) {
    await report(
      gql,
      runId,
      'manifest',
      0,
      [{ line: null, sourcedId: null, field: null, reason: 'manifest.csv is missing: nothing was read' }],
      [],
    );
    return;
  }
  const present = new Map(source.names.map((n) => [n.toLowerCase(), n]));
  const handled = new Set(['manifest.csv', ...[...FILES.map((f) => f.file), ...NOT_STORED].map((f) => `${f.toLowerCase()}.csv`)]);
  const warnings: string[] = [];
  for (const n of source.names) if (!handled.has(n.toLowerCase())) warnings.push(`${n}: not a file the hub knows; not read`);
  const ctx: SyncContext = { studentRoles: null };

  const modeOf = (file: string) => manifest.get(file.toLowerCase()) ?? 'absent';
  const fileName = (file: string) => present.get(`${file.toLowerCase()}.csv`);

  // Files the manifest names but the export lacks, and the other way round.
  const missing: LocalProblem[] = [];
  for (const file of [...FILES.map((f) => f.file), ...NOT_STORED]) {
    const mode = modeOf(file);
    if ((mode === 'bulk' || mode === 'delta') && !fileName(file))
      missing.push({
        line: null,
        sourcedId: null,
        field: `file.${file}`,
        reason: `the manifest names ${file}.csv as ${mode}, but the export has no such file`,
      });
    else if (mode !== 'bulk' && mode !== 'delta' && fileName(file))
      warnings.push(`${fileName(file)}: the manifest does not name it bulk or delta; not read`);
  }
  await report(gql, runId, 'manifest', 0, missing, warnings);

  for (const file of NOT_STORED) {
    const name = fileName(file);
    const mode = modeOf(file);
    if (!name || (mode !== 'bulk' && mode !== 'delta')) continue;
    let skipped = 0;
    // Held while users.csv is read: about 100-120 bytes per student (scripts/bench-roles-memory.js), ~18 MB for a
    // region's 147,000. Org ids are interned: a district has a few hundred, and one string each halves the map.
    const roles = file === 'roles' ? new Map<string, string>() : null;
    const orgIds = new Map<string, string>();
    const warned: string[] = [];
    const columns = roles
      ? [...BASE, 'userSourcedId', 'roleType', 'role', 'beginDate', 'endDate', 'orgSourcedId', 'userProfileSourcedId']
      : ['sourcedId'];
    // Only roles.csv is read for its content; the others are counted, so their columns are not checked.
    const known = roles ? [] : ['*'];
    for await (const r of csvRows(
      await source.open(name),
      file,
      { columns, known },
      { problem: () => undefined, warning: (w) => known.length || warned.push(w) },
    )) {
      skipped++;
      if (roles && r.get('role').trim() === 'student' && r.get('status').trim() !== 'tobedeleted') {
        const user = r.get('userSourcedId').trim();
        const org = r.get('orgSourcedId').trim();
        if (!orgIds.has(org)) orgIds.set(org, org);
        if (!roles.has(user) || r.get('roleType').trim() === 'primary') roles.set(user, orgIds.get(org)!);
      }
    }
    if (roles) ctx.studentRoles = roles;
    await report(gql, runId, file, skipped, [], warned);
  }

  for (const spec of FILES) {
    const name = fileName(spec.file);
    const mode = modeOf(spec.file);
    if (!name || (mode !== 'bulk' && mode !== 'delta')) continue;
    const ok = await syncFile(source, name, spec, mode, runId, ctx, o, gql);
    if (!ok) return;
  }
}

/** One file through its mutation; false when --strict stopped the run. */
async function syncFile(
  source: ExportSource,
  name: string,
  spec: FileSpec,
  mode: string,
  runId: string,
  ctx: SyncContext,
  o: SyncOptions,
  gql: Gql,
): Promise<boolean> {
  let problems: LocalProblem[] = [];
  let warnings: string[] = [];
  let skipped = 0;
  let rows: Row[] = [];
  let bytes = 0;
  let read = 0;
  let stopped = false;
  // Up to IN_FLIGHT batches at once, so reading and sending overlap the hub's work; one under
  // --strict, which must see each batch's answer before it sends the next.
  const inFlight: Promise<void>[] = [];
  const limit = o.strict ? 1 : IN_FLIGHT;
  const send = async () => {
    if (!rows.length) return;
    const batch = rows;
    rows = [];
    bytes = 0;
    // The batch as one table (syncRows): every field any of its rows has, in first-seen order.
    const columns: string[] = [];
    const named = new Set<string>();
    for (const r of batch)
      for (const k of Object.keys(r))
        if (!named.has(k)) {
          named.add(k);
          columns.push(k);
        }
    inFlight.push(
      graphRequest(o.url, o.token, SYNC_ROWS, {
        file: spec.file,
        columns,
        rows: batch.map((r) => columns.map((c) => r[c] ?? null)),
        id: runId,
        strict: !!o.strict,
      }).then((res) => {
        if (o.strict && res.r.failed) stopped = true;
      }),
    );
    while (inFlight.length >= limit) await inFlight.shift();
  };
  const drain = async () => {
    while (inFlight.length) await inFlight.shift();
  };
  const flushLocal = async () => {
    await report(gql, runId, spec.file, skipped, problems, warnings);
    [problems, warnings, skipped] = [[], [], 0];
  };
  let incomplete = false;
  for await (const r of csvRows(await source.open(name), spec.file, spec, {
    problem: (p) => problems.push(p),
    warning: (w) => warnings.push(w),
    incomplete: () => (incomplete = true),
  })) {
    read++;
    let row: Row | LocalProblem | null;
    try {
      row = spec.convert!(r, ctx);
    } catch (err) {
      if (!(err instanceof ValueProblem)) throw err;
      row = { line: r.line, sourcedId: r.get('sourcedId').trim() || null, field: err.field, reason: err.message };
    }
    if (row === null) skipped++;
    else if ('reason' in row) problems.push(row as LocalProblem);
    else {
      rows.push(row);
      bytes += bytesOf(row);
    }
    if (rows.length >= BATCH || bytes >= BATCH_BYTES) await send();
    if (problems.length >= BATCH) await flushLocal();
    if (stopped || (o.strict && problems.length)) break;
    if (read % BATCH === 0) o.progress?.(spec.file, read);
  }
  if (!stopped && !(o.strict && problems.length > 0)) await send();
  await drain();
  // A bulk file that was not read to its end must not deactivate the records it never showed.
  if (incomplete && mode === 'bulk') warnings.push(`${spec.file}: not read to its end, so records it leaves out were not deactivated`);
  const halted = stopped || (!!o.strict && problems.length > 0);
  await flushLocal();
  o.progress?.(spec.file, read);
  if (halted) return false;
  await gql(`mutation($id: ID!, $f: String!, $m: SyncFileMode!) { finishSyncFile(runId: $id, file: $f, mode: $m) { file } }`, {
    id: runId,
    f: spec.file,
    m: mode === 'bulk' && !incomplete ? 'BULK' : 'DELTA',
  });
  return true;
}

export function registerSyncOneRoster(program: Command) {
  const group =
    program.commands.find((c) => c.name() === 'sync') ??
    program.command('sync').description('Synchronise data from another system into the hub.');
  group
    .command('oneroster')
    .description(
      'Synchronise a OneRoster 1.1/1.2 CSV export (zip or folder, with the hub’s attendance, incidents, assessments and grades files) through the graph.',
    )
    .argument('<path>', 'the export: a .zip, or a folder holding manifest.csv and the CSV files')
    .option('--url <url>', 'the hub’s GraphQL endpoint', process.env.C2C_URL ?? 'http://localhost:4000/graphql')
    .option('--token <token>', 'a district_sis bearer token', process.env.C2C_TOKEN)
    .option('--strict', 'stop at the first refused row, writing nothing of its batch')
    .option('--json', 'print the run summary as one JSON object')
    .action(async (target: string, opts) => {
      const tty = !opts.json && process.stderr.isTTY;
      const summary = await syncOneRoster(target, {
        url: opts.url,
        token: opts.token,
        strict: !!opts.strict,
        progress: tty ? (file, n) => process.stderr.write(`\r${file}: ${n} rows read`.padEnd(40)) : undefined,
      });
      if (tty) process.stderr.write('\n');
      if (opts.json) console.log(JSON.stringify(summary));
      else {
        console.log(`sync run ${summary.run.id}`);
        for (const [file, c] of Object.entries(summary.files))
          console.log(
            `${file}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} deleted, ${c.skipped} skipped, ${c.failed} failed`,
          );
        for (const e of summary.errors)
          console.log(
            `error   ${e.file}${e.line !== null ? `:${e.line}` : ''}${e.sourcedId ? ` ${e.sourcedId}` : ''}${e.field ? ` ${e.field}` : ''}: ${e.reason}`,
          );
        for (const w of summary.run.warnings) console.log(`warning ${w}`);
      }
      if (summary.errors.length || Object.values(summary.files).some((c) => c.failed)) process.exitCode = 2;
    });
}
