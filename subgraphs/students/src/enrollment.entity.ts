import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
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

  @Property({ type: 'uuid' })
  @Index()
  schoolId: string;

  @Property({ length: 9 })
  @Field({ description: 'School year the enrollment belongs to, e.g. "2026-2027".' })
  schoolYear: string;

  @Property({ length: 4 })
  @Field({ description: 'Grade of the student in that year, as a OneRoster grade code.' })
  grade: string;

  @Property({ type: 'date' })
  @Field({ description: 'First day of the enrollment, YYYY-MM-DD.' })
  entryDate: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Last day of the enrollment, YYYY-MM-DD; null while the student is enrolled.' })
  exitDate?: string | null;

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints.
  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, { description: 'OneRoster status of the enrollment record.' })
  status: RecordStatus = RecordStatus.ACTIVE;
}
