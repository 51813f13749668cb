import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '@c2c/kernel';
import { now } from './clock.logic';
import { Referral } from './referral.entity';
import { DeliveryOutcome, NotificationChannel, NotificationRecipientKind, NotificationStatus } from './notification-codes.enum';
import { NotificationEndpoint } from './notification-endpoint.entity';
import {
  backoffMs,
  emailAdapterFor,
  postWebhook,
  readNotifyConfig,
  type AttemptResult,
  type EmailAdapter,
  type NotifyConfig,
} from './notification-adapter.logic';
import { ReferralNotification } from './referral-notification.entity';
import { ReferralNotificationDelivery } from './referral-notification-delivery.entity';
import { messageFor } from './referral-notification-message.logic';
import { consentCovers } from './referral.access';
import { ConsentScope } from './referral-codes.enum';

export interface DispatchResult {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
  skipped: number;
}

const claimable = (at: Date) => ({
  status: NotificationStatus.PENDING,
  nextAttemptAt: { $lte: at },
  $or: [{ claimedUntil: null }, { claimedUntil: { $lte: at } }],
});

/**
 * Claims up to `limit` due rows for this run. The claim is a conditional UPDATE: on
 * PostgreSQL a second dispatcher's UPDATE waits for the first's row locks and then re-checks
 * the condition, so it finds the rows claimed and skips them; SQLite serialises writers. A
 * dispatcher that dies holding a claim loses it when `claimedUntil` passes.
 */
async function claim(em: EntityManager, at: Date, config: NotifyConfig): Promise<{ token: string; rows: ReferralNotification[] }> {
  const candidates = await em.find(ReferralNotification, claimable(at), {
    fields: ['id'],
    orderBy: { nextAttemptAt: 'asc', id: 'asc' },
    limit: config.batchSize,
  });
  const token = randomUUID();
  if (!candidates.length) return { token, rows: [] };
  await em.nativeUpdate(
    ReferralNotification,
    { ...claimable(at), id: { $in: candidates.map((c) => c.id) } },
    { claimToken: token, claimedUntil: new Date(at.getTime() + config.leaseMs) },
  );
  const rows = await em.fork().find(ReferralNotification, { claimToken: token }, { orderBy: { nextAttemptAt: 'asc', id: 'asc' } });
  return { token, rows };
}

/** The family's consent is judged again at sending: one that lapsed in the queue stops the message. */
function stillAllowed(n: ReferralNotification, r: Referral, at: Date): string | null {
  if (n.recipientKind !== NotificationRecipientKind.FAMILY) return null;
  if (r.familyContact?.doNotContact) return 'The family asked not to be contacted (doNotContact).';
  if (!consentCovers(r, ConsentScope.SHARE_CONTACT, at)) return 'The family’s consent covering SHARE_CONTACT lapsed before delivery.';
  return null;
}

/**
 * One run: claims the due rows and attempts each once, recording every attempt in the delivery
 * log. A row leaves PENDING only as SENT, SKIPPED, or FAILED after `maxAttempts`; every other
 * failure schedules the next attempt with exponential backoff, so nothing is lost while an
 * adapter is down.
 */
