import { SignJWT, type JWTPayload } from 'jose';
import { SUBGRAPH_NAMES, SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { SECRETS, startTestHub, token } from '@c2c/testing';
import { bearer, postJson } from './helpers';

/**
 * Identity bound to the staff directory, and strict claims, against the real hub: six processes,
 * real HTTP. The directory cache TTL is 1 s here so that a deactivation can be watched taking
 * effect; production's default is 30 s and at most 60 s (kernel/src/agreements.ts).
 */
const u = demo.demoUniverse();
const org = (slug: string) => u.organizations.find((o) => o.slug === slug)!;
const robotics = org('robotics-for-all');
const food = org('neighborhood-food-partners');
const staffOf = (o: { id: string }) => u.staff.filter((s) => s.organizationId === o.id && s.roles.includes('partner_staff'));
const active = (o: { id: string }) => staffOf(o).find((s) => s.active)!;
const inactive = u.staff.find((s) => !s.active && s.roles.includes('partner_staff'))!;

const sign = (claims: JWTPayload, o: { exp?: number | null; sub?: unknown } = {}) => {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...claims, ...(o.sub !== undefined ? { sub: o.sub } : {}) } as JWTPayload)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('c2c-hub')
    .setAudience('c2c-hub')
    .setIssuedAt(now);
  if (o.exp !== null) jwt.setExpirationTime(o.exp ?? now + 600);
  return jwt.sign(new TextEncoder().encode(SECRETS.C2C_JWT_SECRET));
};

const INBOX = `query($org: ID!) { organization(id: $org) { name receivedReferrals(first: 5) { totalCount } events(first: 5) { totalCount } } }`;

