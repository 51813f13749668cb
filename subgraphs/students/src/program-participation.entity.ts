import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GuardianConsentMethod } from './guardian-consent-method.enum';
import { Student } from './student.entity';

/**
 * The consent columns are what a partner's access to a student hangs on; student-access.ts
 * is the only code that interprets them.
 */
@Entity({ tableName: 'program_participation' })
// PostgreSQL does not index foreign keys by itself and the district's loaders look rows up by
// student. Declared on the class: MikroORM skips SQLite's automatic foreign-key index only for
// a class-level index, and would otherwise create the same index twice.
@Index({ properties: ['student'] })
// The access check asks for one organisation's participations of a batch of students.
@Index({ properties: ['organizationId', 'student'] })
@ObjectType({
  description:
    'A student’s participation in a partner organisation’s programme, with the parent or guardian consent that lets the partner see the student’s school data. Readable by the district and by staff of that organisation.',
})
export class ProgramParticipation {
  [OptionalProps]?: 'assignedStaffIds';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier; disclosures name it as their basis.' })
  id: string = randomUUID();

  @ManyToOne(() => Student)
  student: Student;

  /** A partners-subgraph Organization, referenced by key only. */
  @Property({ type: 'uuid' })
  organizationId: string;

  @Property({ length: 200 })
  @Field({ description: 'Name of the programme, e.g. "Afterschool Program".' })
  programName: string;

  @Property({ type: 'date' })
  @Field({ description: 'First day of participation, YYYY-MM-DD.' })
  startDate: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Last day of participation, YYYY-MM-DD; null while it continues.' })
  endDate?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, {
    nullable: true,
    description: 'When the parent or guardian consented to sharing school data with the organisation; null if they never did.',
  })
  consentGivenAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When that consent lapses; null if it does not lapse by itself.' })
  consentExpiresAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the parent or guardian revoked consent; null unless revoked.' })
  consentRevokedAt?: Date | null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who gave consent, e.g. "Ana Lopez (parent/guardian)".' })
  consentGivenBy?: string | null;

  @Property({ type: 'string', length: 30, nullable: true })
  @Field(() => GuardianConsentMethod, {
    nullable: true,
    description: 'How consent was given; null for consent recorded before the hub kept it.',
  })
  consentMethod?: GuardianConsentMethod | null;

  /** Null on consent recorded before the hub asked for kinds: the agreement's kinds alone then apply (student.access.ts). */
  @Property({ type: 'json', nullable: true })
  @Field(() => [String], {
    nullable: true,
    description:
      'The record kinds (ATTENDANCE, BEHAVIOUR, COURSES, ASSESSMENTS) the consent covers; a partner reads only those its agreement covers too. Null for consent recorded before the hub kept them.',
  })
  consentRecordKinds?: string[] | null;

  @Property({ length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'Why consent was revoked; null unless revoked.' })
  consentRevokeReason?: string | null;

  /**
   * The caseload: partners-subgraph Staff ids, referenced by id only. Kept on the row the access
   * check already reads, so narrowing a partner's access to its caseload costs no statement.
   */
  @Property({ type: 'json', default: '[]' })
  @Field(() => [ID], {
    name: 'assignedStaff',
    description:
      'The organisation’s staff members whose caseload this participation is on (partners Staff ids): of its staff, only they read the student; its partner administrators read every participant. Assigned by a partner administrator (assignCaseload).',
  })
  assignedStaffIds: string[] = [];
}
