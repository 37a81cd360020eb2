// `pnpm start`: migrate, seed when empty, serve. Expected failures print one line and exit 1.
// The port answers from the first second (a "starting" page, see starting.ts): only the modules
// that reading the configuration and that page need are imported before it listens. Prisma's
// client, the schema and the server, which take most of the start-up's time to load, are imported
// after, the app's while the database is prepared.
import { ConfigurationError } from "@d05/prisma/config";
import { resolveAuthSecret } from "./auth-secret";
import { serverConfigFromEnv } from "./config";
import { createLogger } from "./logging";
import { stopOnSignals } from "./shutdown";
import { listenWhileStarting } from "./starting";

function cannotListen(config: { port: number; host: string }) {
  return (error: NodeJS.ErrnoException): never => {
    throw new ConfigurationError(
      error.code === "EADDRINUSE"
        ? `Port ${config.port} is already in use; set PORT to another one.`
        : `Cannot listen on ${config.host}:${config.port}: ${error.message}`,
    );
  };
}

async function main(): Promise<void> {
  const config = serverConfigFromEnv();
  // A server process logs at info unless LOG_LEVEL says otherwise (NODE_ENV=test included: the
  // tests that start one read its lines, the startup line with its URL among them).
  const logger = createLogger({ level: process.env.LOG_LEVEL?.trim() || "info" });
  const info = (message: string) => logger.info(message);
  const starting = await listenWhileStarting(config.port, config.host).catch(cannotListen(config));
  const appModule = import("./app");
  // Loading the app's modules fails only on a broken install; it is awaited (and reported) below.
  appModule.catch(() => {});
  const { prepareDatabase } = await import("./startup");
  const { announceRunningServer, newBackupKey } = await import("@d05/prisma/backup");
  const database = await prepareDatabase(config, info, starting.step);
  starting.step("server");
  const { buildApp } = await appModule;
  // An embedded database is backed up by this process (the only one that may open its files).
  const dataDir = config.database.kind === "pglite" ? config.database.dataDir : undefined;
  const backupKey = dataDir ? newBackupKey() : undefined;
  // After the database: a new PGlite DATA_DIR is initialised first, then the key joins it.
  const authSecret = await resolveAuthSecret(config, info);
  const app = buildApp({
    backupKey,
    database,
    logger,
    authSecret,
    // The port the starting page had (PORT=0 picks one once).
    port: starting.port,
    host: config.host,
    redisUrl: config.redisUrl,
    redisChannelPrefix: config.redisChannelPrefix,
    limits: config.limits,
    trustedProxies: config.trustedProxies,
    live: config.live,
    corsOrigins: config.corsOrigins,
    // READ_CACHE_TTL_SECONDS=0 computes every answer afresh; accounts and unit tree facts are
    // still kept until they change (their events retire them, as every instance hears them).
    readCache: {
      ttlMs: config.readCacheTtlSeconds * 1000,
      maxStaleMs: config.readCacheMaxStaleMs,
    },
    shutdownGraceMs: config.shutdownGraceMs,
  });
  await starting.close();
  const url = await app.start().catch(cannotListen(config));
  info(`Chỉ thị 05 dashboard on ${url}/ — GraphQL and GraphiQL on ${url}/graphql`);
  info(`Live updates: ${app.events.transport}`);
  const forget =
    dataDir && backupKey
      ? announceRunningServer(dataDir, { pid: process.pid, url, backupKey })
      : () => {};
  process.once("exit", forget);
  stopOnSignals(
    async () => {
      forget();
      await app.stop();
      await database.close();
    },
    config.shutdownGraceMs,
    info,
  );
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
