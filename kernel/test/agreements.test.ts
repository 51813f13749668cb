import http from 'node:http';
import net from 'node:net';
import { AgreementClient, createLogger, SUBGRAPH_SECRET_HEADER, VIEWER_AGREEMENTS_QUERY } from '@c2c/kernel';
import * as testing from '@c2c/testing';

/**
 * A stand-in for partners that counts the HTTP requests it receives. Until it is given an
 * answer it drops each connection as soon as the request arrives: a real failure of partners.
 */
async function partnersStandIn() {
  const received: { method?: string; headers: http.IncomingHttpHeaders; body: any }[] = [];
  let answer: unknown;
  const srv = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ method: req.method, headers: req.headers, body: JSON.parse(body) });
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

describe('AgreementClient: fail closed', () => {
  const ORG = '7d13f678-5d22-5a8f-9fd7-30eb89485230';
  const SECRET = 's'.repeat(32);
  let partners: Awaited<ReturnType<typeof partnersStandIn>>;
  beforeEach(async () => {
    partners = await partnersStandIn();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await partners.close();
  });
  const clientFor = (ttlSeconds: number) =>
    new AgreementClient({
      partnersUrl: partners.url,
      ttlSeconds,
      subgraphSecret: SECRET,
      log: createLogger('test', 'silent'),
      timeoutMs: 1000,
    });

  it('answers "no agreement" to every concurrent caller when partners cannot be reached, and asks again afterwards', async () => {
    const client = clientFor(30);
    const viewer = testing.viewerFor('partner_staff', ORG);
    // Many requests of one organisation arrive while the first lookup is still in flight: one request to partners.
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.forViewer(viewer, 'token')));
    expect(answers).toEqual([[], [], [], [], []]);
    expect(partners.received).toHaveLength(1);
    expect(partners.received[0]).toMatchObject({
      method: 'POST',
      headers: { authorization: 'Bearer token', [SUBGRAPH_SECRET_HEADER]: SECRET, 'content-type': 'application/json' },
      body: { query: VIEWER_AGREEMENTS_QUERY },
    });
    // The failure is not cached: a later request, well within the TTL, still fails closed and asks again.
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual([]);
    expect(partners.received).toHaveLength(2);
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual([]);
    expect(partners.received).toHaveLength(3);
  });

  it('keeps an answer for the TTL and asks again once it has passed', async () => {
    let now = Date.parse('2026-03-10T12:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    partners.answerWith({
      data: {
        viewerAgreements: [
          { id: 'a1', scopes: ['STUDENT_DATA'], recordKinds: ['ATTENDANCE'], effectiveFrom: '2026-01-01T00:00:00Z', expiresAt: null },
        ],
      },
    });
    const client = clientFor(30);
    const viewer = testing.viewerFor('partner_staff', ORG);
    const expected = [
      { id: 'a1', scopes: ['STUDENT_DATA'], recordKinds: ['ATTENDANCE'], effectiveFrom: new Date('2026-01-01T00:00:00Z'), expiresAt: null },
    ];

    await expect(client.forViewer(viewer, 'token')).resolves.toEqual(expected);
    expect(partners.received).toHaveLength(1);
    // Within the TTL, up to its last millisecond: from the cache.
    now += 1000;
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual(expected);
    now += 30_000 - 1000 - 1;
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual(expected);
    expect(partners.received).toHaveLength(1);
    // Thirty seconds after the lookup: asked again, once, and cached again from then.
    now += 1;
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual(expected);
    expect(partners.received).toHaveLength(2);
    now += 29_999;
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual(expected);
    expect(partners.received).toHaveLength(2);

    // A TTL of 0 caches nothing: every lookup is a request.
    const uncached = clientFor(0);
    await uncached.forViewer(viewer, 'token');
    await uncached.forViewer(viewer, 'token');
    expect(partners.received).toHaveLength(4);
    // No organisation or no token: partners is not asked at all.
    await expect(client.forViewer(testing.viewerFor('district_admin'), 'token')).resolves.toEqual([]);
    await expect(client.forViewer(viewer, undefined)).resolves.toEqual([]);
    expect(partners.received).toHaveLength(4);
  });
});
