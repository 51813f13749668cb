import type { NextFunction, Request, Response } from 'express';
import Redis from 'ioredis';
import { hasRole, type Logger, type Viewer } from '@c2c/kernel';

export interface RateLimits {
  windowMs: number;
  /** Requests per window: anonymous callers per IP, signed-in users per `sub`, API clients per client. */
  anonymous: number;
  user: number;
  client: number;
  /** Key prefix in Redis: replicas of one deployment share it, other deployments must not. */
  prefix: string;
}

const int = (raw: string | undefined, fallback: number) =>
  raw && Number.isInteger(Number(raw)) && Number(raw) > 0 ? Number(raw) : fallback;

export function readRateLimits(source: NodeJS.ProcessEnv): RateLimits {
  return {
    windowMs: int(source.C2C_RATE_WINDOW_MS, 60_000),
    anonymous: int(source.C2C_RATE_LIMIT_ANONYMOUS, 300),
    user: int(source.C2C_RATE_LIMIT_USER, 1200),
    client: int(source.C2C_RATE_LIMIT_CLIENT, 600),
    prefix: source.C2C_REDIS_PREFIX?.trim() || 'c2c',
  };
}

/** Counts hits on a key in the current fixed window; returns the count so far. */
interface CounterStore {
  hit(key: string, windowMs: number): Promise<number>;
  close(): Promise<void>;
}

class MemoryStore implements CounterStore {
  private readonly counts = new Map<string, number>();
  private current = '';
  async hit(key: string, windowMs: number) {
    // Only the current window matters: dropping older keys keeps memory flat under many IPs.
    const window = String(Math.floor(Date.now() / windowMs));
    if (window !== this.current) {
      this.counts.clear();
      this.current = window;
    }
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }
  async close() {}
}

const HIT = `local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end return n`;

/** One budget shared by every gateway replica pointed at the same Redis. */
class RedisStore implements CounterStore {
  private readonly redis: Redis;
  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    // Bounded waits: a rate limiter that waits on Redis becomes the outage. The offline queue
    // stays on so the first requests after start-up wait for the connection instead of failing.
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: 1000 });
    this.redis.on('error', () => undefined);
  }
  async hit(key: string, windowMs: number) {
    const window = Math.floor(Date.now() / windowMs);
    return Number(await this.redis.eval(HIT, 1, `${this.prefix}:rl:${key}:${window}`, windowMs * 2));
  }
  async close() {
    this.redis.disconnect();
  }
}

export function rateLimitKey(viewer: Viewer | undefined, ip: string, limits: RateLimits): { key: string; limit: number } {
  if (viewer && !viewer.anonymous && viewer.sub) {
    if (hasRole(viewer, 'embed')) return { key: `client:${viewer.sub}`, limit: limits.client };
    return { key: `user:${viewer.sub}`, limit: limits.user };
  }
  return { key: `ip:${ip}`, limit: limits.anonymous };
}

export interface RateLimiter {
  middleware(req: Request, res: Response, next: NextFunction): void;
  close(): Promise<void>;
}

/**
 * Express middleware after the identity check (it reads `res.locals.viewer`). With Redis
 * unreachable it falls back to this replica's own counters: a per-replica budget is better
 * than none, and better than refusing every caller.
 */
export function createRateLimiter(limits: RateLimits, redisUrl: string | undefined, log: Logger): RateLimiter {
  const memory = new MemoryStore();
  const shared = redisUrl ? new RedisStore(redisUrl, limits.prefix) : undefined;
  // After a Redis failure, skip it for a while: one slow timeout per request would add its
  // latency to every caller while Redis is down.
  let downUntil = 0;
  const hit = async (key: string) => {
    if (!shared || Date.now() < downUntil) return memory.hit(key, limits.windowMs);
    try {
      return await shared.hit(key, limits.windowMs);
    } catch (err) {
      if (downUntil === 0 || Date.now() - downUntil > 60_000)
        log.warn({ err: (err as Error).message }, 'rate limit store unreachable; counting per replica');
      downUntil = Date.now() + 5000;
      return memory.hit(key, limits.windowMs);
    }
  };
  return {
    middleware(req, res, next) {
      const { key, limit } = rateLimitKey(res.locals.viewer as Viewer | undefined, req.ip ?? req.socket.remoteAddress ?? 'unknown', limits);
      hit(key).then(
        (n) => {
          const resetMs = limits.windowMs - (Date.now() % limits.windowMs);
          res.setHeader('RateLimit-Limit', String(limit));
          res.setHeader('RateLimit-Remaining', String(Math.max(0, limit - n)));
          if (n <= limit) return next();
          const retryAfter = Math.max(1, Math.ceil(resetMs / 1000));
          res.setHeader('Retry-After', String(retryAfter));
          (res.locals.codes as string[] | undefined)?.push('RATE_LIMITED');
          res
            .status(429)
            .json({ errors: [{ message: 'Too many requests; retry later', extensions: { code: 'RATE_LIMITED', retryAfter } }] });
        },
        (err) => next(err),
      );
    },
    async close() {
      await shared?.close();
    },
  };
}
