import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** The message with quoted-printable soft line breaks and escapes undone (RFC 2045 §6.7). */
const decodeQuotedPrintable = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');

/**
 * A real SMTP server in this process that keeps every message it accepts. `down()` stops it
 * (connection refused), `up()` starts a new one on the same port, feeding the same `mails`.
 */
export async function startSmtp() {
  const mails: { from: string; to: string[]; raw: string; text: string }[] = [];
  let port = 0;
  let server: SMTPServer | undefined;
  const up = () =>
    new Promise<void>((resolve, reject) => {
      const s = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onData(stream, session, done) {
          let raw = '';
          stream.setEncoding('utf8');
          stream.on('data', (chunk: string) => (raw += chunk));
          stream.on('end', () => {
            mails.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              raw,
              text: decodeQuotedPrintable(raw),
            });
            done();
          });
        },
      });
      s.server.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.server.address() as AddressInfo).port;
        server = s;
        resolve();
      });
    });
  const down = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await up();
  return { mails, url: `smtp://127.0.0.1:${port}`, up, down, close: down };
}

export interface ReceivedWebhook {
  delivery: string;
  timestamp: string;
  signature: string;
  /** Whether `X-C2C-Signature` is the HMAC-SHA256 of `<timestamp>.<body>` under the secret, checked here independently. */
  valid: boolean;
  body: any;
}

/**
 * A real HTTP(S) receiver that checks each delivery's signature as a partner's system would.
 * `down()` closes the listening socket (connection refused), `up()` listens again on the same port.
 */
export async function startReceiver(o: { tls?: { key: string; cert: string } } = {}) {
  const received: ReceivedWebhook[] = [];
  let secret = '';
  const handler: http.RequestListener = (req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const timestamp = String(req.headers['x-c2c-timestamp'] ?? '');
      const signature = String(req.headers['x-c2c-signature'] ?? '');
      const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.${raw}`).digest('hex')}`);
      const given = Buffer.from(signature);
      const valid = given.length === expected.length && timingSafeEqual(given, expected);
      received.push({ delivery: String(req.headers['x-c2c-delivery'] ?? ''), timestamp, signature, valid, body: JSON.parse(raw) });
      res.writeHead(valid ? 204 : 401).end();
    });
  };
  const server: http.Server = o.tls ? https.createServer(o.tls, handler) : http.createServer(handler);
  let port = 0;
  const up = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  const down = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  await up();
  return {
    received,
    setSecret: (s: string) => (secret = s),
    url: (host = '127.0.0.1') => `${o.tls ? 'https' : 'http'}://${host}:${port}/hooks/c2c`,
    up,
    down,
    close: down,
  };
}
