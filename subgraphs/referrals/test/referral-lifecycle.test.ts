import { LockMode } from '@mikro-orm/core';
import { type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { Referral } from '../src/referral.entity';
import { transitionError } from '../src/referral-lifecycle.logic';
import { ReferralStatusChange } from '../src/referral-status-change.entity';
import { ReferralStatus } from '../src/referral-status.enum';
import { bystanderOf, codesOf, OTHER_ROLES, referralPool, staffOf, type DemoReferral } from './fixtures';

const UPDATE = `mutation($id: ID!, $status: ReferralStatus!, $note: String) {
  updateReferralStatus(id: $id, status: $status, note: $note) {
    id status statusReason updatedAt
    history { fromStatus toStatus changedBy changedByOrganization { id } note changedAt }
  }
}`;

// The lifecycle as the issue states it, written out independently of the implementation's table.
const LEGAL: [party: 'receiver' | 'sender', from: ReferralStatus, to: ReferralStatus][] = [
  ['receiver', ReferralStatus.SENT, ReferralStatus.ACCEPTED],
  ['receiver', ReferralStatus.SENT, ReferralStatus.DECLINED],
  ['receiver', ReferralStatus.SENT, ReferralStatus.REDIRECTED],
  ['receiver', ReferralStatus.ACCEPTED, ReferralStatus.IN_PROGRESS],
  ['receiver', ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED],
  ['receiver', ReferralStatus.IN_PROGRESS, ReferralStatus.COMPLETED],
  ['receiver', ReferralStatus.ACCEPTED, ReferralStatus.DECLINED],
  ['receiver', ReferralStatus.IN_PROGRESS, ReferralStatus.DECLINED],
  ['sender', ReferralStatus.SENT, ReferralStatus.WITHDRAWN],
  ['sender', ReferralStatus.ACCEPTED, ReferralStatus.WITHDRAWN],
  ['sender', ReferralStatus.IN_PROGRESS, ReferralStatus.WITHDRAWN],
];

describe('referral lifecycle: the transition table', () => {
  const all = Object.values(ReferralStatus);
  it('allows exactly the listed moves, each only to its own side', () => {
    for (const party of ['receiver', 'sender'] as const) {
      for (const from of all) {
        for (const to of all) {
          const legal = LEGAL.some(([p, f, t]) => p === party && f === from && t === to);
          const legalForOther = LEGAL.some(([p, f, t]) => p !== party && f === from && t === to);
          const err = transitionError([party], from, to);
          const expected = legal ? undefined : legalForOther ? 'FORBIDDEN' : 'CONFLICT';
          expect([party, from, to, err?.extensions.code]).toEqual([party, from, to, expected]);
          if (expected === 'CONFLICT') expect(err!.extensions.currentStatus).toBe(from);
        }
      }
    }
  });
});

describe('referrals subgraph: updateReferralStatus', () => {
  let sg: testing.TestSubgraph;
  const take = referralPool();
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(referrals, { seed: true });
  });
  afterAll(() => sg.close());

  const update = (viewer: Viewer, id: string, status: ReferralStatus | string, note?: string) =>
    sg.exec(UPDATE, { id, status, note }, viewer);
  const receiverOf = (r: DemoReferral) => staffOf(r.toOrganizationId);
  const senderOf = (r: DemoReferral) => staffOf(r.fromOrganizationId);

  /** What is in the database, read on a fresh EntityManager: status and history rows, oldest first. */
  async function stored(id: string) {
    const em = sg.em();
    const referral = await em.findOneOrFail(Referral, { id });
    const history = await em.find(ReferralStatusChange, { referral: id }, { orderBy: { changedAt: 'asc', id: 'asc' } });
    return { status: referral.status, statusReason: referral.statusReason, updatedAt: referral.updatedAt, history };
  }

  /** A refused change leaves the row and its history exactly as they were. */
  async function expectUnchanged(r: DemoReferral, before: Awaited<ReturnType<typeof stored>>) {
    const after = await stored(r.id);
    expect(after.status).toBe(before.status);
    expect(after.history.map((h) => h.id)).toEqual(before.history.map((h) => h.id));
  }

  it('takes a referral through accept, start and complete for the receiving organisation, recording each step', async () => {
    const r = take('SENT');
    const viewer = receiverOf(r);
    const started = Date.now();
    const accepted = await update(viewer, r.id, 'ACCEPTED', '  We can see the family next week.  ');
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.updateReferralStatus).toMatchObject({
      id: r.id,
      status: 'ACCEPTED',
      statusReason: 'We can see the family next week.',
    });
    expect(await update(viewer, r.id, 'IN_PROGRESS')).toMatchObject({
      data: { updateReferralStatus: { status: 'IN_PROGRESS', statusReason: null } },
    });
    const done = await update(viewer, r.id, 'COMPLETED', 'Enrolled in the homework club.');
    expect(done.errors).toBeUndefined();
    const result = done.data.updateReferralStatus;
    expect(result).toMatchObject({ status: 'COMPLETED', statusReason: 'Enrolled in the homework club.' });
    const who = { changedBy: viewer.sub, changedByOrganization: { id: r.toOrganizationId } };
    expect(result.history).toEqual([
      {
        fromStatus: null,
        toStatus: 'SENT',
        changedBy: 'demo-seed',
        changedByOrganization: { id: r.fromOrganizationId },
        note: null,
        changedAt: r.createdAt,
      },
      { fromStatus: 'SENT', toStatus: 'ACCEPTED', ...who, note: 'We can see the family next week.', changedAt: expect.any(String) },
      { fromStatus: 'ACCEPTED', toStatus: 'IN_PROGRESS', ...who, note: null, changedAt: expect.any(String) },
      { fromStatus: 'IN_PROGRESS', toStatus: 'COMPLETED', ...who, note: 'Enrolled in the homework club.', changedAt: result.updatedAt },
    ]);
    for (const h of result.history.slice(1)) expect(Date.parse(h.changedAt)).toBeGreaterThanOrEqual(started - 1000);

    const db = await stored(r.id);
    expect(db.status).toBe(ReferralStatus.COMPLETED);
    expect(db.updatedAt.toISOString()).toBe(result.updatedAt);
    expect(db.history.map((h) => [h.toStatus, h.changedBy, h.changedByOrganizationId])).toEqual([
      ['SENT', 'demo-seed', r.fromOrganizationId],
      ['ACCEPTED', viewer.sub, r.toOrganizationId],
      ['IN_PROGRESS', viewer.sub, r.toOrganizationId],
      ['COMPLETED', viewer.sub, r.toOrganizationId],
    ]);
  });

  it.each([
    ['SENT', 'DECLINED', 'We do not serve this age group.'],
    ['SENT', 'REDIRECTED', 'Better served by the east-side pantry.'],
    ['ACCEPTED', 'COMPLETED', undefined],
    ['ACCEPTED', 'DECLINED', 'Family moved out of our area.'],
    ['IN_PROGRESS', 'DECLINED', 'Family stopped attending.'],
  ] as const)('lets the receiving organisation move %s to %s', async (from, to, note) => {
    const r = take(from);
    const res = await update(receiverOf(r), r.id, to, note);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateReferralStatus).toMatchObject({ status: to, statusReason: note ?? null });
    const db = await stored(r.id);
    expect(db.status).toBe(to);
    expect(db.history.at(-1)).toMatchObject({
      fromStatus: from,
      toStatus: to,
      note: note ?? null,
      changedByOrganizationId: r.toOrganizationId,
    });
  });

  it.each(['SENT', 'ACCEPTED', 'IN_PROGRESS'] as const)('lets the referring organisation withdraw a %s referral', async (from) => {
    const r = take(from);
    const viewer = senderOf(r);
    const res = await update(viewer, r.id, 'WITHDRAWN', 'Family found a closer provider.');
    expect(res.errors).toBeUndefined();
    expect(res.data.updateReferralStatus.status).toBe('WITHDRAWN');
    const db = await stored(r.id);
    expect(db.status).toBe(ReferralStatus.WITHDRAWN);
    expect(db.history.at(-1)).toMatchObject({
      fromStatus: from,
      toStatus: 'WITHDRAWN',
      changedBy: viewer.sub,
      changedByOrganizationId: r.fromOrganizationId,
    });
  });

  it.each([
    ['receiver', 'SENT', 'COMPLETED'],
    ['receiver', 'SENT', 'SENT'],
    ['receiver', 'ACCEPTED', 'EXPIRED'],
    ['receiver', 'COMPLETED', 'ACCEPTED'],
    ['receiver', 'DECLINED', 'ACCEPTED'],
    ['sender', 'DECLINED', 'WITHDRAWN'],
    ['sender', 'WITHDRAWN', 'WITHDRAWN'],
  ] as const)('answers CONFLICT with the current status when the %s moves %s to %s', async (side, from, to) => {
    const r = take(from);
    const before = await stored(r.id);
    const res = await update(side === 'receiver' ? receiverOf(r) : senderOf(r), r.id, to, 'a note');
    expect(res.data).toEqual({ updateReferralStatus: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: from, requestedStatus: to });
    await expectUnchanged(r, before);
  });

  it.each([
    ['referring', 'SENT', 'ACCEPTED'],
    ['referring', 'ACCEPTED', 'COMPLETED'],
    ['referring', 'SENT', 'DECLINED'],
    ['receiving', 'SENT', 'WITHDRAWN'],
  ] as const)('refuses the %s organisation a move that belongs to the other one (%s to %s)', async (side, from, to) => {
    const r = take(from);
    const before = await stored(r.id);
    const res = await update(side === 'referring' ? senderOf(r) : receiverOf(r), r.id, to, 'a note');
    expect(res.data).toEqual({ updateReferralStatus: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', currentStatus: from });
    await expectUnchanged(r, before);
  });

  it('requires a reason to decline, naming `note`', async () => {
    const r = take('SENT');
    const before = await stored(r.id);
    for (const note of [undefined, '   ']) {
      const res = await update(receiverOf(r), r.id, 'DECLINED', note);
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    }
    await expectUnchanged(r, before);
  });

  it('takes a note of 2000 characters and refuses one of 2001, naming `note`', async () => {
    const r = take('SENT');
    const before = await stored(r.id);
    const tooLong = await update(receiverOf(r), r.id, 'ACCEPTED', 'x'.repeat(2001));
    expect(tooLong.data).toEqual({ updateReferralStatus: null });
    expect(tooLong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    await expectUnchanged(r, before);
    const longest = await update(receiverOf(r), r.id, 'ACCEPTED', 'y'.repeat(2000));
    expect(longest.errors).toBeUndefined();
    expect((await stored(r.id)).history.at(-1)!.note).toHaveLength(2000);
  });

  it('tells staff of an organisation on neither side NOT_FOUND, as for an unknown id, writing nothing', async () => {
    const r = take('SENT');
    const before = await stored(r.id);
    const unknown = await update(staffOf(bystanderOf(r)), '00000000-0000-4000-8000-000000000000', 'ACCEPTED');
    for (const status of ['ACCEPTED', 'WITHDRAWN']) {
      const res = await update(staffOf(bystanderOf(r)), r.id, status);
      expect(res.data).toEqual({ updateReferralStatus: null });
      expect(codesOf(res)).toEqual(['NOT_FOUND']);
      // Word for word the answer for a referral that does not exist, but for the id itself.
      expect(res.errors![0].message.replace(r.id, 'ID')).toBe(
        unknown.errors![0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'),
      );
    }
    await expectUnchanged(r, before);
  });

  it.each(OTHER_ROLES)('refuses %s, even with the receiving organisation in its token', async (role) => {
    const r = take('SENT');
    const before = await stored(r.id);
    const res = await update(testing.viewerFor(role, r.toOrganizationId), r.id, 'ACCEPTED');
    expect(res.data).toEqual({ updateReferralStatus: null });
    expect(codesOf(res)).toEqual(['FORBIDDEN']);
    await expectUnchanged(r, before);
  });

  it('asks anonymous callers to authenticate, and answers NOT_FOUND for an unknown referral', async () => {
    const r = take('SENT');
    expect(codesOf(await sg.exec(UPDATE, { id: r.id, status: 'ACCEPTED' }))).toEqual(['UNAUTHENTICATED']);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const res = await update(receiverOf(r), id, 'ACCEPTED');
      expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', id });
    }
    expect((await stored(r.id)).status).toBe(ReferralStatus.SENT);
  });

  it('waits for a change in flight and then judges the move against its result', async () => {
    const r = take('SENT');
    // Another request's transaction accepts the referral and holds the row while we ask to redirect it.
    const other = sg.em();
    await other.begin();
    const row = await other.findOneOrFail(Referral, { id: r.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    row.status = ReferralStatus.ACCEPTED;
    await other.flush();
    const pending = update(receiverOf(r), r.id, 'REDIRECTED', 'Closer to home.');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await other.commit();
    const res = await pending;
    // Judged against the old SENT it would pass, and overwrite the acceptance.
    expect(res.data).toEqual({ updateReferralStatus: null });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'ACCEPTED', requestedStatus: 'REDIRECTED' });
    const db = await stored(r.id);
    expect(db.status).toBe(ReferralStatus.ACCEPTED);
    expect(db.history.map((h) => h.toStatus)).toEqual(['SENT']);
  });
});
