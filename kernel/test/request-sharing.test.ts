import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { flightOf, isPlainQuery, SharedRequests } from '../src/request-sharing';

/*
 * The subgraph's request sharing over real HTTP: an express app with the middleware in front of
 * a handler whose executions are counted and held at a gate, so that who joins whom is decided
 * by the test, not by timing.
 */
describe('SharedRequests', () => {
  let server: Server;
  let url: string;
  let sharing: SharedRequests;
  let executions: { auth: string; body: unknown; joined: string[] }[];
  let gate: { open: () => void; wait: Promise<void> };
  const newGate = () => {
    let open!: () => void;
    const wait = new Promise<void>((r) => (open = r));
    return { open, wait };
  };

  beforeEach(async () => {
    sharing = new SharedRequests();
    executions = [];
    gate = newGate();
    const app = express();
    app.use(express.json());
    app.use(sharing.middleware());
    app.post('/graphql', async (req, res) => {
      const held = gate;
      await held.wait;
      const flight = flightOf(res);
      // Where the server runs its after hooks: the joiners are final here.
      const joined = flight ? flight.close() : [];
      executions.push({ auth: req.header('authorization') ?? '', body: req.body, joined });
      if (req.header('x-request-id') === 'dies') {
        res.socket?.destroy();
        return;
      }
      res.status(200).json({ data: { n: executions.length, requestId: req.header('x-request-id') } });
    });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  const post = (body: unknown, auth = 'Bearer a', requestId?: string) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: auth, ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, shared: r.headers.get('x-c2c-shared'), json: (await r.json()) as any }));
  /** Waits until the server has read `n` requests (they are then held at the gate or waiting on a flight). */
  const arrived = async (n: number) => {
    for (let i = 0; i < 200 && sharing.size + sharing.shared < n; i++) await new Promise((r) => setTimeout(r, 5));
  };

  it('runs identical queries of one caller once, and gives each the answer, naming every joiner to the first', async () => {
    const q = { query: '{ student(id: "1") { id } }', variables: {} };
    const first = post(q, 'Bearer a', 'r0');
    await arrived(1);
    const rest = ['r1', 'r2', 'r3', 'r4'].map((id) => post(q, 'Bearer a', id));
    await arrived(5);
    gate.open();
    const all = await Promise.all([first, ...rest]);
    expect(executions).toHaveLength(1);
    expect(executions[0].joined).toEqual(['r1', 'r2', 'r3', 'r4']);
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(all.map((r) => JSON.stringify(r.json))).size).toBe(1);
    expect(all.map((r) => r.shared)).toEqual([null, 'true', 'true', 'true', 'true']);
    expect(sharing.size).toBe(0);
  });

  it('never shares across callers, across bodies, or a mutation', async () => {
    const q = { query: 'query { a }' };
    const m = { query: 'mutation { a }' };
    const pending = [
      post(q, 'Bearer a'),
      post(q, 'Bearer b'),
      post({ ...q, variables: { x: 1 } }, 'Bearer a'),
      post(m, 'Bearer a'),
      post(m, 'Bearer a'),
      post({ query: '{ a(note: "mutation") }' }, 'Bearer a'),
    ];
    await new Promise((r) => setTimeout(r, 100));
    gate.open();
    const all = await Promise.all(pending);
    expect(executions).toHaveLength(6);
    expect(all.every((r) => r.shared === null)).toBe(true);
  });

  it('lets no request join once the first has begun its after hooks: a later one runs on its own', async () => {
    const q = { query: '{ a }' };
    const first = post(q);
    await arrived(1);
    gate.open();
    await first;
    gate = newGate();
    const later = post(q);
    await new Promise((r) => setTimeout(r, 50));
    gate.open();
    expect((await later).shared).toBeNull();
    expect(executions.map((e) => e.joined)).toEqual([[], []]);
  });

  it('runs the joiners on their own when the first request never answers', async () => {
    const q = { query: '{ a }' };
    const first = post(q, 'Bearer a', 'dies').catch(() => 'failed');
    await arrived(1);
    const joiner = post(q, 'Bearer a', 'lives');
    await arrived(2);
    expect(sharing.shared).toBe(1);
    gate.open();
    expect(await first).toBe('failed');
    const alone = await joiner;
    expect(alone).toMatchObject({ status: 200, shared: null, json: { data: { n: 2, requestId: 'lives' } } });
    expect(executions.map((e) => e.joined)).toEqual([['lives'], []]);
  });

  it('recognises a plain query, and refuses anything that might write', () => {
    expect(isPlainQuery('{ a }')).toBe(true);
    expect(isPlainQuery('  query Q { a }')).toBe(true);
    expect(isPlainQuery('mutation { a }')).toBe(false);
    expect(isPlainQuery('subscription { a }')).toBe(false);
    expect(isPlainQuery('query { a } mutation M { b }')).toBe(false);
    expect(isPlainQuery(undefined)).toBe(false);
  });
});
