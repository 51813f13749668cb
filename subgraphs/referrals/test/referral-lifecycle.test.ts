import { type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { Referral } from '../src/referral.entity';
import { transitionError } from '../src/referral-lifecycle.logic';
import { ReferralStatusChange } from '../src/referral-status-change.entity';
import { ReferralStatus, TASK_STATUS } from '../src/referral-status.enum';
import { bystanderOf, codesOf, OTHER_ROLES, referralPool, staffOf, type DemoReferral } from './fixtures';

const UPDATE = `mutation($id: ID!, $status: ReferralStatus!, $v: Int!, $note: String, $declineReason: DeclineReason, $outcome: ReferralOutcome) {
  updateReferralStatus(id: $id, status: $status, expectedVersion: $v, note: $note, declineReason: $declineReason, outcome: $outcome) {
    id status taskStatus statusReason version declineReason outcome outcomeNote
    history { fromStatus toStatus changedBy changedByOrganization { id } code note changedAt }
  }
}`;

const S = ReferralStatus;
// The lifecycle as the issue states it, written out independently of the implementation's table.
const LEGAL: [party: 'receiver' | 'sender', from: ReferralStatus, to: ReferralStatus][] = [
  ['receiver', S.SENT, S.ACCEPTED],
  ['receiver', S.SENT, S.DECLINED],
  ['receiver', S.SENT, S.REDIRECTED],
  ['receiver', S.ACCEPTED, S.WAITLISTED],
  ['receiver', S.ACCEPTED, S.IN_PROGRESS],
  ['receiver', S.WAITLISTED, S.IN_PROGRESS],
  ['receiver', S.IN_PROGRESS, S.COMPLETED],
  ['receiver', S.IN_PROGRESS, S.FAILED],
  ['sender', S.SENT, S.WITHDRAWN],
  ['sender', S.ACCEPTED, S.WITHDRAWN],
  ['sender', S.WAITLISTED, S.WITHDRAWN],
  ['sender', S.IN_PROGRESS, S.WITHDRAWN],
];

/** What a move needs besides the status. */
const codesFor = (to: ReferralStatus) =>
  to === S.DECLINED ? { declineReason: 'NO_CAPACITY' } : to === S.COMPLETED || to === S.FAILED ? { outcome: 'GOT_HELP' } : {};

describe('referral lifecycle: the transition table and HL7 mapping', () => {
  const all = Object.values(ReferralStatus);
  it('allows exactly the listed moves, each only to its own side, naming the allowed ones', () => {
    for (const party of ['receiver', 'sender'] as const) {
      for (const from of all) {
        for (const to of all) {
          const legal = LEGAL.some(([p, f, t]) => p === party && f === from && t === to);
          const legalForOther = LEGAL.some(([p, f, t]) => p !== party && f === from && t === to);
          const err = transitionError([party], from, to);
          const expected = legal ? undefined : legalForOther ? 'FORBIDDEN' : 'CONFLICT';
          expect([party, from, to, err?.extensions.code]).toEqual([party, from, to, expected]);
          if (err) {
            expect(err.extensions.currentStatus).toBe(from);
            expect(err.extensions.allowedStatuses).toEqual(LEGAL.filter(([p, f]) => p === party && f === from).map(([, , t]) => t));
          }
        }
      }
    }
  });

  it('maps every status to an HL7 Task status code', () => {
    expect(TASK_STATUS).toEqual({
      SENT: 'requested',
      ACCEPTED: 'accepted',
      DECLINED: 'rejected',
      REDIRECTED: 'rejected',
      WAITLISTED: 'on-hold',
      IN_PROGRESS: 'in-progress',
      COMPLETED: 'completed',
      FAILED: 'failed',
      WITHDRAWN: 'cancelled',
      EXPIRED: 'cancelled',
    });
  });
});

describe('referrals subgraph: updateReferralStatus', () => {
  let sg: testing.TestSubgraph;
  const take = referralPool();
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(referrals, { seed: true });
  });
  afterAll(() => sg.close());

  const update = (viewer: Viewer, id: string, status: string, v: number, extra: Record<string, unknown> = {}) =>
    sg.exec(UPDATE, { id, status, v, ...extra }, viewer);
  const receiverOf = (r: DemoReferral) => staffOf(r.toOrganizationId);
  const senderOf = (r: DemoReferral) => staffOf(r.fromOrganizationId);

  async function stored(id: string) {
    const em = sg.em();
    const referral = await em.findOneOrFail(Referral, { id });
    const history = await em.find(ReferralStatusChange, { referral: id }, { orderBy: { changedAt: 'asc', id: 'asc' } });
    return { referral, history };
  }

  async function expectUnchanged(id: string, before: Awaited<ReturnType<typeof stored>>) {
    const after = await stored(id);
    expect([after.referral.status, after.referral.version]).toEqual([before.referral.status, before.referral.version]);
    expect(after.history.map((h) => h.id)).toEqual(before.history.map((h) => h.id));
  }

  it('takes a referral through accept, waitlist, start and complete, recording each step with its code', async () => {
    const r = take('SENT');
    const viewer = receiverOf(r);
    const steps: [string, Record<string, unknown>][] = [
      ['ACCEPTED', { note: '  We can see the family next week.  ' }],
      ['WAITLISTED', {}],
      ['IN_PROGRESS', {}],
      ['COMPLETED', { outcome: 'GOT_HELP', note: 'Enrolled in the homework club.' }],
    ];
    let version = 1;
    let last: any;
    for (const [status, extra] of steps) {
      const res = await update(viewer, r.id, status, version, extra);
      expect(res.errors).toBeUndefined();
      last = res.data.updateReferralStatus;
      expect(last.version).toBe(++version);
      expect(last.taskStatus).toBe(TASK_STATUS[status as ReferralStatus]);
    }
    expect(last).toMatchObject({ status: 'COMPLETED', outcome: 'GOT_HELP', outcomeNote: 'Enrolled in the homework club.' });
    expect(last.history.map((h: any) => [h.fromStatus, h.toStatus, h.code, h.changedByOrganization?.id])).toEqual([
      [null, 'SENT', null, r.fromOrganizationId],
      ['SENT', 'ACCEPTED', null, r.toOrganizationId],
      ['ACCEPTED', 'WAITLISTED', null, r.toOrganizationId],
      ['WAITLISTED', 'IN_PROGRESS', null, r.toOrganizationId],
      ['IN_PROGRESS', 'COMPLETED', 'GOT_HELP', r.toOrganizationId],
    ]);
    expect(last.history[1].note).toBe('We can see the family next week.');
  });

  it.each(LEGAL.filter(([, f]) => f === S.SENT))('lets the %s move SENT to %s', async (party, _from, to) => {
    if (to === S.REDIRECTED) return; // needs the resources service: referral-create.test.ts
    const r = take('SENT');
    const res = await update(party === 'receiver' ? receiverOf(r) : senderOf(r), r.id, to, 1, codesFor(to));
    expect(res.errors).toBeUndefined();
    expect(res.data.updateReferralStatus).toMatchObject({ status: to, version: 2 });
    if (to === S.DECLINED) expect(res.data.updateReferralStatus.declineReason).toBe('NO_CAPACITY');
  });

  it('records a failure with its outcome apart from the status', async () => {
    const r = take('IN_PROGRESS');
    const res = await update(receiverOf(r), r.id, 'FAILED', 1, { outcome: 'COULD_NOT_CONTACT', note: 'Three calls, no answer.' });
    expect(res.data.updateReferralStatus).toMatchObject({ status: 'FAILED', outcome: 'COULD_NOT_CONTACT', taskStatus: 'failed' });
  });

  it.each([S.ACCEPTED, S.IN_PROGRESS])('lets the sender withdraw a %s referral', async (from) => {
    const r = take(from as any);
    const res = await update(senderOf(r), r.id, 'WITHDRAWN', 1);
    expect(res.data.updateReferralStatus).toMatchObject({ status: 'WITHDRAWN', taskStatus: 'cancelled' });
  });

  it.each([
    ['receiver', 'SENT', 'COMPLETED'],
    ['receiver', 'SENT', 'IN_PROGRESS'],
    ['receiver', 'ACCEPTED', 'COMPLETED'],
    ['receiver', 'COMPLETED', 'ACCEPTED'],
    ['receiver', 'DECLINED', 'ACCEPTED'],
    ['sender', 'DECLINED', 'WITHDRAWN'],
    ['sender', 'WITHDRAWN', 'WITHDRAWN'],
    ['receiver', 'SENT', 'EXPIRED'],
  ])('refuses the %s moving %s to %s with CONFLICT naming the allowed moves, writing nothing', async (party, from, to) => {
    const r = take(from as any);
    const before = await stored(r.id);
    const res = await update(party === 'receiver' ? receiverOf(r) : senderOf(r), r.id, to, 1, codesFor(to as ReferralStatus));
    expect(codesOf(res)).toEqual(['CONFLICT']);
    expect(res.errors![0].extensions).toMatchObject({ currentStatus: from, allowedStatuses: expect.any(Array) });
    await expectUnchanged(r.id, before);
  });

  it('refuses the sender a receiver’s move (FORBIDDEN), writing nothing', async () => {
    const r = take('SENT');
    const before = await stored(r.id);
    expect(codesOf(await update(senderOf(r), r.id, 'ACCEPTED', 1))).toEqual(['FORBIDDEN']);
    await expectUnchanged(r.id, before);
  });

  it.each([
    ['DECLINED', {}, 'declineReason'],
    ['ACCEPTED', { declineReason: 'NO_CAPACITY' }, 'declineReason'],
    ['ACCEPTED', { outcome: 'GOT_HELP' }, 'outcome'],
    ['REDIRECTED', {}, 'redirectServiceId'],
    ['ACCEPTED', { note: 'x'.repeat(2001) }, 'note'],
  ])('refuses %s with %j naming %s, writing nothing', async (to, extra, field) => {
    const r = take('SENT');
    const before = await stored(r.id);
    const res = await update(receiverOf(r), r.id, to, 1, extra);
    expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.field).toBe(field);
    await expectUnchanged(r.id, before);
  });

  it('refuses a stale expectedVersion with the current status and version', async () => {
    const r = take('SENT');
    expect((await update(receiverOf(r), r.id, 'ACCEPTED', 1)).errors).toBeUndefined();
    const before = await stored(r.id);
    const stale = await update(receiverOf(r), r.id, 'IN_PROGRESS', 1);
    expect(codesOf(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ currentStatus: 'ACCEPTED', currentVersion: 2 });
    await expectUnchanged(r.id, before);
  });

  it('lets exactly one of two concurrent moves with the same expectedVersion win', async () => {
    const r = take('SENT');
    const [a, b] = await Promise.all([
      update(receiverOf(r), r.id, 'ACCEPTED', 1),
      update(receiverOf(r), r.id, 'DECLINED', 1, { declineReason: 'NO_CAPACITY' }),
    ]);
    const outcomes = [a, b].map((x) => (x.errors ? x.errors[0].extensions!.code : 'OK')).sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const { referral, history } = await stored(r.id);
    expect(referral.version).toBe(2);
    expect(history).toHaveLength(2);
  });

  it('tells staff of an organisation on neither side NOT_FOUND, as for an unknown id, writing nothing', async () => {
    const r = take('SENT');
    const before = await stored(r.id);
    const res = await update(staffOf(bystanderOf(r)), r.id, 'ACCEPTED', 1);
    const unknown = await update(receiverOf(r), '00000000-0000-4000-8000-000000000000', 'ACCEPTED', 1);
    expect(codesOf(res)).toEqual(['NOT_FOUND']);
    expect(res.errors![0].message.replace(r.id, 'X')).toBe(unknown.errors![0].message.replace('00000000-0000-4000-8000-000000000000', 'X'));
    await expectUnchanged(r.id, before);
  });

  it.each(OTHER_ROLES)('refuses %s, even with the receiving organisation in its token', async (role) => {
    const r = take('SENT');
    const res = await update(testing.viewerFor(role, r.toOrganizationId), r.id, 'ACCEPTED', 1);
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
  });

  it('asks anonymous callers to authenticate', async () => {
    const r = take('SENT');
    expect(codesOf(await update(testing.ANONYMOUS, r.id, 'ACCEPTED', 1))).toEqual(['UNAUTHENTICATED']);
  });
});
