import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * A data-sharing agreement between the hub and one organisation: the condition, besides
 * consent, under which the other subgraphs share anything with the organisation's staff.
 * The students and events subgraphs ask partners for an organisation's agreements in force
 * (`viewerAgreements`) and cache the answer for at most 60 s (kernel/src/agreements.ts).
 */
@Entity({ tableName: 'agreement' })
@Index({ properties: ['organizationId', 'effectiveFrom'] })
@ObjectType({
  description:
    'A data-sharing agreement: what an organisation may be shown (event aggregates; student data of its consented programme participants, for the record kinds listed) and for how long. Readable by hub operators and by staff of the organisation.',
})
export class Agreement {
  [OptionalProps]?: 'createdAt' | 'revokedAt' | 'revokedBy' | 'revokeReason' | 'recordKinds';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Id of the organisation that signed the agreement.' })
  organizationId: string;

  @Property({ type: 'json' })
  @Field(() => [String], {
    description:
      'What the agreement covers: EVENT_AGGREGATES (the collaborative-wide event totals) and/or STUDENT_DATA (consented programme participants’ records).',
  })
  scopes: string[];

  @Property({ type: 'json' })
  @Field(() => [String], {
    description:
      'The kinds of education record a STUDENT_DATA agreement covers: ATTENDANCE, BEHAVIOUR, COURSES, ASSESSMENTS. Empty without STUDENT_DATA.',
  })
  recordKinds: string[] = [];

  @Property({ length: 200 })
  @Field({ description: 'Who signed for the organisation (name and title).' })
  signatory: string;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was signed.' })
  signedAt: Date;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it takes effect.' })
  effectiveFrom: Date;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it ends (exclusive): from this instant nothing is shared under it.' })
  expiresAt: Date;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was revoked; null while not revoked.' })
  revokedAt: Date | null = null;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Who revoked it (the hub operator’s subject).' })
  revokedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it was revoked.' })
  revokeReason: string | null = null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was recorded in the hub.' })
  createdAt: Date = new Date();

  /** In force at `at`: not revoked, effective and not expired. */
  inForce(at: Date): boolean {
    return !this.revokedAt && this.effectiveFrom.getTime() <= at.getTime() && this.expiresAt.getTime() > at.getTime();
  }
}
