import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { readGatewayConfig, startGateway } from '@c2c/gateway';
import { gql, post, SECRETS, startTestHub, token } from '@c2c/testing';

const u = demo.demoUniverse();
const org = (slug: string) => u.organizations.find((o) => o.slug === slug)!;
const receiver = org('robotics-for-all');
const otherPartner = org('neighborhood-food-partners');

const DASHBOARD = `query Dashboard($org: ID!) {
  organization(id: $org) {
    name
    receivedReferrals(first: 50) {
      totalCount
      edges { node { id status reason
        fromOrganization { name }
        service { name organization { name } }
        student { givenName familyName grade } } }
    }
    events(first: 5) { totalCount edges { node { title date attendees } } }
  }
}`;

describe('the hub end to end: five subgraphs and the gateway over HTTP', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gateway: string;
  beforeAll(async () => {
    hub = await startTestHub();
    gateway = hub.hub.gatewayUrl;
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers a partner with its received referrals, their services, providers, students and its events, from all five subgraphs', async () => {
    const res = await gql(gateway, DASHBOARD, { org: receiver.id }, await token('partner_staff', receiver.id));
    expect(res.json.errors).toBeUndefined();
    const o = res.json.data.organization;
    expect(o.name).toBe(receiver.name);
    const expected = u.referrals.filter((r) => r.toOrganizationId === receiver.id);
    expect(o.receivedReferrals.totalCount).toBe(expected.length);
    const withStudents = o.receivedReferrals.edges.filter((e: any) => e.node.student);
    expect(withStudents.length).toBe(expected.filter((r) => r.studentId).length);
    expect(withStudents.length).toBeGreaterThan(0);
    for (const { node } of o.receivedReferrals.edges) {
      const ref = expected.find((r) => r.id === node.id)!;
      const service = u.services.find((s) => s.id === ref.serviceId)!;
      expect(node.service.name).toBe(service.name);
      expect(node.service.organization.name).toBe(receiver.name);
      expect(node.fromOrganization.name).toBe(u.organizations.find((x) => x.id === ref.fromOrganizationId)!.name);
      if (ref.studentId) {
        const s = u.students.find((x) => x.id === ref.studentId)!;
        expect(node.student).toEqual({ givenName: s.givenName, familyName: s.familyName, grade: s.grade });
      } else {
        expect(node.student).toBeNull();
      }
    }
    expect(o.events.totalCount).toBe(u.events.filter((e) => e.organizationId === receiver.id).length);
    expect(o.events.edges.length).toBe(Math.min(5, o.events.totalCount));
  });

  it('gives another partner none of those referrals, students or events', async () => {
    const res = await gql(gateway, DASHBOARD, { org: receiver.id }, await token('partner_staff', otherPartner.id));
    expect(res.status).toBe(200);
    const o = res.json.data.organization;
    expect(o.name).toBe(receiver.name); // the public profile stays public
    expect(o.receivedReferrals).toBeNull();
    expect(o.events).toBeNull();
    const codes = res.json.errors.map((e: any) => [e.path.join('.'), e.extensions.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['organization.receivedReferrals', 'FORBIDDEN'],
        ['organization.events', 'FORBIDDEN'],
      ]),
    );
    expect(JSON.stringify(res.json)).not.toContain('givenName');

    const referralId = u.referrals.find((r) => r.toOrganizationId === receiver.id && r.studentId)!.id;
    const one = await gql(
      gateway,
      `query($id: ID!) { referral(id: $id) { id student { givenName } } }`,
      { id: referralId },
      await token('partner_staff', otherPartner.id),
    );
    expect(one.json.data.referral).toBeNull();
    // "Not yours" is told exactly as "does not exist".
    expect(one.json.errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('asks anonymous callers to authenticate for private fields but serves public profiles', async () => {
    const res = await gql(gateway, DASHBOARD, { org: receiver.id });
    expect(res.json.data.organization.name).toBe(receiver.name);
    expect(res.json.data.organization.receivedReferrals).toBeNull();
    expect(res.json.errors.map((e: any) => e.extensions.code)).toContain('UNAUTHENTICATED');
  });

  it('protects a student reached by an _entities call sent straight to the subgraph', async () => {
    const students = hub.hub.processes.find((p) => p.name === 'students')!.url;
    const referral = u.referrals.find((r) => r.toOrganizationId === receiver.id && r.studentId)!;
    const query = {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id givenName grade } } }`,
      variables: { r: [{ __typename: 'Student', id: referral.studentId }] },
    };

    const noSecret = await post(students, query, { authorization: `Bearer ${await token('partner_staff', receiver.id)}` });
    expect(noSecret.status).toBe(401);
    expect(noSecret.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const stranger = await post(students, query, {
      [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET,
      authorization: `Bearer ${await token('partner_staff', otherPartner.id)}`,
    });
    expect(stranger.text).not.toContain(u.students.find((s) => s.id === referral.studentId)!.givenName);
    expect(stranger.json.errors.map((e: any) => e.extensions.code)).toContain('FORBIDDEN');

    const own = await post(students, query, {
      [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET,
      authorization: `Bearer ${await token('partner_staff', receiver.id)}`,
    });
    expect(own.json.errors).toBeUndefined();
    expect(own.json.data._entities[0].givenName).toBe(u.students.find((s) => s.id === referral.studentId)!.givenName);
  });

  it('answers bad input with typed errors and no stack traces', async () => {
    const badToken = await gql(gateway, '{ organizations(first: 1) { totalCount } }', {}, 'not.a.token');
    expect(badToken.status).toBe(401);
    expect(badToken.json.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const forged = await gql(
      gateway,
      '{ organizations(first: 1) { totalCount } }',
      {},
      await (async () => {
        const { mintToken } = await import('@c2c/kernel');
        return mintToken({ secret: 'x'.repeat(48), sub: 'forger', roles: ['district_admin'] });
      })(),
    );
    expect(forged.status).toBe(401);

    const parse = await gql(gateway, '{ organizations(first: 1) { totalCount ');
    expect(parse.status).toBe(400);
    expect(parse.json.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');

    const unknown = await gql(gateway, '{ organizations(first: 1) { nope } }');
    expect(unknown.json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const malformed = await post(gateway, '{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.json.errors[0].extensions.code).toBe('BAD_REQUEST');

    for (const r of [badToken, parse, unknown, malformed]) expect(r.text).not.toMatch(/stacktrace|at \w+ \(|node_modules/);
  });

  it('keeps serving the other subgraphs when one is down, and a gateway boots without it', async () => {
    await hub.hub.stopProcess('students');
    const res = await gql(gateway, DASHBOARD, { org: receiver.id }, await token('partner_staff', receiver.id));
    expect(res.status).toBe(200);
    const o = res.json.data.organization;
    expect(o.name).toBe(receiver.name);
    expect(o.receivedReferrals.totalCount).toBeGreaterThan(0);
    expect(o.receivedReferrals.edges.every((e: any) => e.node.student === null && e.node.service.name)).toBe(true);
    expect(res.json.errors.length).toBeGreaterThan(0);
    // Production masking: no subgraph URL, name or system error reaches the client.
    expect(JSON.stringify(res.json.errors)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|students|fetch failed/);

    const urls = Object.fromEntries(
      hub.hub.processes.filter((p) => p.name !== 'gateway').map((p) => [`C2C_${p.name.toUpperCase()}_URL`, p.url]),
    );
    const second = await startGateway(readGatewayConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', PORT: '0', ...SECRETS, ...urls }));
    try {
      const ok = await gql(
        second.url,
        '{ organizations(first: 3) { totalCount edges { node { name services(first: 1) { totalCount } } } } }',
      );
      expect(ok.json.errors).toBeUndefined();
      expect(ok.json.data.organizations.totalCount).toBe(u.organizations.length);
      const ready = await fetch(new URL('/readyz', second.url));
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'degraded' });
    } finally {
      await second.close();
    }
  });
});
