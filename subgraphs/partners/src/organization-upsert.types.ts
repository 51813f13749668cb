import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Sector } from './sector.enum';

export enum OrganizationUpsertOutcome {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  UNCHANGED = 'UNCHANGED',
  FAILED = 'FAILED',
}
registerEnumType(OrganizationUpsertOutcome, {
  name: 'OrganizationUpsertOutcome',
  description: 'What an upsert did with one organisation record.',
  valuesConfig: {
    CREATED: { description: 'A new organisation was written.' },
    UPDATED: { description: 'The stored organisation was changed.' },
    UNCHANGED: { description: 'The record matched what is stored; nothing was written.' },
    FAILED: { description: 'The record was refused (see errors); nothing was written for it.' },
  },
});

@InputType({
  description:
    'An organisation as another directory publishes it (HSDS organization), written by its id: created when new, its public profile replaced when known. Private fields are never touched.',
})
export class OrganizationUpsertInput {
  @Field(() => ID, { description: 'The organisation’s id (the HSDS organization id, a UUID).' })
  id: string;
  @Field({ description: 'Public name, 1–200 characters, unique in the hub (case-insensitive).' })
  name: string;
  @Field(() => Sector, {
    nullable: true,
    description: 'Sector of a new organisation (default COMMUNITY_ORGANIZATION); a stored one keeps its own unless given.',
  })
  sector?: Sector | null;
  @Field(() => String, { nullable: true, description: 'Description, up to 4000 characters.' })
  description?: string | null;
  @Field(() => String, { nullable: true, description: 'Street address of the main site.' })
  street?: string | null;
  @Field(() => String, { nullable: true, description: 'City.' })
  city?: string | null;
  @Field(() => String, { nullable: true, description: 'Two-letter state code.' })
  state?: string | null;
  @Field(() => String, { nullable: true, description: 'Five-digit ZIP code.' })
  zip?: string | null;
  @Field(() => Float, { nullable: true, description: 'Latitude (WGS84).' })
  latitude?: number | null;
  @Field(() => Float, { nullable: true, description: 'Longitude (WGS84).' })
  longitude?: number | null;
  @Field(() => String, { nullable: true, description: 'Public website (http or https).' })
  website?: string | null;
  @Field(() => String, { nullable: true, description: 'Public phone number.' })
  phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Public contact email.' })
  email?: string | null;
}

@ObjectType({ description: 'Why one record was refused.' })
export class OrganizationUpsertError {
  @Field({ description: 'Error code (BAD_USER_INPUT, CONFLICT).' })
  code: string;
  @Field(() => String, { nullable: true, description: 'The field at fault, from the record’s root.' })
  field: string | null;
  @Field({ description: 'What is wrong.' })
  message: string;
}

@ObjectType({ description: 'The outcome for one record of the batch.' })
export class OrganizationUpsertRecord {
  @Field(() => Int, { description: 'Position of the record in the batch.' })
  index: number;
  @Field({ description: 'The record’s id as sent.' })
  id: string;
  @Field(() => OrganizationUpsertOutcome, { description: 'What was done.' })
  outcome: OrganizationUpsertOutcome;
  @Field(() => [OrganizationUpsertError], { description: 'Why it failed; empty otherwise.' })
  errors: OrganizationUpsertError[];
}

@ObjectType({ description: 'What an organisation upsert did, in counts and per record.' })
export class OrganizationUpsertResult {
  @Field(() => Int, { description: 'Organisations created.' })
  created: number;
  @Field(() => Int, { description: 'Organisations changed.' })
  updated: number;
  @Field(() => Int, { description: 'Records identical to what is stored.' })
  unchanged: number;
  @Field(() => Int, { description: 'Records refused.' })
  failed: number;
  @Field(() => [OrganizationUpsertRecord], { description: 'Each record’s outcome, in batch order.' })
  records: OrganizationUpsertRecord[];
}
