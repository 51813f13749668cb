import fs from 'node:fs';
import path from 'node:path';
import * as demo from '@c2c/demo';
import { gql, startTestHub, token } from '@c2c/testing';
import { startReceiver, startSmtp } from '../../subgraphs/referrals/test/notification-receivers';

/**
 * One referral from sending to a COMPLETED outcome through the gateway, as the two
 * organisations' staff, with the hub's own dispatcher delivering: emails to a real SMTP server
 * in this process, the receiving organisation's webhook to a real HTTPS receiver here that checks
 * every signature. The hub runs in production mode, so the webhook must be https: the receiver
 * uses the test-only certificate in test/fixtures/tls, which the hub's processes trust.
 */
const TLS = path.join(__dirname, '..', 'fixtures', 'tls');
const u = demo.demoUniverse();
// The hub honours partner tokens only for active staff of the organisation.
const staffed = (orgId: string) => !!demo.demoStaffSubject(orgId);
const service = u.services.find((s) => s.status === 'ACTIVE' && staffed(s.organizationId))!;
const receiverOrg = service.organizationId;
const senderOrg = u.organizations.find((o) => o.id !== receiverOrg && staffed(o.id))!.id;

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('referral notifications end to end: gateway, dispatcher, SMTP and a signed HTTPS webhook', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let url: string;
  let asSender: string;
  let asReceiver: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    receiver = await startReceiver({
      tls: {
        key: fs.readFileSync(path.join(TLS, 'localhost-key.pem'), 'utf8'),
        cert: fs.readFileSync(path.join(TLS, 'localhost-cert.pem'), 'utf8'),
      },
    });
    hub = await startTestHub({
      C2C_NOTIFY_POLL_MS: '150',
      C2C_SMTP_URL: smtp.url,
      C2C_NOTIFY_FROM: 'C2C Hub <hub@c2c.test>',
      C2C_NOTIFY_RETRY_BASE_MS: '300',
      C2C_NOTIFY_RETRY_MAX_MS: '600',
      NODE_EXTRA_CA_CERTS: path.join(TLS, 'localhost-cert.pem'),
    });
    url = hub.hub.gatewayUrl;
    asSender = await token('partner_staff', senderOrg);
    asReceiver = await token('partner_staff', receiverOrg);
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
    await Promise.all([smtp?.close(), receiver?.close()]);
  });

  const call = async (query: string, variables: Record<string, unknown>, bearer: string) => {
    const res = await gql(url, query, variables, bearer);
    expect(res.json.errors).toBeUndefined();
    return res.json.data;
  };

  it('delivers every notification of one referral from SENT to COMPLETED exactly once, the webhook with a valid signature', async () => {
    // Production mode: an http webhook is refused, naming the field.
    const refused = await gql(
      url,
      `mutation($o: ID!) { setNotificationWebhook(organizationId: $o, url: "http://127.0.0.1:1/x") { secret } }`,
      { o: receiverOrg },
      asReceiver,
    );
    expect(refused.json.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const set = await call(
      `mutation($o: ID!, $url: String!) {
        setNotificationEmail(organizationId: $o, email: "intake@receiver.test") { email }
        setNotificationWebhook(organizationId: $o, url: $url) { secret endpoint { webhookUrl } } }`,
      { o: receiverOrg, url: receiver.url() },
      asReceiver,
    );
    receiver.setSecret(set.setNotificationWebhook.secret);
    await call(
      `mutation($o: ID!) { setNotificationEmail(organizationId: $o, email: "referrals@sender.test") { email } }`,
      { o: senderOrg },
      asSender,
    );

    const created = await call(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`,
      {
        input: {
          serviceId: service.id,
          imperative: 'K12',
          need: 'After-school tutoring.',
          zip: '48201',
          familyContact: { name: 'Ana Ruiz', email: 'ana@family.test', preferredChannel: 'EMAIL' },
          consent: {
            givenByName: 'Ana Ruiz',
            givenByRelationship: 'parent',
            method: 'VERBAL',
            givenAt: new Date(Date.now() - 3_600_000).toISOString(),
            covers: ['SHARE_CONTACT'],
          },
        },
      },
      asSender,
    );
    const id: string = created.createReferral.id;
    const mailsTo = (to: string) => smtp.mails.filter((m) => m.to.includes(to) && m.text.includes(id));
    const hooksFor = (event: string) => receiver.received.filter((h) => h.body.referralId === id && h.body.event === event);

    await until(
      'the receiving organisation’s email and webhook',
      () => mailsTo('intake@receiver.test').length && hooksFor('REFERRAL_SENT').length,
    );
    expect(mailsTo('intake@receiver.test')[0].from).toBe('hub@c2c.test');
    const sent = hooksFor('REFERRAL_SENT')[0];
    expect(sent.valid).toBe(true);
    expect(Math.abs(Number(sent.timestamp) * 1000 - Date.now())).toBeLessThan(60_000);
    // Consent in force covers contact: the receiver's system gets the family's contact.
    expect(sent.body).toMatchObject({ referralId: id, toStatus: 'SENT', familyContact: { name: 'Ana Ruiz', email: 'ana@family.test' } });

    let v = created.createReferral.version;
    const move = async (status: string, extra = '') => {
      const out = await call(
        `mutation($id: ID!, $v: Int!, $s: ReferralStatus!) { updateReferralStatus(id: $id, status: $s, expectedVersion: $v${extra}) { version status outcome } }`,
        { id, v, s: status },
        asReceiver,
      );
      v = out.updateReferralStatus.version;
      return out.updateReferralStatus;
    };
    await move('ACCEPTED');
    await move('IN_PROGRESS');
    expect(await move('COMPLETED', ', outcome: GOT_HELP')).toMatchObject({ status: 'COMPLETED', outcome: 'GOT_HELP' });

    // The sender hears of every move; the family of the answer and of the outcome, at its own address.
    await until('the sender’s three emails', () => mailsTo('referrals@sender.test').length === 3);
    await until('the family’s two emails', () => mailsTo('ana@family.test').length === 2);
    const subjects = mailsTo('referrals@sender.test').map((m) => /The referral is now (\w+)/.exec(m.text)![1]);
    expect(subjects.sort()).toEqual(['ACCEPTED', 'COMPLETED', 'IN_PROGRESS']);
    expect(
      mailsTo('ana@family.test')
        .map((m) => m.text)
        .join('\n'),
    ).not.toContain('Ana Ruiz');

    // The receiver's system goes down; the sender writes in the thread; the webhook is retried until it is back.
    await receiver.down();
    await call(`mutation($id: ID!) { addReferralComment(referralId: $id, body: "Thank you, closing our side.") { id } }`, { id }, asSender);
    const LOG = `query($o: ID!) { referralNotifications(organizationId: $o, first: 50) { edges { node {
      id event referralId channel status attempts deliveries { attempt outcome httpStatus } } } } }`;
    const commentHook = async () =>
      (await call(LOG, { o: receiverOrg }, asReceiver)).referralNotifications.edges
        .map((e: any) => e.node)
        .find((n: any) => n.referralId === id && n.event === 'COMMENT_ADDED' && n.channel === 'WEBHOOK');
    await until('a failed webhook attempt', async () => ((await commentHook())?.attempts ?? 0) >= 2 && true);
    expect(hooksFor('COMMENT_ADDED')).toHaveLength(0);
    await receiver.up();
    await until('the comment webhook after the receiver is back', () => hooksFor('COMMENT_ADDED').length);
    const row = await until('the row marked SENT', async () => {
      const r = await commentHook();
      return r?.status === 'SENT' ? r : undefined;
    });
    expect(row.deliveries.at(-1)).toMatchObject({ outcome: 'DELIVERED', httpStatus: 204 });
    expect(row.deliveries.slice(0, -1).every((d: any) => d.outcome === 'RETRYING' && d.httpStatus === null)).toBe(true);

    // A few more polls change nothing: every event arrived once.
    await new Promise((r) => setTimeout(r, 1000));
    expect(hooksFor('REFERRAL_SENT')).toHaveLength(1);
    expect(hooksFor('COMMENT_ADDED')).toHaveLength(1);
    expect(hooksFor('COMMENT_ADDED')[0]).toMatchObject({ valid: true, delivery: row.id });
    expect(new Set(receiver.received.map((h) => h.delivery)).size).toBe(receiver.received.length);
    expect(mailsTo('intake@receiver.test')).toHaveLength(2); // the referral, the comment
    expect(mailsTo('referrals@sender.test')).toHaveLength(3);
    expect(mailsTo('ana@family.test')).toHaveLength(2);
    // The delivery log is the receiving organisation's own: the sender cannot read it.
    const other = await gql(url, LOG, { o: receiverOrg }, asSender);
    expect(other.json.errors[0].extensions.code).toBe('NOT_FOUND');
  }, 90_000);
});
