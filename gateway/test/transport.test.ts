import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Viewer } from '@c2c/kernel';
import type { GatewayContext } from '../src/context';
import { HubDataSource } from '../src/datasource';
import { sendOverHttp, subgraphAgent } from '../src/transport';

/**
 * The gateway's subgraph client (node:http on a keep-alive agent), against a real HTTP server:
 * connections are reused and capped, the whole answer is read, a timeout is named as one, and
 * through HubDataSource a 401 with a GraphQL body still delivers its data and errors.
 */
let server: http.Server;
let url: string;
let sockets = 0;
let open = 0;
let peakOpen = 0;
let delayMs = 0;
let status = 200;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      open++;
      peakOpen = Math.max(peakOpen, open);
      setTimeout(() => {
        open--;
        res.statusCode = status;
        res.setHeader('content-type', 'application/json');
        const body = JSON.parse(text || '{}');
        res.end(
          JSON.stringify(
            status === 401
              ? {
                  data: { me: null, id: body.variables?.id },
                  errors: [{ message: 'no', path: ['me'], extensions: { code: 'UNAUTHENTICATED' } }],
                }
              : { data: { echo: body, auth: req.headers.authorization ?? null, big: 'x'.repeat(200_000) } },
          ),
        );
      }, delayMs);
    });
  });
  server.on('connection', () => sockets++);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});
beforeEach(() => {
  sockets = 0;
  peakOpen = 0;
  delayMs = 0;
  status = 200;
});

const post = (agent: http.Agent, body: unknown, timeoutMs = 5000) =>
  sendOverHttp(agent, url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }, timeoutMs);

describe('the subgraph transport', () => {
  it('reads the whole answer and reuses one connection for requests one after another', async () => {
    const agent = subgraphAgent(url, { maxSockets: 8 });
    for (let i = 0; i < 5; i++) {
      const res = await post(agent, { query: '{ a }', variables: { i } });
      expect(res.ok).toBe(true);
      expect(res.headers.get('Content-Type')).toMatch(/json/);
      const json = (await res.json()) as any;
      expect(json.data.echo.variables.i).toBe(i);
      expect(json.data.big).toHaveLength(200_000);
    }
    expect(sockets).toBe(1);
    agent.destroy();
  });

  it('opens no more connections than maxSockets, queueing the rest', async () => {
    const agent = subgraphAgent(url, { maxSockets: 3 });
    delayMs = 50;
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(agent, { query: '{ a }', variables: { i } })));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(sockets).toBe(3);
    expect(peakOpen).toBe(3);
    agent.destroy();
  });

  it('names a timeout TimeoutError, and a refused connection fails', async () => {
    const agent = subgraphAgent(url, { maxSockets: 2 });
    delayMs = 500;
    await expect(post(agent, {}, 100)).rejects.toMatchObject({ name: 'TimeoutError' });
    const dead = subgraphAgent('http://127.0.0.1:1/graphql', { maxSockets: 1 });
    await expect(sendOverHttp(dead, 'http://127.0.0.1:1/graphql', { method: 'POST', body: '{}' }, 1000)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
    agent.destroy();
  });

  it('through HubDataSource: headers go out, and a 401 with a GraphQL body keeps its data and error codes', async () => {
    const ds = new HubDataSource(
      'partners',
      url,
      's'.repeat(32),
      2000,
      undefined,
      undefined,
      undefined,
      subgraphAgent(url, { maxSockets: 4 }),
    );
    const viewer: Viewer = { anonymous: false, sub: 'x', roles: ['partner_staff'], org: 'o', scope: [] };
    const kind = 'incoming operation' as Extract<GraphQLDataSourceProcessOptions['kind'], 'incoming operation'>;
    const run = () =>
      ds.process({
        kind,
        request: { query: 'query($id: ID) { me { id } }', variables: { id: '7' } },
        context: { viewer, token: 'tok', requestId: 'r1' } as GatewayContext,
        incomingRequestContext: {} as any,
      });
    const ok = await run();
    expect(ok.data?.auth).toBe('Bearer tok');
    status = 401;
    const refused = await run();
    expect(refused.data).toEqual({ me: null, id: '7' });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});
