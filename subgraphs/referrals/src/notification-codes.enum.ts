import { registerEnumType } from 'type-graphql';

export enum NotificationChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
  SMS = 'SMS',
}
registerEnumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'How a notification reaches its recipient.',
  valuesConfig: {
    EMAIL: { description: 'An email over SMTP (or the development log adapter).' },
    WEBHOOK: { description: 'A signed HTTPS POST to the organisation’s own system.' },
    SMS: { description: 'A text message: no adapter exists, so these rows are always SKIPPED.' },
  },
});

export enum NotificationStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Where a notification is in its delivery.',
  valuesConfig: {
    PENDING: { description: 'Not delivered yet: waiting for its first attempt or for its next retry.' },
    SENT: { description: 'Delivered (SMTP accepted it, or the webhook answered 2xx).' },
    FAILED: { description: 'Given up after the last allowed attempt.' },
    SKIPPED: { description: 'Never to be sent, for the reason in `skipReason` (no channel, do-not-contact, no consent, no SMS adapter).' },
  },
});

export enum NotificationEvent {
  REFERRAL_SENT = 'REFERRAL_SENT',
  STATUS_CHANGED = 'STATUS_CHANGED',
  COMMENT_ADDED = 'COMMENT_ADDED',
}
registerEnumType(NotificationEvent, {
  name: 'NotificationEvent',
  description: 'What happened to the referral.',
  valuesConfig: {
    REFERRAL_SENT: { description: 'A referral (or a redirect’s follow-on) was sent to the recipient’s organisation.' },
    STATUS_CHANGED: { description: 'The referral’s status changed (by the other organisation, or by the expiry sweep).' },
    COMMENT_ADDED: { description: 'The other organisation wrote in the referral’s thread.' },
  },
});

export enum NotificationRecipientKind {
  ORGANIZATION = 'ORGANIZATION',
  FAMILY = 'FAMILY',
}
registerEnumType(NotificationRecipientKind, {
  name: 'NotificationRecipientKind',
  description: 'Who a notification is for.',
  valuesConfig: {
    ORGANIZATION: { description: 'A partner organisation, at the email address or webhook it registered.' },
    FAMILY: { description: 'The family on a family-contact referral, on its preferred channel.' },
  },
});

export enum DeliveryOutcome {
  DELIVERED = 'DELIVERED',
  RETRYING = 'RETRYING',
  FAILED = 'FAILED',
  SKIPPED = 'SKIPPED',
}
registerEnumType(DeliveryOutcome, {
  name: 'DeliveryOutcome',
  description: 'What one delivery attempt came to.',
  valuesConfig: {
    DELIVERED: { description: 'The adapter delivered it.' },
    RETRYING: { description: 'It failed; another attempt is scheduled.' },
    FAILED: { description: 'It failed and was the last allowed attempt.' },
    SKIPPED: { description: 'Not attempted: the channel went away (endpoint cleared, consent lapsed).' },
  },
});
