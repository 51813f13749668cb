import * as demo from '../dataset';
import type { EntityManager } from '@mikro-orm/knex';
import { ConsentMethod, ConsentScope, deadlinesFor, Referral, ReferralStatus, ReferralStatusChange } from '@c2c/referrals';

const DEMO_ACTOR = 'demo-seed';

// The live mutation requires a reason to decline; seeded rows keep that promise.
const DEMO_NOTES: Partial<Record<ReferralStatus, string>> = {
  DECLINED: 'The programme is full for this term.',
  COMPLETED: 'Service delivered; the family was connected.',
};

/** The demo referrals with their ids, and a history consistent with each one's current status. */
export async function seedReferrals(em: EntityManager) {
  const universe = demo.demoUniverse();
  const imperativeOf = new Map(universe.services.map((s) => [s.id, s.imperative]));
  for (const r of universe.referrals) {
    const status = r.status as ReferralStatus;
    const note = DEMO_NOTES[status] ?? null;
    const referral = em.create(Referral, {
      id: r.id,
      fromOrganizationId: r.fromOrganizationId,
      toOrganizationId: r.toOrganizationId,
      serviceId: r.serviceId,
      studentId: r.studentId,
      familyContact: r.familyContactName ? { name: r.familyContactName, phone: r.familyContactPhone } : null,
      reason: r.reason,
      imperative: imperativeOf.get(r.serviceId),
      sentBy: DEMO_ACTOR,
      // Demo families consented, for a year, to share their contact and student record with the receiver.
      consent: {
        givenByName: r.familyContactName ?? 'Parent or guardian',
        givenByRelationship: 'parent',
        method: ConsentMethod.WRITTEN,
        givenAt: new Date(r.createdAt),
        covers: [ConsentScope.SHARE_CONTACT, ConsentScope.SHARE_STUDENT_RECORD],
        expiresAt: new Date(Date.parse(r.createdAt) + 365 * 86_400_000),
      },
      ...deadlinesFor(new Date(r.createdAt), { responseBusinessDays: 2, escalationCalendarDays: 14, sweepSeconds: 0 }),
      status,
      statusReason: note,
      createdAt: new Date(r.createdAt),
      updatedAt: new Date(r.updatedAt),
    });
    em.create(ReferralStatusChange, {
      id: demo.demoId('referral-status-change', `${r.id}:0`),
      referral,
      fromStatus: null,
      toStatus: ReferralStatus.SENT,
      changedBy: DEMO_ACTOR,
      changedByOrganizationId: r.fromOrganizationId,
      changedAt: new Date(r.createdAt),
    });
    if (status !== ReferralStatus.SENT) {
      em.create(ReferralStatusChange, {
        id: demo.demoId('referral-status-change', `${r.id}:1`),
        referral,
        fromStatus: ReferralStatus.SENT,
        toStatus: status,
        changedBy: DEMO_ACTOR,
        changedByOrganizationId: status === ReferralStatus.WITHDRAWN ? r.fromOrganizationId : r.toOrganizationId,
        note,
        changedAt: new Date(r.updatedAt),
      });
    }
  }
  await em.flush();
}
