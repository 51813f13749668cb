import { hash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from './context';

/**
 * Whole answers to anonymous queries, kept for a few seconds: the public directory that
 * third-party listings and the embed widget ask for again and again. Only an anonymous caller's
 * answer is kept, because an anonymous answer holds only what anyone may read; a caller with
 * a token (an API-key token included) always gets an answer of its own, marked `private,
 * no-store`. An answer with errors is never kept. A mutation through this gateway that changed
 * something (it answered with data) empties the cache, and nothing computed while it ran is kept,
 * so a change made through the graph is seen at once by the next query here; a change that does not pass through this gateway (another
 * replica's, or the passing of time) is seen within `seconds`, the `max-age` the answer carries.
 */
export interface ResponseCacheConfig {
  /** How long an answer is kept and may be kept by shared caches (`C2C_RESPONSE_CACHE_SECONDS`; 0 turns the cache off). */
  seconds: number;
  /** Answers kept at most; the oldest go first (`C2C_RESPONSE_CACHE_ENTRIES`). */
  maxEntries: number;
  /** Answers larger than this (JSON bytes) are not kept. */
  maxEntryBytes: number;
}

export const RESPONSE_CACHE_DEFAULTS: ResponseCacheConfig = { seconds: 10, maxEntries: 1000, maxEntryBytes: 256 * 1024 };

export function readResponseCacheConfig(source: NodeJS.ProcessEnv): ResponseCacheConfig {
  const number = (name: string, fallback: number, max: number) => {
    const raw = source[name]?.trim();
    if (!raw) return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 0 || v > max) throw new Error(`${name} must be a whole number from 0 to ${max}`);
    return v;
  };
  return {
    seconds: number('C2C_RESPONSE_CACHE_SECONDS', RESPONSE_CACHE_DEFAULTS.seconds, 3600),
    maxEntries: number('C2C_RESPONSE_CACHE_ENTRIES', RESPONSE_CACHE_DEFAULTS.maxEntries, 1_000_000),
    maxEntryBytes: RESPONSE_CACHE_DEFAULTS.maxEntryBytes,
  };
}

interface Entry {
  result: FormattedExecutionResult;
  expires: number;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Bumped by every clear: an answer computed across a mutation is not kept. */
  generation = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly config: ResponseCacheConfig,
    private readonly now: () => number = Date.now,
  ) {}

  get size() {
    return this.entries.size;
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, result: FormattedExecutionResult, generation: number): boolean {
    if (generation !== this.generation || this.config.maxEntries < 1) return false;
    if (JSON.stringify(result).length > this.config.maxEntryBytes) return false;
    this.entries.delete(key);
    while (this.entries.size >= this.config.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { result, expires: this.now() + this.config.seconds * 1000 });
    return true;
  }

  /** A mutation starts: answers computed from here until it has answered are not kept. */
  begin() {
    this.generation++;
  }

  /** A mutation changed something: nothing kept before it may be served after it. */
  clear() {
    this.generation++;
    this.entries.clear();
  }

  /** Seconds an entry still has: the `max-age` its answer is sent with. */
  secondsLeft(entry: Entry): number {
    return Math.max(0, Math.floor((entry.expires - this.now()) / 1000));
  }
}

/**
 * The Apollo plugin: serves a kept answer before the query is planned, keeps a fresh one, and
 * sets every GraphQL answer's cache headers (Apollo's own cache-control headers are turned off in
 * server.ts, so these are the only ones). `x-c2c-cache` says hit or miss, for the benchmark.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let generation = 0;
      let hit: Entry | undefined;
      return {
        async didResolveOperation(rc) {
          if (rc.operation?.operation === 'mutation') cache.begin();
        },
        async responseForOperation(rc) {
          if (cache.config.seconds <= 0 || rc.operation?.operation !== 'query' || !rc.contextValue.viewer.anonymous) return null;
          key = hash('sha256', JSON.stringify([rc.source, rc.request.operationName ?? null, rc.request.variables ?? {}]), 'hex');
          generation = cache.generation;
          hit = cache.get(key);
          if (!hit) {
            cache.misses++;
            return null;
          }
          cache.hits++;
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: hit.result } };
        },
        async willSendResponse(rc) {
          const headers = rc.response.http.headers;
          if (rc.operation?.operation === 'mutation') {
            // A refused mutation (errors, no data) changed nothing, and must not let anyone,
            // anonymous callers included, empty the cache at will.
            const result = rc.response.body.kind === 'single' ? rc.response.body.singleResult : undefined;
            if (!result?.errors?.length || Object.values(result.data ?? {}).some((v) => v !== null)) cache.clear();
            else cache.begin();
          }
          if (!rc.contextValue.viewer.anonymous) {
            headers.set('cache-control', 'private, no-store');
            return;
          }
          headers.set('vary', 'Authorization');
          const body = rc.response.body;
          if (key === undefined || body.kind !== 'single' || body.singleResult.errors || (rc.response.http.status ?? 200) !== 200) {
            headers.set('cache-control', 'no-store');
            return;
          }
          if (hit) {
            headers.set('cache-control', `public, max-age=${cache.secondsLeft(hit)}`);
            headers.set('x-c2c-cache', 'hit');
            return;
          }
          const kept = cache.set(key, body.singleResult, generation);
          headers.set('cache-control', kept ? `public, max-age=${cache.config.seconds}` : 'no-store');
          headers.set('x-c2c-cache', 'miss');
        },
      };
    },
  };
}
