import { badInput } from '@c2c/kernel';
import { EMAIL } from './referral.validation';

export function validateNotificationEmail(raw: string | null | undefined): string | null {
  const email = raw?.trim().toLowerCase() || null;
  if (email && (email.length > 200 || !EMAIL.test(email))) throw badInput('email must be an email address', { field: 'email' });
  return email;
}

/**
 * A webhook URL: https, or http outside production (NODE_ENV as kernel/src/env.ts reads it),
 * so a partner's system is never sent referral events in clear text; no credentials in it.
 */
export function validateWebhookUrl(raw: string | null | undefined, source: NodeJS.ProcessEnv = process.env): string | null {
  const value = raw?.trim() || null;
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw badInput('url must be an absolute URL', { field: 'url' });
  }
  // As kernel/src/env.ts reads it (the process validated the rest of its environment at start-up).
  const production = (source.NODE_ENV ?? 'development') === 'production';
  const allowed = production ? ['https:'] : ['https:', 'http:'];
  if (!allowed.includes(url.protocol)) {
    throw badInput(production ? 'url must be an https:// URL in production' : 'url must be an http:// or https:// URL', { field: 'url' });
  }
  if (url.username || url.password) throw badInput('url must not carry credentials', { field: 'url' });
  if (value.length > 2000) throw badInput('url must be at most 2000 characters', { field: 'url' });
  return url.toString();
}
