import type { EntityManager } from '@mikro-orm/knex';
import { consentCovers } from './referral.access';
import type { Referral } from './referral.entity';
import { ConsentScope, ContactChannel } from './referral-codes.enum';
import { NotificationEndpoint } from './notification-endpoint.entity';
import { NotificationChannel, NotificationEvent, NotificationRecipientKind, NotificationStatus } from './notification-codes.enum';
import { ReferralNotification } from './referral-notification.entity';
import { ReferralStatus } from './referral-status.enum';

/**
 * The changes a family hears about: the receiver's answer and the end of the loop. Moving an
 * accepted referral to IN_PROGRESS is the organisations' business.
 */
export const FAMILY_STATUSES: ReadonlySet<ReferralStatus> = new Set([
  ReferralStatus.ACCEPTED,
  ReferralStatus.WAITLISTED,
  ReferralStatus.DECLINED,
  ReferralStatus.REDIRECTED,
  ReferralStatus.COMPLETED,
  ReferralStatus.FAILED,
  ReferralStatus.WITHDRAWN,
  ReferralStatus.EXPIRED,
]);

export interface ReferralEvent {
  /** Unique per event: `sent:<referral id>`, `change:<history row id>`, `comment:<comment id>`. */
  key: string;
  event: NotificationEvent;
  referral: Referral;
  fromStatus?: ReferralStatus | null;
  toStatus?: ReferralStatus | null;
  code?: string | null;
  at: Date;
  /** Organisations to tell (the acting one is never among them). */
  organizations: string[];
}

const NO_ENDPOINT = 'The organisation has registered no email address or webhook for notifications.';
export const SKIP_DO_NOT_CONTACT = 'The family asked not to be contacted (doNotContact): no family notification.';
export const SKIP_NO_CONSENT = 'No consent in force covering SHARE_CONTACT: the family is not contacted.';
export const SKIP_NO_SMS = (preferred: string | null) =>
  preferred
    ? `The family prefers ${preferred}; the hub has no SMS or phone adapter, and never substitutes another channel.`
    : 'The family can be reached by phone only; the hub has no SMS or phone adapter.';

/** The family's row for an event: one channel, the preferred one, or a SKIPPED row saying why not. */
function familyRow(referral: Referral, at: Date): Pick<ReferralNotification, 'channel' | 'destination' | 'status' | 'skipReason'> | null {
  const contact = referral.familyContact;
  if (!contact) return null;
  const preferred = contact.preferredChannel ?? (contact.email ? ContactChannel.EMAIL : ContactChannel.SMS);
  const channel = preferred === ContactChannel.EMAIL ? NotificationChannel.EMAIL : NotificationChannel.SMS;
  const skipped = (skipReason: string) => ({ channel, destination: null, status: NotificationStatus.SKIPPED, skipReason });
  if (contact.doNotContact) return skipped(SKIP_DO_NOT_CONTACT);
  if (!consentCovers(referral, ConsentScope.SHARE_CONTACT, at)) return skipped(SKIP_NO_CONSENT);
  if (channel !== NotificationChannel.EMAIL || !contact.email) return skipped(SKIP_NO_SMS(contact.preferredChannel ?? null));
  return { channel, destination: contact.email, status: NotificationStatus.PENDING, skipReason: null };
}

/**
 * Writes the outbox rows of `events` into `em`'s unit of work: the caller's transaction commits
 * them with the change, or neither. One query for the organisations' endpoints, whatever the count.
 */
export async function enqueueNotifications(em: EntityManager, events: ReferralEvent[]): Promise<void> {
  if (!events.length) return;
  const orgIds = [...new Set(events.flatMap((e) => e.organizations))];
  const endpoints = new Map(
    (orgIds.length ? await em.find(NotificationEndpoint, { organizationId: { $in: orgIds } }) : []).map((e) => [e.organizationId, e]),
  );
  for (const e of events) {
    const base = {
      eventKey: e.key,
      event: e.event,
      referralId: e.referral.id,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      code: e.code ?? null,
      createdAt: e.at,
    };
    for (const org of new Set(e.organizations)) {
      const endpoint = endpoints.get(org);
      const row = {
        ...base,
        recipientKind: NotificationRecipientKind.ORGANIZATION,
        recipientOrganizationId: org,
        recipientKey: `org:${org}`,
      };
      const channels: [NotificationChannel, string][] = [];
      if (endpoint?.email) channels.push([NotificationChannel.EMAIL, endpoint.email]);
      if (endpoint?.webhookUrl) channels.push([NotificationChannel.WEBHOOK, endpoint.webhookUrl]);
      if (!channels.length) {
        em.create(ReferralNotification, {
          ...row,
          channel: NotificationChannel.EMAIL,
          status: NotificationStatus.SKIPPED,
          skipReason: NO_ENDPOINT,
        });
      }
      for (const [channel, destination] of channels) em.create(ReferralNotification, { ...row, channel, destination, nextAttemptAt: e.at });
    }
    if (e.event === NotificationEvent.STATUS_CHANGED && e.toStatus && FAMILY_STATUSES.has(e.toStatus)) {
      const family = familyRow(e.referral, e.at);
      if (family) {
        em.create(ReferralNotification, {
          ...base,
          ...family,
          recipientKind: NotificationRecipientKind.FAMILY,
          recipientKey: 'family',
          nextAttemptAt: family.status === NotificationStatus.PENDING ? e.at : null,
        });
      }
    }
  }
}
