// `pnpm start`: migrate, seed when empty, serve. Expected failures print one line and exit 1.
import { ConfigurationError } from "@d05/prisma";
import { buildApp } from "./app";
import { serverConfigFromEnv } from "./config";
import { stopOnSignals } from "./shutdown";
import { prepareDatabase } from "./startup";

async function main(): Promise<void> {
  const config = serverConfigFromEnv();
  const database = await prepareDatabase(config);
  const app = buildApp({
    database,
    authSecret: config.authSecret,
    port: config.port,
    host: config.host,
    redisUrl: config.redisUrl,
    redisChannelPrefix: config.redisChannelPrefix,
    limits: config.limits,
    trustedProxies: config.trustedProxies,
    readCache: config.readCacheTtlSeconds > 0 && {
      ttlMs: config.readCacheTtlSeconds * 1000,
    },
    shutdownGraceMs: config.shutdownGraceMs,
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
  stopOnSignals(
    async () => {
      await app.stop();
      await database.close();
    },
    config.shutdownGraceMs,
    (message) => console.log(message),
  );
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
