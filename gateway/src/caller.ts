import type { RequestHandler, Response } from 'express';
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

/** True for the error `callerOf` (or a subgraph) raises for a bad or unbound token. */
export const isUnauthenticated = (err: unknown) => (err as { extensions?: { code?: string } })?.extensions?.code === 'UNAUTHENTICATED';

/**
 * The answer to a request whose token was refused (RFC 6750): 401 with `WWW-Authenticate`, so a
 * client knows to get a new token, and nothing any cache may keep.
 */
export function refuseToken(res: Response, message: string) {
  res
    .status(401)
    .set('www-authenticate', `Bearer realm="c2c-hub", error="invalid_token", error_description="${message.replace(/["\\]/g, '')}"`)
    .set('cache-control', 'no-store')
    .json({ error: message });
}

/**
 * `WWW-Authenticate` on every 401 of a route, including those Apollo writes itself (a bad or
 * unbound token fails while the GraphQL context is built, where no plugin sets headers).
 */
export const challengeOn401: RequestHandler = (_req, res, next) => {
  const writeHead = res.writeHead.bind(res) as (...a: any[]) => Response;
  res.writeHead = ((status: number, ...rest: any[]) => {
    if (status === 401 && !res.hasHeader('www-authenticate'))
      res.setHeader('www-authenticate', 'Bearer realm="c2c-hub", error="invalid_token"');
    return writeHead(status, ...rest);
  }) as Response['writeHead'];
  next();
};
