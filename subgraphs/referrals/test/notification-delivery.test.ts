import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { createLogger, openDatabase, siblingDatabaseUrl } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { emailAdapterFor, readNotifyConfig, type EmailAdapter, type NotifyConfig } from '../src/notification-adapter.logic';
import { DeliveryOutcome, NotificationChannel, NotificationEvent, NotificationStatus } from '../src/notification-codes.enum';
import { NotificationEndpoint } from '../src/notification-endpoint.entity';
import { Referral } from '../src/referral.entity';
import { ContactChannel, ConsentMethod, ConsentScope } from '../src/referral-codes.enum';
import { deliverDue } from '../src/referral-notification-dispatch.logic';
import { ReferralNotification } from '../src/referral-notification.entity';
import { ReferralNotificationDelivery } from '../src/referral-notification-delivery.entity';
import { enqueueNotifications } from '../src/referral-notification.logic';
import { ReferralStatus } from '../src/referral-status.enum';
import { startReceiver, startSmtp } from './notification-receivers';

/**
 * The dispatcher against real receivers: an SMTP server and an HTTP endpoint in this process
 * that checks signatures itself. Each "process" is its own ORM on one shared database (a
 * SQLite file, or a PostgreSQL database when DATABASE_URL is set), so a restart is a new ORM.
 */
const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const SENDER = randomUUID();
const RECEIVER = randomUUID();
const SECRET = 'whsec_test_secret_for_the_receiver_only';

