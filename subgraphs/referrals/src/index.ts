import 'reflect-metadata';
import path from 'node:path';
import { mergeRules, stubReference, type SubgraphDefinition } from '@c2c/kernel';
import { postgresql } from './migrations/postgresql';
import { sqlite } from './migrations/sqlite';
import { OrganizationResolver } from './organization.resolver';
import { organizationRules } from './organization.rules';
import { Referral } from './referral.entity';
import { ReferralMutations } from './referral.mutations';
import { ReferralMetricsResolver, ReferralMetricsRowResolver } from './referral-metrics.resolver';
import { referralMetricsRules } from './referral-metrics.rules';
import { referralReference } from './referral.reference';
import { OverdueReferralResolver, ReferralCommentResolver, ReferralResolver, ReferralStatusChangeResolver } from './referral.resolver';
import { ReferralComment } from './referral-comment.entity';
import { startSweep } from './referral-sweep.logic';
import { referralRules } from './referral.rules';
import { ReferralStatusChange } from './referral-status-change.entity';
import { NotificationEndpoint } from './notification-endpoint.entity';
import { NotificationEndpointMutations } from './notification-endpoint.mutations';
import { ReferralNotification } from './referral-notification.entity';
import { ReferralNotificationDelivery } from './referral-notification-delivery.entity';
import { startDispatcher } from './referral-notification-dispatch.logic';
import { ReferralNotificationResolver } from './referral-notification.resolver';
import { referralNotificationRules } from './referral-notification.rules';

/** The referrals subgraph: closed-loop referrals between organisations and their history. */
export const referrals: SubgraphDefinition = {
  name: 'referrals',
  // First: the demo seed loads only while this entity's table is empty.
  entities: [Referral, ReferralStatusChange, ReferralComment, NotificationEndpoint, ReferralNotification, ReferralNotificationDelivery],
  migrations: { sqlite, postgresql },
  migrationsDir: path.join(__dirname, '..', 'src', 'migrations'),
  resolvers: [
    ReferralResolver,
    ReferralMutations,
    ReferralStatusChangeResolver,
    ReferralCommentResolver,
    OverdueReferralResolver,
    OrganizationResolver,
    ReferralNotificationResolver,
    NotificationEndpointMutations,
    ReferralMetricsResolver,
    ReferralMetricsRowResolver,
  ],
  // Whether a service is published and its provider; whether the caller may see a student.
  peers: ['resources', 'students'],
  // The expiry sweep and the notification dispatcher, each with its own interval and switch.
  background: (orm, log) => {
    const stops = [startSweep(orm, log), startDispatcher(orm, log)];
    return () => stops.forEach((stop) => stop?.());
  },
  referenceResolvers: { ...referralReference, ...stubReference('Organization') },
  rules: mergeRules(referralRules, organizationRules, referralNotificationRules, referralMetricsRules),
};

export { Referral, ReferralComment, ReferralStatusChange, NotificationEndpoint, ReferralNotification, ReferralNotificationDelivery };
export { deliverDue } from './referral-notification-dispatch.logic';
export { readNotifyConfig, signWebhook, emailAdapterFor } from './notification-adapter.logic';
export { ConsentScope, ConsentMethod } from './referral-codes.enum';
export { deadlinesFor } from './referral-deadline.logic';
export { ReferralStatus } from './referral-status.enum';
