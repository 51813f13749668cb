import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { publicServices, universe } from './demo';

describe('resources subgraph: service queries', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: true });
  });
  afterAll(() => sg.close());

  it('pages the public services by name with a total count, and the pages join up', async () => {
    const all = await sg.exec(`{ services(first: 100) { totalCount edges { node { id name } } } }`);
    expect(all.errors).toBeUndefined();
    expect(all.data!.services.totalCount).toBe(publicServices.length);
    const first100 = all.data!.services.edges.map((e: any) => e.node.id);
    // By name, then id: the demo names are ordered the same by SQLite's binary and PostgreSQL's collation.
    const byName = [...publicServices].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
    expect(first100).toEqual(byName.slice(0, 100).map((s) => s.id));

    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 4; page++) {
      const res: any = await sg.exec(
        `query($after: String) { services(first: 25, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { id } } } }`,
        { after },
      );
      expect(res.errors).toBeUndefined();
      const conn = res.data.services;
      expect(conn.totalCount).toBe(publicServices.length);
      expect(conn.edges).toHaveLength(25);
      expect(conn.pageInfo.hasNextPage).toBe(true);
      expect(conn.pageInfo.hasPreviousPage).toBe(page > 0);
      ids.push(...conn.edges.map((e: any) => e.node.id));
      after = conn.pageInfo.endCursor;
    }
    expect(ids).toEqual(first100);
    expect(new Set(ids).size).toBe(100);

    // The last page says there is nothing more.
    const last = await sg.exec(
      `query($after: String) { services(first: 100, after: $after) { pageInfo { hasNextPage } edges { node { id } } } }`,
      {
        after: Buffer.from(`o:${publicServices.length - 3}`).toString('base64url'),
      },
    );
    expect(last.data!.services.edges).toHaveLength(2);
    expect(last.data!.services.pageInfo.hasNextPage).toBe(false);
  });

  it('filters by imperative, organisation and ZIP code, combined', async () => {
    const org = universe.organizations.find((o) => o.sector === 'DISTRICT')!;
    const cases: [string, Record<string, unknown>, (s: (typeof publicServices)[number]) => boolean][] = [
      ['imperative', { imperative: 'BASIC_NEEDS' }, (s) => s.imperative === 'BASIC_NEEDS'],
      ['organizationId', { organizationId: org.id }, (s) => s.organizationId === org.id],
      ['zip', { zip: '48217' }, (s) => s.zip === '48217'],
      [
        'zip + imperative',
        { zip: '48214', imperative: 'AFTERSCHOOL_AND_SUMMER' },
        (s) => s.zip === '48214' && s.imperative === 'AFTERSCHOOL_AND_SUMMER',
      ],
    ];
    for (const [label, args, keep] of cases) {
      const res = await sg.exec(
        `query($imperative: Imperative, $organizationId: ID, $zip: String) { services(first: 100, imperative: $imperative, organizationId: $organizationId, zip: $zip) { totalCount edges { node { id imperative zip organization { id } } } } }`,
        args,
      );
      expect(res.errors).toBeUndefined();
      const expected = publicServices.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      expect({ label, total: res.data!.services.totalCount }).toEqual({ label, total: expected.length });
      expect(res.data!.services.edges.map((e: any) => e.node.id).sort()).toEqual(expected.map((s) => s.id).sort());
    }
  });

  it('searches name and description case-insensitively, with LIKE wildcards taken literally', async () => {
    const hits = (q: string) => publicServices.filter((s) => `${s.name}\n${s.description}`.toLowerCase().includes(q.toLowerCase()));
    for (const q of ['FOOD PANTRY', 'fafsa', 'Robotics', 'licensed therapist']) {
      const res = await sg.exec(`query($q: String) { services(search: $q, first: 100) { totalCount edges { node { id } } } }`, { q });
      expect(res.errors).toBeUndefined();
      expect(hits(q).length).toBeGreaterThan(0);
      expect({ q, total: res.data!.services.totalCount }).toEqual({ q, total: hits(q).length });
    }
    // No demo service contains these characters: unescaped, `%` and `_` would match everything.
    for (const q of ['%', '_', '!', '%a%']) {
      const res = await sg.exec(`query($q: String) { services(search: $q) { totalCount } }`, { q });
      expect({ q, total: res.data!.services.totalCount }).toEqual({ q, total: 0 });
    }

    const em = sg.em();
    const org = universe.organizations[3].id;
    const { Service } = await import('../src/service.entity');
    em.create(Service, {
      organizationId: org,
      name: '100% Fun_Camp!',
      description: 'Wildcards in a name.',
      imperative: 'K12' as any,
      free: true,
    });
    await em.flush();
    try {
      for (const q of ['100%', 'fun_camp', 'p!', '% FUN']) {
        const res = await sg.exec(`query($q: String) { services(search: $q) { totalCount edges { node { name } } } }`, { q });
        expect({ q, names: res.data!.services.edges.map((e: any) => e.node.name) }).toEqual({ q, names: ['100% Fun_Camp!'] });
      }
      const notLiteral = await sg.exec(`{ services(search: "100_") { totalCount } }`);
      expect(notLiteral.data!.services.totalCount).toBe(0);
    } finally {
      await em.nativeDelete(Service, { name: '100% Fun_Camp!' });
    }
  });

  it('returns one service by id with all its fields, NOT_FOUND for an unknown or malformed id', async () => {
    const s = publicServices.find((x) => x.fees && x.minimumAge !== null)!;
    const res = await sg.exec(
      `query($id: ID!) { service(id: $id) { id name description status imperative minimumAge maximumAge free fees languages url email phone street city state zip latitude longitude organization { id } createdAt } }`,
      { id: s.id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.service).toMatchObject({
      id: s.id,
      name: s.name,
      description: s.description,
      status: s.status,
      imperative: s.imperative,
      minimumAge: s.minimumAge,
      maximumAge: s.maximumAge,
      free: s.free,
      fees: s.fees,
      languages: s.languages,
      url: s.url,
      zip: s.zip,
      latitude: s.latitude,
      longitude: s.longitude,
      organization: { id: s.organizationId },
    });
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const missing = await sg.exec(`query($id: ID!) { service(id: $id) { name } }`, { id });
      expect(missing.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', id });
    }
  });

  it('rejects bad paging and filter arguments as BAD_USER_INPUT naming the argument', async () => {
    const cases: [string, string][] = [
      ['{ services(first: 0) { totalCount } }', 'first'],
      ['{ services(first: 101) { totalCount } }', 'first'],
      ['{ services(after: "nonsense") { totalCount } }', 'after'],
      ['{ services(zip: "4821") { totalCount } }', 'zip'],
      ['{ services(organizationId: "acme") { totalCount } }', 'organizationId'],
      [`{ services(search: "${'x'.repeat(201)}") { totalCount } }`, 'search'],
    ];
    for (const [query, field] of cases) {
      const res = await sg.exec(query);
      expect({ query, ext: res.errors?.[0].extensions }).toMatchObject({ query, ext: { code: 'BAD_USER_INPUT', field } });
    }
  });

  it('has no schema difference left after migrating', async () => {
    const diff = await sg.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
