import { allow, buildSubgraph, createLogger, Loaders, type HubContext, type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { referrals } from '@c2c/referrals';
import { graphql, type GraphQLSchema } from 'graphql';
import { busiest, receivedBy, sentBy, staffOf, universe } from './fixtures';

const LISTS = `query($r: [_Any!]!) {
  _entities(representations: $r) {
    ... on Organization {
      id
      receivedReferrals(first: 100) { totalCount edges { node { id history { toStatus changedAt } } } }
      sentReferrals(first: 100) { totalCount edges { node { id history { toStatus } } } }
    }
  }
}`;

// Organisations that both received and sent referrals, busiest first: every list and every history is non-empty.
const orgs = universe.organizations
  .map((o) => o.id)
  .filter((id) => receivedBy(id).length > 0 && sentBy(id).length > 0)
  .sort((a, b) => receivedBy(b).length - receivedBy(a).length || a.localeCompare(b))
  .slice(0, 10);
const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Organization', id }));
const historyLength = (id: string) => (universe.referrals.find((r) => r.id === id)!.status === 'SENT' ? 1 : 2);

describe('referrals subgraph: SQL statements per request', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(referrals, { seed: true });
  });
  afterAll(() => sg.close());

  async function counted(run: () => Promise<any>) {
    sg.statements.reset();
    const res = await run();
    return { res, count: sg.statements.count, statements: sg.statements.statements };
  }

  it('needs ten organisations that received and sent referrals', () => {
    expect(orgs).toHaveLength(10);
  });

  it('resolves many organisations’ lists and histories in a constant number of statements', async () => {
    // A viewer may read one organisation's lists only; relaxing the rules for this test shows
    // what the resolvers alone cost when one request reaches many organisations.
    const { schema } = await buildSubgraph({ ...referrals, rules: { ...referrals.rules, Organization: allow, Referral: allow } });
    const run = (ids: string[]) => () => execOn(schema, sg, reps(ids), staffOf(ids[0]));

    const two = await counted(run(orgs.slice(0, 2)));
    const ten = await counted(run(orgs));
    expect(ten.res.errors).toBeUndefined();
    // One statement for both lists of every organisation, one for every history.
    expect(two.count).toBe(2);
    expect(ten.count).toBe(2);
    expect(ten.statements[1]).toMatch(/from [`"]referral_status_change[`"]/);

    for (const [i, id] of orgs.entries()) {
      const org = ten.res.data._entities[i];
      expect(org.id).toBe(id);
      expect(org.receivedReferrals.totalCount).toBe(receivedBy(id).length);
      expect(org.sentReferrals.totalCount).toBe(sentBy(id).length);
      for (const { node } of [...org.receivedReferrals.edges, ...org.sentReferrals.edges]) {
        expect(node.history).toHaveLength(historyLength(node.id));
        expect(node.history[0].toStatus).toBe('SENT');
      }
    }
  });

  it('costs the same with the real rules for 2 or 10 organisations: only the viewer’s own are read', async () => {
    const viewer = staffOf(orgs[0]);
    const two = await counted(() => sg.exec(LISTS, { r: reps(orgs.slice(0, 2)) }, viewer));
    const ten = await counted(() => sg.exec(LISTS, { r: reps(orgs) }, viewer));
    expect(two.count).toBe(2);
    expect(ten.count).toBe(2);
    const own = ten.res.data._entities[0];
    expect(own.receivedReferrals.totalCount).toBe(receivedBy(orgs[0]).length);
    expect(own.receivedReferrals.edges.flatMap((e: any) => e.node.history)).toHaveLength(
      receivedBy(orgs[0]).reduce((n, r) => n + historyLength(r.id), 0),
    );
    expect(ten.res.data._entities.slice(1).every((o: any) => o.receivedReferrals === null && o.sentReferrals === null)).toBe(true);
    expect(ten.res.errors).toHaveLength(18);
    expect(new Set(ten.res.errors.map((e: any) => e.extensions.code))).toEqual(new Set(['FORBIDDEN']));
  });

  it('reads many referrals with their histories in two statements', async () => {
    const receiver = busiest('toOrganizationId');
    const many = receivedBy(receiver).map((r) => r.id);
    const viewer = staffOf(receiver);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { id history { toStatus } } } }`;
    const few = await counted(() => sg.exec(query, { r: many.slice(0, 2).map((id) => ({ __typename: 'Referral', id })) }, viewer));
    const all = await counted(() => sg.exec(query, { r: many.map((id) => ({ __typename: 'Referral', id })) }, viewer));
    expect(many.length).toBeGreaterThan(10);
    expect(all.res.errors).toBeUndefined();
    expect(all.res.data._entities.map((e: any) => e.id)).toEqual(many);
    expect(few.count).toBe(2);
    expect(all.count).toBe(2);
  });

  it('lists a page of referrals with histories, comments and links in the same few statements for 2 rows or 50', async () => {
    const receiver = busiest('toOrganizationId');
    const viewer = staffOf(receiver);
    const page = (first: number) =>
      counted(() =>
        sg.exec(
          `query($first: Int!) { referrals(direction: RECEIVED, first: $first) { totalCount edges { node {
            id history { toStatus } comments { body } linkedReferral { id } followOnReferral { id } } } } }`,
          { first },
          viewer,
        ),
      );
    const two = await page(2);
    const fifty = await page(50);
    expect(fifty.res.errors).toBeUndefined();
    expect(fifty.res.data.referrals.edges).toHaveLength(Math.min(50, receivedBy(receiver).length));
    expect(fifty.res.data.referrals.edges.length).toBeGreaterThan(10);
    // count, page, then one statement each for histories, comments, linked and follow-on referrals.
    expect(fifty.count).toBe(two.count);
    expect(fifty.count).toBeLessThanOrEqual(6);
  });

  it('lists the black-hole list with its referrals in a constant number of statements', async () => {
    const receiver = busiest('toOrganizationId');
    const list = (first: number) =>
      counted(() =>
        sg.exec(
          `query($first: Int!) { overdueReferrals(first: $first) { totalCount edges { node { id referral { id history { toStatus } } } } } }`,
          { first },
          staffOf(receiver),
        ),
      );
    const one = await list(1);
    const many = await list(100);
    expect(many.res.errors).toBeUndefined();
    expect(many.res.data.overdueReferrals.edges.length).toBeGreaterThan(1);
    expect(many.count).toBe(one.count);
  });
});

async function execOn(schema: GraphQLSchema, sg: testing.TestSubgraph, r: unknown[], viewer: Viewer) {
  const contextValue: HubContext = {
    em: sg.em(),
    viewer,
    loaders: new Loaders(),
    requestId: 'batching',
    log: createLogger('test', 'silent'),
    after: [],
  };
  return graphql({ schema, source: LISTS, variableValues: { r }, contextValue });
}
