import { badInput, type HubContext } from '@c2c/kernel';
import { Args, Ctx, Mutation, Resolver } from 'type-graphql';
import { existingImportOrganization, importerOf } from './event-import.access';
import { EventImport } from './event-import.entity';
import { ImportEventRowsArgs, ImportEventsFileArgs } from './event-import.input';
import { importRows, readUpload, sha256 } from './event-import.logic';
import { ImportFileError, IMPORT_FIELDS, type ImportField } from './event-import-values.logic';
import { EventImportReport } from './event-import.types';

/** Rows per `importEventRows` call: a batch of 1000 rows stays well under the 1 MB request limit. */
export const MAX_ROWS_PER_BATCH = 1000;
/** Default upload limit: a base64 upload of it (4/3 larger) still fits the gateway's and subgraphs' 1 MB JSON body limit. */
export const DEFAULT_IMPORT_MAX_BYTES = 700_000;

/** C2C_EVENT_IMPORT_MAX_BYTES, read at each call so an operator can change it without a new build. */
export function importMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.C2C_EVENT_IMPORT_MAX_BYTES;
  const n = raw === undefined || raw === '' ? DEFAULT_IMPORT_MAX_BYTES : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_IMPORT_MAX_BYTES;
}

const fileError = (err: unknown) => {
  if (err instanceof ImportFileError) return badInput(err.message, { field: err.code === 'BAD_MAP' ? 'map' : 'contentBase64' });
  return err;
};

function fileName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 255) throw badInput('fileName must be 1–255 characters', { field: 'fileName' });
  return trimmed;
}

@Resolver(() => EventImport)
export class EventImportMutations {
  @Mutation(() => EventImportReport, {
    nullable: true,
    description:
      'Imports a spreadsheet (.xlsx or .csv) uploaded whole, for web clients. Every row is checked; the valid ones become events (or, with allOrNothing, all of them or none) in one transaction, rows already present count as duplicates. Partner staff for their organisation; hub operators naming one.',
  })
  async importEvents(@Args() args: ImportEventsFileArgs, @Ctx() ctx: HubContext) {
    const organizationId = await existingImportOrganization(ctx, args.organizationId);
    const name = fileName(args.fileName);
    const max = importMaxBytes();
    // Checked on the encoded text, before decoding or reading a byte of the workbook.
    if (Math.floor((args.contentBase64.length * 3) / 4) > max + 2) {
      throw badInput(`The file is larger than the import limit of ${max} bytes: import it with the c2c CLI, which sends it in batches`, {
        field: 'contentBase64',
      });
    }
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(args.contentBase64)) throw badInput('contentBase64 is not base64', { field: 'contentBase64' });
    const content = Buffer.from(args.contentBase64, 'base64');
    if (content.length > max) throw badInput(`The file is larger than the import limit of ${max} bytes`, { field: 'contentBase64' });
    const { rows, layout } = await readUpload(content, { fileName: name, sheet: args.sheet, map: args.map }).catch((err) => {
      throw fileError(err);
    });
    return importRows(ctx.em, {
      organizationId,
      importedBy: importerOf(ctx),
      fileName: name,
      fileHash: sha256(content),
      rows,
      columns: new Map(layout.columns.map((c) => [c.field, c.column])),
      dryRun: args.dryRun,
      allOrNothing: args.allOrNothing,
    });
  }

  @Mutation(() => EventImportReport, {
    nullable: true,
    description:
      'Imports one batch of rows that a client read from a spreadsheet (the c2c CLI). Each batch is one transaction; later batches of the same file pass the importId of the first. Partner staff for their organisation; hub operators naming one.',
  })
  async importEventRows(@Args() args: ImportEventRowsArgs, @Ctx() ctx: HubContext) {
    const organizationId = await existingImportOrganization(ctx, args.organizationId);
    const name = fileName(args.fileName);
    if (!/^[0-9a-f]{64}$/.test(args.fileHash)) throw badInput('fileHash must be a SHA-256 hex digest', { field: 'fileHash' });
    if (args.rows.length > MAX_ROWS_PER_BATCH) throw badInput(`At most ${MAX_ROWS_PER_BATCH} rows per call`, { field: 'rows' });
    const columns = new Map<ImportField, string>();
    for (const [i, c] of args.columns.entries()) {
      if (!(IMPORT_FIELDS as readonly string[]).includes(c.field)) {
        throw badInput(`Unknown field "${c.field}"`, { field: `columns.${i}.field` });
      }
      columns.set(c.field as ImportField, c.column);
    }
    const rows = args.rows.map((r) => ({
      sheet: r.sheet,
      row: r.row,
      cells: Object.fromEntries(IMPORT_FIELDS.filter((f) => r[f] != null).map((f) => [f, r[f] as string])),
    }));
    return importRows(ctx.em, {
      organizationId,
      importedBy: importerOf(ctx),
      fileName: name,
      fileHash: args.fileHash,
      importId: args.importId,
      rows,
      columns,
      dryRun: args.dryRun,
      allOrNothing: args.allOrNothing,
    });
  }
}
