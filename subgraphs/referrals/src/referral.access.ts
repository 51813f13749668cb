import type { GraphQLError } from 'graphql';
import { forbidden, hasRole, unauthenticated, type Viewer } from '@c2c/kernel';
import type { Referral } from './referral.entity';
import type { ConsentScope } from './referral-codes.enum';

/** Which side of a referral an organisation is on; both when it referred to itself. */
export type ReferralParty = 'sender' | 'receiver';

export function partiesOf(viewer: Viewer, referral: Pick<Referral, 'fromOrganizationId' | 'toOrganizationId'>): ReferralParty[] {
  if (!hasRole(viewer, 'partner_staff') || !viewer.org) return [];
  const parties: ReferralParty[] = [];
  if (viewer.org === referral.fromOrganizationId) parties.push('sender');
  if (viewer.org === referral.toOrganizationId) parties.push('receiver');
  return parties;
}

/**
 * The one access check for a referral row, shared by the field rule, `referral(id)`,
 * `_entities` and the lifecycle mutation so that no path to a referral can be looser than
 * another. Null when the viewer may read it.
 */
export function referralAccessError(
  viewer: Viewer,
  referral: Pick<Referral, 'fromOrganizationId' | 'toOrganizationId'>,
): GraphQLError | null {
  if (viewer.anonymous) return unauthenticated();
  return partiesOf(viewer, referral).length
    ? null
    : forbidden('Only staff of the referring or receiving organisation may see this referral');
}

/**
 * Whether the family's consent, in force at `at`, covers `scope`. The sender recorded the
 * consent and holds the data anyway; a receiver sees personal data only under it.
 */
export function consentCovers(referral: Pick<Referral, 'consent'>, scope: ConsentScope, at: Date): boolean {
  const c = referral.consent;
  if (!c || !c.covers.includes(scope)) return false;
  return c.givenAt.getTime() <= at.getTime() && (!c.expiresAt || c.expiresAt.getTime() > at.getTime());
}

/**
 * May the viewer see the referral's personal data of kind `scope`? Staff of the sending
 * organisation always; staff of the receiving organisation only under consent in force
 * covering it. Without it the receiver sees the need and the ZIP code only.
 */
export function maySeePersonal(viewer: Viewer, referral: Referral, scope: ConsentScope, at: Date): boolean {
  const parties = partiesOf(viewer, referral);
  if (parties.includes('sender')) return true;
  return parties.includes('receiver') && consentCovers(referral, scope, at);
}
