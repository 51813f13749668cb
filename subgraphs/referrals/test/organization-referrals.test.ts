import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { busiest, codesOf, newestFirst, OTHER_ROLES, receivedBy, sentBy, staffOf, universe } from './fixtures';

const LISTS = `query($r: [_Any!]!, $first: Int, $after: String, $status: ReferralStatus) {
  _entities(representations: $r) {
    ... on Organization {
      id
      receivedReferrals(first: $first, after: $after, status: $status) { totalCount pageInfo { hasNextPage endCursor } edges { node { id status createdAt } } }
      sentReferrals(first: $first, status: $status) { totalCount edges { node { id fromOrganization { id } } } }
    }
  }
}`;

const org = (id: string) => [{ __typename: 'Organization', id }];

describe('referrals subgraph: an organisation’s received and sent referrals', () => {
  let sg: testing.TestSubgraph;
  const receiver = busiest('toOrganizationId');
  const sender = busiest('fromOrganizationId');
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(referrals, { seed: true });
  });
  afterAll(() => sg.close());

  it('gives its own staff every received referral, newest first, page by page', async () => {
    const expected = newestFirst(receivedBy(receiver)).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await sg.exec(LISTS, { r: org(receiver), first: 4, after }, staffOf(receiver));
      expect(res.errors).toBeUndefined();
      const list = res.data._entities[0].receivedReferrals;
      expect(list.totalCount).toBe(expected.length);
      seen.push(...list.edges.map((e: any) => e.node.id));
      if (!list.pageInfo.hasNextPage) break;
      after = list.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('gives its own staff the referrals it sent, and filters both lists by status', async () => {
    const res = await sg.exec(LISTS, { r: org(sender), first: 100 }, staffOf(sender));
    expect(res.errors).toBeUndefined();
    const sent = res.data._entities[0].sentReferrals;
    expect(sent.edges.map((e: any) => e.node.id)).toEqual(newestFirst(sentBy(sender)).map((r) => r.id));
    expect(sent.edges.every((e: any) => e.node.fromOrganization.id === sender)).toBe(true);

    const filtered = await sg.exec(LISTS, { r: org(receiver), first: 100, status: 'IN_PROGRESS' }, staffOf(receiver));
    expect(filtered.errors).toBeUndefined();
    const inProgress = receivedBy(receiver).filter((r) => r.status === 'IN_PROGRESS');
    expect(inProgress.length).toBeGreaterThan(0);
    expect(inProgress.length).toBeLessThan(receivedBy(receiver).length);
    expect(filtered.data._entities[0].receivedReferrals.totalCount).toBe(inProgress.length);
    expect(filtered.data._entities[0].receivedReferrals.edges.map((e: any) => e.node.status)).toEqual(inProgress.map(() => 'IN_PROGRESS'));
    expect(filtered.data._entities[0].sentReferrals.totalCount).toBe(sentBy(receiver).filter((r) => r.status === 'IN_PROGRESS').length);
  });

  it('refuses another organisation’s lists with FORBIDDEN on each field, keeping the rest of the answer', async () => {
    const other = universe.organizations.find((o) => o.id !== receiver && receivedBy(o.id).length > 0)!.id;
    const res = await sg.exec(LISTS, { r: org(receiver) }, staffOf(other));
    expect(res.data!._entities[0]).toEqual({ id: receiver, receivedReferrals: null, sentReferrals: null });
    expect(res.errors?.map((e) => [e.extensions?.code, e.path?.join('.')]).sort()).toEqual([
      ['FORBIDDEN', '_entities.0.receivedReferrals'],
      ['FORBIDDEN', '_entities.0.sentReferrals'],
    ]);
  });

  it.each(OTHER_ROLES)('refuses the lists to %s, even naming the organisation', async (role) => {
    const res = await sg.exec(LISTS, { r: org(receiver) }, testing.viewerFor(role, receiver));
    expect(res.data!._entities[0]).toEqual({ id: receiver, receivedReferrals: null, sentReferrals: null });
    expect(codesOf(res)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('asks anonymous callers to authenticate', async () => {
    const res = await sg.exec(LISTS, { r: org(receiver) });
    expect(res.data!._entities[0].receivedReferrals).toBeNull();
    expect(codesOf(res)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  it('rejects a page size out of range, naming `first`', async () => {
    const res = await sg.exec(LISTS, { r: org(receiver), first: 0 }, staffOf(receiver));
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(res.data!._entities[0].receivedReferrals).toBeNull();
  });
});
