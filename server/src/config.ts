import { ConfigurationError, type DatabaseConfig, databaseConfigFromEnv } from "@d05/prisma";
import { DEVELOPMENT_SECRET } from "@d05/schema";

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
  /** Signs bearer tokens. */
  authSecret: string;
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
  const authSecret = env.AUTH_SECRET?.trim() || DEVELOPMENT_SECRET;
  if (production && (authSecret === DEVELOPMENT_SECRET || authSecret.length < 32)) {
    throw new ConfigurationError(
      "NODE_ENV=production needs AUTH_SECRET: a random secret of at least 32 characters (openssl rand -hex 32).",
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
    seedDemoWhenEmpty: env.SEED_DEMO !== "false",
  };
}
