import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * The FERPA disclosure log: rows are only ever inserted. `studentId` is deliberately not a
 * foreign key, so the record of a disclosure outlives the student record it disclosed.
 */
@Entity({ tableName: 'disclosure' })
@Index({ properties: ['studentId', 'createdAt'] })
// A partner organisation's disclosures, by day (the log per partner and its export).
@Index({ properties: ['viewerOrganizationId', 'createdAt'] })
@ObjectType({
  description:
    'One disclosure of a student’s education record to someone outside the district: who read which fields of which student, under which consent, when. One row per student per request. District administrators only.',
})
export class Disclosure {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ length: 200 })
  @Field({ description: 'Subject (`sub` claim) of the token that read the record.' })
  viewerSub: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Organisation of the reader (`org` claim).' })
  viewerOrganizationId?: string | null;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Roles the reader held at the time.' })
  viewerRoles: string[];

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Student whose record was read.' })
  studentId: string;

  @Property({ type: 'json' })
  @Field(() => [String], { description: 'Names of the Student fields that were read, sorted.' })
  fields: string[];

  @Property({ length: 200 })
  @Field({
    description:
      'Why the reader was allowed: `participation:<id> agreement:<id>` names the consented programme participation and the data-sharing agreement in force.',
  })
  basis: string;

  @Property({ length: 100 })
  @Field({ description: 'Request id (`x-request-id`) of the read, to match gateway and service logs.' })
  requestId: string;

  // The log is listed newest first.
  @Property({ type: 'datetime' })
  @Index()
  @Field({ description: 'When the record was read.' })
  createdAt: Date;
}
