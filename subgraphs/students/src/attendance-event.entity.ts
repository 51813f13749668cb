import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';
import { AttendanceCategory } from './attendance-category.enum';

/** Ed-Fi StudentSchoolAttendanceEvent: one student, one school day, one category. */
@Entity({ tableName: 'student_school_attendance_event' })
// Part 2 reads per student and date range, and per school and date.
@Index({ properties: ['studentId', 'date'] })
// Per school the equity report counts a period's days by student and category: with those
// columns in the index it never visits the table, whose rows lie in student order.
@Index({
  name: 'student_school_attendance_event_school_covering_index',
  properties: ['schoolId', 'date', 'studentId', 'category', 'status'],
})
@ObjectType({ description: 'A student’s attendance at school on one day (Ed-Fi studentSchoolAttendanceEvent).' })
export class StudentSchoolAttendanceEvent {
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
  schoolId: string;

  @Property({ type: 'date' })
  @Field({ description: 'The school day, YYYY-MM-DD.' })
  date: string;

  @Property({ length: 30 })
  @Field(() => AttendanceCategory, { description: 'What the student’s attendance was that day.' })
  category: AttendanceCategory;

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
