import { type Role, type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { defunct, hiddenOrgId, inactive, isPublic, otherOrgId, publicServices, universe } from './demo';

const hidden = [inactive, defunct];

const viewers: [string, Viewer, boolean][] = [
  // label, viewer, sees hiddenOrgId's INACTIVE/DEFUNCT services
  ['anonymous', testing.ANONYMOUS, false],
  ...(['embed', 'evaluator', 'district_sis', 'district_admin'] as Role[]).map((r): [string, Viewer, boolean] => [
    r,
    testing.viewerFor(r),
    false,
  ]),
  ['partner_staff of another org', testing.viewerFor('partner_staff', otherOrgId), false],
  ['partner_staff of the org', testing.viewerFor('partner_staff', hiddenOrgId), true],
  ['cec_admin', testing.viewerFor('cec_admin'), true],
];

describe('resources subgraph: who sees unpublished services', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: true });
  });
  afterAll(() => sg.close());

  it('uses demo data that has the cases under test', () => {
    expect(inactive.status).toBe('INACTIVE');
    expect(defunct.status).toBe('DEFUNCT');
    expect(universe.services.some((s) => s.status === 'TEMPORARILY_CLOSED')).toBe(true);
    expect(universe.services.some((s) => s.organizationId === otherOrgId && !isPublic(s))).toBe(false);
  });

  it.each(viewers)('lists: %s', async (_label, viewer, seesOwn) => {
    const res = await sg.exec(`{ services(first: 100) { totalCount } }`, {}, viewer);
    expect(res.errors).toBeUndefined();
    const all = viewer.roles.includes('cec_admin');
    const expected = all
      ? universe.services.length
      : publicServices.length + (seesOwn ? universe.services.filter((s) => s.organizationId === hiddenOrgId && !isPublic(s)).length : 0);
    expect(res.data!.services.totalCount).toBe(expected);

    const own = await sg.exec(
      `query($org: ID) { services(organizationId: $org, first: 100) { edges { node { id status } } } }`,
      { org: hiddenOrgId },
      viewer,
    );
    const ids = own.data!.services.edges.map((e: any) => e.node.id);
    for (const s of hidden) expect(ids.includes(s.id)).toBe(seesOwn);
    // TEMPORARILY_CLOSED is public: families should learn a service is paused.
    expect(own.data!.services.edges.every((e: any) => seesOwn || ['ACTIVE', 'TEMPORARILY_CLOSED'].includes(e.node.status))).toBe(true);
  });

  it('shows TEMPORARILY_CLOSED services to the public', async () => {
    const closed = universe.services.find((s) => s.status === 'TEMPORARILY_CLOSED')!;
    const res = await sg.exec(`query($id: ID!) { service(id: $id) { id status } }`, { id: closed.id });
    expect(res.data!.service).toEqual({ id: closed.id, status: 'TEMPORARILY_CLOSED' });
  });

  it.each(viewers)('by id: %s', async (_label, viewer, seesOwn) => {
    for (const s of hidden) {
      const res = await sg.exec(`query($id: ID!) { service(id: $id) { id status } }`, { id: s.id }, viewer);
      if (seesOwn) {
        expect(res.errors).toBeUndefined();
        expect(res.data!.service).toEqual({ id: s.id, status: s.status });
      } else {
        expect(res.data!.service).toBeNull();
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND' });
      }
    }
  });

  it.each(viewers)('_entities: %s', async (_label, viewer, seesOwn) => {
    const visible = publicServices.find((s) => s.organizationId === hiddenOrgId)!;
    const reps = [visible, ...hidden].map((s) => ({ __typename: 'Service', id: s.id }));
    const res = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Service { id status } } }`,
      { r: reps },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { id: visible.id, status: visible.status },
      ...hidden.map((s) => (seesOwn ? { id: s.id, status: s.status } : null)),
    ]);
  });

  it.each(viewers)('Organization.services: %s', async (_label, viewer, seesOwn) => {
    const res = await sg.exec(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id services(first: 100) { totalCount edges { node { id } } } } } }`,
      { r: [{ __typename: 'Organization', id: hiddenOrgId }] },
      viewer,
    );
    expect(res.errors).toBeUndefined();
    const org = res.data!._entities[0];
    const mine = universe.services.filter((s) => s.organizationId === hiddenOrgId);
    const expected = seesOwn ? mine : mine.filter(isPublic);
    expect(org.services.totalCount).toBe(expected.length);
    expect(org.services.edges.map((e: any) => e.node.id).sort()).toEqual(expected.map((s) => s.id).sort());
  });

  it('applies the same rule in SQL (lists) and in memory (one row)', async () => {
    const { serviceVisibility } = await import('../src/service.access');
    const { Service } = await import('../src/service.entity');
    for (const [label, viewer] of viewers) {
      const v = serviceVisibility(viewer);
      const inSql = (await sg.em().find(Service, v.where)).map((s) => s.id).sort();
      const inMemory = universe.services
        .filter((s) => v.allows(s as any))
        .map((s) => s.id)
        .sort();
      expect({ label, ids: inSql }).toEqual({ label, ids: inMemory });
    }
  });
});
