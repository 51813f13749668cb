import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import { EnvError, type Logger } from '@c2c/kernel';

/** What one attempt came to, as the delivery log records it. */
export interface AttemptResult {
  ok: boolean;
  httpStatus?: number | null;
  response: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface EmailAdapter {
  readonly kind: 'smtp' | 'log';
  send(message: EmailMessage): Promise<AttemptResult>;
  close(): void;
}

export interface NotifyConfig {
  adapter: 'smtp' | 'log';
  smtpUrl?: string;
  from: string;
  /** Dispatcher poll interval; 0 = no dispatcher in this process. */
  pollMs: number;
  batchSize: number;
  /** How long a claimed row is left to its dispatcher before another may take it (a crash mid-delivery). */
  leaseMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  webhookTimeoutMs: number;
}

function intFrom(source: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number, problems: string[]) {
  const raw = source[key]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) problems.push(`${key} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return n;
}

export function readNotifyConfig(source: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const problems: string[] = [];
  const smtpUrl = source.C2C_SMTP_URL?.trim() || undefined;
  const adapter = (source.C2C_NOTIFY_ADAPTER?.trim() || (smtpUrl ? 'smtp' : 'log')) as NotifyConfig['adapter'];
  if (!['smtp', 'log'].includes(adapter)) problems.push(`C2C_NOTIFY_ADAPTER must be smtp or log (got "${adapter}")`);
  if (adapter === 'smtp' && !/^smtps?:\/\//.test(smtpUrl ?? ''))
    problems.push('C2C_NOTIFY_ADAPTER=smtp needs C2C_SMTP_URL (smtp:// or smtps://)');
  const config: NotifyConfig = {
    adapter,
    smtpUrl,
    from: source.C2C_NOTIFY_FROM?.trim() || 'C2C Hub <no-reply@c2c-hub.invalid>',
    pollMs: intFrom(source, 'C2C_NOTIFY_POLL_MS', 5000, 0, 3_600_000, problems),
    batchSize: intFrom(source, 'C2C_NOTIFY_BATCH', 50, 1, 1000, problems),
    leaseMs: intFrom(source, 'C2C_NOTIFY_LEASE_MS', 120_000, 1000, 3_600_000, problems),
    retryBaseMs: intFrom(source, 'C2C_NOTIFY_RETRY_BASE_MS', 30_000, 1, 86_400_000, problems),
    retryMaxMs: intFrom(source, 'C2C_NOTIFY_RETRY_MAX_MS', 3_600_000, 1, 7 * 86_400_000, problems),
    maxAttempts: intFrom(source, 'C2C_NOTIFY_MAX_ATTEMPTS', 10, 1, 100, problems),
    webhookTimeoutMs: intFrom(source, 'C2C_NOTIFY_WEBHOOK_TIMEOUT_MS', 10_000, 100, 120_000, problems),
  };
  // A claim must outlast one attempt, or a second dispatcher could take the row mid-delivery.
  if (config.leaseMs <= 2 * config.webhookTimeoutMs)
    problems.push('C2C_NOTIFY_LEASE_MS must be more than twice C2C_NOTIFY_WEBHOOK_TIMEOUT_MS');
  if (problems.length) throw new EnvError(problems);
  return config;
}

/** Exponential backoff after `attempts` failed attempts: base × 2^(attempts−1), capped. */
export const backoffMs = (config: Pick<NotifyConfig, 'retryBaseMs' | 'retryMaxMs'>, attempts: number) =>
  Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 40));

export function smtpAdapter(url: string, from: string): EmailAdapter {
  // Pooled: a new SMTP connection per message cost ~100 ms against a local server, a reused one
  // ~4 ms (measured with nodemailer + smtp-server); `c2c bench --scenario referrals` shows the rate.
  const transport = nodemailer.createTransport({ url, pool: true });
  return {
    kind: 'smtp',
    async send(m) {
      try {
        const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
        return { ok: true, response: String(info.response ?? 'accepted') };
      } catch (err) {
        const e = err as { response?: string; message?: string };
        return { ok: false, response: String(e.response ?? e.message ?? err) };
      }
    },
    close: () => transport.close(),
  };
}

/** Development: the message goes to the log instead of a mail server, and counts as delivered. */
export function logAdapter(log: Logger): EmailAdapter {
  return {
    kind: 'log',
    async send(m) {
      log.info({ notification: { to: m.to, subject: m.subject, text: m.text } }, 'notification (log adapter)');
      return { ok: true, response: 'logged (C2C_NOTIFY_ADAPTER=log)' };
    },
    close: () => undefined,
  };
}

export function emailAdapterFor(config: NotifyConfig, log: Logger): EmailAdapter {
  return config.adapter === 'smtp' ? smtpAdapter(config.smtpUrl!, config.from) : logAdapter(log);
}

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed so a captured delivery cannot be replayed later. */
export const signWebhook = (secret: string, timestamp: string, body: string) =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

/** POSTs a signed JSON body; 2xx is delivered, anything else (redirects included) a failed attempt. */
export async function postWebhook(
  url: string,
  secret: string,
  deliveryId: string,
  body: string,
  timeoutMs: number,
  at: Date = new Date(),
): Promise<AttemptResult> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  try {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'c2c-hub-webhook/1',
        'x-c2c-delivery': deliveryId,
        'x-c2c-timestamp': timestamp,
        'x-c2c-signature': signWebhook(secret, timestamp, body),
      },
      body,
    });
    const text = (await res.text().catch(() => '')).slice(0, 300);
    return { ok: res.status >= 200 && res.status < 300, httpStatus: res.status, response: `${res.status} ${text}`.trim() };
  } catch (err) {
    const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
    const why =
      e.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    return { ok: false, httpStatus: null, response: why };
  }
}
