import type { GraphQLError } from 'graphql';
import { forbidden, hasRole, unauthenticated, type Viewer } from '@c2c/kernel';
import type { Referral } from './referral.entity';

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
