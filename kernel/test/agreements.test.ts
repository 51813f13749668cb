import net from 'node:net';
import { AgreementClient, createLogger, testing } from '@c2c/kernel';

/** A port with nothing listening: connections to it are refused, a real failure of partners. */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('AgreementClient: fail closed', () => {
  it('answers "no agreement" to every concurrent caller when partners cannot be reached, and asks again afterwards', async () => {
    const port = await closedPort();
    const client = new AgreementClient({
      partnersUrl: `http://127.0.0.1:${port}/graphql`,
      ttlSeconds: 30,
      subgraphSecret: 's'.repeat(32),
      log: createLogger('test', 'silent'),
      timeoutMs: 1000,
    });
    const viewer = testing.viewerFor('partner_staff', '7d13f678-5d22-5a8f-9fd7-30eb89485230');
    // Many requests of one organisation arrive while the first lookup is still in flight.
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.forViewer(viewer, 'token')));
    expect(answers).toEqual([[], [], [], [], []]);
    // The failure is not cached: a later request still fails closed (and tries again) rather than throwing.
    await expect(client.forViewer(viewer, 'token')).resolves.toEqual([]);
  });
});
