import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum UpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}
registerEnumType(UpsertOutcome, {
  name: 'UpsertOutcome',
  description: 'What a batch upsert did with one record.',
  valuesConfig: {
    CREATED: { description: 'The record was new and was written.' },
    UPDATED: { description: 'The record existed and differed; it was replaced.' },
    UNCHANGED: { description: 'The record existed exactly as given; nothing was written.' },
    FAILED: { description: 'The record was refused (see errors); nothing of it was written.' },
  },
});

@ObjectType({ description: 'Why one record of a batch was refused.' })
export class RecordError {
  @Field({ description: 'Error code, as in `extensions.code`: BAD_USER_INPUT, FORBIDDEN or CONFLICT.' })
  code: string;

  @Field(() => String, {
    nullable: true,
    description: 'The input field at fault, as a path inside the record (e.g. `schedules[1].opensAt`).',
  })
  field: string | null;

  @Field({ description: 'What is wrong, for people.' })
  message: string;
}

@ObjectType({ description: 'What happened to one record of a batch upsert.' })
export class UpsertRecordResult {
  @Field(() => Int, { description: 'Position of the record in the batch, from 0.' })
  index: number;

  @Field({ description: 'The record’s id as given.' })
  id: string;

  @Field(() => UpsertOutcome, { description: 'Created, updated, unchanged or failed.' })
  outcome: UpsertOutcome;

  @Field(() => [RecordError], { description: 'Why it failed; empty otherwise.' })
  errors: RecordError[];
}

@ObjectType({ description: 'The outcome of a batch upsert: totals and one entry per record, in input order.' })
export class UpsertBatchResult {
  @Field(() => Int, { description: 'Records created.' })
  created: number;

  @Field(() => Int, { description: 'Records replaced because they differed.' })
  updated: number;

  @Field(() => Int, { description: 'Records already stored exactly as given.' })
  unchanged: number;

  @Field(() => Int, { description: 'Records refused; nothing of them was written.' })
  failed: number;

  @Field(() => [UpsertRecordResult], { description: 'One entry per record, in input order.' })
  records: UpsertRecordResult[];
}
