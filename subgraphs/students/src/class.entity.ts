import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/**
 * OneRoster class (Ed-Fi Section): one offering of a course at a school, which enrollments
 * name. The hub keeps OneRoster's name because the export, the mutation (upsertClasses) and
 * enrollments' classSourcedId all use it. List columns (grades, subjects, subjectCodes,
 * termSourcedIds, periods) are stored comma-separated, as OneRoster's CSV binding writes them.
 */
@Entity({ tableName: 'class' })
@Index({ properties: ['schoolId'] })
@Index({ properties: ['courseId'] })
@ObjectType({
  description:
    'A class: one offering of a course at a school in one or more terms, with its students’ enrollments (OneRoster class; Ed-Fi calls it a Section).',
})
export class Class extends SyncedRecord {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, derived from the sourcedId.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'The identifier the student information system uses for this record.' })
  sourcedId: string;

  @Property({ length: 255 })
  @Field({ description: 'Title, e.g. "Algebra I – period 2".' })
  title: string;

  @Property({ length: 100, nullable: true })
  @Field(() => String, { nullable: true, description: 'The district’s code of the class (OneRoster classCode; Ed-Fi sectionIdentifier).' })
  classCode?: string | null;

  @Property({ length: 40 })
  @Field({ description: 'OneRoster classType: "homeroom" or "scheduled" (or an "ext:" extension value).' })
  classType: string;

  @Property({ length: 255, nullable: true })
  @Field(() => String, { nullable: true, description: 'Where the class meets, e.g. a room.' })
  location?: string | null;

  // Comma-separated lists: read as arrays through ClassResolver.
  @Property({ length: 255, nullable: true })
  grades?: string | null;

  @Property({ type: 'text', nullable: true })
  subjects?: string | null;

  @Property({ type: 'text', nullable: true })
  subjectCodes?: string | null;

  @Property({ type: 'text', nullable: true })
  termSourcedIds?: string | null;

  @Property({ length: 255, nullable: true })
  periods?: string | null;

  /** Null when the SIS names no course (OneRoster requires one; real exports leave it empty). */
  @Property({ type: 'uuid', nullable: true })
  courseId?: string | null;

  @Property({ type: 'uuid' })
  schoolId: string;
}
