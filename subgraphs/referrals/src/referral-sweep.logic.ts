import { LockMode, type MikroORM } from '@mikro-orm/core';
import type { Logger } from '@c2c/kernel';
import { now } from './clock.logic';
import { readReferralDeadlineConfig } from './referral-deadline.logic';
import type { EntityManager } from '@mikro-orm/knex';
import { Referral } from './referral.entity';
import { ReferralStatusChange } from './referral-status-change.entity';
import { ReferralStatus } from './referral-status.enum';
import { NotificationEvent } from './notification-codes.enum';
import { enqueueNotifications, type ReferralEvent } from './referral-notification.logic';

export const SWEEP_ACTOR = 'system:sweep';

/**
 * Expires every SENT referral whose response deadline has passed at `at`, each with its
 * history row, in one transaction. Rows are locked (PostgreSQL), so a referral answered while
 * the sweep runs is either answered or expired, never both; its `version` moves like any change.
 */
export async function expireOverdue(em: EntityManager, at: Date, actor: { sub: string; org: string | null }): Promise<Referral[]> {
  return em.transactional(async (tx) => {
    const due = await tx.find(
      Referral,
      { status: ReferralStatus.SENT, responseDueAt: { $lte: at } },
      { lockMode: LockMode.PESSIMISTIC_WRITE, orderBy: { responseDueAt: 'asc', id: 'asc' } },
    );
    const events: ReferralEvent[] = [];
    for (const referral of due) {
      const change = tx.create(ReferralStatusChange, {
        referral,
        fromStatus: ReferralStatus.SENT,
        toStatus: ReferralStatus.EXPIRED,
        changedBy: actor.sub,
        changedByOrganizationId: actor.org,
        note: 'No answer before the response deadline.',
        changedAt: at,
      });
      referral.status = ReferralStatus.EXPIRED;
      referral.statusReason = null;
      referral.version += 1;
      referral.updatedAt = at;
      // Nobody acted: both organisations hear of it, and the family when it may be contacted.
      events.push({
        key: `change:${change.id}`,
        event: NotificationEvent.STATUS_CHANGED,
        referral,
        fromStatus: ReferralStatus.SENT,
        toStatus: ReferralStatus.EXPIRED,
        at,
        organizations: [referral.fromOrganizationId, referral.toOrganizationId],
      });
    }
    await enqueueNotifications(tx, events);
    return due;
  });
}

/**
 * The running process's periodic sweep (SubgraphDefinition.background): every
 * C2C_REFERRAL_SWEEP_SECONDS (default 300; 0 turns it off). The test harness never starts it.
 */
export function startSweep(orm: MikroORM, log: Logger): (() => void) | void {
  const { sweepSeconds } = readReferralDeadlineConfig();
  if (!sweepSeconds) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    expireOverdue(orm.em.fork() as EntityManager, now(), { sub: SWEEP_ACTOR, org: null })
      .then((expired) => expired.length && log.info({ expired: expired.length }, 'expired referrals past their response deadline'))
      .catch((err) => log.error({ err: String(err?.message ?? err) }, 'referral sweep failed; will retry'))
      .finally(() => (running = false));
  }, sweepSeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