describe('identity bound to the staff directory', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gateway: string;
  const subgraphUrl = (name: string) => hub.hub.processes.find((p) => p.name === name)!.url;
  const direct = (name: string, query: string, t: string) =>
    postJson(subgraphUrl(name), { query }, { ...bearer(t), [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET });

  beforeAll(async () => {
    hub = await startTestHub({ C2C_AGREEMENT_TTL_SECONDS: '1' });
    gateway = hub.hub.gatewayUrl;
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const inbox = (t: string, id = robotics.id) => postJson(gateway, { query: INBOX, variables: { org: id } }, bearer(t));

  it('honours a token whose subject is an active staff record of its organisation', async () => {
    const t = await sign({ roles: ['partner_staff'], org: robotics.id }, { sub: active(robotics).subject });
    const res = await inbox(t);
    expect(res.status).toBe(200);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.organization.receivedReferrals.totalCount).toBeGreaterThan(0);
  });

  it('honours a partner_admin token only for a record that holds partner_admin, at the gateway and at every subgraph', async () => {
    const admin = u.staff.find((s) => s.organizationId === robotics.id && s.active && s.roles.includes('partner_admin'))!;
    const ok = await inbox(await sign({ roles: ['partner_admin'], org: robotics.id }, { sub: admin.subject }));
    expect(ok.json.errors).toBeUndefined();
    expect(ok.json.data.organization.receivedReferrals.totalCount).toBeGreaterThan(0);
    // A staff member's own subject claiming the administrator's role: the record does not hold it.
    const t = await sign({ roles: ['partner_admin'], org: robotics.id }, { sub: active(robotics).subject });
    const res = await inbox(t);
    expect(res.status).toBe(401);
    expect(res.json.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    for (const name of SUBGRAPH_NAMES) {
      const d = await direct(name, '{ __typename }', t);
      expect({ name, status: d.status }).toEqual({ name, status: 401 });
    }
  });

  it.each([
    ['an inactive staff record', () => ({ sub: inactive.subject, org: inactive.organizationId! })],
    ['no staff record at all', () => ({ sub: 'idp|nobody', org: robotics.id })],
    ['staff of another organisation claiming this one', () => ({ sub: active(food).subject, org: robotics.id })],
    ['an organisation that does not exist', () => ({ sub: active(robotics).subject, org: '00000000-0000-4000-8000-000000000000' })],
  ])('refuses a partner token for %s, at the gateway and at every subgraph', async (_what, claims) => {
    const { sub, org: claimed } = claims();
    const t = await sign({ roles: ['partner_staff'], org: claimed }, { sub });
    const res = await inbox(t, claimed);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="c2c-hub", error="invalid_token"/);
    expect(res.json.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.json.data).toBeUndefined();
    for (const name of SUBGRAPH_NAMES) {
      const d = await direct(name, '{ __typename }', t);
      expect({ name, status: d.status, code: d.json?.errors?.[0]?.extensions?.code }).toEqual({
        name,
        status: 401,
        code: 'UNAUTHENTICATED',
      });
    }
  });

  it('writes nothing for an organisation that does not exist, and counts nothing in the totals', async () => {
    const ghost = '00000000-0000-4000-8000-0000000000aa';
    const t = await sign({ roles: ['partner_staff'], org: ghost }, { sub: active(robotics).subject });
    const admin = await token('cec_admin');
    const TOTALS = `{ eventTotals(from: "2026-10-01", to: "2026-10-31") { total { events attendees } } }`;
    const totals = async () => (await postJson(gateway, { query: TOTALS }, bearer(admin))).json.data.eventTotals.total;
    const before = await totals();
    const create = {
      query: `mutation($input: EventInput!) { createEvent(input: $input) { id } }`,
      variables: {
        input: {
          title: 'Ghost event',
          date: '2026-10-15',
          type: 'WORKSHOP',
          street: '1 Main St',
          city: 'Detroit',
          zip: '48201',
          targetAudience: 'Parents',
          engagementLevel: 'TOUCHPOINT',
          attendees: 500,
        },
      },
    };
    // Through the gateway, and straight to the events subgraph with the subgraph secret.
    expect((await postJson(gateway, create, bearer(t))).status).toBe(401);
    const straight = await postJson(subgraphUrl('events'), create, { ...bearer(t), [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET });
    expect(straight.status).toBe(401);
    expect(straight.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await totals()).toEqual(before);
  });

  it('compares organisation ids canonically: an upper-cased org claim is the same organisation', async () => {
    const t = await sign({ roles: ['partner_staff'], org: robotics.id.toUpperCase() }, { sub: active(robotics).subject });
    const res = await inbox(t);
    expect(res.json.errors).toBeUndefined();
    expect(res.json.data.organization.events.totalCount).toBeGreaterThan(0);
  });

  it('cuts a deactivated staff member off on every subgraph within the directory TTL', async () => {
    const person = staffOf(food).find((s) => s.active)!;
    const t = await sign({ roles: ['partner_staff'], org: food.id }, { sub: person.subject });
    expect((await inbox(t, food.id)).status).toBe(200);
    for (const name of SUBGRAPH_NAMES) expect((await direct(name, '{ __typename }', t)).status).toBe(200);

    const admin = await token('cec_admin');
    const update = await postJson(
      gateway,
      {
        query: `mutation($id: ID!, $input: StaffInput!) { updateStaff(id: $id, input: $input) { id active } }`,
        variables: {
          id: person.id,
          input: {
            name: person.name,
            email: person.email,
            organizationId: food.id,
            roles: person.roles,
            subject: person.subject,
            active: false,
          },
        },
      },
      bearer(admin),
    );
    expect(update.json.errors).toBeUndefined();
    expect(update.json.data.updateStaff.active).toBe(false);

    // Partners answers from its own table at once; the others within their cache TTL (1 s here).
    expect((await direct('partners', '{ __typename }', t)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await inbox(t, food.id)).status).toBe(401);
    for (const name of SUBGRAPH_NAMES) {
      expect({ name, status: (await direct(name, '{ __typename }', t)).status }).toEqual({ name, status: 401 });
    }
  });
});

describe('strict token claims', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub();
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const sub = () => active(robotics).subject;
  const cases: [string, () => Promise<string>][] = [
    ['no exp', () => sign({ roles: ['cec_admin'] }, { exp: null, sub: 'x' })],
    ['an exp far in the future', () => sign({ roles: ['cec_admin'] }, { exp: now() + 400 * 86400, sub: 'x' })],
    ['no sub', () => sign({ roles: ['cec_admin'] })],
    ['an empty sub', () => sign({ roles: ['cec_admin'] }, { sub: '' })],
    ['a sub that is a list', () => sign({ roles: ['cec_admin'] }, { sub: ['a', 'b'] })],
    ['a huge sub', () => sign({ roles: ['cec_admin'] }, { sub: 'x'.repeat(5000) })],
    ['roles that are a string', () => sign({ roles: 'cec_admin' }, { sub: 'x' })],
    ['an org that is a list', () => sign({ roles: ['partner_staff'], org: [robotics.id] }, { sub: sub() })],
    // Cyrillic "а" (U+0430) in place of a Latin "a": looks the same, is another organisation.
    [
      'an org with a lookalike character',
      () => sign({ roles: ['partner_staff'], org: robotics.id.replace(/a/, '\u0430') }, { sub: sub() }),
    ],
    ['an org that is not an id', () => sign({ roles: ['partner_staff'], org: 'robotics-for-all' }, { sub: sub() })],
    ['a scope that is a list', () => sign({ roles: ['embed'], scope: ['read'] }, { sub: 'client:x' })],
  ];

  it.each(cases)('refuses a token with %s: 401 UNAUTHENTICATED, never 500', async (_what, make) => {
    const t = await make();
    const res = await postJson(hub.hub.gatewayUrl, { query: '{ organizations(first: 1) { totalCount } }' }, bearer(t));
    expect(res.status).toBe(401);
    expect(res.json.errors.map((e: any) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('accepts the same token shape with every claim in order', async () => {
    const t = await sign({ roles: ['cec_admin'] }, { sub: 'idp|operator' });
    const res = await postJson(hub.hub.gatewayUrl, { query: '{ organizations(first: 1) { totalCount } }' }, bearer(t));
    expect(res.status).toBe(200);
    expect(res.json.data.organizations.totalCount).toBe(u.organizations.length);
  });
});
