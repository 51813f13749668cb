import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { AttendanceCategory } from './attendance-category.enum';
import { SyncedRecord } from './synced-record.entity';

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
export class StudentSchoolAttendanceEvent extends SyncedRecord {
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
}
