import { type Role, type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';

/** Picks from the demo universe the seed loaded, so expectations follow the data, not magic ids. */
export const universe = demo.demoUniverse();
export type DemoReferral = demo.DemoReferral;

export const receivedBy = (orgId: string) => universe.referrals.filter((r) => r.toOrganizationId === orgId);
export const sentBy = (orgId: string) => universe.referrals.filter((r) => r.fromOrganizationId === orgId);

/** Newest first, ties by id descending: the order the lists promise. */
export const newestFirst = (rs: DemoReferral[]) =>
  [...rs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));

/** The organisation with the most referrals on one side: long enough lists to page through. */
export function busiest(side: 'toOrganizationId' | 'fromOrganizationId'): string {
  const counts = new Map<string, number>();
  for (const r of universe.referrals) counts.set(r[side], (counts.get(r[side]) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** A partner organisation that is on neither side of `referral`. */
export function bystanderOf(referral: DemoReferral): string {
  return universe.organizations.find((o) => o.id !== referral.fromOrganizationId && o.id !== referral.toOrganizationId)!.id;
}

export const staffOf = (orgId: string): Viewer => ({ ...testing.viewerFor('partner_staff', orgId), sub: `staff-of-${orgId.slice(0, 8)}` });

/** Every caller that is not partner staff; none of them reads referrals. */
export const OTHER_ROLES: Role[] = ['district_sis', 'district_admin', 'cec_admin', 'evaluator', 'embed'];

/**
 * Distinct referrals in `status`, handed out once each so tests that write never share a
 * row. Only rows last changed in the past: the demo data dates some changes up to ten days
 * after its own "now", and a change made today would sort before them in the history.
 */
export function referralPool() {
  const used = new Set<string>();
  const now = Date.now();
  return (status: demo.DemoReferralStatus): DemoReferral => {
    const found = universe.referrals.find((r) => r.status === status && !used.has(r.id) && Date.parse(r.updatedAt) < now);
    if (!found) throw new Error(`no unused ${status} referral left in the demo universe`);
    used.add(found.id);
    return found;
  };
}

export const codesOf = (res: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);
