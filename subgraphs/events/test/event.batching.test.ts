import * as testing from '@c2c/testing';
import { events } from '@c2c/events';
import { eventsOfOrganization } from '../src/event.loaders';
import { contextFor, hostOrganizations, owner, ownerStaff, seededEventsOf } from './support';

describe('events subgraph: paging, batching and schema', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(events, { seed: true });
  });
  afterAll(() => sg.close());

  const ownerEvents = seededEventsOf(owner.id);

  it('pages the organisation’s events most recent first, with cursors that continue without overlap', async () => {
    const page = `query($after: String) { events(first: 4, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id date } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await sg.exec(page, { after }, ownerStaff);
      expect(res.errors).toBeUndefined();
      const conn = res.data.events;
      expect(conn.totalCount).toBe(ownerEvents.length);
      expect(conn.pageInfo.hasPreviousPage).toBe(i > 0);
      seen.push(...conn.edges.map((e: any) => e.node.id));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(ownerEvents.map((e) => e.id));
    const dates = ownerEvents.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('filters by an inclusive date window', async () => {
    const from = ownerEvents[ownerEvents.length - 2].date;
    const to = ownerEvents[1].date;
    const res = await sg.exec(
      `query($from: String, $to: String) { events(from: $from, to: $to, first: 100) { totalCount edges { node { id } } } }`,
      { from, to },
      ownerStaff,
    );
    expect(res.errors).toBeUndefined();
    const expected = ownerEvents.filter((e) => e.date >= from && e.date <= to).map((e) => e.id);
    expect(expected.length).toBeLessThan(ownerEvents.length);
    expect(res.data!.events.edges.map((e: any) => e.node.id)).toEqual(expected);
  });

  it.each([
    [{ from: '2026-02-30' }, 'from'],
    [{ to: 'yesterday' }, 'to'],
    [{ from: '2026-05-01', to: '2026-04-30' }, 'to'],
    [{ first: 101 }, 'first'],
    [{ after: 'bm90LWEtY3Vyc29y' }, 'after'],
  ])('rejects %j with BAD_USER_INPUT before any SQL', async (args, field) => {
    sg.statements.reset();
    const res = await sg.exec(
      `query($from: String, $to: String, $first: Int, $after: String) { events(from: $from, to: $to, first: $first, after: $after) { totalCount } }`,
      args,
      ownerStaff,
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(sg.statements.count).toBe(0);
  });

  it('loads the events of many organisations and windows in one SQL statement', async () => {
    const orgs = hostOrganizations.slice(0, 10);
    expect(orgs).toHaveLength(10);
    const ctx = contextFor(sg.em(), ownerStaff);
    sg.statements.reset();
    const [all, windowed] = await Promise.all([
      Promise.all(orgs.map((o) => eventsOfOrganization(ctx, o.id, {}))),
      Promise.all(orgs.map((o) => eventsOfOrganization(ctx, o.id, { from: '2026-04-01', to: '2026-06-30' }))),
    ]);
    expect(sg.statements.count).toBe(1);
    orgs.forEach((o, i) => {
      const expected = seededEventsOf(o.id);
      expect(all[i].map((e) => e.id)).toEqual(expected.map((e) => e.id));
      expect(windowed[i].map((e) => e.id)).toEqual(
        expected.filter((e) => e.date >= '2026-04-01' && e.date <= '2026-06-30').map((e) => e.id),
      );
    });
  });

  it('answers _entities for 10 organisations with the same number of statements as for 2', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id events(first: 100) { totalCount } } } }`;
    const statementsFor = async (n: number) => {
      const r = hostOrganizations.slice(0, n).map((o) => ({ __typename: 'Organization', id: o.id }));
      expect(r[0].id).toBe(owner.id);
      sg.statements.reset();
      const res = await sg.exec(query, { r }, ownerStaff);
      expect(res.data!._entities).toHaveLength(n);
      expect(res.data!._entities[0]).toEqual({ id: owner.id, events: { totalCount: ownerEvents.length } });
      // The other organisations' events are refused, each with its own error.
      expect(res.errors).toHaveLength(n - 1);
      return sg.statements.count;
    };
    const two = await statementsFor(2);
    const ten = await statementsFor(10);
    expect(two).toBe(1);
    expect(ten).toBe(two);
  });

  it('answers _entities for 10 events with the same number of statements as for 2', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Event { id title organization { id } } } }`;
    const statementsFor = async (n: number) => {
      const wanted = ownerEvents.slice(0, n);
      sg.statements.reset();
      const res = await sg.exec(query, { r: wanted.map((e) => ({ __typename: 'Event', id: e.id })) }, ownerStaff);
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.map((e: any) => e.id)).toEqual(wanted.map((e) => e.id));
      return sg.statements.count;
    };
    expect(ownerEvents.length).toBeGreaterThanOrEqual(9);
    const two = await statementsFor(2);
    const many = await statementsFor(Math.min(10, ownerEvents.length));
    expect(two).toBe(1);
    expect(many).toBe(two);
  });

  it('serves two windows of the same organisation in one request with one statement', async () => {
    sg.statements.reset();
    const res = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization {
        spring: events(from: "2026-03-01", to: "2026-05-31", first: 100) { totalCount }
        all: events(first: 100) { totalCount } } } }`,
      { r: [{ __typename: 'Organization', id: owner.id }] },
      ownerStaff,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities[0]).toEqual({
      spring: { totalCount: ownerEvents.filter((e) => e.date >= '2026-03-01' && e.date <= '2026-05-31').length },
      all: { totalCount: ownerEvents.length },
    });
    expect(sg.statements.count).toBe(1);
  });

  it('resolves Organization representations without SQL', async () => {
    sg.statements.reset();
    const res = await sg.exec(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id } } }`, {
      r: hostOrganizations.slice(0, 5).map((o) => ({ __typename: 'Organization', id: o.id })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((o: any) => o.id)).toEqual(hostOrganizations.slice(0, 5).map((o) => o.id));
    expect(sg.statements.count).toBe(0);
  });

  it('has no schema difference left after migrating', async () => {
    const diff = await sg.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
