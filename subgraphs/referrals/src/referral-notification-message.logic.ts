import { consentCovers } from './referral.access';
import type { Referral } from './referral.entity';
import { ConsentScope } from './referral-codes.enum';
import { NotificationEvent, NotificationRecipientKind } from './notification-codes.enum';
import type { ReferralNotification } from './referral-notification.entity';

/**
 * May this notification carry the family's contact? The same rule as the resolvers
 * (referral.access.ts maySeePersonal): the sending organisation always, the receiving one only
 * under consent in force covering SHARE_CONTACT, judged when the message is sent. Messages to
 * the family carry none: they only say what happened and name the referral.
 */
function maySharePersonal(n: ReferralNotification, r: Referral, at: Date): boolean {
  if (n.recipientKind !== NotificationRecipientKind.ORGANIZATION) return false;
  if (n.recipientOrganizationId === r.fromOrganizationId) return true;
  return n.recipientOrganizationId === r.toOrganizationId && consentCovers(r, ConsentScope.SHARE_CONTACT, at);
}

const WHAT: Record<NotificationEvent, (n: ReferralNotification) => string> = {
  [NotificationEvent.REFERRAL_SENT]: () => 'A referral was sent to your organisation',
  [NotificationEvent.STATUS_CHANGED]: (n) => `The referral is now ${n.toStatus}${n.code ? ` (${n.code})` : ''}`,
  [NotificationEvent.COMMENT_ADDED]: () => 'A new message was written in the referral’s thread',
};

export interface NotificationMessage {
  subject: string;
  text: string;
  /** The webhook body, serialised once so the signature covers exactly the bytes sent. */
  json: string;
}

export function messageFor(n: ReferralNotification, r: Referral, at: Date): NotificationMessage {
  const personal = maySharePersonal(n, r, at) && r.familyContact;
  const what = WHAT[n.event](n);
  const payload = {
    deliveryId: n.id,
    event: n.event,
    occurredAt: n.createdAt.toISOString(),
    referralId: r.id,
    fromStatus: n.fromStatus ?? null,
    toStatus: n.toStatus ?? null,
    code: n.code ?? null,
    referral: {
      id: r.id,
      status: r.status,
      version: r.version,
      serviceId: r.serviceId,
      fromOrganizationId: r.fromOrganizationId,
      toOrganizationId: r.toOrganizationId,
      imperative: r.imperative ?? null,
      urgency: r.urgency,
      zip: r.zip ?? null,
      responseDueAt: r.responseDueAt?.toISOString() ?? null,
    },
    familyContact: personal
      ? {
          name: personal.name,
          phone: personal.phone ?? null,
          email: personal.email ?? null,
          preferredLanguage: personal.preferredLanguage ?? null,
        }
      : null,
  };
  if (n.recipientKind === NotificationRecipientKind.FAMILY) {
    return {
      subject: `Your referral ${r.id}: ${(n.toStatus ?? r.status).toLowerCase()}`,
      text: `${what}.\n\nReference: referral ${r.id}. The organisation that referred you will be in touch.\n`,
      json: JSON.stringify(payload),
    };
  }
  const lines = [
    `${what}.`,
    '',
    `Referral: ${r.id}`,
    `Status: ${r.status} (version ${r.version})`,
    `Service: ${r.serviceId}`,
    `Need: ${r.imperative ?? 'not coded'}, urgency ${r.urgency}${r.zip ? `, ZIP ${r.zip}` : ''}`,
    ...(personal ? [`Family contact: ${personal.name}`] : []),
    '',
    `Open referral ${r.id} in C2C Hub for the details your organisation may see.`,
  ];
  return { subject: `[C2C Hub] Referral ${r.id}: ${what}`, text: `${lines.join('\n')}\n`, json: JSON.stringify(payload) };
}
