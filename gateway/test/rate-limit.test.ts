import type { Viewer } from '@c2c/kernel';
import { rateLimitKey, readRateLimits, type RateLimits } from '../src/rate-limit';

describe('readRateLimits', () => {
  it('has the documented defaults', () => {
    expect(readRateLimits({})).toEqual({ windowMs: 60_000, anonymous: 300, user: 1200, client: 600, prefix: 'c2c' });
  });

  it('reads every variable, and trims the Redis prefix', () => {
    expect(
      readRateLimits({
        C2C_RATE_WINDOW_MS: '1000',
        C2C_RATE_LIMIT_ANONYMOUS: '5',
        C2C_RATE_LIMIT_USER: '50',
        C2C_RATE_LIMIT_CLIENT: '20',
        C2C_REDIS_PREFIX: '  staging-hub ',
      }),
    ).toEqual({ windowMs: 1000, anonymous: 5, user: 50, client: 20, prefix: 'staging-hub' });
  });

  it.each(['', '0', '-10', '1.5', 'ten', 'Infinity'])('falls back to the defaults for %p (positive whole numbers only)', (raw) => {
    expect(
      readRateLimits({ C2C_RATE_WINDOW_MS: raw, C2C_RATE_LIMIT_ANONYMOUS: raw, C2C_RATE_LIMIT_USER: raw, C2C_RATE_LIMIT_CLIENT: raw }),
    ).toEqual(readRateLimits({}));
  });

  it('falls back to the default prefix for a blank one', () => {
    expect(readRateLimits({ C2C_REDIS_PREFIX: '   ' }).prefix).toBe('c2c');
  });
});

describe('rateLimitKey', () => {
  const limits: RateLimits = { windowMs: 60_000, anonymous: 3, user: 30, client: 10, prefix: 'c2c' };
  const signedIn = (sub: string | undefined, ...roles: Viewer['roles']): Viewer => ({ anonymous: false, sub, roles, scope: [] });

  it('counts anonymous callers (and no viewer at all) per IP with the anonymous budget', () => {
    expect(rateLimitKey(undefined, '203.0.113.7', limits)).toEqual({ key: 'ip:203.0.113.7', limit: 3 });
    expect(rateLimitKey({ anonymous: true, roles: [], scope: [] }, '203.0.113.7', limits)).toEqual({ key: 'ip:203.0.113.7', limit: 3 });
  });

  it('counts signed-in people per subject, whatever their IP', () => {
    expect(rateLimitKey(signedIn('user-1', 'partner_staff'), '203.0.113.7', limits)).toEqual({ key: 'user:user-1', limit: 30 });
    expect(rateLimitKey(signedIn('user-1', 'partner_staff'), '198.51.100.1', limits)).toEqual({ key: 'user:user-1', limit: 30 });
    expect(rateLimitKey(signedIn('admin', 'cec_admin', 'district_admin'), '::1', limits)).toEqual({ key: 'user:admin', limit: 30 });
  });

  it('counts API clients (embed role) per client with the client budget, even with other roles too', () => {
    expect(rateLimitKey(signedIn('client-9', 'embed'), '203.0.113.7', limits)).toEqual({ key: 'client:client-9', limit: 10 });
    expect(rateLimitKey(signedIn('client-9', 'partner_staff', 'embed'), '203.0.113.7', limits)).toEqual({
      key: 'client:client-9',
      limit: 10,
    });
  });

  it('counts a token without a subject per IP, as anonymous', () => {
    expect(rateLimitKey(signedIn(undefined, 'district_admin'), '203.0.113.7', limits)).toEqual({ key: 'ip:203.0.113.7', limit: 3 });
    expect(rateLimitKey(signedIn('', 'embed'), '203.0.113.7', limits)).toEqual({ key: 'ip:203.0.113.7', limit: 3 });
  });

  it('keeps the kinds apart: a subject that looks like an IP is not that IP', () => {
    const a = rateLimitKey(signedIn('203.0.113.7', 'partner_staff'), '203.0.113.7', limits).key;
    const b = rateLimitKey(undefined, '203.0.113.7', limits).key;
    const c = rateLimitKey(signedIn('203.0.113.7', 'embed'), '203.0.113.7', limits).key;
    expect(new Set([a, b, c]).size).toBe(3);
  });
});
