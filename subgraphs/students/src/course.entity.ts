import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/** OneRoster course: what a course transcript names. */
@Entity({ tableName: 'course' })
@ObjectType({ description: 'A course of the district’s catalogue (OneRoster course).' })
export class Course extends SyncedRecord {
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
}
