import { ArgsType, Field, ID } from 'type-graphql';
import { PageArgs } from '@c2c/kernel';
import { NotificationStatus } from './notification-codes.enum';

@ArgsType()
export class OrganizationArgs {
  @Field(() => ID, { description: 'Your organisation’s id.' })
  organizationId: string;
}

@ArgsType()
export class SetNotificationEmailArgs extends OrganizationArgs {
  @Field(() => String, { nullable: true, description: 'The address to send notifications to; null clears it.' })
  email?: string | null;
}

@ArgsType()
export class SetNotificationWebhookArgs extends OrganizationArgs {
  @Field(() => String, { description: 'The https URL to POST notifications to (http only outside production).' })
  url: string;
}

@ArgsType()
export class ReferralNotificationsArgs extends PageArgs {
  @Field(() => ID, { description: 'Your organisation’s id.' })
  organizationId: string;

  @Field(() => NotificationStatus, { nullable: true, description: 'Only notifications in this delivery state.' })
  status?: NotificationStatus | null;
}
