import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum SyncOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  DELETED = 'DELETED',
  SKIPPED = 'SKIPPED',
  FAILED = 'FAILED',
}
registerEnumType(SyncOutcome, {
  name: 'SyncOutcome',
  description: 'What a bulk sync mutation did with one row.',
  valuesConfig: {
    CREATED: { description: 'New record, written.' },
    UPDATED: { description: 'The record differed (or was inactive) and was replaced.' },
    UNCHANGED: {
      description: 'Stored exactly so already, older than what is stored, or a deletion of what is already gone: nothing written.',
    },
    DELETED: { description: 'The row was tobedeleted and the record was deactivated.' },
    SKIPPED: { description: 'Valid, but not written: under strict mode another row of the batch was refused.' },
    FAILED: { description: 'Refused (see field and reason); nothing of it was written.' },
  },
});

@ObjectType({ description: 'What happened to one row of a bulk sync batch.' })
export class SyncRowResult {
  @Field(() => Int, { description: 'Position of the row in the batch, from 0.' })
  index: number;

  @Field(() => Int, { nullable: true, description: 'The line the row was sent with.' })
  line: number | null;

  @Field({ description: 'The row’s sourcedId as sent.' })
  sourcedId: string;

  @Field(() => SyncOutcome, { description: 'What was done.' })
  outcome: SyncOutcome;

  @Field(() => String, { nullable: true, description: 'The column at fault, when the row failed.' })
  field: string | null;

  @Field(() => String, { nullable: true, description: 'Why the row failed or was skipped.' })
  reason: string | null;
}

@ObjectType({ description: 'Row counts of one file, or one batch.' })
export class SyncFileCounts {
  @Field({ description: 'File base name, e.g. "users" or "attendance".' })
  file: string;

  @Field(() => Int, { description: 'Records created.' })
  created: number;

  @Field(() => Int, { description: 'Records changed.' })
  updated: number;

  @Field(() => Int, { description: 'Rows that changed nothing.' })
  unchanged: number;

  @Field(() => Int, { description: 'Records deactivated: tobedeleted rows, and, for a bulk file, records it left out.' })
  deleted: number;

  @Field(() => Int, { description: 'Rows not for the hub (users of other roles, teacher enrollments) or not applied under strict mode.' })
  skipped: number;

  @Field(() => Int, { description: 'Rows refused.' })
  failed: number;
}

@ObjectType({ description: 'The result of one bulk sync batch: its counts and one entry per row, in input order.' })
export class SyncBatchResult extends SyncFileCounts {
  @Field(() => [SyncRowResult], { description: 'One entry per row, in input order.' })
  rows: SyncRowResult[];

  @Field(() => [SyncFileCounts], {
    description:
      'Records of other kinds deactivated with this batch’s deleted rows, per file: a deactivated student’s demographics, enrollments, attendance, incidents, assessments and transcripts. Empty for other kinds.',
  })
  cascaded: SyncFileCounts[];
}

@ObjectType({ description: 'A refused row, as a sync run records it.' })
export class SyncRowError {
  @Field({ description: 'File base name.' })
  file: string;

  @Field(() => Int, { nullable: true, description: 'Line in the file.' })
  line: number | null;

  @Field(() => String, { nullable: true, description: 'sourcedId of the row, if known.' })
  sourcedId: string | null;

  @Field(() => String, { nullable: true, description: 'The column at fault.' })
  field: string | null;

  @Field({ description: 'Why the row was refused.' })
  reason: string;
}
