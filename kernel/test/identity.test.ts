import http from 'node:http';
import net from 'node:net';
import { createLogger, IdentityClient, needsStaffBinding, ROLES, VIEWER_IDENTITY_QUERY, viewerFromClaims, type Viewer } from '@c2c/kernel';

/** A stand-in for partners answering `viewerIdentity` with whatever the test sets (undefined: it drops the connection). */
async function partnersStandIn() {
  const received: { query: string; authorization?: string }[] = [];
  let answer: unknown;
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ query: JSON.parse(body).query, authorization: req.headers.authorization });
      if (answer === undefined) return void req.socket.destroy();
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    answerWith(body: unknown) {
      answer = body;
    },
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}

/**
 * The kernel's identity binding as the students, events, resources and referrals services and the
 * gateway use it: which staff record a partner token is bound to, cached at most the TTL per
 * (organisation, subject, partner roles), and "not bound" whenever partners cannot say.
 */
describe('IdentityClient: the staff record behind a partner token', () => {
  const ORG = '7d13f678-5d22-5a8f-9fd7-30eb89485230';
  const STAFF = '39540E20-1214-5AA7-8014-E750803DF585';
  const staff: Viewer = { anonymous: false, sub: 'idp|a', roles: ['partner_staff'], org: ORG, scope: [] };
  const admin: Viewer = { ...staff, roles: ['partner_admin', 'partner_staff'] };
  let partners: Awaited<ReturnType<typeof partnersStandIn>>;
  beforeEach(async () => {
    partners = await partnersStandIn();
  });
  afterEach(() => partners.close());
  const clientFor = (ttlSeconds: number) =>
    new IdentityClient({
      partnersUrl: partners.url,
      ttlSeconds,
      subgraphSecret: 's'.repeat(32),
      log: createLogger('test', 'silent'),
      timeoutMs: 1000,
    });

  it('names the staff record and its roles, asked once per TTL with the caller’s own token', async () => {
    partners.answerWith({ data: { viewerIdentity: { staffId: STAFF, roles: ['partner_staff'] } } });
    const client = clientFor(30);
    expect(await client.identify(staff, 't1')).toEqual({ staffId: STAFF.toLowerCase(), roles: ['partner_staff'] });
    expect(await client.isBound(staff, 't1')).toBe(true);
    expect(partners.received).toEqual([{ query: VIEWER_IDENTITY_QUERY, authorization: 'Bearer t1' }]);
    expect(VIEWER_IDENTITY_QUERY).toContain('roles');
  });

  it('keeps an administrator’s answer apart from a staff member’s of the same subject', async () => {
    partners.answerWith({ data: { viewerIdentity: { staffId: STAFF, roles: ['partner_staff'] } } });
    const client = clientFor(30);
    await client.identify(staff, 't1');
    partners.answerWith({ errors: [{ message: 'not bound', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(await client.identify(admin, 't2')).toBeNull();
    expect(partners.received).toHaveLength(2);
    expect(await client.identify(staff, 't1')).not.toBeNull();
    expect(partners.received).toHaveLength(2);
  });

  it('asks again once the TTL has passed, so a deactivation is honoured', async () => {
    partners.answerWith({ data: { viewerIdentity: { staffId: STAFF, roles: ['partner_staff'] } } });
    const client = clientFor(0);
    expect(await client.identify(staff, 't1')).not.toBeNull();
    partners.answerWith({ data: { viewerIdentity: null } });
    expect(await client.identify(staff, 't1')).toBeNull();
    expect(partners.received).toHaveLength(2);
  });

  it('fails closed: unreachable, an error, or an answer without a staff id and roles is "not bound"', async () => {
    expect(await clientFor(30).identify(staff, 't1')).toBeNull();
    partners.answerWith({ errors: [{ message: 'boom', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(await clientFor(30).identify(staff, 't1')).toBeNull();
    partners.answerWith({ data: { viewerIdentity: { staffId: STAFF } } });
    expect(await clientFor(30).identify(staff, 't1')).toBeNull();
    // Nothing to ask with: no organisation, subject or token.
    const before = partners.received.length;
    expect(await clientFor(30).identify({ ...staff, org: undefined }, 't1')).toBeNull();
    expect(await clientFor(30).identify(staff, undefined)).toBeNull();
    expect(partners.received).toHaveLength(before);
  });
});

describe('viewerFromClaims: partner_admin', () => {
  const ORG = '7d13f678-5d22-5a8f-9fd7-30eb89485230';
  const exp = Math.floor(Date.now() / 1000) + 600;

  it('carries partner_staff with partner_admin, so an administrator reads what its staff read', () => {
    expect(viewerFromClaims({ sub: 'a', roles: ['partner_admin'], org: ORG, exp }).roles).toEqual(['partner_admin', 'partner_staff']);
    expect(viewerFromClaims({ sub: 'a', roles: ['partner_staff', 'partner_admin'], org: ORG, exp }).roles).toEqual([
      'partner_staff',
      'partner_admin',
    ]);
    expect(ROLES).toContain('partner_admin');
  });

  it('must name its organisation, like partner_staff', () => {
    expect(() => viewerFromClaims({ sub: 'a', roles: ['partner_admin'], exp })).toThrow(/partner_admin token must name its organisation/);
  });

  it('needs binding to a staff record, as every partner role does', () => {
    expect(needsStaffBinding(viewerFromClaims({ sub: 'a', roles: ['partner_admin'], org: ORG, exp }))).toBe(true);
    expect(needsStaffBinding(viewerFromClaims({ sub: 'a', roles: ['district_admin'], exp }))).toBe(false);
  });
});
