import type { Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { students } from '@c2c/students';
import { resetClock, setClock } from '../../subgraphs/referrals/src/clock.logic';
import { NotificationEndpoint } from '../../subgraphs/referrals/src/notification-endpoint.entity';
import { validateWebhookUrl } from '../../subgraphs/referrals/src/notification-endpoint.validation';
import { Referral } from '../../subgraphs/referrals/src/referral.entity';
import { addBusinessDays } from '../../subgraphs/referrals/src/referral-deadline.logic';
import { ReferralNotification } from '../../subgraphs/referrals/src/referral-notification.entity';
import { ReferralNotificationDelivery } from '../../subgraphs/referrals/src/referral-notification-delivery.entity';
import { SKIP_DO_NOT_CONTACT, SKIP_NO_CONSENT } from '../../subgraphs/referrals/src/referral-notification.logic';
import { expireOverdue } from '../../subgraphs/referrals/src/referral-sweep.logic';
import { ReferralStatusChange } from '../../subgraphs/referrals/src/referral-status-change.entity';
import { ReferralStatus } from '../../subgraphs/referrals/src/referral-status.enum';
import { codesOf, OTHER_ROLES, staffOf, universe } from '../../subgraphs/referrals/test/fixtures';

/**
 * The outbox as the mutations write it, in process on a real database (SQLite, or PostgreSQL
 * with DATABASE_URL), with the real resources and students subgraphs answering as peers.
 * Delivery itself is tested in subgraphs/referrals/test/notification-delivery.test.ts.
 */
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`;
const UPDATE = `mutation($id: ID!, $status: ReferralStatus!, $v: Int!, $to: ID, $declineReason: DeclineReason, $outcome: ReferralOutcome) {
  updateReferralStatus(id: $id, status: $status, expectedVersion: $v, redirectServiceId: $to, declineReason: $declineReason, outcome: $outcome) { id version } }`;
const COMMENT = `mutation($id: ID!, $b: String!) { addReferralComment(referralId: $id, body: $b) { id } }`;
const SET_EMAIL = `mutation($org: ID!, $email: String) { setNotificationEmail(organizationId: $org, email: $email) { email webhookUrl } }`;
const SET_HOOK = `mutation($org: ID!, $url: String!) { setNotificationWebhook(organizationId: $org, url: $url) { secret endpoint { webhookUrl webhookSecretSetAt } } }`;
const CLEAR_HOOK = `mutation($org: ID!) { clearNotificationWebhook(organizationId: $org) { webhookUrl } }`;
const ROTATE = `mutation($org: ID!) { rotateNotificationWebhookSecret(organizationId: $org) { secret } }`;
const ENDPOINT = `query($org: ID!) { notificationEndpoint(organizationId: $org) { email webhookUrl webhookSecretSetAt } }`;
const LIST = `query($org: ID!, $first: Int) { referralNotifications(organizationId: $org, first: $first) {
  totalCount edges { node { id event referralId toStatus channel destination status attempts skipReason deliveries { attempt outcome httpStatus response } } } } }`;
const DELIVER = `mutation { deliverReferralNotifications { claimed delivered retrying failed skipped } }`;

const active = universe.services.filter((s) => s.status === 'ACTIVE');
const target = active[0];
const other = active.find((s) => s.organizationId !== target.organizationId && s.id !== target.id)!;
const senderOrg = universe.organizations.find((o) => o.id !== target.organizationId && o.id !== other.organizationId)!.id;
const bystanderOrg = universe.organizations.find((o) => ![senderOrg, target.organizationId, other.organizationId].includes(o.id))!.id;
const sender = staffOf(senderOrg);
const receiver = staffOf(target.organizationId);
const redirectee = staffOf(other.organizationId);
const bystander = staffOf(bystanderOrg);
const admin = testing.viewerFor('cec_admin');
const NOW = new Date('2026-01-07T12:00:00.000Z'); // a Wednesday

let n = 0;
const consent = {
  givenByName: 'Ana Ruiz',
  givenByRelationship: 'parent',
  method: 'VERBAL',
  givenAt: '2026-01-05T10:00:00.000Z',
  covers: ['SHARE_CONTACT'],
};
const input = (family: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  serviceId: target.id,
  imperative: 'K12',
  need: 'Help with homework after school.',
  zip: '48201',
  familyContact: { name: 'Ana Ruiz', email: `ana${++n}@family.example`, preferredChannel: 'EMAIL', ...family },
  ...extra,
});

describe('referral notifications: the outbox, written with every change that notifies', () => {
  let sg: testing.TestSubgraph;
  let res: testing.TestSubgraph;
  let stu: testing.TestSubgraph;
  beforeAll(async () => {
    res = await testing.createTestSubgraph(resources, { seed: true });
    stu = await testing.createTestSubgraph(students, { seed: true });
    sg = await testing.createTestSubgraph(referrals, { peers: { resources: res, students: stu } });
    setClock(() => NOW);
  });
  afterAll(async () => {
    resetClock();
    await Promise.all([sg.close(), res.close(), stu.close()]);
  });

  const outbox = (referralId: string) =>
    sg.em().find(ReferralNotification, { referralId }, { orderBy: { event: 'asc', recipientKey: 'asc', channel: 'asc' } });
  const summary = async (referralId: string) =>
    (await outbox(referralId)).map((r) => [r.event, r.toStatus, r.recipientKey, r.channel, r.status, r.destination ?? null]);
  const create = async (family: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => {
    const out = await sg.exec(CREATE, { input: input(family, extra) }, sender);
    expect(out.errors).toBeUndefined();
    return out.data.createReferral as { id: string; version: number };
  };
  const move = async (id: string, v: number, status: string, viewer: Viewer, extra: Record<string, unknown> = {}) => {
    const out = await sg.exec(UPDATE, { id, v, status, ...extra }, viewer);
    expect(out.errors).toBeUndefined();
    return out.data.updateReferralStatus;
  };

  it('records a SKIPPED row when the receiving organisation registered nothing, then one row per channel it registered', async () => {
    const first = await create();
    expect(await summary(first.id)).toEqual([['REFERRAL_SENT', 'SENT', `org:${target.organizationId}`, 'EMAIL', 'SKIPPED', null]]);
    expect((await outbox(first.id))[0].skipReason).toMatch(/no email address or webhook/);

    expect(
      (await sg.exec(SET_EMAIL, { org: target.organizationId, email: ' Intake@Receiver.Example ' }, receiver)).data.setNotificationEmail,
    ).toEqual({
      email: 'intake@receiver.example',
      webhookUrl: null,
    });
    const hook = (await sg.exec(SET_HOOK, { org: target.organizationId, url: 'http://127.0.0.1:9/hooks' }, receiver)).data
      .setNotificationWebhook;
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const second = await create();
    const rows = await outbox(second.id);
    expect(rows.map((r) => [r.recipientKey, r.channel, r.status, r.destination])).toEqual([
      [`org:${target.organizationId}`, 'EMAIL', 'PENDING', 'intake@receiver.example'],
      [`org:${target.organizationId}`, 'WEBHOOK', 'PENDING', 'http://127.0.0.1:9/hooks'],
    ]);
    // Written with the referral: the same instant, the same transaction.
    const referral = await sg.em().findOneOrFail(Referral, { id: second.id });
    expect(rows.every((r) => r.createdAt.getTime() === referral.createdAt.getTime() && r.nextAttemptAt?.getTime() === NOW.getTime())).toBe(
      true,
    );
    await sg.exec(SET_EMAIL, { org: senderOrg, email: 'referrals@sender.example' }, sender);
  });

  it('writes no outbox row for a refused mutation: bad input, duplicate, stale version, illegal move, someone else’s referral', async () => {
    const made = await create();
    const before = await sg.em().count(ReferralNotification, {});
    const history = await sg.em().count(ReferralStatusChange, {});
    expect(codesOf(await sg.exec(CREATE, { input: input({}, { notes: 'x'.repeat(2001) }) }, sender))).toEqual(['BAD_USER_INPUT']);
    const dup = await sg.em().findOneOrFail(Referral, { id: made.id });
    expect(codesOf(await sg.exec(CREATE, { input: input({ email: dup.familyContact!.email }) }, sender))).toEqual(['CONFLICT']);
    expect(codesOf(await sg.exec(UPDATE, { id: made.id, v: 7, status: 'ACCEPTED' }, receiver))).toEqual(['CONFLICT']);
    expect(codesOf(await sg.exec(UPDATE, { id: made.id, v: 1, status: 'COMPLETED', outcome: 'GOT_HELP' }, receiver))).toEqual(['CONFLICT']);
    expect(codesOf(await sg.exec(UPDATE, { id: made.id, v: 1, status: 'ACCEPTED' }, bystander))).toEqual(['NOT_FOUND']);
    expect(codesOf(await sg.exec(COMMENT, { id: made.id, b: 'hello' }, bystander))).toEqual(['NOT_FOUND']);
    expect(codesOf(await sg.exec(COMMENT, { id: made.id, b: ' ' }, sender))).toEqual(['BAD_USER_INPUT']);
    expect([await sg.em().count(ReferralNotification, {}), await sg.em().count(ReferralStatusChange, {})]).toEqual([before, history]);
  });

  it('tells the other party of a status change and of a comment, never the organisation that acted', async () => {
    const made = await create();
    await move(made.id, 1, 'ACCEPTED', receiver);
    await sg.exec(COMMENT, { id: made.id, b: 'We will call on Monday.' }, receiver);
    await sg.exec(COMMENT, { id: made.id, b: 'Thank you.' }, sender);
    await move(made.id, 2, 'WITHDRAWN', sender);
    const rows = (await outbox(made.id)).filter((r) => r.recipientKind === 'ORGANIZATION');
    const got = rows.map((r) => [r.event, r.toStatus, r.recipientKey, r.channel]).sort();
    expect(got).toEqual(
      [
        ['COMMENT_ADDED', null, `org:${senderOrg}`, 'EMAIL'],
        ['COMMENT_ADDED', null, `org:${target.organizationId}`, 'EMAIL'],
        ['COMMENT_ADDED', null, `org:${target.organizationId}`, 'WEBHOOK'],
        ['REFERRAL_SENT', 'SENT', `org:${target.organizationId}`, 'EMAIL'],
        ['REFERRAL_SENT', 'SENT', `org:${target.organizationId}`, 'WEBHOOK'],
        ['STATUS_CHANGED', 'ACCEPTED', `org:${senderOrg}`, 'EMAIL'],
        ['STATUS_CHANGED', 'WITHDRAWN', `org:${target.organizationId}`, 'EMAIL'],
        ['STATUS_CHANGED', 'WITHDRAWN', `org:${target.organizationId}`, 'WEBHOOK'],
      ].sort(),
    );
    // Each event has its own key, and the key names the history row or comment it announces.
    const accepted = rows.find((r) => r.toStatus === 'ACCEPTED')!;
    const change = await sg.em().findOneOrFail(ReferralStatusChange, { referral: made.id, toStatus: ReferralStatus.ACCEPTED });
    expect(accepted.eventKey).toBe(`change:${change.id}`);
  });

  it('on a redirect tells the original sender, and the follow-on’s receiver of its new referral, in the same transaction', async () => {
    const made = await create();
    await move(made.id, 1, 'REDIRECTED', receiver, { to: other.id });
    const followOn = await sg.em().findOneOrFail(Referral, { linkedReferralId: made.id });
    expect((await summary(made.id)).filter((r) => r[0] === 'STATUS_CHANGED' && r[2] !== 'family')).toEqual([
      ['STATUS_CHANGED', 'REDIRECTED', `org:${senderOrg}`, 'EMAIL', 'PENDING', 'referrals@sender.example'],
    ]);
    expect(await summary(followOn.id)).toEqual([['REFERRAL_SENT', 'SENT', `org:${other.organizationId}`, 'EMAIL', 'SKIPPED', null]]);
    void redirectee;
  });

  it('notifies the family on its preferred channel only, with consent in force covering contact, and never when it asked not to be', async () => {
    const consenting = await create({}, { consent });
    const noConsent = await create();
    const doNotContact = await create({ doNotContact: true }, { consent });
    const prefersSms = await create({ preferredChannel: 'SMS', phone: `+1313555${1000 + n}` }, { consent });
    for (const r of [consenting, noConsent, doNotContact, prefersSms]) await move(r.id, 1, 'ACCEPTED', receiver);
    await move(consenting.id, 2, 'IN_PROGRESS', receiver);
    const family = async (id: string) =>
      (await outbox(id))
        .filter((r) => r.recipientKind === 'FAMILY')
        .map((r) => [r.toStatus, r.channel, r.status, r.destination ?? null, r.skipReason ?? null]);
    const email = (await sg.em().findOneOrFail(Referral, { id: consenting.id })).familyContact!.email;
    // IN_PROGRESS is the organisations' business: no family row.
    expect(await family(consenting.id)).toEqual([['ACCEPTED', 'EMAIL', 'PENDING', email, null]]);
    expect(await family(noConsent.id)).toEqual([['ACCEPTED', 'EMAIL', 'SKIPPED', null, SKIP_NO_CONSENT]]);
    expect(await family(doNotContact.id)).toEqual([['ACCEPTED', 'EMAIL', 'SKIPPED', null, SKIP_DO_NOT_CONTACT]]);
    // An email address is on file, but the family prefers SMS: skipped, never an email instead.
    const sms = await family(prefersSms.id);
    expect(sms).toEqual([['ACCEPTED', 'SMS', 'SKIPPED', null, expect.stringMatching(/prefers SMS; the hub has no SMS or phone adapter/)]]);
  });

  it('makes a second row for the same event, recipient and channel impossible', async () => {
    const made = await create();
    const [row] = await outbox(made.id);
    const before = await sg.em().count(ReferralNotification, {});
    const em = sg.em();
    em.create(ReferralNotification, {
      eventKey: row.eventKey,
      event: row.event,
      referralId: row.referralId,
      recipientKind: row.recipientKind,
      recipientOrganizationId: row.recipientOrganizationId,
      recipientKey: row.recipientKey,
      channel: row.channel,
    });
    await expect(em.flush()).rejects.toThrow(/unique|duplicate/i);
    expect(await sg.em().count(ReferralNotification, {})).toBe(before);
  });

  it('writes the sweep’s expiries and their notifications in one transaction: rolled back, neither is left', async () => {
    const made = await create({}, { consent });
    const due = addBusinessDays(NOW, 2);
    const before = await sg.em().count(ReferralNotification, {});
    await expect(
      sg.em().transactional(async (tx) => {
        await expireOverdue(tx, due, { sub: 'system:sweep', org: null });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await sg.em().findOneOrFail(Referral, { id: made.id })).status).toBe('SENT');
    expect(await sg.em().count(ReferralNotification, {})).toBe(before);
    await expireOverdue(sg.em(), due, { sub: 'system:sweep', org: null });
    const expired = (await summary(made.id)).filter((r) => r[1] === 'EXPIRED').map((r) => [r[2], r[3], r[4]]);
    expect(expired.sort()).toEqual(
      [
        ['family', 'EMAIL', 'PENDING'],
        [`org:${senderOrg}`, 'EMAIL', 'PENDING'],
        [`org:${target.organizationId}`, 'EMAIL', 'PENDING'],
        [`org:${target.organizationId}`, 'WEBHOOK', 'PENDING'],
      ].sort(),
    );
  });

  it('accepts https webhooks, http only outside production, and refuses anything else naming `url`', async () => {
    const org = bystanderOrg;
    for (const url of ['ftp://example.org/x', 'not a url', 'https://user:pw@example.org/x', '']) {
      const out = await sg.exec(SET_HOOK, { org, url }, bystander);
      expect(out.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    }
    expect(await sg.em().count(NotificationEndpoint, { organizationId: org })).toBe(0);
    expect((await sg.exec(SET_HOOK, { org, url: 'http://127.0.0.1:8080/in' }, bystander)).errors).toBeUndefined();
    const production = { NODE_ENV: 'production' };
    expect(() => validateWebhookUrl('http://partner.example/hooks', production)).toThrow(/https:\/\/ URL in production/);
    try {
      validateWebhookUrl('http://partner.example/hooks', production);
    } catch (err: any) {
      expect(err.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    }
    expect(validateWebhookUrl('https://partner.example/hooks', production)).toBe('https://partner.example/hooks');
    expect(validateWebhookUrl('http://127.0.0.1:8080/in', { NODE_ENV: 'development' })).toBe('http://127.0.0.1:8080/in');
    const bad = await sg.exec(SET_EMAIL, { org, email: 'nope' }, bystander);
    expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it('shows a webhook secret once: on setting and on rotation, never when reading; clearing removes it', async () => {
    const org = bystanderOrg;
    const first = (await sg.exec(SET_HOOK, { org, url: 'https://partner.example/in' }, bystander)).data.setNotificationWebhook.secret;
    const rotated = (await sg.exec(ROTATE, { org }, bystander)).data.rotateNotificationWebhookSecret.secret;
    expect(rotated).not.toBe(first);
    expect((await sg.em().findOneOrFail(NotificationEndpoint, { organizationId: org })).webhookSecret).toBe(rotated);
    expect(sg.sdl).not.toMatch(/type NotificationEndpoint \{[^}]*(\bsecret|webhookSecret):/);
    expect((await sg.exec(ENDPOINT, { org }, bystander)).data.notificationEndpoint).toMatchObject({
      webhookUrl: 'https://partner.example/in',
    });
    expect((await sg.exec(CLEAR_HOOK, { org }, bystander)).data.clearNotificationWebhook).toEqual({ webhookUrl: null });
    expect((await sg.em().findOneOrFail(NotificationEndpoint, { organizationId: org })).webhookSecret).toBeNull();
    expect(codesOf(await sg.exec(ROTATE, { org }, bystander))).toEqual(['NOT_FOUND']);
  });

  describe('role × operation', () => {
    const own = target.organizationId;
    const ops: [name: string, query: string, vars: Record<string, unknown>][] = [
      ['notificationEndpoint', ENDPOINT, { org: own }],
      ['referralNotifications', LIST, { org: own, first: 5 }],
      ['setNotificationEmail', SET_EMAIL, { org: own, email: 'intake@receiver.example' }],
      ['setNotificationWebhook', SET_HOOK, { org: own, url: 'http://127.0.0.1:9/hooks' }],
      ['rotateNotificationWebhookSecret', ROTATE, { org: own }],
      ['clearNotificationWebhook', CLEAR_HOOK, { org: own }],
    ];
    const viewers: [string, Viewer, string | null][] = [
      ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
      ['the organisation’s own partner staff', receiver, null],
      ['another organisation’s partner staff', bystander, 'NOT_FOUND'],
      ...OTHER_ROLES.map((role) => [role, testing.viewerFor(role, own), 'FORBIDDEN'] as [string, Viewer, string]),
    ];
    it.each(viewers)('%s', async (_name, viewer, expected) => {
      for (const [op, query, vars] of ops) {
        const before = JSON.stringify(await sg.em().findOne(NotificationEndpoint, { organizationId: own }));
        const out = await sg.exec(query, vars, viewer);
        if (expected) {
          expect([op, codesOf(out)]).toEqual([op, [expected]]);
          expect([op, out.data?.[op] ?? null]).toEqual([op, null]);
          expect(JSON.stringify(await sg.em().findOne(NotificationEndpoint, { organizationId: own }))).toBe(before);
        } else {
          expect([op, out.errors]).toEqual([op, undefined]);
        }
      }
      // Put the receiver's channels back for the cases that follow.
      await sg.exec(SET_EMAIL, { org: own, email: 'intake@receiver.example' }, receiver);
      await sg.exec(SET_HOOK, { org: own, url: 'http://127.0.0.1:9/hooks' }, receiver);
    });
    it('has no entity of these types to ask for through `_entities`', async () => {
      const row = (await sg.em().find(ReferralNotification, { recipientOrganizationId: own }, { limit: 1 }))[0];
      for (const __typename of ['ReferralNotification', 'NotificationEndpoint', 'NotificationDelivery']) {
        const out = await sg.exec(
          `query($r: [_Any!]!) { _entities(representations: $r) { __typename } }`,
          { r: [{ __typename, id: row.id, organizationId: own }] },
          receiver,
        );
        expect(out.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(out.data ?? null)).not.toContain(row.id);
      }
    });
    it.each([
      ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
      ['partner staff', receiver, 'FORBIDDEN'],
      ...OTHER_ROLES.filter((r) => r !== 'cec_admin').map(
        (role) => [role, testing.viewerFor(role), 'FORBIDDEN'] as [string, Viewer, string],
      ),
    ])('deliverReferralNotifications refuses %s', async (_name, viewer, code) => {
      expect(codesOf(await sg.exec(DELIVER, {}, viewer))).toEqual([code]);
    });
  });

  it('lets the hub operator deliver now, and lists an organisation’s notifications with their delivery log in a constant number of statements', async () => {
    // Nothing listens on port 9: each webhook attempt fails and is logged; emails go to the log adapter.
    const out = await sg.exec(DELIVER, {}, admin);
    expect(out.errors).toBeUndefined();
    expect(out.data.deliverReferralNotifications.claimed).toBeGreaterThan(0);
    expect(out.data.deliverReferralNotifications.retrying).toBeGreaterThan(0);
    sg.statements.reset();
    const page = await sg.exec(LIST, { org: target.organizationId, first: 20 }, receiver);
    expect(page.errors).toBeUndefined();
    const nodes = page.data.referralNotifications.edges.map((e: any) => e.node);
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.every((x: any) => x.deliveries.length <= 1)).toBe(true);
    const webhook = nodes.find((x: any) => x.channel === 'WEBHOOK' && x.deliveries.length)!;
    expect(webhook).toMatchObject({ status: 'PENDING', attempts: 1, deliveries: [{ attempt: 1, outcome: 'RETRYING', httpStatus: null }] });
    const email = nodes.find((x: any) => x.channel === 'EMAIL' && x.status === 'SENT')!;
    expect(email.deliveries).toEqual([{ attempt: 1, outcome: 'DELIVERED', httpStatus: null, response: 'logged (C2C_NOTIFY_ADAPTER=log)' }]);
    // count + page + one batch for every row's delivery log.
    expect(sg.statements.count).toBe(3);
    expect(sg.statements.statements[2]).toMatch(/from [`"]referral_notification_delivery[`"]/);
    // The sender's notifications are not in the receiver's list, and the other way round.
    expect(nodes.every((x: any) => x.destination !== 'referrals@sender.example')).toBe(true);
    expect(await sg.em().count(ReferralNotificationDelivery, {})).toBeGreaterThan(0);
  });
});
