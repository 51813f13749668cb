import fc from 'fast-check';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { resources } from '@c2c/resources';
import { resetClock, setClock } from '../../subgraphs/referrals/src/clock.logic';
import { ReferralComment } from '../../subgraphs/referrals/src/referral-comment.entity';
import { ReferralNotification } from '../../subgraphs/referrals/src/referral-notification.entity';
import { FAMILY_STATUSES } from '../../subgraphs/referrals/src/referral-notification.logic';
import { ReferralStatusChange } from '../../subgraphs/referrals/src/referral-status-change.entity';
import { TRANSITIONS as CODED } from '../../subgraphs/referrals/src/referral-lifecycle.logic';
import { OPEN_STATUSES, ReferralStatus } from '../../subgraphs/referrals/src/referral-status.enum';
import { codesOf, staffOf, universe } from '../../subgraphs/referrals/test/fixtures';

/**
 * Random sequences of actions by random actors, some of them concurrent, against the real
 * referrals subgraph (its database, resources asked as a peer). A model predicts each answer;
 * afterwards every referral is checked against the lifecycle: only allowed moves, every change
 * in the history, the version counting them.
 */
const { SENT, ACCEPTED, WAITLISTED, IN_PROGRESS, EXPIRED, REDIRECTED, DECLINED, COMPLETED, FAILED, WITHDRAWN } = ReferralStatus;

// The lifecycle as the issue states it, written out here rather than read from the code, so a
// move the code wrongly allows is caught (EXPIRED is the sweep's, never a person's).
const TRANSITIONS: Record<'sender' | 'receiver', Partial<Record<ReferralStatus, ReferralStatus[]>>> = {
  receiver: {
    [SENT]: [ACCEPTED, DECLINED, REDIRECTED],
    [ACCEPTED]: [WAITLISTED, IN_PROGRESS],
    [WAITLISTED]: [IN_PROGRESS],
    [IN_PROGRESS]: [COMPLETED, FAILED],
  },
  sender: { [SENT]: [WITHDRAWN], [ACCEPTED]: [WITHDRAWN], [WAITLISTED]: [WITHDRAWN], [IN_PROGRESS]: [WITHDRAWN] },
};
const allowedMoves = (parties: ('sender' | 'receiver')[], from: ReferralStatus) =>
  Object.values(ReferralStatus).filter((to) => parties.some((p) => TRANSITIONS[p][from]?.includes(to)));
const PEOPLE_MOVES = Object.values(ReferralStatus).filter((s) => s !== SENT && s !== EXPIRED);
const open = (s: ReferralStatus) => OPEN_STATUSES.includes(s);

const active = universe.services.filter((s) => s.status === 'ACTIVE');
const target = active[0];
const redirectTo = active.find((s) => s.organizationId !== target.organizationId)!;
const senderOrg = universe.organizations.find((o) => ![target.organizationId, redirectTo.organizationId].includes(o.id))!.id;
const bystanderOrg = universe.organizations.find((o) => ![senderOrg, target.organizationId, redirectTo.organizationId].includes(o.id))!.id;
const admin = testing.viewerFor('cec_admin');

type Actor = 'sender' | 'receiver' | 'bystander';
type Action =
  | { kind: 'create'; family: number; link: boolean }
  | { kind: 'move'; ref: number; actor: Actor; to: ReferralStatus; stale: boolean }
  | { kind: 'race'; ref: number; a: ReferralStatus; b: ReferralStatus }
  | { kind: 'comment'; ref: number; actor: Actor }
  | { kind: 'sweep'; hours: number };

interface ModelReferral {
  id: string;
  from: string;
  to: string;
  service: string;
  family: number | null;
  status: ReferralStatus;
  version: number;
  responseDueAt: number;
  createdAt: number;
  comments: number;
}

