import { type Role, type Viewer } from '@c2c/kernel';
import * as testing from '@c2c/testing';
import { resources } from '@c2c/resources';
import { hiddenOrgId, inactive, otherOrgId, publicServices } from './demo';

/** label, viewer, sees hiddenOrgId's INACTIVE service (and so its service_at_location) */
const viewers: [string, Viewer, boolean][] = [
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

const SAL = `query($id: ID!) { serviceAtLocation(id: $id) { id service { id } location { id } } }`;
const LOCATION = `query($id: ID!) { location(id: $id) { id } }`;

describe('resources subgraph: serviceAtLocation and location by id', () => {
  let sg: testing.TestSubgraph;
  /** A link of a public service, and one of the INACTIVE service at a location no public service uses. */
  let open: { sal: string; location: string; service: string };
  let hidden: { sal: string; location: string; service: string };
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(resources, { seed: true });
    const knex = sg.em().getKnex();
    const first = await knex('service_at_location').where('service_id', publicServices[0].id).first();
    open = { sal: first.id, location: first.location_id, service: first.service_id };
    // The demo's unpublished services share their locations with public ones: give the INACTIVE
    // service a place of its own, so that whether it shows depends on that service alone.
    const place = { id: '0d1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', location_type: 'PHYSICAL', name: 'Back office' };
    const sal = { id: '1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b', service_id: inactive.id, location_id: place.id };
    await knex('location').insert(place);
    await knex('service_at_location').insert(sal);
    hidden = { sal: sal.id, location: sal.location_id, service: inactive.id };
  });
  afterAll(() => sg.close());

  it.each(viewers)(
    '%s: a public service’s link and location are visible, an unpublished one’s only to who sees the service',
    async (_l, viewer, sees) => {
      const a = await sg.exec(SAL, { id: open.sal }, viewer);
      expect(a.errors).toBeUndefined();
      expect(a.data!.serviceAtLocation).toEqual({ id: open.sal, service: { id: open.service }, location: { id: open.location } });
      expect((await sg.exec(LOCATION, { id: open.location }, viewer)).data!.location).toEqual({ id: open.location });

      const b = await sg.exec(SAL, { id: hidden.sal }, viewer);
      const l = await sg.exec(LOCATION, { id: hidden.location }, viewer);
      if (sees) {
        expect(b.data!.serviceAtLocation).toEqual({ id: hidden.sal, service: { id: hidden.service }, location: { id: hidden.location } });
        expect(l.data!.location).toEqual({ id: hidden.location });
      } else {
        // Hidden looks exactly like missing.
        for (const r of [b, l]) expect(r.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
      for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
        expect((await sg.exec(SAL, { id }, viewer)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
        expect((await sg.exec(LOCATION, { id }, viewer)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
    },
  );

  it('loads the service_at_location links and locations of a page of 50 services in a fixed number of statements', async () => {
    const count = async (first: number) => {
      sg.statements.reset();
      const r = await sg.exec(
        `{ services(first: ${first}) { edges { node { id serviceAtLocations { id service { id } location { id name } } } } } }`,
      );
      expect(r.errors).toBeUndefined();
      const links = r.data!.services.edges.flatMap((e: any) => e.node.serviceAtLocations);
      expect(links.length).toBeGreaterThanOrEqual(first);
      for (const e of r.data!.services.edges) for (const x of e.node.serviceAtLocations) expect(x.service.id).toBe(e.node.id);
      return sg.statements.count;
    };
    expect(await count(50)).toBe(await count(5));
  });
});
