import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/** OneRoster course: what a course transcript names. */
@Entity({ tableName: 'course' })
@ObjectType({ description: 'A course of the district’s catalogue (OneRoster course).' })
export class Course {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, derived from the sourcedId.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'The identifier the student information system uses for this record.' })
  sourcedId: string;

  @Property({ length: 255 })
  @Field({ description: 'Title, e.g. "Algebra I".' })
  title: string;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'The district’s course code.' })
  courseCode?: string | null;

  // Comma-separated lists, as OneRoster's CSV binding writes them: read as arrays through CourseResolver.
  @Property({ length: 255, nullable: true })
  grades?: string | null;

  @Property({ type: 'text', nullable: true })
  subjects?: string | null;

  @Property({ type: 'text', nullable: true })
  subjectCodes?: string | null;

  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, {
    description: 'OneRoster status of the record: TOBEDELETED once the SIS deleted it or a bulk file left it out.',
  })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ length: 40, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'dateLastModified as the SIS sent it (ISO 8601); an older one never overwrites a newer.',
  })
  dateLastModified?: string | null;

  /** Hash of the synchronised values: an identical row is UNCHANGED without comparing columns. */
  @Property({ length: 40, nullable: true })
  fingerprint?: string | null;

  /** The sync run that last saw the row: a bulk file deactivates what its run did not see. */
  @Property({ type: 'uuid', nullable: true })
  seenRun?: string | null;
}