const actorArb = fc.constantFrom<Actor>('sender', 'receiver', 'receiver', 'bystander');
const statusArb = fc.constantFrom(...PEOPLE_MOVES);
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), family: fc.integer({ min: 0, max: 2 }), link: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('move' as const), ref: fc.nat(), actor: actorArb, to: statusArb, stale: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('race' as const), ref: fc.nat(), a: statusArb, b: statusArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('comment' as const), ref: fc.nat(), actor: actorArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), hours: fc.integer({ min: 0, max: 96 }) }) },
);

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version responseDueAt createdAt linkedReferral { id } } }`;
const MOVE = `mutation($id: ID!, $status: ReferralStatus!, $v: Int!, $decline: DeclineReason, $outcome: ReferralOutcome, $to: ID) {
  updateReferralStatus(id: $id, status: $status, expectedVersion: $v, declineReason: $decline, outcome: $outcome, redirectServiceId: $to) {
    id status version followOnReferral { id linkedReferral { id } } } }`;
const HISTORY = `query($id: ID!) { referral(id: $id) { status version comments { id }
  history { fromStatus toStatus code changedBy changedByOrganization { id } } } }`;

describe('referral lifecycle under random actions (fast-check)', () => {
  let sg: testing.TestSubgraph;
  let res: testing.TestSubgraph;
  let clock = Date.parse('2026-03-04T09:00:00.000Z');
  let run = 0;
  beforeAll(async () => {
    res = await testing.createTestSubgraph(resources, { seed: true });
    sg = await testing.createTestSubgraph(referrals, { peers: { resources: res } });
    setClock(() => new Date(clock));
    // Every organisation in play takes email, so each event has a real row to deliver.
    for (const org of new Set([senderOrg, target.organizationId, redirectTo.organizationId])) {
      const set = await sg.exec(
        `mutation($org: ID!, $email: String) { setNotificationEmail(organizationId: $org, email: $email) { email } }`,
        { org, email: `intake@${org.slice(0, 8)}.example.org` },
        staffOf(org),
      );
      expect(set.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    resetClock();
    await Promise.all([sg?.close(), res?.close()]);
  });

  const viewerOf = (r: ModelReferral, actor: Actor) => staffOf(actor === 'sender' ? r.from : actor === 'receiver' ? r.to : bystanderOrg);
  // A referral is redirected to the other of the two services: never to its own.
  const elsewhere = (r: ModelReferral) => (r.service === target.id ? redirectTo : target);
  const codesFor = (r: ModelReferral, to: ReferralStatus) => ({
    decline: to === DECLINED ? 'NO_CAPACITY' : undefined,
    outcome: to === COMPLETED ? 'GOT_HELP' : to === FAILED ? 'COULD_NOT_CONTACT' : undefined,
    to: to === REDIRECTED ? elsewhere(r).id : undefined,
  });
  const expectedMove = (r: ModelReferral, actor: Actor, to: ReferralStatus, version: number): string => {
    if (actor === 'bystander') return 'NOT_FOUND';
    if (version !== r.version) return 'CONFLICT';
    const parties = [
      ...(r.from === viewerOf(r, actor).org ? ['sender' as const] : []),
      ...(r.to === viewerOf(r, actor).org ? ['receiver' as const] : []),
    ];
    if (allowedMoves(parties, r.status).includes(to)) return 'OK';
    return (['sender', 'receiver'] as const).some((p) => TRANSITIONS[p][r.status]?.includes(to)) ? 'FORBIDDEN' : 'CONFLICT';
  };
  const outcome = (x: { errors?: readonly any[] }) => (x.errors?.length ? String(x.errors[0].extensions?.code) : 'OK');

  async function apply(model: ModelReferral[], applied: (r: ModelReferral, to: ReferralStatus, data: any) => void, action: Action) {
    clock += 60_000; // every action a minute later: history order is the order of events
    const pick = (i: number) => model[i % model.length];
    switch (action.kind) {
      case 'create': {
        const phone = `+1 313 555 ${String(1000 + run * 3 + action.family).slice(-4)}`;
        const existing = model
          .filter((r) => r.family === action.family && r.from === senderOrg && open(r.status) && clock - r.createdAt <= 30 * 86_400_000)
          .sort((a, b) => b.createdAt - a.createdAt)[0];
        const input = {
          serviceId: target.id,
          imperative: 'K12',
          need: 'After-school tutoring.',
          zip: '48201',
          familyContact: { name: `Family ${action.family}`, phone, preferredChannel: 'SMS' },
          linkToExisting: action.link,
        };
        const out = await sg.exec(CREATE, { input }, staffOf(senderOrg));
        if (existing && !action.link) {
          expect(codesOf(out)).toEqual(['CONFLICT']);
          expect(out.errors![0].extensions!.existingReferralId).toBe(existing.id);
          return;
        }
        expect(out.errors).toBeUndefined();
        const made = out.data.createReferral;
        expect(made.linkedReferral?.id ?? null).toBe(existing?.id ?? null);
        model.push({
          id: made.id,
          from: senderOrg,
          to: target.organizationId,
          service: target.id,
          family: action.family,
          status: SENT,
          version: 1,
          responseDueAt: Date.parse(made.responseDueAt),
          createdAt: Date.parse(made.createdAt),
          comments: 0,
        });
        return;
      }
      case 'move': {
        if (!model.length) return;
        const r = pick(action.ref);
        const version = action.stale ? (r.version > 1 ? r.version - 1 : r.version + 1) : r.version;
        const expected = expectedMove(r, action.actor, action.to, version);
        const out = await sg.exec(MOVE, { id: r.id, status: action.to, v: version, ...codesFor(r, action.to) }, viewerOf(r, action.actor));
        expect({ action, got: outcome(out) }).toEqual({ action, got: expected });
        if (expected === 'CONFLICT' && version !== r.version) {
          expect(out.errors![0].extensions).toMatchObject({ currentStatus: r.status, currentVersion: r.version });
        }
        if (expected === 'OK') applied(r, action.to, out.data.updateReferralStatus);
        return;
      }
      case 'race': {
        if (!model.length) return;
        const r = pick(action.ref);
        const who = (to: ReferralStatus): Actor => (TRANSITIONS.sender[r.status]?.includes(to) ? 'sender' : 'receiver');
        const [a, b] = await Promise.all(
          [action.a, action.b].map((to) => sg.exec(MOVE, { id: r.id, status: to, v: r.version, ...codesFor(r, to) }, viewerOf(r, who(to)))),
        );
        const legal = [action.a, action.b].map((to) => expectedMove(r, who(to), to, r.version) === 'OK');
        const wins = [a, b].map((x) => outcome(x) === 'OK');
        // One version, one winner: never both, and exactly one when either move was allowed.
        expect(wins.filter(Boolean).length).toBe(legal.some(Boolean) ? 1 : 0);
        const i = wins.indexOf(true);
        if (i >= 0) {
          expect(legal[i]).toBe(true);
          applied(r, [action.a, action.b][i], [a, b][i].data!.updateReferralStatus);
        }
        return;
      }
      case 'comment': {
        if (!model.length) return;
        const r = pick(action.ref);
        const out = await sg.exec(
          `mutation($id: ID!) { addReferralComment(referralId: $id, body: "A note") { id } }`,
          { id: r.id },
          viewerOf(r, action.actor),
        );
        expect(outcome(out)).toBe(action.actor === 'bystander' ? 'NOT_FOUND' : 'OK');
        if (action.actor !== 'bystander') r.comments += 1;
        return;
      }
      case 'sweep': {
        clock += action.hours * 3_600_000;
        const out = await sg.exec('mutation { expireOverdueReferrals { expired } }', {}, admin);
        expect(out.errors).toBeUndefined();
        for (const r of model)
          if (r.status === SENT && r.responseDueAt <= clock) {
            r.status = EXPIRED;
            r.version += 1;
          }
        return;
      }
    }
  }

  /**
   * Every event is in the outbox exactly once per recipient and channel, and nothing else is:
   * the sending to the receiver; each change to the other organisation (the sweep's expiry to
   * both) and, for the changes a family hears of, one family row; each comment to the other side.
   */
  async function expectOutboxExactlyOnce(model: ModelReferral[]) {
    const em = sg.em();
    const ids = model.map((r) => r.id);
    const byId = new Map(model.map((r) => [r.id, r]));
    const changes = await em.find(ReferralStatusChange, { referral: { $in: ids } });
    const comments = await em.find(ReferralComment, { referral: { $in: ids } });
    const expected: string[] = [];
    const other = (r: ModelReferral, org: string | null) => (org === r.from ? [r.to] : org === r.to ? [r.from] : [r.from, r.to]);
    for (const c of changes) {
      const r = byId.get(c.referral.id)!;
      if (c.fromStatus === null) {
        expected.push(`sent:${r.id}|org:${r.to}|EMAIL`);
        continue;
      }
      for (const org of other(r, c.changedByOrganizationId ?? null)) expected.push(`change:${c.id}|org:${org}|EMAIL`);
      // Every referral here is about a family (a follow-on keeps the contact): SMS, so a SKIPPED row.
      if (FAMILY_STATUSES.has(c.toStatus)) expected.push(`change:${c.id}|family|SMS`);
    }
    for (const c of comments) {
      const r = byId.get(c.referral.id)!;
      for (const org of other(r, c.authorOrganizationId)) expected.push(`comment:${c.id}|org:${org}|EMAIL`);
    }
    const rows = await em.find(ReferralNotification, { referralId: { $in: ids } });
    expect(rows.map((n) => `${n.eventKey}|${n.recipientKey}|${n.channel}`).sort()).toEqual(expected.sort());
  }

  it('the coded lifecycle is the one the issue describes', () => {
    expect(CODED).toEqual(TRANSITIONS);
  });

  it('never leaves the lifecycle, records every change and notifies of it exactly once, and lets one of two concurrent moves win', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(actionArb, { minLength: 4, maxLength: 30 }), async (actions) => {
        run += 1;
        clock += 40 * 86_400_000; // each run starts after the previous one's duplicate window closed
        const model: ModelReferral[] = [];
        const changes = new Map<string, number>();
        const applied = (r: ModelReferral, to: ReferralStatus, data: any) => {
          expect(data).toMatchObject({ id: r.id, status: to, version: r.version + 1 });
          r.status = to;
          r.version += 1;
          changes.set(r.id, (changes.get(r.id) ?? 0) + 1);
          if (to === REDIRECTED) {
            expect(data.followOnReferral.linkedReferral).toEqual({ id: r.id });
            const followOn = data.followOnReferral.id as string;
            model.push({
              id: followOn,
              from: r.to,
              to: elsewhere(r).organizationId,
              service: elsewhere(r).id,
              family: null,
              status: SENT,
              version: 1,
              responseDueAt: Number.POSITIVE_INFINITY, // read below, from the follow-on itself
              createdAt: clock,
              comments: 0,
            });
          }
        };
        await apply(model, applied, { kind: 'create', family: 0, link: false });
        for (const action of actions) {
          await apply(model, applied, action);
          // A follow-on's deadline is the one it was given; learn it before a sweep can judge it.
          for (const r of model.filter((m) => m.responseDueAt === Number.POSITIVE_INFINITY)) {
            const got = await sg.exec(`query($id: ID!) { referral(id: $id) { responseDueAt } }`, { id: r.id }, staffOf(r.from));
            r.responseDueAt = Date.parse(got.data.referral.responseDueAt);
          }
        }
        for (const r of model) {
          const out = await sg.exec(HISTORY, { id: r.id }, staffOf(r.from));
          expect(out.errors).toBeUndefined();
          const stored = out.data.referral;
          expect({ id: r.id, status: stored.status, version: stored.version, comments: stored.comments.length }).toEqual({
            id: r.id,
            status: r.status,
            version: r.version,
            comments: r.comments,
          });
          const history: any[] = stored.history;
          // Every change, once: the sending and one row per move, chained, each one allowed.
          expect(history).toHaveLength(r.version);
          expect(history[0]).toMatchObject({ fromStatus: null, toStatus: SENT });
          for (let i = 1; i < history.length; i++) {
            const { fromStatus, toStatus, changedBy, changedByOrganization } = history[i];
            expect(fromStatus).toBe(history[i - 1].toStatus);
            if (toStatus === EXPIRED) {
              expect(fromStatus).toBe(SENT);
              expect(changedByOrganization).toBeNull();
            } else {
              const party = changedByOrganization?.id === r.to ? 'receiver' : changedByOrganization?.id === r.from ? 'sender' : null;
              expect({
                fromStatus,
                toStatus,
                party,
                allowed: party ? TRANSITIONS[party][fromStatus as ReferralStatus]?.includes(toStatus) : false,
              }).toEqual({
                fromStatus,
                toStatus,
                party,
                allowed: true,
              });
              expect(changedBy).toBe(staffOf(changedByOrganization.id).sub);
            }
          }
          expect(history[history.length - 1].toStatus).toBe(r.status);
        }
        await expectOutboxExactlyOnce(model);
      }),
      { numRuns: Number(process.env.C2C_PROPERTY_RUNS ?? 40), endOnFailure: true },
    );
  }, 300_000);
});