export async function deliverDue(em: EntityManager, email: EmailAdapter, config: NotifyConfig, at: Date = now()): Promise<DispatchResult> {
  const result: DispatchResult = { claimed: 0, delivered: 0, retrying: 0, failed: 0, skipped: 0 };
  const { token, rows } = await claim(em, at, config);
  result.claimed = rows.length;
  if (!rows.length) return result;
  const read = em.fork();
  const referrals = new Map(
    (await read.find(Referral, { id: { $in: [...new Set(rows.map((r) => r.referralId))] } })).map((r) => [r.id, r]),
  );
  const orgIds = [...new Set(rows.flatMap((r) => (r.recipientOrganizationId ? [r.recipientOrganizationId] : [])))];
  const endpoints = new Map((await read.find(NotificationEndpoint, { organizationId: { $in: orgIds } })).map((e) => [e.organizationId, e]));

  const runStarted = Date.now();
  for (const n of rows) {
    const started = Date.now();
    // The lease is renewed row by row, so it only has to outlast one attempt, not the whole batch;
    // a row whose lease ran out and was taken over by another dispatcher is left to it, unsent.
    const renewed = await em.nativeUpdate(
      ReferralNotification,
      { id: n.id, claimToken: token },
      { claimedUntil: new Date(at.getTime() + (started - runStarted) + config.leaseMs) },
    );
    if (!renewed) continue;
    const referral = referrals.get(n.referralId);
    const endpoint = n.recipientOrganizationId ? endpoints.get(n.recipientOrganizationId) : undefined;
    let destination = n.destination ?? null;
    let skip: string | null = referral ? stillAllowed(n, referral, at) : 'The referral no longer exists.';
    // An organisation's row goes to its endpoint as it is now: a changed address or rotated secret applies.
    if (!skip && n.recipientKind === NotificationRecipientKind.ORGANIZATION) {
      destination = (n.channel === NotificationChannel.WEBHOOK ? endpoint?.webhookUrl : endpoint?.email) ?? null;
      if (!destination) skip = `The organisation removed its ${n.channel === NotificationChannel.WEBHOOK ? 'webhook' : 'email address'}.`;
    }
    let attempt: AttemptResult | null = null;
    if (!skip) {
      const message = messageFor(n, referral!, at);
      attempt =
        n.channel === NotificationChannel.WEBHOOK
          ? await postWebhook(destination!, endpoint!.webhookSecret ?? '', n.id, message.json, config.webhookTimeoutMs, new Date())
          : await email.send({ to: destination!, subject: message.subject, text: message.text });
    }
    const attempts = skip ? n.attempts : n.attempts + 1;
    const outcome = skip
      ? DeliveryOutcome.SKIPPED
      : attempt!.ok
        ? DeliveryOutcome.DELIVERED
        : attempts >= config.maxAttempts
          ? DeliveryOutcome.FAILED
          : DeliveryOutcome.RETRYING;
    const status = {
      [DeliveryOutcome.SKIPPED]: NotificationStatus.SKIPPED,
      [DeliveryOutcome.DELIVERED]: NotificationStatus.SENT,
      [DeliveryOutcome.FAILED]: NotificationStatus.FAILED,
      [DeliveryOutcome.RETRYING]: NotificationStatus.PENDING,
    }[outcome];
    await em.transactional(async (tx) => {
      // Only while the claim is still ours: a row whose lease ran out and was taken over is left to its new owner.
      const updated = await tx.nativeUpdate(
        ReferralNotification,
        { id: n.id, claimToken: token },
        {
          status,
          attempts,
          destination,
          claimToken: null,
          claimedUntil: null,
          nextAttemptAt: outcome === DeliveryOutcome.RETRYING ? new Date(at.getTime() + backoffMs(config, attempts)) : null,
          ...(outcome === DeliveryOutcome.DELIVERED ? { sentAt: at } : {}),
          ...(attempt && !attempt.ok ? { lastError: attempt.response } : {}),
          ...(skip ? { skipReason: skip } : {}),
        },
      );
      if (!updated) return;
      tx.create(ReferralNotificationDelivery, {
        notification: tx.getReference(ReferralNotification, n.id),
        attempt: Math.max(attempts, 1),
        attemptedAt: at,
        outcome,
        httpStatus: attempt?.httpStatus ?? null,
        response: skip ?? attempt!.response,
        durationMs: Date.now() - started,
      });
    });
    result[{ DELIVERED: 'delivered', RETRYING: 'retrying', FAILED: 'failed', SKIPPED: 'skipped' }[outcome] as keyof DispatchResult]++;
  }
  return result;
}

/**
 * The running process's dispatcher (SubgraphDefinition.background): every C2C_NOTIFY_POLL_MS
 * (0 turns it off). Runs never overlap in one process; across processes the claim keeps them apart.
 */
export function startDispatcher(orm: MikroORM, log: Logger): (() => void) | void {
  const config = readNotifyConfig();
  if (!config.pollMs) return;
  const email = emailAdapterFor(config, log);
  if (config.adapter === 'log') log.warn('notification emails go to the log (C2C_NOTIFY_ADAPTER=log): set C2C_SMTP_URL to send them');
  let running = false;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = true;
    deliverDue(orm.em.fork() as EntityManager, email, config, now())
      .then((r) => r.claimed && log.info(r, 'referral notifications dispatched'))
      .catch((err) => log.error({ err: String(err?.message ?? err) }, 'notification dispatch failed; will retry'))
      .finally(() => (running = false));
  }, config.pollMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
    email.close();
  };
}
