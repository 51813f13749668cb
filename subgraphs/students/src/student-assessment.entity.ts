import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import { SyncedRecord } from './synced-record.entity';

/** Ed-Fi StudentAssessment: one administration of a test to a student, with its result. */
@Entity({ tableName: 'student_assessment' })
@Index({ properties: ['studentId', 'administrationDate'] })
@ObjectType({
  description: 'A student’s result on one administration of an assessment such as MAP, SBAC or the state test (Ed-Fi studentAssessment).',
})
export class StudentAssessment extends SyncedRecord {
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

  @Property({ length: 100 })
  @Field({ description: 'The assessment, e.g. "MAP", "SBAC" or the state test’s name.' })
  assessment: string;

  @Property({ length: 100 })
  @Field({ description: 'Subject assessed, e.g. "Mathematics".' })
  subject: string;

  @Property({ type: 'date' })
  @Field({ description: 'Day the assessment was taken, YYYY-MM-DD.' })
  administrationDate: string;

  @Property({ type: 'double', nullable: true })
  @Field(() => Float, { nullable: true, description: 'Scale score; null when not scored.' })
  scaleScore?: number | null;

  @Property({ length: 50, nullable: true })
  @Field(() => String, { nullable: true, description: 'Performance level as the assessment reports it, e.g. "Level 3".' })
  performanceLevel?: string | null;

  @Property({ type: 'boolean', nullable: true })
  @Field(() => Boolean, { nullable: true, description: 'Whether the result meets the proficiency standard; null when unknown.' })
  proficient?: boolean | null;
}
