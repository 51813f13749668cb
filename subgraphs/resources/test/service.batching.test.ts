import { getNamedType, isLeafType, isObjectType } from 'graphql';
import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { hiddenOrgId, inactive, isPublic, publicServices, universe } from './demo';

describe('resources subgraph: batched reference resolution', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: true });
  });
  afterAll(() => sg.close());

  it('resolves 20 Service representations in one SQL statement, in order', async () => {
    const ids = publicServices.slice(0, 20).map((s) => s.id);
    sg.statements.reset();
    const res = await sg.exec(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { id name organization { id } } } }`, {
      r: ids.map((id) => ({ __typename: 'Service', id })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities.map((e: any) => e.id)).toEqual(ids);
    expect(res.data!._entities[0].organization.id).toBe(publicServices[0].organizationId);
    expect(sg.statements.count).toBe(1);
  });

  it('answers every scalar field of every service exactly as service(id) does', async () => {
    // `_entities` reads services as rows (service.loaders.ts serviceRowById), service(id) as
    // entities: the two must agree on every type (dates, booleans, JSON, enums, nulls).
    const type = sg.schema.getType('Service');
    if (!isObjectType(type)) throw new Error('Service is not an object type');
    const leaves = Object.values(type.getFields())
      .filter((f) => f.args.length === 0 && isLeafType(getNamedType(f.type)))
      .map((f) => f.name);
    expect(leaves).toEqual(expect.arrayContaining(['id', 'free', 'languages', 'minimumAge', 'status', 'latitude', 'assuredDate']));
    // Plain properties alone narrow the row to their columns (serviceColumns); with the rest, it is whole.
    const plain = leaves.filter((f) => !type.getFields()[f].resolve);
    expect(plain.length).toBeGreaterThan(10);
    expect(plain.length).toBeLessThan(leaves.length);
    const admin = testing.viewerFor('cec_admin');
    const ids = universe.services.map((s) => s.id);
    for (const selection of [leaves, plain]) {
      const viaEntities = await sg.exec(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { ${selection.join(' ')} } } }`,
        { r: ids.map((id) => ({ __typename: 'Service', id })) },
        admin,
      );
      expect(viaEntities.errors).toBeUndefined();
      // service(id) for each, as aliases of one operation.
      const each = await sg.exec(
        `{ ${ids.map((id, i) => `s${i}: service(id: "${id}") { ${selection.join(' ')} }`).join(' ')} }`,
        {},
        admin,
      );
      expect(each.errors).toBeUndefined();
      ids.forEach((_, i) => expect(viaEntities.data!._entities[i]).toStrictEqual(each.data![`s${i}`]));
    }
  });

  describe('rows narrowed to the selected columns', () => {
    const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Service', id }));
    const selectOf = (sql: string) => sql.slice(0, sql.toLowerCase().indexOf(' from '));

    it('reads only the columns of plain fields, plus those visibility needs, through fragments and aliases', async () => {
      const ids = universe.services.slice(0, 30).map((s) => s.id);
      sg.statements.reset();
      const res = await sg.exec(
        `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Service { id title: name ...Ages } } }
         fragment Ages on Service { minimumAge maximumAge free }`,
        { r: reps(ids) },
      );
      expect(res.errors).toBeUndefined();
      expect(sg.statements.count).toBe(1);
      const select = selectOf(sg.statements.statements[0]);
      for (const column of ['id', 'name', 'minimum_age', 'maximum_age', 'free', 'status', 'organization_id'])
        expect(select).toContain(column);
      expect(select).not.toContain('*');
      expect(select).not.toContain('description');
      // Visibility still holds on narrowed rows: hidden services are null for the public.
      res.data!._entities.forEach((e: any, i: number) => {
        const s = universe.services[i];
        expect(e).toEqual(
          isPublic(s)
            ? {
                __typename: 'Service',
                id: s.id,
                title: s.name,
                minimumAge: s.minimumAge ?? null,
                maximumAge: s.maximumAge ?? null,
                free: s.free,
              }
            : null,
        );
      });
    });

    it('reads the whole row when a selected field has a resolver of its own', async () => {
      sg.statements.reset();
      const res = await sg.exec(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { name organization { id } } } }`, {
        r: reps([publicServices[0].id]),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities[0]).toEqual({ name: publicServices[0].name, organization: { id: publicServices[0].organizationId } });
      expect(selectOf(sg.statements.statements[0])).toContain('*');
    });

    it('keeps the rows of two selections in one request apart', async () => {
      const id = publicServices[0].id;
      const res = await sg.exec(
        `query($r: [_Any!]!) { a: _entities(representations: $r) { ... on Service { id name } } b: _entities(representations: $r) { ... on Service { id description } } }`,
        { r: reps([id]) },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.a[0]).toEqual({ id, name: publicServices[0].name });
      expect(res.data!.b[0]).toEqual({ id, description: publicServices[0].description });
      // The same field twice under one name: graphql merges the two, and the row has both's columns.
      const merged = await sg.exec(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { name } } _entities(representations: $r) { ... on Service { description } } }`,
        { r: reps([id]) },
      );
      expect(merged.errors).toBeUndefined();
      expect(merged.data!._entities[0]).toEqual({ name: publicServices[0].name, description: publicServices[0].description });
    });

    it("gives partner staff their own organisation's hidden service from a narrowed row, and no one else's", async () => {
      const q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { id name } } }`;
      const own = await sg.exec(q, { r: reps([inactive.id]) }, testing.viewerFor('partner_staff', hiddenOrgId));
      expect(own.data!._entities).toEqual([{ id: inactive.id, name: inactive.name }]);
      const other = await sg.exec(q, { r: reps([inactive.id]) }, testing.viewerFor('partner_staff', publicServices[0].organizationId));
      expect(other.data!._entities).toEqual([null]);
    });
  });

  it('answers null for unknown or malformed ids without an SQL error', async () => {
    const res = await sg.exec(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { id } } }`, {
      r: [
        { __typename: 'Service', id: publicServices[0].id.toUpperCase() },
        { __typename: 'Service', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Service', id: 'nope' },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([{ id: publicServices[0].id }, null, null]);
  });

  it('resolves Organization representations without SQL, and their services for 10 organisations in one statement', async () => {
    const orgs = universe.organizations.filter((o) => universe.services.some((s) => s.organizationId === o.id)).slice(0, 10);
    const r = orgs.map((o) => ({ __typename: 'Organization', id: o.id }));

    sg.statements.reset();
    const bare = await sg.exec(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id } } }`, { r });
    expect(bare.data!._entities.map((e: any) => e.id)).toEqual(orgs.map((o) => o.id));
    expect(sg.statements.count).toBe(0);

    sg.statements.reset();
    const res = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id services(first: 3) { totalCount pageInfo { hasNextPage } edges { node { id name } } } } } }`,
      { r },
    );
    expect(res.errors).toBeUndefined();
    expect(sg.statements.count).toBe(1);
    res.data!._entities.forEach((e: any, i: number) => {
      const expected = universe.services.filter((s) => s.organizationId === orgs[i].id && isPublic(s));
      expect(e.id).toBe(orgs[i].id);
      expect(e.services.totalCount).toBe(expected.length);
      expect(e.services.edges).toHaveLength(Math.min(3, expected.length));
      expect(e.services.pageInfo.hasNextPage).toBe(expected.length > 3);
      const names = e.services.edges.map((x: any) => x.node.name);
      expect(names).toEqual(
        [...expected]
          .map((s) => s.name)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
          .slice(0, 3),
      );
    });
  });

  it('pages Organization.services with the cursor and rejects a bad page size before any SQL', async () => {
    const org = universe.organizations.find((o) => o.sector === 'DISTRICT')!;
    const q = `query($r: [_Any!]!, $after: String, $first: Int) { _entities(representations: $r) { ... on Organization { services(first: $first, after: $after) { pageInfo { endCursor hasNextPage } edges { node { id } } } } } }`;
    const r = [{ __typename: 'Organization', id: org.id }];
    const whole = await sg.exec(q, { r, first: 100 });
    const all = whole.data!._entities[0].services.edges.map((e: any) => e.node.id);
    const p1 = await sg.exec(q, { r, first: 5 });
    const p2 = await sg.exec(q, { r, first: 5, after: p1.data!._entities[0].services.pageInfo.endCursor });
    expect([...p1.data!._entities[0].services.edges, ...p2.data!._entities[0].services.edges].map((e: any) => e.node.id)).toEqual(
      all.slice(0, 10),
    );

    sg.statements.reset();
    const bad = await sg.exec(q, { r, first: 1000 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(sg.statements.count).toBe(0);
  });
});
