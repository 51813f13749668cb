import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

export const SUBGRAPH_SECRET_HEADER = 'x-c2c-subgraph-secret';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Only the gateway knows the subgraph secret. Every GraphQL request, `_service` and
 * `_entities` included, must carry it, or a caller could skip the gateway's limits and
 * forge entity representations.
 */
export function requireSubgraphSecret(expected: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.header(SUBGRAPH_SECRET_HEADER);
    if (given && sameSecret(given, expected)) return next();
    res.status(401).json({
      errors: [{ message: 'This service only answers the C2C Hub gateway', extensions: { code: 'UNAUTHENTICATED' } }],
    });
  };
}
