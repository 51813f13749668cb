import * as demo from '../dataset';
import type { EntityManager } from '@mikro-orm/knex';
import { Referral, ReferralStatus, ReferralStatusChange } from '@c2c/referrals';

const DEMO_ACTOR = 'demo-seed';

// The live mutation requires a reason to decline; seeded rows keep that promise.
const DEMO_NOTES: Partial<Record<ReferralStatus, string>> = {
  DECLINED: 'The programme is full for this term.',
  COMPLETED: 'Service delivered; the family was connected.',
};

/** The demo referrals with their ids, and a history consistent with each one's current status. */
export async function seedReferrals(em: EntityManager) {
  for (const r of demo.demoUniverse().referrals) {
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
