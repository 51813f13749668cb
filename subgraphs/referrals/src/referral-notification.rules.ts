import { allowAll, hasAnyRole } from '@c2c/kernel';

const partnerStaff = hasAnyRole('partner_staff');
const operator = hasAnyRole('cec_admin');

/**
 * The resolvers decide which organisation: the viewer's own only (notification-endpoint.access.ts),
 * anything else NOT_FOUND. The types are only reachable through those fields.
 */
export const referralNotificationRules = {
  Query: { notificationEndpoint: partnerStaff, referralNotifications: partnerStaff },
  Mutation: {
    setNotificationEmail: partnerStaff,
    setNotificationWebhook: partnerStaff,
    clearNotificationWebhook: partnerStaff,
    rotateNotificationWebhookSecret: partnerStaff,
    deliverReferralNotifications: operator,
  },
  ...allowAll(
    'NotificationEndpoint',
    'NotificationWebhookSecret',
    'ReferralNotification',
    'ReferralNotificationConnection',
    'ReferralNotificationEdge',
    'NotificationDelivery',
    'NotificationDispatchResult',
  ),
};
