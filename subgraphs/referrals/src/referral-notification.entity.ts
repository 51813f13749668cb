import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { NotificationChannel, NotificationEvent, NotificationRecipientKind, NotificationStatus } from './notification-codes.enum';
import { ReferralStatus } from './referral-status.enum';

/**
 * The outbox: one row per (event, recipient, channel), inserted in the same transaction as the
 * change it announces, so a change is never committed without its notifications and a refused
 * change leaves none. The unique key makes a second row for the same event impossible; the
 * dispatcher (referral-notification-dispatch.logic.ts) delivers the PENDING rows.
 */
@Entity({ tableName: 'referral_notification' })
@Unique({ properties: ['eventKey', 'recipientKey', 'channel'] })
@Index({ properties: ['status', 'nextAttemptAt'] })
@ObjectType('ReferralNotification', {
  description: 'One notification of a referral event to one recipient on one channel, with its delivery state.',
})
export class ReferralNotification {
  [OptionalProps]?:
    | 'fromStatus'
    | 'toStatus'
    | 'code'
    | 'recipientOrganizationId'
    | 'destination'
    | 'status'
    | 'attempts'
    | 'nextAttemptAt'
    | 'claimToken'
    | 'claimedUntil'
    | 'lastError'
    | 'skipReason'
    | 'sentAt'
    | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier; webhooks carry it as `X-C2C-Delivery` for the receiver’s de-duplication.' })
  id: string = randomUUID();

  /** `sent:<referral id>`, `change:<history row id>` or `comment:<comment id>`: one event, one key. */
  @Property({ length: 100 })
  eventKey: string;

  @Property({ type: 'string', length: 30 })
  @Field(() => NotificationEvent, { description: 'What happened.' })
  event: NotificationEvent;

  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'The referral it is about.' })
  referralId: string;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ReferralStatus, { nullable: true, description: 'Status before a status change.' })
  fromStatus?: ReferralStatus | null;

  @Property({ type: 'string', length: 40, nullable: true })
  @Field(() => ReferralStatus, { nullable: true, description: 'Status after a status change (SENT for a new referral).' })
  toStatus?: ReferralStatus | null;

  @Property({ length: 40, nullable: true })
  @Field(() => String, { nullable: true, description: 'Decline reason or outcome code given with the change.' })
  code?: string | null;

  @Property({ type: 'string', length: 20 })
  @Field(() => NotificationRecipientKind, { description: 'An organisation or the family.' })
  recipientKind: NotificationRecipientKind;

  @Property({ type: 'uuid', nullable: true })
  @Index()
  recipientOrganizationId?: string | null;

  /** `org:<uuid>` or `family`: part of the unique key. */
  @Property({ length: 60 })
  recipientKey: string;

  @Property({ type: 'string', length: 20 })
  @Field(() => NotificationChannel, { description: 'The channel.' })
  channel: NotificationChannel;

  @Property({ length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'Email address or webhook URL it goes (or went) to.' })
  destination?: string | null;

  @Property({ type: 'string', length: 20 })
  @Field(() => NotificationStatus, { description: 'Delivery state.' })
  status: NotificationStatus = NotificationStatus.PENDING;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Delivery attempts so far.' })
  attempts: number = 0;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the next attempt is due; null once SENT, FAILED or SKIPPED.' })
  nextAttemptAt?: Date | null;

  /** Set by the dispatcher that claimed the row; another dispatcher leaves it alone until `claimedUntil`. */
  @Property({ length: 40, nullable: true })
  claimToken?: string | null;

  @Property({ type: 'datetime', nullable: true })
  claimedUntil?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The error of the latest failed attempt.' })
  lastError?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why it is SKIPPED.' })
  skipReason?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When it was delivered.' })
  sentAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When the event happened (the row was written in the same transaction).' })
  createdAt: Date = new Date();
}
