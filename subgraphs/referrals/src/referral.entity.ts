import { randomUUID } from 'node:crypto';
import { Embedded, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Imperative } from '@c2c/kernel';
import { FamilyContact } from './family-contact.embeddable';
import { ReferralConsent } from './referral-consent.embeddable';
import { DeclineReason, ReferralLinkKind, ReferralOutcome, ReferralUrgency } from './referral-codes.enum';
import { ReferralStatus } from './referral-status.enum';

/**
 * Only the two organisations on a referral may read it (DESIGN.md). The ids of the
 * organisations, service and student are kept as plain uuid columns: those rows live in
 * other subgraphs' databases, and GraphQL exposes them as entity references instead.
 */
@Entity({ tableName: 'referral' })
@ObjectType('Referral', {
  description:
    'A closed-loop referral of a student or family from one organisation to a service of another. Readable only by staff of those two organisations.',
})
@Directive('@key(fields: "id")')
export class Referral {
  [OptionalProps]?:
    | 'status'
    | 'statusReason'
    | 'studentId'
    | 'familyContact'
    | 'consent'
    | 'sentBy'
    | 'imperative'
    | 'urgency'
    | 'notes'
    | 'zip'
    | 'declineReason'
    | 'outcome'
    | 'outcomeNote'
    | 'outcomeAt'
    | 'version'
    | 'responseDueAt'
    | 'escalateAt'
    | 'intakeOverrideReason'
    | 'linkedReferralId'
    | 'linkKind'
    | 'redirectedToServiceId'
    | 'createdAt'
    | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier, the federation key.' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Index()
  fromOrganizationId: string;

  @Property({ type: 'uuid' })
  @Index()
  toOrganizationId: string;

  @Property({ type: 'uuid' })
  @Index()
  serviceId: string;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  studentId?: string | null;

  // Resolved by ReferralResolver, which withholds it from a receiver the family did not consent to.
  @Embedded(() => FamilyContact, { nullable: true })
  familyContact?: FamilyContact | null;

  // Resolved by ReferralResolver, which withholds it from a receiver the family did not consent to.
  @Embedded(() => ReferralConsent, { nullable: true })
  consent?: ReferralConsent | null;

  /** Subject (`sub`) of the staff member who sent it; from their token, never from input. */
  @Property({ length: 200, default: '' })
  @Field({ description: 'Subject (`sub`) of the token of the staff member who sent the referral.' })
  sentBy: string = '';

  // Null only on referrals recorded before needs were coded.
  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => Imperative, { nullable: true, description: 'The imperative the family’s need falls under.' })
  imperative?: Imperative | null;

  @Property({ type: 'string', length: 20, default: 'ROUTINE' })
  @Field(() => ReferralUrgency, { description: 'How soon the family needs help.' })
  urgency: ReferralUrgency = ReferralUrgency.ROUTINE;

  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Property({ length: 10, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'ZIP code where the family lives: always shared with the receiver, to place the need.',
  })
  zip?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => DeclineReason, { nullable: true, description: 'Why the receiving organisation declined, when it did.' })
  declineReason?: DeclineReason | null;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ReferralOutcome, { nullable: true, description: 'What came of the referral, recorded when it was completed or failed.' })
  outcome?: ReferralOutcome | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Note given with the outcome.' })
  outcomeNote?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the outcome was recorded.' })
  outcomeAt?: Date | null;

  /** Optimistic lock: every change adds one, and a change naming another version is refused. */
  @Property({ type: 'integer', default: 1 })
  @Field(() => Int, { description: 'Version of the referral: pass it as `expectedVersion` to change it; every change adds one.' })
  version: number = 1;

  // Nullable columns for rows that predate deadlines; every referral sent since has both.
  @Property({ type: 'datetime', nullable: true })
  @Index()
  @Field(() => Date, { nullable: true, description: 'When the receiving organisation must have answered (business days after sending).' })
  responseDueAt?: Date | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a referral still open is escalated to the hub operator.' })
  escalateAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the referral was sent although the service’s intake was CLOSED.' })
  intakeOverrideReason?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  linkedReferralId?: string | null;

  @Property({ type: 'string', length: 20, nullable: true })
  @Field(() => ReferralLinkKind, { nullable: true, description: 'Why this referral points at `linkedReferral`.' })
  linkKind?: ReferralLinkKind | null;

  /** On a REDIRECTED referral: the service the family was sent on to (the follow-on referral links back here). */
  @Property({ type: 'uuid', nullable: true })
  redirectedToServiceId?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'The family’s need, in the referring staff member’s words (at most 2000 characters).' })
  reason: string;

  // A plain column, not @Enum: MikroORM's SQLite introspection misreads enum CHECK constraints
  // and would report a schema difference forever. The GraphQL enum validates every write.
  @Property({ type: 'string', length: 40 })
  @Index()
  @Field(() => ReferralStatus, { description: 'Where the referral is in its lifecycle.' })
  status: ReferralStatus = ReferralStatus.SENT;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The note given with the latest status change: the reason for a decline, the outcome of a completed referral.',
  })
  statusReason?: string | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the referral was sent.' })
  createdAt: Date = new Date();

  // No onUpdate hook: the lifecycle mutation sets it to the same instant as the history row
  // it writes, so `updatedAt` always equals the latest `history.changedAt`.
  @Property({ type: 'datetime' })
  @Field({ description: 'When the referral last changed.' })
  updatedAt: Date = new Date();
}
