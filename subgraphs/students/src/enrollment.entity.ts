import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';
import { Student } from './student.entity';

@Entity({ tableName: 'enrollment' })
// PostgreSQL does not index foreign keys by itself and the district's loaders look rows up by
// student. Declared on the class: MikroORM skips SQLite's automatic foreign-key index only for
// a class-level index, and would otherwise create the same index twice.
@Index({ properties: ['student'] })
@ObjectType({
  description: 'A student’s enrollment in a school for one school year (OneRoster enrollment at school level). District only.',
})
export class Enrollment {
  [OptionalProps]?: 'status';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @ManyToOne(() => Student)
  student: Student;

  // Null for enrollments the hub did not receive from a SIS sync (the demo's).
  @Property({ length: 255, nullable: true })
  @Unique()
  @Field(() => String, { nullable: true, description: 'OneRoster sourcedId of the enrollment; null if it was not synchronised.' })
  sourcedId?: string | null;

  @Property({ length: 255, nullable: true })
  @Field(() => String, { nullable: true, description: 'OneRoster sourcedId of the class the enrollment is in.' })
  classSourcedId?: string | null;

  /** The class (classSourcedId) as the hub stores it; null for a school-level enrollment. */
  @Property({ type: 'uuid', nullable: true })
  @Index()
  classId?: string | null;

  @Property({ type: 'uuid' })
  @Index()
  schoolId: string;

  @Property({ length: 9, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'School year the enrollment belongs to, e.g. "2026-2027"; null when its dates are unknown.',
  })
  schoolYear?: string | null;

  @Property({ length: 4, nullable: true })
  @Field(() => String, { nullable: true, description: 'Grade of the student in that year, as a OneRoster grade code; null when unknown.' })
  grade?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'First day of the enrollment (OneRoster beginDate), YYYY-MM-DD; null when the SIS gives none.',
  })
  entryDate?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Last day of the enrollment, YYYY-MM-DD; null while the student is enrolled.' })
  exitDate?: string | null;

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints.
  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, { description: 'OneRoster status of the enrollment record.' })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'OneRoster dateLastModified as the SIS sent it (ISO 8601).' })
  dateLastModified?: string | null;

  /** Hash of the synchronised values: an identical row is UNCHANGED without comparing columns. */
  @Property({ length: 40, nullable: true })
  fingerprint?: string | null;

  /** The sync run that last saw the row: a bulk file deactivates what its run did not see. */
  @Property({ type: 'uuid', nullable: true })
  seenRun?: string | null;
}
