import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';

/**
 * Where an organisation wants referral notifications: an email address and/or a webhook.
 * One row per organisation (the organisation itself lives in partners).
 * The webhook secret is stored to sign deliveries and is shown only when it is generated.
 */
@Entity({ tableName: 'notification_endpoint' })
@ObjectType('NotificationEndpoint', {
  description: 'Where an organisation receives referral notifications. Only its own partner staff read and change it.',
})
export class NotificationEndpoint {
  [OptionalProps]?: 'email' | 'webhookUrl' | 'webhookSecret' | 'webhookSecretSetAt' | 'updatedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'uuid' })
  @Unique()
  organizationId: string;

  @Property({ length: 200, nullable: true })
  @Field(() => String, { nullable: true, description: 'Email address notifications are sent to; null when none.' })
  email?: string | null;

  @Property({ length: 2000, nullable: true })
  @Field(() => String, { nullable: true, description: 'URL the signed webhook is POSTed to; null when none.' })
  webhookUrl?: string | null;

  @Property({ length: 200, nullable: true })
  webhookSecret?: string | null;

  @Property({ type: 'datetime', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When the current webhook secret was generated.' })
  webhookSecretSetAt?: Date | null;

  @Property({ type: 'datetime' })
  @Field({ description: 'When these settings last changed.' })
  updatedAt: Date = new Date();
}
