import pino, { type Logger } from 'pino';

export type { Logger };

/** JSON logs, one line per event; the service name is on every line so merged logs stay readable. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service }, redact: ['req.headers.authorization', 'req.headers["x-c2c-subgraph-secret"]'] });
}
