import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/** Ed-Fi CourseTranscript: the mark a student earned in a course in one session. */
@Entity({ tableName: 'course_transcript' })
@Index({ properties: ['studentId'] })
@ObjectType({
  description: 'A course a student took in one academic session, with the final mark and credits earned (Ed-Fi courseTranscript).',
})
export class CourseTranscript extends SyncedRecord {
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
}
