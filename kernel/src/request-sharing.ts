import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/*
 * Identical queries in flight at one subgraph at the same moment share one execution: the same
 * caller's `authorization` and the same body (query, variables, operation name). This is the
 * subgraph's half of coalescing. The gateway shares identical fetches itself (gateway
 * coalesce.ts), except to students, where each request must leave its own disclosure rows:
 * only the subgraph can both share the work and write a row per request. So the requests that
 * join one in flight are handed to its after hooks (HubContext.sharedWith) before they run, the
 * disclosure recorder writes one row per request id in one insert, and every response waits for
 * that insert: a failed write withholds the data from all of them alike.
 *
 * Only a plain query is shared, never a mutation; a request joins only while the first has not
 * yet begun its after hooks, and nothing is kept once the answer is sent (this is not a cache).
 */

/** A document that is plainly one query: anything else (a mutation, a subscription, a doubt) runs alone. */
export function isPlainQuery(query: unknown): boolean {
  if (typeof query !== 'string') return false;
  // Clients and the gateway print `query …` or `{ … }`. The word `mutation` anywhere (even
  // inside a string) refuses sharing: a wrong "no" costs one execution, a wrong "yes" a write.
  return /^\s*(query\b|\{)/.test(query) && !/\b(mutation|subscription)\b/.test(query);
}

interface Answer {
  status: number;
  headers: Record<string, string | number | readonly string[] | undefined>;
  body: Buffer;
}

/** One execution and the requests waiting on it. */
export class SharedFlight {
  private open = true;
  private readonly joined: string[] = [];
  readonly answer: Promise<Answer>;
  settle!: (a: Answer | null) => void;

  constructor(private readonly close_: () => void) {
    this.answer = new Promise<Answer | null>((resolve) => (this.settle = resolve)).then((a) => {
      if (!a) throw new Error('the shared request failed');
      return a;
    });
    // Joiners that find the first request failed run on their own; nobody else awaits this.
    this.answer.catch(() => undefined);
  }

  /** Adds a request to this execution; false once its after hooks have begun. */
  join(requestId: string): boolean {
    if (!this.open) return false;
    this.joined.push(requestId);
    return true;
  }

  /** No more joiners: returns the request ids sharing this execution (the first's aside). */
  close(): string[] {
    if (this.open) {
      this.open = false;
      this.close_();
    }
    return [...this.joined];
  }
}

const FLIGHT = Symbol('c2c shared flight');

/** The flight a request leads, if any (the server's context function hands it to the context). */
export const flightOf = (res: Response): SharedFlight | undefined => (res.locals as Record<symbol, SharedFlight>)[FLIGHT];

export class SharedRequests {
  private readonly flights = new Map<string, SharedFlight>();
  /** Requests answered by another's execution (tests, logs). */
  shared = 0;

  get size() {
    return this.flights.size;
  }

  /** After express.json(), before the GraphQL handler. */
  middleware(onShared?: (requestId: string) => void): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      const body = req.body as { query?: unknown } | undefined;
      if (req.method !== 'POST' || !body || typeof body !== 'object' || Array.isArray(body) || !isPlainQuery(body.query)) return next();
      const key = JSON.stringify([req.header('authorization') ?? '', req.header('content-type') ?? '', body]);
      const requestId = req.header('x-request-id') || randomUUID();
      // The request id this request's own context would have taken: the context reads the header.
      req.headers['x-request-id'] = requestId;
      const flight = this.flights.get(key);
      if (flight?.join(requestId)) {
        this.shared++;
        flight.answer.then(
          (a) => {
            onShared?.(requestId);
            res.status(a.status);
            for (const [name, value] of Object.entries(a.headers)) if (value !== undefined) res.setHeader(name, value);
            // Operators and tests can see which answers were shared.
            res.setHeader('x-c2c-shared', 'true');
            res.end(a.body);
          },
          // The first request never answered (its connection went): this one runs on its own, and its
          // id was on no audit row, since the after hooks that would have written it never ran.
          () => next(),
        );
        return;
      }
      const mine = new SharedFlight(() => {
        if (this.flights.get(key) === mine) this.flights.delete(key);
      });
      this.flights.set(key, mine);
      (res.locals as Record<symbol, SharedFlight>)[FLIGHT] = mine;
      const end = res.end.bind(res) as (...args: unknown[]) => Response;
      const chunks: Buffer[] = [];
      const write = res.write.bind(res) as (...args: unknown[]) => boolean;
      const asBuffer = (chunk: unknown, encoding?: unknown) =>
        Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
      res.write = ((chunk: unknown, ...rest: unknown[]) => {
        if (chunk !== undefined && chunk !== null) chunks.push(asBuffer(chunk, rest[0]));
        return write(chunk, ...rest);
      }) as Response['write'];
      res.end = ((chunk?: unknown, ...rest: unknown[]) => {
        if (chunk !== undefined && chunk !== null && typeof chunk !== 'function') chunks.push(asBuffer(chunk, rest[0]));
        mine.close();
        mine.settle({ status: res.statusCode, headers: res.getHeaders(), body: Buffer.concat(chunks) });
        return end(chunk, ...rest);
      }) as Response['end'];
      res.once('close', () => {
        mine.close();
        mine.settle(null);
      });
      // One turn of the event loop before running: requests already received on other
      // connections are read first, and can join. Without it an execution that never waits for
      // I/O (SQLite, cached identity) ends before the next request is read, and nothing is shared.
      setImmediate(next);
    };
  }
}
