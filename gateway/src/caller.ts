import type { Response } from 'express';
import { ANONYMOUS_CALLER, type Caller } from '@c2c/kernel';

/**
 * The caller that `protect` verified for this request; throws its UNAUTHENTICATED error when
 * the token was bad. Handlers pass it to `execute`, so the token is never verified twice.
 */
export function callerOf(res: Response): Caller {
  if (res.locals.authError) throw res.locals.authError;
  return (res.locals.caller as Caller | undefined) ?? ANONYMOUS_CALLER;
}

/**
 * Cache headers for an answer read as `caller`: shared caches may keep an anonymous answer
 * (varying on Authorization, so a later caller with a token never gets it); an answer that
 * depends on who asked is private and never stored.
 */
export function cacheFor(res: Response, caller: Caller, publicMaxAgeSeconds: number) {
  if (caller.viewer.anonymous && publicMaxAgeSeconds > 0) res.set('cache-control', `public, max-age=${publicMaxAgeSeconds}`);
  else res.set('cache-control', caller.viewer.anonymous ? 'no-store' : 'private, no-store');
  res.vary('Authorization');
}
