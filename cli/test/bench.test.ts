import { spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { checkTarget, HUB_BOUNDS, parseHubBenchOptions, shoot } from '../src/commands/bench-hub';

const BIN = path.resolve(__dirname, '..', 'bin', 'c2c.js');
const run = (args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NODE_ENV: 'development' } });

/**
 * The hub benchmark's guard rails, without a hub: it refuses a remote target unless told, its
 * flags are bounded, and its load loop ends by itself (by count and by time).
 */
describe('c2c bench guard rails', () => {
  it('accepts this machine and refuses any other host without --yes', () => {
    for (const url of [
      'http://localhost:4000/graphql',
      'http://127.0.0.1:4000/graphql',
      'http://[::1]:4000/graphql',
      'http://hub.localhost/graphql',
    ])
      expect(checkTarget(url, false).toString()).toBe(new URL(url).toString());
    expect(() => checkTarget('https://hub.c2c.example.org/graphql', false)).toThrow(/not this machine.*--yes/);
    expect(() => checkTarget('http://10.0.0.5:4000/graphql', false)).toThrow(/--yes/);
    expect(checkTarget('https://hub.c2c.example.org/graphql', true).hostname).toBe('hub.c2c.example.org');
    expect(() => checkTarget('ftp://localhost/x', true)).toThrow(/http\(s\)/);
    expect(() => checkTarget('not a url', true)).toThrow(/is not a URL/);
  });

  it('bounds every flag and defaults to a short run', () => {
    expect(parseHubBenchOptions({})).toMatchObject({ seconds: 5, rounds: 3, connections: 20, maxRequests: 200_000 });
    for (const [flag, key, bad] of [
      ['--seconds', 'seconds', [0, 61, 1.5, 'x']],
      ['--rounds', 'rounds', [0, 10]],
      ['--connections', 'connections', [0, 101]],
      ['--max-requests', 'maxRequests', [9, 1_000_001]],
    ] as const)
      for (const value of bad) expect(() => parseHubBenchOptions({ [key]: value })).toThrow(new RegExp(`^${flag} must be`));
    expect(parseHubBenchOptions({ seconds: HUB_BOUNDS.seconds.max, connections: 1 })).toMatchObject({ seconds: 60, connections: 1 });
  });

  it('refuses a production URL on the command line before starting anything', () => {
    const res = run(['bench', '--scenario', 'federation-varied', '--url', 'https://hub.c2c.example.org/graphql']);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/not this machine.*--yes/);
    expect(run(['bench', '--scenario', 'overhead', '--connections', '5000']).stderr).toMatch(
      /--connections must be a whole number from 1 to 100/,
    );
    expect(run(['bench', '--scenario', 'nope']).stderr).toMatch(/--scenario must be one of search, referrals, overhead/);
  });

  describe('the load loop', () => {
    let server: http.Server;
    let url: string;
    let served = 0;
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        req.resume();
        req.on('end', () => {
          served++;
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(served % 10 === 0 ? { errors: [{ message: 'boom' }] } : { data: { ok: true } }));
        });
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    it('stops at its request cap long before its duration, and counts GraphQL errors as failures', async () => {
      served = 0;
      const started = Date.now();
      const shot = await shoot({ url, headers: {}, request: (i) => ({ body: { i } }) }, { seconds: 30, connections: 4, maxRequests: 50 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(shot.requests).toBe(50);
      expect(served).toBe(50);
      expect(shot.failed).toBe(5);
      expect(shot.firstError).toMatch(/boom/);
      expect(shot.p95).toBeGreaterThanOrEqual(shot.p50);
    });

    it('stops at its duration when the cap is not reached', async () => {
      const started = Date.now();
      const shot = await shoot({ url, headers: {}, request: () => ({ body: {} }) }, { seconds: 1, connections: 2, maxRequests: 1_000_000 });
      const ms = Date.now() - started;
      expect(ms).toBeGreaterThanOrEqual(900);
      expect(ms).toBeLessThan(8_000);
      expect(shot.requests).toBeGreaterThan(0);
      expect(shot.requests).toBeLessThan(1_000_000);
    });
  });
});
