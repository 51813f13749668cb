import { ENTITIES, ENTITY_KEY_DESCRIPTION } from '@c2c/kernel';
import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RecordStatus } from './record-status.enum';

/**
 * Fields without a default are readable by the district only and nullable, so a partner
 * that asks for one gets null with FORBIDDEN on that path while the rest of its answer
 * stands. Which fields a partner may read is decided in student-access.ts, not here.
 */
@Entity({ tableName: 'student' })
@ObjectType({ description: ENTITIES.Student.description })
@Directive('@key(fields: "id")')
export class Student {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: ENTITY_KEY_DESCRIPTION })
  id: string = randomUUID();

  @Property({ length: 100 })
  @Unique()
  @Field(() => String, {
    nullable: true,
    description: 'OneRoster sourcedId: the identifier the student information system uses for this student. District only.',
  })
  sourcedId: string;

  @Property({ length: 100 })
  @Field({ description: 'Given (first) name.' })
  givenName: string;

  @Property({ length: 100 })
  @Field({ description: 'Family (last) name.' })
  familyName: string;

  @Property({ type: 'date' })
  @Field(() => String, { nullable: true, description: 'Date of birth, YYYY-MM-DD. District only.' })
  birthDate: string;

  // OneRoster grade codes ("KG", "01".."12") cannot be GraphQL enum names; see grade.ts.
  @Property({ length: 4 })
  @Field({ description: 'Current grade as a OneRoster grade code: KG, or 01 to 12.' })
  grade: string;

  @Property({ type: 'uuid' })
  @Index()
  schoolId: string;

  @Property({ length: 20, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Gender as recorded by the student information system (OneRoster demographics). District only.',
  })
  gender?: string | null;

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints.
  @Property({ type: 'string', length: 20 })
  @Field(() => RecordStatus, { nullable: true, description: 'OneRoster status of the record. District only.' })
  status: RecordStatus = RecordStatus.ACTIVE;

  @Property({ type: 'datetime' })
  @Field({ nullable: true, description: 'When the record was first synchronised to the hub. District only.' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', onUpdate: () => new Date() })
  @Field({ nullable: true, description: 'When the record last changed in the hub. District only.' })
  updatedAt: Date = new Date();
}
