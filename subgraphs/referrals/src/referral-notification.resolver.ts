import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { FilterQuery } from '@mikro-orm/core';
import { connectionOf, pageWindow, type HubContext } from '@c2c/kernel';
import { ownOrganization } from './notification-endpoint.access';
import { NotificationEndpoint } from './notification-endpoint.entity';
import { OrganizationArgs, ReferralNotificationsArgs } from './notification-endpoint.input';
import { ReferralNotificationConnection } from './notification-endpoint.types';
import { ReferralNotification } from './referral-notification.entity';
import { ReferralNotificationDelivery } from './referral-notification-delivery.entity';
import { deliveriesByNotification } from './referral-notification.loaders';

@Resolver(() => ReferralNotification)
export class ReferralNotificationResolver {
  @Query(() => NotificationEndpoint, {
    nullable: true,
    description:
      'Where your organisation receives referral notifications (null when it registered nothing); the webhook secret is never shown again. Another organisation is NOT_FOUND.',
  })
  async notificationEndpoint(@Args() args: OrganizationArgs, @Ctx() ctx: HubContext): Promise<NotificationEndpoint | null> {
    const org = ownOrganization(ctx.viewer, args.organizationId);
    return ctx.em.findOne(NotificationEndpoint, { organizationId: org });
  }

  @Query(() => ReferralNotificationConnection, {
    nullable: true,
    description:
      'The notifications sent (or to be sent) to your organisation, newest first, each with its delivery log. Another organisation is NOT_FOUND.',
  })
  async referralNotifications(@Args() args: ReferralNotificationsArgs, @Ctx() ctx: HubContext) {
    const org = ownOrganization(ctx.viewer, args.organizationId);
    const page = pageWindow(args);
    const where: FilterQuery<ReferralNotification> = { recipientOrganizationId: org, ...(args.status ? { status: args.status } : {}) };
    const [rows, total] = await ctx.em.findAndCount(ReferralNotification, where, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit: page.limit,
      offset: page.offset,
    });
    return connectionOf(rows, total, page);
  }

  @FieldResolver(() => [ReferralNotificationDelivery], { description: 'Every delivery attempt, oldest first.' })
  deliveries(@Root() n: ReferralNotification, @Ctx() ctx: HubContext) {
    return deliveriesByNotification(ctx).load(n.id);
  }
}
