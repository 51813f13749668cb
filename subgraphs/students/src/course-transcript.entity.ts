import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/** Ed-Fi CourseTranscript: the mark a student earned in a course in one session. */
@Entity({ tableName: 'course_transcript' })
@Index({ properties: ['studentId'] })
@ObjectType({
  description: 'A course a student took in one academic session, with the final mark and credits earned (Ed-Fi courseTranscript).',
})
export class CourseTranscript {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, derived from the sourcedId.' })
  id: string;

  @Property({ length: 255 })
  @Unique()
  @Field({ description: 'The identifier the student information system uses for this record.' })
  sourcedId: string;

  @Property({ type: 'uuid' })
  studentId: string;

  @Property({ type: 'uuid' })
  courseId: string;

  @Property({ type: 'uuid' })
  academicSessionId: string;

  @Property({ length: 20 })
  @Field({ description: 'Final mark as the district records it: a letter ("B+") or a number ("87").' })
  mark: string;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Credits earned; null when the course carries none.' })
  creditsEarned?: number | null;

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
