import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DeliveryOutcome } from './notification-codes.enum';
import { ReferralNotification } from './referral-notification.entity';

/** The delivery log: one row per attempt, only ever inserted. */
@Entity({ tableName: 'referral_notification_delivery' })
@Index({ properties: ['notification', 'attemptedAt'] })
@ObjectType('NotificationDelivery', { description: 'One delivery attempt of a notification: when, what came of it, and the answer.' })
export class ReferralNotificationDelivery {
  [OptionalProps]?: 'httpStatus' | 'response' | 'durationMs';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Stable identifier of this attempt.' })
  id: string = randomUUID();

  @ManyToOne(() => ReferralNotification, { deleteRule: 'cascade' })
  notification: ReferralNotification;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Which attempt this was (1 for the first).' })
  attempt: number;

  @Property({ type: 'datetime' })
  @Field({ description: 'When it was attempted.' })
  attemptedAt: Date;

  @Property({ type: 'string', length: 20 })
  @Field(() => DeliveryOutcome, { description: 'What came of it.' })
  outcome: DeliveryOutcome;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'The webhook’s HTTP status; null for email or when no answer came.' })
  httpStatus?: number | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The SMTP server’s response line, or the error (timeout, refused connection).' })
  response?: string | null;

  @Property({ type: 'integer', nullable: true })
  @Field(() => Int, { nullable: true, description: 'How long the attempt took, in milliseconds.' })
  durationMs?: number | null;
}
