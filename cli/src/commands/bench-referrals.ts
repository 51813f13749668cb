import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { SMTPServer } from 'smtp-server';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import { demoStaffSubject, demoUniverse } from '@c2c/demo';
import { SECRETS, startTestHub, token } from '@c2c/testing';

/**
 * Referral write throughput, and the outbox's delivery rate, over real HTTP, straight to the referrals subgraph with the
 * subgraph secret, on the demo hub. Each figure is a ratio to a trivial mutation on the same
 * subgraph (a comment: one read, one insert) measured in the same run, in alternating rounds,
 * so the numbers mean the same on a laptop and in CI. `createReferral` includes its real call
 * to resources over HTTP (is the service published, who provides it).
 */
export interface ReferralBenchResult {
  database: 'sqlite' | 'postgresql';
  connections: number;
  rounds: number;
  trivialPerSecond: number;
  createPerSecond: number;
  createRatio: number;
  statusChangePerSecond: number;
  statusChangeRatio: number;
  /** Outbox rows delivered per second by the dispatcher to a real SMTP server in this process. */
  outboxDeliveredPerSecond: number;
  outboxDeliveryRatio: number;
  /** Messages the SMTP server received, and rows the dispatcher reported delivered: equal, or the run is void. */
  emailsReceived: number;
  outboxDelivered: number;
  /** Requests that failed (HTTP or GraphQL errors): the run is void unless 0. */
  failed: number;
  /** The first failure's answer, to say why. */
  firstError?: string;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

interface Shot {
  perSecond: number;
  failed: number;
  firstError?: string;
  bodies: any[];
}

/** One autocannon run; every answer is read, and a GraphQL error counts as a failure. */
async function shoot(
  url: string,
  auth: string,
  body: (i: number) => unknown,
  o: { seconds?: number; amount?: number; connections: number; keep?: boolean },
): Promise<Shot> {
  let i = 0;
  let failed = 0;
  let firstError: string | undefined;
  const bodies: any[] = [];
  const result = await autocannon({
    url,
    method: 'POST',
    connections: o.connections,
    ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${auth}`, [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET },
    requests: [
      {
        setupRequest: (req) => ({ ...req, body: JSON.stringify(body(i++)) }),
        onResponse: (status, text) => {
          try {
            const json = JSON.parse(text);
            // A non-2xx answer is counted by autocannon itself (non2xx).
            if (status === 200 && json.errors?.length) {
              failed++;
              firstError ??= JSON.stringify(json.errors[0]).slice(0, 300);
            } else if (status === 200 && o.keep) bodies.push(json.data);
            else if (status !== 200) firstError ??= `HTTP ${status}: ${text.slice(0, 300)}`;
          } catch {
            if (status === 200) failed++;
            firstError ??= `HTTP ${status}: ${text.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  failed += result.errors + result.timeouts + result.non2xx;
  const seconds = result.duration;
  return { perSecond: (result.requests.total - failed) / seconds, failed, firstError, bodies };
}

export async function runReferralBench(o: {
  seconds: number;
  rounds: number;
  connections: number;
  progress?: (m: string) => void;
}): Promise<ReferralBenchResult> {
  // A real SMTP server: the outbox's email rows are delivered to it, and it counts what arrives.
  let emailsReceived = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      stream.on('end', () => {
        emailsReceived++;
        done();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  o.progress?.('starting the demo hub');
  // The dispatcher's own timer is off: the bench drives it, so it knows when the outbox is empty.
  const hub = await startTestHub({
    LOG_LEVEL: 'error',
    C2C_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    C2C_NOTIFY_ADAPTER: 'smtp',
    C2C_NOTIFY_POLL_MS: '0',
  });
  try {
    const url = hub.hub.processes.find((p) => p.name === 'referrals')!.url;
    const u = demoUniverse();
    // Both sides need an active staff member: the hub honours partner tokens only for those.
    const service = u.services.find((s) => s.status === 'ACTIVE' && demoStaffSubject(s.organizationId))!;
    const senderOrg = u.organizations.find((x) => x.id !== service.organizationId && demoStaffSubject(x.id))!.id;
    const [sender, receiver] = await Promise.all([token('partner_staff', senderOrg), token('partner_staff', service.organizationId)]);
    const someReferral = u.referrals.find((r) => r.fromOrganizationId === senderOrg || r.toOrganizationId === senderOrg);
    const commentOn =
      someReferral?.id ??
      (
        await shoot(url, sender, () => ({ query: CREATE, variables: { input: input(0, service.id) } }), {
          amount: 1,
          connections: 1,
          keep: true,
        })
      ).bodies[0].createReferral.id;
    const operator = await token('cec_admin');
    // The receiver takes email: every referral sent and every comment gives it one row to deliver.
    const endpoint = await shoot(
      url,
      receiver,
      () => ({
        query: `mutation($org: ID!) { setNotificationEmail(organizationId: $org, email: "intake@example.org") { email } }`,
        variables: { org: service.organizationId },
      }),
      { amount: 1, connections: 1 },
    );
    if (endpoint.failed) throw new Error(`could not set the receiver's email: ${endpoint.firstError}`);
    const deliverAll = async () => {
      const started = performance.now();
      let delivered = 0;
      for (;;) {
        const run = await shoot(url, operator, () => ({ query: DELIVER }), { amount: 1, connections: 1, keep: true });
        if (run.failed) throw new Error(`delivery failed: ${run.firstError}`);
        const r = run.bodies[0].deliverReferralNotifications;
        delivered += r.delivered;
        if (r.retrying || r.failed) throw new Error(`delivery failed for ${r.retrying + r.failed} notifications`);
        if (!r.claimed) break;
      }
      return { delivered, perSecond: delivered / ((performance.now() - started) / 1000) };
    };
    await deliverAll(); // the endpoint's own history is empty; this starts the SMTP pool
    let family = 1;
    const deliveries: number[] = [];
    let outboxDelivered = 0;
    const trivial: number[] = [];
    const creates: number[] = [];
    const changes: number[] = [];
    let failed = 0;
    let firstError: string | undefined;
    for (let r = 0; r < o.rounds; r++) {
      o.progress?.(`round ${r + 1}/${o.rounds}`);
      const t = await shoot(url, sender, () => ({ query: COMMENT, variables: { id: commentOn } }), o);
      const c = await shoot(url, sender, () => ({ query: CREATE, variables: { input: input(family++, service.id) } }), {
        ...o,
        keep: true,
      });
      // Each status change accepts a different referral the create run just sent, at version 1.
      const sent: string[] = c.bodies.map((b) => b.createReferral.id);
      const s = await shoot(url, receiver, (i) => ({ query: ACCEPT, variables: { id: sent[i % sent.length] } }), {
        connections: o.connections,
        amount: sent.length,
      });
      const d = await deliverAll();
      outboxDelivered += d.delivered;
      trivial.push(t.perSecond);
      creates.push(c.perSecond);
      changes.push(s.perSecond);
      deliveries.push(d.perSecond);
      failed += t.failed + c.failed + s.failed;
      firstError ??= t.firstError ?? c.firstError ?? s.firstError;
    }
    const ratios = (xs: number[]) => median(xs.map((x, k) => x / trivial[k]));
    return {
      database: process.env.DATABASE_URL ? 'postgresql' : 'sqlite',
      connections: o.connections,
      rounds: o.rounds,
      trivialPerSecond: round(median(trivial), 1),
      createPerSecond: round(median(creates), 1),
      createRatio: round(ratios(creates)),
      statusChangePerSecond: round(median(changes), 1),
      statusChangeRatio: round(ratios(changes)),
      outboxDeliveredPerSecond: round(median(deliveries), 1),
      outboxDeliveryRatio: round(ratios(deliveries)),
      emailsReceived,
      outboxDelivered,
      failed: failed + Math.abs(emailsReceived - outboxDelivered),
      ...(firstError ? { firstError } : {}),
    };
  } finally {
    await hub.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }
}

const COMMENT = `mutation Comment($id: ID!) { addReferralComment(referralId: $id, body: "Called the family; no answer yet.") { id } }`;
const CREATE = `mutation Send($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`;
const DELIVER = `mutation Deliver { deliverReferralNotifications { claimed delivered retrying failed } }`;
const ACCEPT = `mutation Accept($id: ID!) { updateReferralStatus(id: $id, status: ACCEPTED, expectedVersion: 1) { id version } }`;

/** A different family each time, so the duplicate guard never refuses one. */
function input(family: number, serviceId: string) {
  return {
    serviceId,
    imperative: 'K12',
    need: 'After-school tutoring for a fourth grader.',
    zip: '48201',
    familyContact: { name: `Bench family ${family}`, phone: `+1 313 ${String(2_000_000 + family).slice(-7)}`, preferredChannel: 'SMS' },
  };
}
