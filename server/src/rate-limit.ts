import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";
import { localizedError } from "./language";

export interface RateLimitOptions {
  /** Operations per minute for each signed-in account (0: no limit). */
  perMinute: number;
  /** Operations per minute for each client address without a valid token (0: no limit). */
  anonymousPerMinute: number;
  /** Counters in Redis hold across every instance; absent means per process. */
  redisUrl?: string;
  /** Prefix of the Redis keys (the deployment's channel prefix). */
  keyPrefix?: string;
  log?: (message: string) => void;
}

export interface RateLimiter {
  /** Counts one operation for `key`; throws RATE_LIMITED (HTTP 429, Retry-After) past the limit. */
  consume(key: { userId: number } | { address: string }): Promise<void>;
  close(): Promise<void>;
}

const WINDOW_SECONDS = 60;

/**
 * Fixed one-minute windows per account (or per address for anonymous callers). With Redis the
 * counters are shared, so a client cannot multiply its budget by spreading over instances; if
 * Redis is away, each instance falls back to counting in memory rather than refusing everyone.
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const prefix = `${options.keyPrefix ?? "d05:"}rate`;
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : null;
  let lastError = "";
  redis?.on("error", (error: Error) => {
    if (error.message !== lastError) options.log?.(`Redis (rate limits): ${error.message}`);
    lastError = error.message;
  });

  const limiter = (points: number, name: string): RateLimiterAbstract | null => {
    if (points <= 0) return null;
    const memory = new RateLimiterMemory({ points, duration: WINDOW_SECONDS, keyPrefix: name });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      points,
      duration: WINDOW_SECONDS,
      keyPrefix: `${prefix}:${name}`,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  const accounts = limiter(options.perMinute, "user");
  const anonymous = limiter(options.anonymousPerMinute, "ip");

  return {
    async consume(key) {
      const [target, id] =
        "userId" in key ? [accounts, String(key.userId)] : [anonymous, key.address];
      if (!target) return;
      try {
        await target.consume(id);
      } catch (result) {
        if (!(result instanceof RateLimiterRes)) throw result;
        const retryAfter = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        throw localizedError(
          "rateLimited",
          { limit: target.points, perAccount: "userId" in key, seconds: retryAfter },
          {
            extensions: {
              code: "RATE_LIMITED",
              retryAfterSeconds: retryAfter,
              http: { status: 429, headers: { "Retry-After": String(retryAfter) } },
            },
          },
        );
      }
    },
    async close() {
      redis?.disconnect();
    },
  };
}
