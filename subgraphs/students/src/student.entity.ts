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
// Part 2's aggregates group a school's students by grade.
@Index({ properties: ['schoolId', 'grade'] })
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

  @Property({ length: 100, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The district’s own student number (OneRoster user identifier), which partners and families quote. District only.',
  })
  districtId?: string | null;

  // Nullable: OneRoster users carry no birth date; demographics.csv does (see the resolver).
  @Property({ type: 'date', nullable: true })
  birthDate?: string | null;

  // OneRoster grade codes ("KG", "01".."12") cannot be GraphQL enum names; see grade.ts.
  // Nullable: an export may leave a student's grades empty.
  @Property({ length: 4, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Current grade as a OneRoster grade code: KG, or 01 to 12; null when the SIS gives none.',
  })
  grade?: string | null;

  @Property({ type: 'uuid' })
  @Index()
  schoolId: string;

  // Demo rows carry it here; synchronised students in their demographics row (see the resolver).
  @Property({ length: 20, nullable: true })
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

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'OneRoster dateLastModified as the SIS sent it (ISO 8601). District only.' })
  dateLastModified?: string | null;

  /** Hash of the synchronised values: an identical row is UNCHANGED without comparing columns. */
  @Property({ length: 40, nullable: true })
  fingerprint?: string | null;

  /** The sync run that last saw the row: a bulk file deactivates what its run did not see. */
  @Property({ type: 'uuid', nullable: true })
  seenRun?: string | null;
}