describe('notification dispatcher: SMTP, signed webhooks, retries, restarts, concurrent dispatchers', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let hook: Awaited<ReturnType<typeof startReceiver>>;
  let dir: string;
  let pgName: string | undefined;
  const opened: MikroORM[] = [];
  const log = createLogger('referrals', 'silent');
  let config: NotifyConfig;
  let email: EmailAdapter;

  const open = async () => {
    const base = process.env.DATABASE_URL;
    const orm = await openDatabase({
      name: 'referrals',
      entities: referrals.entities,
      migrations: referrals.migrations,
      databaseUrl: base ? siblingDatabaseUrl(base, pgName!) : undefined,
      sqlitePath: path.join(dir, 'referrals.sqlite'),
      poolMax: 4,
    });
    opened.push(orm);
    return orm;
  };
  let orm: MikroORM;
  const em = () => orm.em.fork() as EntityManager;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-notify-'));
    if (process.env.DATABASE_URL) pgName = testing.testDatabaseName('notify');
    smtp = await startSmtp();
    hook = await startReceiver();
    hook.setSecret(SECRET);
    config = { ...readNotifyConfig({ C2C_SMTP_URL: smtp.url }), retryBaseMs: 1000, retryMaxMs: 1500, maxAttempts: 3 };
    email = emailAdapterFor(config, log);
    orm = await open();
    const e = em();
    e.create(NotificationEndpoint, {
      organizationId: RECEIVER,
      email: 'intake@receiver.example',
      webhookUrl: hook.url(),
      webhookSecret: SECRET,
      updatedAt: T0,
    });
    e.create(NotificationEndpoint, { organizationId: SENDER, email: 'referrals@sender.example', updatedAt: T0 });
    await e.flush();
  });
  afterAll(async () => {
    email.close();
    for (const o of opened) await o.close(true).catch(() => undefined);
    await Promise.all([smtp.close(), hook.close()]);
    if (pgName) await testing.dropPostgresDatabase(process.env.DATABASE_URL!, pgName);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // Each case starts from an empty outbox and empty receivers, so counts are its own.
    await em().nativeDelete(ReferralNotificationDelivery, {});
    await em().nativeDelete(ReferralNotification, {});
    smtp.mails.length = 0;
    hook.received.length = 0;
  });

  /** Sends a referral as createReferral does: the referral, then its outbox rows, in one transaction. */
  async function sendReferral(o: { consent?: boolean; family?: Partial<Referral['familyContact']> } = {}) {
    return em().transactional(async (tx) => {
      const referral = tx.create(Referral, {
        fromOrganizationId: SENDER,
        toOrganizationId: RECEIVER,
        serviceId: randomUUID(),
        reason: 'Needs a tutor.',
        sentBy: 'staff-1',
        zip: '48201',
        familyContact: { name: 'Ana Ruiz', email: 'ana@family.example', preferredChannel: ContactChannel.EMAIL, ...o.family },
        consent: o.consent
          ? {
              givenByName: 'Ana Ruiz',
              givenByRelationship: 'parent',
              method: ConsentMethod.VERBAL,
              givenAt: at(-86_400_000),
              covers: [ConsentScope.SHARE_CONTACT],
              expiresAt: at(86_400_000),
            }
          : null,
        createdAt: T0,
        updatedAt: T0,
      });
      await enqueueNotifications(tx, [
        {
          key: `sent:${referral.id}`,
          event: NotificationEvent.REFERRAL_SENT,
          referral,
          toStatus: ReferralStatus.SENT,
          at: T0,
          organizations: [RECEIVER],
        },
      ]);
      return referral;
    });
  }

  const rowsOf = (referralId: string) => em().find(ReferralNotification, { referralId }, { orderBy: { channel: 'asc' } });

  it('delivers the email over SMTP and the webhook with a signature the receiver verifies, each once', async () => {
    const r = await sendReferral();
    expect(await deliverDue(em(), email, config, T0)).toMatchObject({ claimed: 2, delivered: 2, retrying: 0 });
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(['intake@receiver.example']);
    expect(smtp.mails[0].text).toContain(`Referral: ${r.id}`);
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]).toMatchObject({ valid: true, body: { event: 'REFERRAL_SENT', referralId: r.id, toStatus: 'SENT' } });
    const rows = await rowsOf(r.id);
    expect(hook.received[0].delivery).toBe(rows.find((n) => n.channel === NotificationChannel.WEBHOOK)!.id);
    expect(rows.map((n) => [n.channel, n.status, n.attempts, n.sentAt?.toISOString()])).toEqual([
      [NotificationChannel.EMAIL, NotificationStatus.SENT, 1, T0.toISOString()],
      [NotificationChannel.WEBHOOK, NotificationStatus.SENT, 1, T0.toISOString()],
    ]);
    const log = await em().find(ReferralNotificationDelivery, { notification: { referralId: r.id } }, { populate: ['notification'] });
    const byChannel = Object.fromEntries(log.map((d) => [d.notification.channel, d]));
    expect(byChannel.EMAIL).toMatchObject({ outcome: DeliveryOutcome.DELIVERED, attempt: 1, httpStatus: null });
    expect(byChannel.EMAIL.response).toMatch(/^250/);
    expect(byChannel.WEBHOOK).toMatchObject({ outcome: DeliveryOutcome.DELIVERED, attempt: 1, httpStatus: 204 });
    // A second run, even much later, has nothing left to send.
    expect(await deliverDue(em(), email, config, at(3_600_000))).toMatchObject({ claimed: 0 });
    expect([smtp.mails.length, hook.received.length]).toEqual([1, 1]);
  });

  it('keeps rows pending with exponential backoff while the receivers are down, then delivers each exactly once', async () => {
    await Promise.all([hook.down(), smtp.down()]);
    const r = await sendReferral();
    expect(await deliverDue(em(), email, config, T0)).toMatchObject({ claimed: 2, retrying: 2 });
    let rows = await rowsOf(r.id);
    expect(rows.map((n) => [n.status, n.attempts, n.nextAttemptAt?.toISOString()])).toEqual([
      [NotificationStatus.PENDING, 1, at(1000).toISOString()],
      [NotificationStatus.PENDING, 1, at(1000).toISOString()],
    ]);
    expect(rows.find((n) => n.channel === NotificationChannel.WEBHOOK)!.lastError).toMatch(/ECONNREFUSED/);
    // Not due before its backoff.
    expect(await deliverDue(em(), email, config, at(999))).toMatchObject({ claimed: 0 });
    // Second failure: base × 2 = 2000 ms, capped at 1500.
    expect(await deliverDue(em(), email, config, at(1000))).toMatchObject({ claimed: 2, retrying: 2 });
    rows = await rowsOf(r.id);
    expect(rows.map((n) => [n.attempts, n.nextAttemptAt?.toISOString()])).toEqual([
      [2, at(2500).toISOString()],
      [2, at(2500).toISOString()],
    ]);
    await Promise.all([hook.up(), smtp.up()]);
    expect(await deliverDue(em(), email, config, at(2500))).toMatchObject({ claimed: 2, delivered: 2 });
    expect(await deliverDue(em(), email, config, at(10_000))).toMatchObject({ claimed: 0 });
    expect(hook.received.filter((h) => h.body.referralId === r.id)).toHaveLength(1);
    expect(hook.received[0].valid).toBe(true);
    expect(smtp.mails.filter((m) => m.text.includes(r.id))).toHaveLength(1);
    const attempts = await em().find(ReferralNotificationDelivery, {
      notification: { referralId: r.id, channel: NotificationChannel.WEBHOOK },
    });
    expect(attempts.map((a) => [a.attempt, a.outcome]).sort()).toEqual([
      [1, DeliveryOutcome.RETRYING],
      [2, DeliveryOutcome.RETRYING],
      [3, DeliveryOutcome.DELIVERED],
    ]);
  });

  it('gives up after the last allowed attempt (FAILED, no next attempt) and logs every try', async () => {
    await hook.down();
    try {
      await em().nativeUpdate(NotificationEndpoint, { organizationId: RECEIVER }, { email: null });
      const r = await sendReferral();
      for (const t of [0, 1000, 2500]) await deliverDue(em(), email, config, at(t));
      const [row] = await rowsOf(r.id);
      expect(row).toMatchObject({
        channel: NotificationChannel.WEBHOOK,
        status: NotificationStatus.FAILED,
        attempts: 3,
        nextAttemptAt: null,
      });
      expect(await deliverDue(em(), email, config, at(100_000))).toMatchObject({ claimed: 0 });
      const log = await em().find(ReferralNotificationDelivery, { notification: row.id }, { orderBy: { attempt: 'asc' } });
      expect(log.map((d) => d.outcome)).toEqual([DeliveryOutcome.RETRYING, DeliveryOutcome.RETRYING, DeliveryOutcome.FAILED]);
    } finally {
      await em().nativeUpdate(NotificationEndpoint, { organizationId: RECEIVER }, { email: 'intake@receiver.example' });
      await hook.up();
    }
  });

  it('after a restart (a new ORM on the same database) delivers what was pending and never re-sends what was sent', async () => {
    const sent = await sendReferral();
    expect(await deliverDue(em(), email, config, T0)).toMatchObject({ delivered: 2 });
    await hook.down();
    const pending = await sendReferral();
    expect(await deliverDue(em(), email, config, T0)).toMatchObject({ claimed: 2, delivered: 1, retrying: 1 });
    // The "process" stops; a new one starts on the same database with the receiver back.
    await orm.close(true);
    await hook.up();
    orm = await open();
    expect(await deliverDue(em(), email, config, at(1000))).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await deliverDue(em(), email, config, at(60_000))).toMatchObject({ claimed: 0 });
    expect(hook.received.filter((h) => h.body.referralId === sent.id)).toHaveLength(1);
    expect(hook.received.filter((h) => h.body.referralId === pending.id)).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.text.includes(sent.id))).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.text.includes(pending.id))).toHaveLength(1);
  });

  it('leaves a row claimed by a dispatcher that died mid-delivery alone until its lease runs out, then delivers it once', async () => {
    const r = await sendReferral();
    // What a dispatcher that crashed after claiming leaves behind: its token and lease on the rows.
    await em().nativeUpdate(
      ReferralNotification,
      { referralId: r.id },
      { claimToken: 'crashed-dispatcher', claimedUntil: at(config.leaseMs) },
    );
    expect(await deliverDue(em(), email, config, at(config.leaseMs - 1))).toMatchObject({ claimed: 0 });
    expect(hook.received).toHaveLength(0);
    expect(await deliverDue(em(), email, config, at(config.leaseMs))).toMatchObject({ claimed: 2, delivered: 2 });
    expect(await deliverDue(em(), email, config, at(10 * config.leaseMs))).toMatchObject({ claimed: 0 });
    expect(hook.received.filter((h) => h.body.referralId === r.id)).toHaveLength(1);
    expect(smtp.mails.filter((m) => m.text.includes(r.id))).toHaveLength(1);
    expect((await rowsOf(r.id)).map((n) => [n.status, n.claimToken ?? null])).toEqual([
      [NotificationStatus.SENT, null],
      [NotificationStatus.SENT, null],
    ]);
  });

  it('two dispatchers on one database never deliver one row twice', async () => {
    const made = [];
    for (let i = 0; i < 12; i++) made.push(await sendReferral());
    const other = await open();
    const results = await Promise.all([
      deliverDue(em(), email, config, T0),
      deliverDue(other.em.fork() as EntityManager, email, config, T0),
      deliverDue(em(), email, config, T0),
    ]);
    await other.close(true);
    expect(results.reduce((s, r) => s + r.delivered, 0)).toBe(24);
    const ids = hook.received.map((h) => h.delivery);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    expect(smtp.mails).toHaveLength(12);
    expect(await em().count(ReferralNotification, { status: NotificationStatus.SENT })).toBe(24);
  });

  it('puts the family contact in a webhook only under the same rule as the resolvers: sender always, receiver under consent', async () => {
    const without = await sendReferral();
    const withConsent = await sendReferral({ consent: true });
    await deliverDue(em(), email, config, T0);
    const body = (id: string) => hook.received.find((h) => h.body.referralId === id)!.body;
    expect(body(without.id).familyContact).toBeNull();
    expect(JSON.stringify(body(without.id))).not.toContain('Ana');
    expect(smtp.mails.find((m) => m.text.includes(without.id))!.text).not.toContain('Ana');
    expect(body(withConsent.id).familyContact).toEqual({
      name: 'Ana Ruiz',
      phone: null,
      email: 'ana@family.example',
      preferredLanguage: null,
    });
  });

  it('emails the family at its own address under consent, and skips it when the consent lapses before delivery', async () => {
    const r = await sendReferral({ consent: true });
    await em().transactional(async (tx) => {
      const referral = await tx.findOneOrFail(Referral, { id: r.id });
      await enqueueNotifications(tx, [
        {
          key: `change:${randomUUID()}`,
          event: NotificationEvent.STATUS_CHANGED,
          referral,
          fromStatus: ReferralStatus.SENT,
          toStatus: ReferralStatus.ACCEPTED,
          at: T0,
          organizations: [SENDER],
        },
      ]);
    });
    await deliverDue(em(), email, config, T0);
    const family = smtp.mails.filter((m) => m.to.includes('ana@family.example'));
    expect(family).toHaveLength(1);
    expect(family[0].text).toContain(r.id);
    expect(smtp.mails.filter((m) => m.to.includes('referrals@sender.example'))).toHaveLength(1);

    // Queued while the consent was in force, delivered after it lapsed: skipped, not sent.
    await em().transactional(async (tx) => {
      const referral = await tx.findOneOrFail(Referral, { id: r.id });
      await enqueueNotifications(tx, [
        {
          key: `change:${randomUUID()}`,
          event: NotificationEvent.STATUS_CHANGED,
          referral,
          toStatus: ReferralStatus.COMPLETED,
          at: T0,
          organizations: [],
        },
      ]);
    });
    smtp.mails.length = 0;
    expect(await deliverDue(em(), email, config, at(2 * 86_400_000))).toMatchObject({ claimed: 1, skipped: 1 });
    expect(smtp.mails).toHaveLength(0);
    const skipped = await em().findOneOrFail(ReferralNotification, { referralId: r.id, toStatus: ReferralStatus.COMPLETED });
    expect(skipped).toMatchObject({ status: NotificationStatus.SKIPPED, skipReason: expect.stringMatching(/lapsed/) });
  });

  it('skips an organisation’s pending row whose webhook was removed before delivery', async () => {
    const r = await sendReferral();
    await em().nativeUpdate(NotificationEndpoint, { organizationId: RECEIVER }, { webhookUrl: null, webhookSecret: null });
    try {
      expect(await deliverDue(em(), email, config, T0)).toMatchObject({ delivered: 1, skipped: 1 });
      const hookRow = (await rowsOf(r.id)).find((n) => n.channel === NotificationChannel.WEBHOOK)!;
      expect(hookRow).toMatchObject({ status: NotificationStatus.SKIPPED, skipReason: expect.stringMatching(/removed its webhook/) });
      expect(hook.received).toHaveLength(0);
    } finally {
      await em().nativeUpdate(NotificationEndpoint, { organizationId: RECEIVER }, { webhookUrl: hook.url(), webhookSecret: SECRET });
    }
  });
});
