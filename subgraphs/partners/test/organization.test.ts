import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { partners } from '@c2c/partners';

describe('partners subgraph: organisations', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  it('lists the public profiles of the seeded organisations, paged with a total count', async () => {
    const res = await sg.exec(
      `{ organizations(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name sector imperatives } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const conn = res.data.organizations;
    expect(conn.totalCount).toBe(demo.demoUniverse().organizations.length);
    expect(conn.edges).toHaveLength(5);
    const names = conn.edges.map((e: any) => e.node.name);
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
    const next = await sg.exec(`query($after: String) { organizations(first: 5, after: $after) { edges { node { name } } } }`, {
      after: conn.pageInfo.endCursor,
    });
    expect(next.data!.organizations.edges[0].node.name).not.toBe(names[4]);
  });

  it('filters by sector and by imperative', async () => {
    const res = await sg.exec(
      `{ organizations(sector: EARLY_LEARNING_PROVIDER, imperative: EARLY_CHILDHOOD, first: 50) { totalCount edges { node { sector imperatives } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const expected = demo
      .demoUniverse()
      .organizations.filter((o) => o.sector === 'EARLY_LEARNING_PROVIDER' && o.imperatives.includes('EARLY_CHILDHOOD' as any)).length;
    expect(res.data!.organizations.totalCount).toBe(expected);
    expect(expected).toBeGreaterThan(0);
  });

  it('searches names case-insensitively, taking % and _ literally', async () => {
    const res = await sg.exec(`{ organizations(search: "HEAD START") { edges { node { name } } } }`);
    expect(res.data!.organizations.edges.map((e: any) => e.node.name)).toEqual(['Brightside Head Start']);
    const wild = await sg.exec(`{ organizations(search: "%") { totalCount } }`);
    expect(wild.data!.organizations.totalCount).toBe(0);
  });

  it('answers NOT_FOUND for an id that is not a UUID, on every database', async () => {
    const res = await sg.exec(`{ organization(id: "not-a-uuid") { name } }`);
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a page too large', async () => {
    const missing = await sg.exec(`{ organization(id: "00000000-0000-0000-0000-000000000000") { name } }`);
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const huge = await sg.exec(`{ organizations(first: 5000) { totalCount } }`);
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('resolves _entities representations in one SQL statement for many keys', async () => {
    const ids = demo
      .demoUniverse()
      .organizations.slice(0, 12)
      .map((o) => o.id);
    sg.statements.reset();
    const res = await sg.exec(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id name } } }`, {
      r: ids.map((id) => ({ __typename: 'Organization', id })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: any) => e.id)).toEqual(ids);
    expect(sg.statements.count).toBe(1);
  });

  it('has no schema difference left after migrating', async () => {
    const diff = await sg.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
