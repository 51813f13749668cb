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
const adminAs = (sub: string, orgId: string): Viewer => ({
  anonymous: false,
  sub,
  roles: ['partner_admin', 'partner_staff'],
  org: orgId,
  scope: [],
});
const adminOf = (id: string) => u.staff.find((s) => s.active && s.organizationId === id && s.roles.includes('partner_admin'))!;
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
    expect(await partners.bindIdentity!(sg.em(), v)).toBeNull();
    expect((await sg.exec(QUERY, {}, v)).data).toEqual({ viewerIdentity: null });
  });

  it('binds a partner_admin token only to a record holding partner_admin, and names its roles', async () => {
    const admin = adminOf(org.id);
    expect(admin.roles).toEqual(['partner_staff', 'partner_admin']);
    const res = await sg.exec('{ viewerIdentity { staffId roles } }', {}, adminAs(admin.subject, org.id));
    expect(res.data).toEqual({ viewerIdentity: { staffId: admin.id, roles: ['partner_staff', 'partner_admin'] } });
    // A staff member's own subject with an administrator's claim: the record does not hold the role.
    expect(await partners.bindIdentity!(sg.em(), adminAs(activeOf(org.id).subject, org.id))).toBeNull();
    expect((await sg.exec(QUERY, {}, adminAs(activeOf(org.id).subject, org.id))).data).toEqual({ viewerIdentity: null });
    // The administrator's record binds a plain staff token too: it holds partner_staff.
    expect(await partners.bindIdentity!(sg.em(), partnerAs(admin.subject, org.id))).toEqual({ staffId: admin.id, roles: admin.roles });
  });

  it('answers staffMemberships for the caller’s own organisation only, with each record’s active flag', async () => {
    const mine = u.staff.filter((s) => s.organizationId === org.id);
    const theirs = activeOf(other.id);
    const q = 'query($ids: [ID!]!) { staffMemberships(ids: $ids) { staffId organizationId active } }';
    const ids = [...mine.map((s) => s.id.toUpperCase()), theirs.id, '00000000-0000-4000-8000-000000000000', 'not-an-id'];
    const res = await sg.exec(q, { ids }, partnerAs(activeOf(org.id).subject, org.id));
    expect(res.errors).toBeUndefined();
    const expected = mine
      .map((s) => ({ staffId: s.id, organizationId: org.id, active: s.active }))
      .sort((a, b) => a.staffId.localeCompare(b.staffId));
    expect(res.data.staffMemberships).toEqual(expected);
    for (const viewer of [testing.viewerFor('cec_admin'), testing.viewerFor('district_admin'), testing.ANONYMOUS]) {
      expect((await sg.exec(q, { ids }, viewer)).data).toBeNull();
    }
    const tooMany = await sg.exec(q, { ids: Array.from({ length: 101 }, () => theirs.id) }, partnerAs(activeOf(org.id).subject, org.id));
    expect(tooMany.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'ids']]);
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
