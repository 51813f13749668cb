import { readGatewayConfig } from './config';
import { startGateway } from './server';

let config;
try {
  config = readGatewayConfig();
} catch (err) {
  console.error((err as Error).message);
  process.exit(78);
}
startGateway(config)
  .then((gw) => {
    const stop = () =>
      gw.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((err) => {
    console.error(`gateway failed to start: ${(err as Error).message}`);
    process.exit(1);
  });
