import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { Referral } from './referral.entity';
import { ReferralStatus } from './referral-status.enum';

/**
 * One step of a referral's history. Rows are only ever inserted, in the same transaction as
 * the status change they record, so the history is the audit trail of the closed loop.
 */
@Entity({ tableName: 'referral_status_change' })
@Index({ properties: ['referral', 'changedAt'] })
@ObjectType('ReferralStatusChange', {
  description: 'One change of a referral’s status: who made it, for which organisation, when and why.',
})
export class ReferralStatusChange {
  [OptionalProps]?: 'fromStatus' | 'note' | 'code' | 'changedByOrganizationId' | 'changedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier of this change.' })
  id: string = randomUUID();

  @ManyToOne(() => Referral, { deleteRule: 'cascade' })
  referral: Referral;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ReferralStatus, { nullable: true, description: 'Status before the change; null for the change that sent the referral.' })
  fromStatus?: ReferralStatus | null;

  @Property({ type: 'string', length: 40 })
  @Field(() => ReferralStatus, { description: 'Status after the change.' })
  toStatus: ReferralStatus;

  @Property({ length: 200 })
  @Field({
    description: 'Subject (`sub`) of the token of the person who made the change; `system:sweep` for an expiry by the periodic sweep.',
  })
  changedBy: string;

  // Null for the sweep, which acts for no organisation.
  @Property({ type: 'uuid', nullable: true })
  changedByOrganizationId?: string | null;

  @Property({ length: 40, nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'The code given with the change: a `DeclineReason` for a decline, a `ReferralOutcome` for a completion or failure.',
  })
  code?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'Note given with the change: the reason for a decline, the outcome of a completion.',
  })
  note?: string | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the change was made.' })
  changedAt: Date = new Date();
}
