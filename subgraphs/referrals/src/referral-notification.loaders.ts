import { groupByKey, type HubContext } from '@c2c/kernel';
import { ReferralNotificationDelivery } from './referral-notification-delivery.entity';

/** The delivery log of many notifications in one SQL statement per batch, oldest attempt first. */
export function deliveriesByNotification(ctx: HubContext) {
  return ctx.loaders.get<string, ReferralNotificationDelivery[]>('deliveriesByNotification', async (ids) => {
    const rows = await ctx.em.find(
      ReferralNotificationDelivery,
      { notification: { $in: [...ids] } },
      { orderBy: { attemptedAt: 'asc', attempt: 'asc', id: 'asc' } },
    );
    return groupByKey(ids, rows, (d) => d.notification.id);
  });
}
