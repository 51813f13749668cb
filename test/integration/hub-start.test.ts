import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '@c2c/kernel';
import { freePort, SECRETS, startHub } from '@c2c/testing';

/**
 * Test hubs pick free ports and then listen on them, and another test file's hub can take a port
 * in between. Its process answers /readyz as well as ours would: the start must not take it for
 * ours (the gateway would then talk to a hub with other secrets), and says which port it was.
 */
describe('starting a hub on a port another hub answers', () => {
  let impostor: http.Server;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'c2c-hub-start-'));
    // Answers like a ready subgraph of a hub whose secret is not ours.
    impostor = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET') res.end(JSON.stringify({ status: 'ready' }));
      else res.writeHead(401).end(JSON.stringify({ errors: [{ message: 'This service only answers the C2C Hub gateway' }] }));
    });
    await new Promise<void>((resolve) => impostor.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => impostor.close(resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses it, naming the port, instead of starting a gateway that talks to it', async () => {
    const taken = (impostor.address() as { port: number }).port;
    const ports = Object.fromEntries(await Promise.all(SUBGRAPH_NAMES.map(async (n) => [n, await freePort()] as const)));
    ports[SUBGRAPH_NAMES[0]] = taken;
    const start = startHub({
      dataDir,
      gatewayPort: await freePort(),
      subgraphPorts: ports as Parameters<typeof startHub>[0]['subgraphPorts'],
      seedDemo: false,
      env: { NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...SECRETS },
    });
    await expect(start).rejects.toThrow(new RegExp(`port ${taken} is answered by another hub's process`));
  });
});
