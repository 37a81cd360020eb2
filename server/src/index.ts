// `pnpm start`: migrate, seed when empty, serve. Expected failures print one line and exit 1.
import { ConfigurationError } from "@d05/prisma";
import { buildApp } from "./app";
import { resolveAuthSecret } from "./auth-secret";
import { serverConfigFromEnv } from "./config";
import { prepareDatabase } from "./startup";

async function main(): Promise<void> {
  const config = serverConfigFromEnv();
  const database = await prepareDatabase(config);
  // After the database: a new PGlite DATA_DIR is initialised first, then the key joins it.
  const authSecret = await resolveAuthSecret(config);
  const app = buildApp({
    database,
    authSecret,
    port: config.port,
    host: config.host,
    redisUrl: config.redisUrl,
    redisChannelPrefix: config.redisChannelPrefix,
    limits: config.limits,
    trustedProxies: config.trustedProxies,
    live: config.live,
    corsOrigins: config.corsOrigins,
    readCache: config.readCacheTtlSeconds > 0 && {
      ttlMs: config.readCacheTtlSeconds * 1000,
    },
  });
  const url = await app.start().catch((error: NodeJS.ErrnoException) => {
    throw new ConfigurationError(
      error.code === "EADDRINUSE"
        ? `Port ${config.port} is already in use; set PORT to another one.`
        : `Cannot listen on ${config.host}:${config.port}: ${error.message}`,
    );
  });
  console.log(`Chỉ thị 05 dashboard on ${url}/ — GraphQL and GraphiQL on ${url}/graphql`);
  console.log(`Live updates: ${app.events.transport}`);
  const shutdown = async () => {
    await app.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
