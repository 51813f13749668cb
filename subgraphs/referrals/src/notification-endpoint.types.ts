import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '@c2c/kernel';
import { NotificationEndpoint } from './notification-endpoint.entity';
import { ReferralNotification } from './referral-notification.entity';

@ObjectType('NotificationWebhookSecret', { description: 'A webhook with its newly generated signing secret, shown this once.' })
export class NotificationWebhookSecret {
  @Field(() => NotificationEndpoint, { description: 'The organisation’s notification settings after the change.' })
  endpoint: NotificationEndpoint;

  @Field({
    description:
      'The secret the hub signs deliveries with (`X-C2C-Signature: sha256=HMAC-SHA256(secret, "<X-C2C-Timestamp>.<body>")`). Shown only now: store it.',
  })
  secret: string;
}

export const ReferralNotificationConnection = Connection(
  ReferralNotification,
  'ReferralNotification',
  'A page of your organisation’s notifications, newest first.',
);

@ObjectType('NotificationDispatchResult', { description: 'What one run of the notification dispatcher did.' })
export class NotificationDispatchResult {
  @Field(() => Int, { description: 'Due notifications this run claimed.' })
  claimed: number;

  @Field(() => Int, { description: 'Delivered.' })
  delivered: number;

  @Field(() => Int, { description: 'Failed and scheduled for another attempt.' })
  retrying: number;

  @Field(() => Int, { description: 'Failed on their last allowed attempt.' })
  failed: number;

  @Field(() => Int, { description: 'Skipped (the channel went away, or the family’s consent lapsed).' })
  skipped: number;
}
