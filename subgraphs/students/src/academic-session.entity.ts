import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/** OneRoster academicSession: the terms course transcripts are recorded in. */
@Entity({ tableName: 'academic_session' })
@ObjectType({ description: 'A school year, term, semester or grading period of the district (OneRoster academicSession).' })
export class AcademicSession extends SyncedRecord {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, derived from the sourcedId.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'The identifier the student information system uses for this record.' })
  sourcedId: string;

  @Property({ length: 255 })
  @Field({ description: 'Title, e.g. "Fall 2026".' })
  title: string;

  @Property({ length: 40 })
  @Field({ description: 'OneRoster session type: gradingPeriod, semester, schoolYear or term.' })
  type: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'First day, YYYY-MM-DD.' })
  startDate?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Last day, YYYY-MM-DD.' })
  endDate?: string | null;

  @Property({ length: 9, nullable: true })
  @Field(() => String, { nullable: true, description: 'School year the session belongs to, as OneRoster gives it (e.g. "2027").' })
  schoolYear?: string | null;
}
