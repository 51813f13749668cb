import { type Viewer } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import * as testing from '@c2c/testing';
import { partners } from '@c2c/partners';

/**
 * The staff directory's answer that every other service relies on to honour a partner token
 * (`viewerIdentity`, internal) and the binding rule itself (`bindIdentity`), by role and record.
 */
const u = demo.demoUniverse();
const org = u.organizations.find((o) => o.slug === 'robotics-for-all')!;
const other = u.organizations.find((o) => o.slug === 'neighborhood-food-partners')!;
const activeOf = (id: string) => u.staff.find((s) => s.active && s.organizationId === id && s.roles.includes('partner_staff'))!;
const inactive = u.staff.find((s) => !s.active && s.roles.includes('partner_staff'))!;
const partnerAs = (sub: string, orgId: string): Viewer => ({ anonymous: false, sub, roles: ['partner_staff'], org: orgId, scope: [] });
const QUERY = '{ viewerIdentity { staffId organizationId } }';

describe('partners subgraph: binding partner tokens to the staff directory', () => {
  let sg: testing.TestSubgraph;
  beforeAll(async () => {
    sg = await testing.createTestSubgraph(partners, { seed: true });
  });
  afterAll(() => sg.close());

  it('names the active staff record a partner token belongs to', async () => {
    const person = activeOf(org.id);
    const res = await sg.exec(QUERY, {}, partnerAs(person.subject, org.id));
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ viewerIdentity: { staffId: person.id, organizationId: org.id } });
  });

  it.each([
    ['an inactive record', () => partnerAs(inactive.subject, inactive.organizationId!)],
    ['a subject with no record', () => partnerAs('idp|nobody', org.id)],
    ['another organisation’s staff claiming this one', () => partnerAs(activeOf(other.id).subject, org.id)],
    ['an organisation that does not exist', () => partnerAs(activeOf(org.id).subject, '00000000-0000-4000-8000-000000000000')],
  ])('binds nothing for %s', async (_what, viewer) => {
    const v = viewer();
    expect(await partners.bindIdentity!(sg.em(), v)).toBe(false);
    expect((await sg.exec(QUERY, {}, v)).data).toEqual({ viewerIdentity: null });
  });

  it.each([
    ['cec_admin', testing.viewerFor('cec_admin'), 'FORBIDDEN'],
    ['district_admin', testing.viewerFor('district_admin'), 'FORBIDDEN'],
    ['embed', testing.viewerFor('embed', org.id), 'FORBIDDEN'],
    ['anonymous', testing.ANONYMOUS, 'UNAUTHENTICATED'],
  ])('refuses %s', async (_who, viewer, code) => {
    const res = await sg.exec(QUERY, {}, viewer);
    expect(res.data).toEqual({ viewerIdentity: null });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  });
});
