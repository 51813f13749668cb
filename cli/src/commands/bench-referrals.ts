import autocannon from 'autocannon';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import { demoStaffSubject, demoUniverse } from '@c2c/demo';
import { SECRETS, startTestHub, token } from '@c2c/testing';

/**
 * Referral write throughput over real HTTP, straight to the referrals subgraph with the
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
  o.progress?.('starting the demo hub');
  const hub = await startTestHub({ LOG_LEVEL: 'error' });
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
    let family = 1;
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
      trivial.push(t.perSecond);
      creates.push(c.perSecond);
      changes.push(s.perSecond);
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
      failed,
      ...(firstError ? { firstError } : {}),
    };
  } finally {
    await hub.stop();
  }
}

const COMMENT = `mutation Comment($id: ID!) { addReferralComment(referralId: $id, body: "Called the family; no answer yet.") { id } }`;
const CREATE = `mutation Send($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`;
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
