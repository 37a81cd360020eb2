import {
  ConfigurationError,
  type DatabaseConfig,
  databaseConfigFromEnv,
  resolveDataDir,
} from "@d05/prisma/config";
import { defaultLiveSettings, type LiveSettings } from "@d05/schema/live-settings";
import { authSecretProblem } from "./auth-secret";
import { parseTrustedProxies } from "./client-address";
import { defaultLimits, type Limits } from "./limits/settings";
import { parseCorsOrigins } from "./security-headers";

export interface ServerConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Redis for pub/sub across instances; absent means in-process events. */
  redisUrl: string | undefined;
  /** Prefix of the Redis channel names (REDIS_CHANNEL_PREFIX, default "d05:"). */
  redisChannelPrefix: string;
  production: boolean;
  /** Load the demo data set into an empty database at start. */
  seedDemoWhenEmpty: boolean;
  /** Signs bearer tokens (AUTH_SECRET); unset: a random key kept in `authSecretDir` (not in production). */
  authSecret: string | undefined;
  /** Where the generated signing key is kept (DATA_DIR, default ./data, whatever the database). */
  authSecretDir: string;
  /** Query, body, time and rate limits (MAX_QUERY_DEPTH, MAX_BODY_BYTES, INTROSPECTION, …). */
  limits: Limits;
  /** Reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY); empty: none. */
  trustedProxies: string[];
  /**
   * Longest reuse of an analytics answer (READ_CACHE_TTL_SECONDS, default 60; 0: every answer
   * computed afresh, the facts beside answers still kept until they change).
   */
  readCacheTtlSeconds: number;
  /**
   * How long an analytics answer a write made stale is still served to other users while a newer
   * one is computed (READ_CACHE_MAX_STALE_MS, default 2000; 0: recompute before answering).
   */
  readCacheMaxStaleMs: number;
  /**
   * The live window (LIVE_INTERVAL_MS, default 150: at most one push per subscription in that many
   * ms) and the
   * open subscriptions per account and per socket (MAX_SUBSCRIPTIONS_PER_ACCOUNT / _SOCKET).
   */
  live: Pick<
    LiveSettings,
    "intervalMs" | "maxSubscriptionsPerAccount" | "maxSubscriptionsPerSocket"
  >;
  /** Browser origins besides this server's own that may call the API (CORS_ORIGINS); default none. */
  corsOrigins: string[];
  /** How long a stopping server lets requests in flight finish (SHUTDOWN_GRACE_MS, default 10 s). */
  shutdownGraceMs: number;
}

/** Reads the environment once; bad values fail with a one-line ConfigurationError. */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigurationError(
      `PORT must be a whole number from 0 to 65535 (got "${env.PORT}").`,
    );
  }
  const redisUrl = env.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) {
    throw new ConfigurationError(
      `REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}").`,
    );
  }
  const production = env.NODE_ENV === "production";
  const authSecret = env.AUTH_SECRET?.trim() || undefined;
  if (production && !authSecret) {
    throw new ConfigurationError(
      "NODE_ENV=production needs AUTH_SECRET: a random secret of at least 32 characters (openssl rand -hex 32).",
    );
  }
  const secretProblem = authSecret && authSecretProblem(authSecret);
  if (secretProblem) throw new ConfigurationError(secretProblem);
  const trustedProxies = parseTrustedProxies(env.TRUST_PROXY);
  if (!trustedProxies) {
    throw new ConfigurationError(
      `TRUST_PROXY must list the IP addresses of your reverse proxies, comma-separated (e.g. 127.0.0.1,::1), or be unset (got "${env.TRUST_PROXY}").`,
    );
  }
  const corsOrigins = parseCorsOrigins(env.CORS_ORIGINS);
  if (!corsOrigins) {
    throw new ConfigurationError(
      `CORS_ORIGINS must list origins such as https://bao-cao.example.vn, comma-separated (scheme, host and port; no path, no "*"), or be unset (got "${env.CORS_ORIGINS}").`,
    );
  }
  return {
    port,
    host: env.HOST?.trim() || "0.0.0.0",
    database: databaseConfigFromEnv(env),
    redisUrl,
    redisChannelPrefix: env.REDIS_CHANNEL_PREFIX?.trim() || "d05:",
    production,
    authSecret,
    authSecretDir: resolveDataDir(env.DATA_DIR),
    seedDemoWhenEmpty: env.SEED_DEMO !== "false",
    limits: limitsFromEnv(env),
    trustedProxies,
    readCacheTtlSeconds: wholeNumber(env, "READ_CACHE_TTL_SECONDS", 60),
    readCacheMaxStaleMs: wholeNumber(env, "READ_CACHE_MAX_STALE_MS", 2_000),
    corsOrigins,
    live: {
      intervalMs: wholeNumber(env, "LIVE_INTERVAL_MS", defaultLiveSettings.intervalMs),
      maxSubscriptionsPerAccount: wholeNumber(
        env,
        "MAX_SUBSCRIPTIONS_PER_ACCOUNT",
        defaultLiveSettings.maxSubscriptionsPerAccount,
      ),
      maxSubscriptionsPerSocket: wholeNumber(
        env,
        "MAX_SUBSCRIPTIONS_PER_SOCKET",
        defaultLiveSettings.maxSubscriptionsPerSocket,
      ),
    },
    shutdownGraceMs: wholeNumber(env, "SHUTDOWN_GRACE_MS", 10_000),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigurationError(
      `${name} must be a whole number of at least ${min} (got "${raw}").`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigurationError(`${name} must be one of ${allowed.join(", ")} (got "${raw}").`);
  }
  return raw as T;
}

function limitsFromEnv(env: NodeJS.ProcessEnv): Limits {
  const d = defaultLimits;
  return {
    maxDepth: wholeNumber(env, "MAX_QUERY_DEPTH", d.maxDepth, 1),
    maxAliases: wholeNumber(env, "MAX_QUERY_ALIASES", d.maxAliases),
    maxTokens: wholeNumber(env, "MAX_QUERY_TOKENS", d.maxTokens, 10),
    maxDirectives: wholeNumber(env, "MAX_QUERY_DIRECTIVES", d.maxDirectives),
    maxCost: wholeNumber(env, "MAX_QUERY_COST", d.maxCost, 1),
    executionTimeoutMs: wholeNumber(env, "QUERY_TIMEOUT_MS", d.executionTimeoutMs, 1),
    maxBodyBytes: wholeNumber(env, "MAX_BODY_BYTES", d.maxBodyBytes, 1024),
    rateLimitPerMinute: wholeNumber(env, "RATE_LIMIT_PER_MINUTE", d.rateLimitPerMinute),
    anonymousRateLimitPerMinute: wholeNumber(
      env,
      "RATE_LIMIT_ANONYMOUS_PER_MINUTE",
      d.anonymousRateLimitPerMinute,
    ),
    introspection: oneOf(
      env,
      "INTROSPECTION",
      ["open", "signed-in-analysts", "off"] as const,
      d.introspection,
    ),
    csrf: oneOf(env, "CSRF_PREVENTION", ["on", "strict", "off"] as const, d.csrf),
  };
}
