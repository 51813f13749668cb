import { randomUUID } from 'node:crypto';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GuardianConsentMethod } from './guardian-consent-method.enum';
import { ParticipationAction } from './participation-action.enum';

/**
 * The history of a programme participation: rows are only ever inserted, one per change, and
 * each keeps the values it set, so a consent that was later replaced or revoked stays on record.
 */
@Entity({ tableName: 'program_participation_change' })
@Index({ properties: ['participationId', 'changedAt'] })
@ObjectType({
  description:
    'One change to a programme participation (enrolment, consent recorded or revoked, caseload assigned or unassigned, exit), with the values it set. Readable by whoever reads the participation.',
})
export class ParticipationChange {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier.' })
  id: string = randomUUID();

  // Not a foreign key, like the disclosure log: the history outlives the row it describes.
  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'The participation changed.' })
  participationId: string;

  @Property({ type: 'string', length: 30 })
  @Field(() => ParticipationAction, { description: 'What the change did.' })
  action: ParticipationAction;

  @Property({ length: 200 })
  @Field({ description: 'Subject (`sub` claim) of the token that made the change.' })
  changedBy: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Organisation of whoever made it (`org` claim); null for the district.' })
  changedByOrganizationId?: string | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the change was made.' })
  changedAt: Date;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'CONSENT_RECORDED: who gave consent.' })
  consentGivenBy?: string | null;

  @Property({ type: 'string', length: 30, nullable: true })
  @Field(() => GuardianConsentMethod, { nullable: true, description: 'CONSENT_RECORDED: how consent was given.' })
  consentMethod?: GuardianConsentMethod | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'CONSENT_RECORDED: when consent takes effect.' })
  consentGivenAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'CONSENT_RECORDED: when consent lapses; null if it does not lapse by itself.' })
  consentExpiresAt?: Date | null;

  @Property({ type: 'json', nullable: true })
  @Field(() => [String], { nullable: true, description: 'CONSENT_RECORDED: the record kinds consent covers.' })
  recordKinds?: string[] | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'ENROLLED: the first day; EXITED: the last day of participation, YYYY-MM-DD.' })
  date?: string | null;

  @Property({ length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'CONSENT_REVOKED and EXITED: the reason given.' })
  reason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'CASELOAD_ASSIGNED and CASELOAD_UNASSIGNED: the staff member (partners Staff id).' })
  staffId?: string | null;
}
