import { randomUUID } from 'node:crypto';
import { getNamedType, isObjectType, type GraphQLNamedType, buildClientSchema, getIntrospectionQuery } from 'graphql';
import { SUBGRAPH_SECRET_HEADER } from '@c2c/kernel';
import * as demo from '@c2c/demo';
import { gql, post, SECRETS, startTestHub, token } from '@c2c/testing';

/**
 * A third organisation's staff cannot reach a referral between two others by any path the
 * graph offers. The paths are not a list someone remembered: the test walks the gateway's
 * own schema for every field that leads to a Referral, and fails when a new one appears
 * that it does not try.
 */
const u = demo.demoUniverse();
const withStaff = (id: string) => Boolean(demo.demoStaffSubject(id));
const service = u.services.find((s) => s.status === 'ACTIVE' && withStaff(s.organizationId))!;
const receiverOrg = service.organizationId;
const senderOrg = u.organizations.find((o) => o.id !== receiverOrg && withStaff(o.id))!.id;
// A demo referral with a student, between two organisations neither of which is the bystander.
const studentReferral = u.referrals.find((r) => r.studentId && ![senderOrg, receiverOrg].includes(r.fromOrganizationId))!;
const bystanderOrg = u.organizations.find(
  (o) =>
    withStaff(o.id) &&
    ![senderOrg, receiverOrg, studentReferral.fromOrganizationId, studentReferral.toOrganizationId].includes(o.id) &&
    !u.participations.some((p) => p.studentId === studentReferral.studentId && p.organizationId === o.id),
)!.id;

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { id version } }`;
const REFERRAL_FIELDS = 'id status reason zip familyContact { name phone } student { id givenName } notes';
// The referrals subgraph knows a student by id only.
const SUBGRAPH_FIELDS = 'id status reason zip familyContact { name phone } student { id } notes';
const codes = (r: { json: any }) => (r.json.errors ?? []).map((e: any) => e.extensions?.code);
// An answer with every id taken out: a referral that exists must look like one that does not.
const shape = (r: { status: number; json: any }, ids: string[]) => {
  let s = JSON.stringify({ status: r.status, data: r.json.data, errors: (r.json.errors ?? []).map(({ locations, ...e }: any) => e) });
  for (const id of ids) s = s.split(id).join('<id>');
  return s;
};

/** Every `Type.field` of the API schema whose value is, or holds on some path, a Referral. */
function pathsToReferral(types: Record<string, GraphQLNamedType>): string[] {
  const reaches = new Set<string>(['Referral']);
  // The referral's own wrappers (connections, edges, report rows) that hold one, to a fixed point.
  // Other entities (Organization, Service, Student) do not carry it on: their own fields are the
  // paths, and they are listed below like any other.
  for (let grew = true; grew;) {
    grew = false;
    for (const t of Object.values(types)) {
      if (!isObjectType(t) || reaches.has(t.name) || !/Referral/.test(t.name)) continue;
      if (Object.values(t.getFields()).some((f) => reaches.has(getNamedType(f.type).name))) {
        reaches.add(t.name);
        grew = true;
      }
    }
  }
  const out: string[] = [];
  for (const t of Object.values(types)) {
    if (!isObjectType(t) || t.name.startsWith('__')) continue;
    for (const f of Object.values(t.getFields())) if (reaches.has(getNamedType(f.type).name)) out.push(`${t.name}.${f.name}`);
  }
  return out.sort();
}

describe('a referral is invisible to a third organisation on every path', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let gw: string;
  let sender: string;
  let receiver: string;
  let bystander: string;
  let referralId: string;
  const ids = () => [referralId, studentReferral.id];
  const subgraphUrl = (name: string) => hub.hub.processes.find((p) => p.name === name)!.url;

  beforeAll(async () => {
    hub = await startTestHub();
    gw = hub.hub.gatewayUrl;
    [sender, receiver, bystander] = await Promise.all([senderOrg, receiverOrg, bystanderOrg].map((o) => token('partner_staff', o)));
    const made = await gql(
      gw,
      CREATE,
      {
        input: {
          serviceId: service.id,
          imperative: 'K12',
          need: 'Tutoring after school.',
          zip: '48201',
          notes: 'Afternoons only.',
          familyContact: { name: 'Ana Ruiz', phone: '+1 313 555 0142', preferredChannel: 'SMS' },
          consent: {
            givenByName: 'Ana Ruiz',
            givenByRelationship: 'parent',
            method: 'WRITTEN',
            givenAt: new Date(Date.now() - 86_400_000).toISOString(),
            covers: ['SHARE_CONTACT'],
          },
        },
      },
      sender,
    );
    expect(made.json.errors).toBeUndefined();
    referralId = made.json.data.createReferral.id;
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  it('the schema offers exactly the paths this test tries', async () => {
    const r = await gql(gw, getIntrospectionQuery(), {}, await token('cec_admin'));
    expect(r.json.errors).toBeUndefined();
    const schema = buildClientSchema(r.json.data);
    expect(pathsToReferral(schema.getTypeMap())).toEqual(
      [
        'Mutation.createReferral',
        'Mutation.updateReferralStatus',
        'Organization.receivedReferrals',
        'Organization.sentReferrals',
        'OverdueReferral.referral',
        'OverdueReferralConnection.edges',
        'OverdueReferralEdge.node',
        'Query.overdueReferrals',
        'Query.referral',
        'Query.referrals',
        'Referral.followOnReferral',
        'Referral.linkedReferral',
        'ReferralConnection.edges',
        'ReferralEdge.node',
      ].sort(),
    );
    // No path through a service or a student: they do not lead to referrals at all.
    expect(Object.keys((schema.getType('Service') as any).getFields()).filter((f) => /referral/i.test(f))).toEqual([]);
    expect(Object.keys((schema.getType('Student') as any).getFields()).filter((f) => /referral/i.test(f))).toEqual([]);
  });

  it('by id: the parties read it; the bystander gets what a referral that does not exist gets', async () => {
    const q = `query($id: ID!) { referral(id: $id) { ${REFERRAL_FIELDS} } }`;
    const asSender = await gql(gw, q, { id: referralId }, sender);
    expect(asSender.json.data.referral).toMatchObject({ id: referralId, familyContact: { name: 'Ana Ruiz' }, notes: 'Afternoons only.' });
    expect((await gql(gw, q, { id: referralId }, receiver)).json.data.referral).toMatchObject({ familyContact: { name: 'Ana Ruiz' } });
    const nowhere = randomUUID();
    const missing = await gql(gw, q, { id: nowhere }, bystander);
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    for (const id of ids()) expect(shape(await gql(gw, q, { id }, bystander), [id])).toBe(shape(missing, [nowhere]));
  });

  it('in lists: never in the bystander’s sent, received or overdue lists, in any status', async () => {
    const seen = new Set<string>();
    for (const direction of ['SENT', 'RECEIVED']) {
      let after: string | null = null;
      do {
        const r: { json: any } = await gql(
          gw,
          `query($d: ReferralDirection!, $after: String) { referrals(direction: $d, first: 100, after: $after) {
            edges { node { id linkedReferral { id } } } pageInfo { hasNextPage endCursor } } }`,
          { d: direction, after },
          bystander,
        );
        expect(r.json.errors).toBeUndefined();
        for (const e of r.json.data.referrals.edges) {
          seen.add(e.node.id);
          if (e.node.linkedReferral) seen.add(e.node.linkedReferral.id);
        }
        after = r.json.data.referrals.pageInfo.hasNextPage ? r.json.data.referrals.pageInfo.endCursor : null;
      } while (after);
    }
    const overdue = await gql(gw, `{ overdueReferrals(first: 100) { edges { node { id referral { id } } } } }`, {}, bystander);
    expect(overdue.json.errors).toBeUndefined();
    for (const e of overdue.json.data.overdueReferrals.edges) seen.add(e.node.id);
    expect(seen.size).toBeGreaterThan(0); // the bystander has referrals of its own: the lists were really read
    for (const id of ids()) expect(seen.has(id)).toBe(false);
    // …while the sender does find it in its SENT list.
    const mine = await gql(gw, `{ referrals(direction: SENT, first: 5) { edges { node { id } } } }`, {}, sender);
    expect(mine.json.data.referrals.edges.map((e: any) => e.node.id)).toContain(referralId);
  });

  it('through the organisations: the bystander cannot list the sender’s or the receiver’s referrals', async () => {
    const q = `query($id: ID!) { organization(id: $id) { id sentReferrals(first: 50) { edges { node { id } } } receivedReferrals(first: 50) { edges { node { id } } } } }`;
    for (const org of [senderOrg, receiverOrg, studentReferral.fromOrganizationId, studentReferral.toOrganizationId]) {
      const r = await gql(gw, q, { id: org }, bystander);
      expect(r.json.data.organization).toEqual({ id: org, sentReferrals: null, receivedReferrals: null });
      expect(codes(r).length).toBeGreaterThan(0);
      expect(codes(r).every((c: string) => c === 'FORBIDDEN' || c === 'NOT_FOUND')).toBe(true);
    }
    const own = await gql(gw, q, { id: senderOrg }, sender);
    expect(own.json.data.organization.sentReferrals.edges.map((e: any) => e.node.id)).toContain(referralId);
  });

  it('through the student and the service: the student stays hidden, and the service carries no referral', async () => {
    const s = await gql(gw, `query($id: ID!) { student(id: $id) { id givenName } }`, { id: studentReferral.studentId }, bystander);
    expect(s.json.data?.student ?? null).toBeNull();
    const svc = await gql(gw, `query($id: ID!) { service(id: $id) { id name } }`, { id: service.id }, bystander);
    expect(svc.json.data.service).toMatchObject({ id: service.id }); // public, and nothing about who was referred to it
    expect(JSON.stringify(svc.json)).not.toContain(referralId);
  });

  it('through _entities: refused at the gateway, and empty straight at the subgraph, as for an id that does not exist', async () => {
    const entities = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Referral { ${REFERRAL_FIELDS} } } }`;
    const directQuery = entities.replace(REFERRAL_FIELDS, SUBGRAPH_FIELDS);
    const atGateway = await gql(gw, entities, { r: [{ __typename: 'Referral', id: referralId }] }, bystander);
    expect(atGateway.json.data ?? null).toBeNull();
    expect(JSON.stringify(atGateway.json)).not.toContain('Ana Ruiz');
    const direct = (id: string, auth: string) =>
      post(
        subgraphUrl('referrals'),
        { query: directQuery, variables: { r: [{ __typename: 'Referral', id }] } },
        { [SUBGRAPH_SECRET_HEADER]: SECRETS.C2C_SUBGRAPH_SECRET, authorization: `Bearer ${auth}` },
      );
    const own = await direct(referralId, sender);
    expect(own.json.errors).toBeUndefined();
    expect(own.json.data._entities[0]).toMatchObject({
      id: referralId,
      familyContact: { name: 'Ana Ruiz' },
    });
    const nowhere = randomUUID();
    const missing = await direct(nowhere, bystander);
    expect(missing.json.data._entities).toEqual([null]);
    for (const id of ids()) {
      const r = await direct(id, bystander);
      expect(r.json.data._entities).toEqual([null]);
      expect(shape(r, [id])).toBe(shape(missing, [nowhere]));
    }
  });

  it('by mutation: the bystander can neither move nor comment on it, is told it does not exist, and nothing changes', async () => {
    const move = `mutation($id: ID!) { updateReferralStatus(id: $id, status: ACCEPTED, expectedVersion: 1) { id status } }`;
    const comment = `mutation($id: ID!) { addReferralComment(referralId: $id, body: "hello") { id } }`;
    for (const m of [move, comment]) {
      const nowhere = randomUUID();
      const missing = await gql(gw, m, { id: nowhere }, bystander);
      expect(codes(missing)).toEqual(['NOT_FOUND']);
      const r = await gql(gw, m, { id: referralId }, bystander);
      expect(shape(r, [referralId])).toBe(shape(missing, [nowhere]));
    }
    const after = await gql(gw, `query($id: ID!) { referral(id: $id) { status version comments { id } } }`, { id: referralId }, sender);
    expect(after.json.data.referral).toEqual({ status: 'SENT', version: 1, comments: [] });
  });
});
