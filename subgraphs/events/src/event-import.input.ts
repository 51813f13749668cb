import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Which event field a column of the file holds: an explicit header mapping, over the recognised variants.' })
export class EventImportColumnInput {
  @Field({ description: 'The column header as the file spells it (compared without case, spacing or punctuation).' })
  column: string;

  @Field({
    description: 'The field: title, date, type, description, street, city, zip, targetAudience, engagementLevel or attendees.',
  })
  field: string;
}

@InputType({
  description:
    'One data row of a spreadsheet, each cell as text exactly as the file holds it (the hub normalises and checks it as it does an uploaded file). Blank or absent cells are null.',
})
export class EventImportRowInput {
  @Field({ description: 'Sheet the row is on (the file name for a CSV file).' })
  sheet: string;

  @Field(() => Int, { description: 'Row number in the sheet, as a spreadsheet shows it (1 is the first row).' })
  row: number;

  @Field(() => String, { nullable: true, description: 'The title cell.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The date cell: ISO, MM/DD/YYYY, a month name, or an Excel serial number.' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'The event type cell.' })
  type?: string | null;

  @Field(() => String, { nullable: true, description: 'The description cell.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'The street address cell.' })
  street?: string | null;

  @Field(() => String, { nullable: true, description: 'The city cell.' })
  city?: string | null;

  @Field(() => String, { nullable: true, description: 'The zip cell: five digits or ZIP+4.' })
  zip?: string | null;

  @Field(() => String, { nullable: true, description: 'The target audience cell.' })
  targetAudience?: string | null;

  @Field(() => String, { nullable: true, description: 'The engagement level cell ("touch point", "Level 1", "L2", "DYC"…).' })
  engagementLevel?: string | null;

  @Field(() => String, { nullable: true, description: 'The number of attendees cell.' })
  attendees?: string | null;
}

@ArgsType()
export class EventImportCommonArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Organisation the events belong to. Partner staff: their own (the default). A hub operator (cec_admin) must name one.',
  })
  organizationId?: string | null;

  @Field({ defaultValue: false, description: 'Check every row and report what would happen, writing nothing.' })
  dryRun: boolean;

  @Field({ defaultValue: false, description: 'Write nothing if any row is rejected (the default writes the valid rows).' })
  allOrNothing: boolean;
}

@ArgsType()
export class ImportEventRowsArgs extends EventImportCommonArgs {
  @Field({ description: 'Name of the file the rows come from (1–255 characters).' })
  fileName: string;

  @Field({ description: 'SHA-256 of the whole file, hex, as the client computed it.' })
  fileHash: string;

  @Field(() => ID, {
    nullable: true,
    description: 'A later batch of the same file: the import id the first batch returned. Omit for the first batch.',
  })
  importId?: string | null;

  @Field(() => [EventImportColumnInput], { description: 'Which column of the file each field came from, so rejections name the column.' })
  columns: EventImportColumnInput[];

  @Field(() => [EventImportRowInput], { description: 'At most 1000 rows.' })
  rows: EventImportRowInput[];
}

@ArgsType()
export class ImportEventsFileArgs extends EventImportCommonArgs {
  @Field({ description: 'Name of the uploaded file; its extension (.xlsx, .csv) and its first bytes decide how it is read.' })
  fileName: string;

  @Field({ description: 'The whole file, base64-encoded. At most C2C_EVENT_IMPORT_MAX_BYTES bytes once decoded.' })
  contentBase64: string;

  @Field(() => String, { nullable: true, description: 'Sheet to read; needed only when several sheets have the agreed fields.' })
  sheet?: string | null;

  @Field(() => [EventImportColumnInput], { nullable: true, description: 'Explicit header mapping, over the recognised variants.' })
  map?: EventImportColumnInput[] | null;
}
