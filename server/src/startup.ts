import { applyMigrations, type Database, describeDatabase, openDatabase } from "@d05/prisma";
import type { ServerConfig } from "./config";
import type { StartupStep } from "./starting";

/** Opens the database, applies pending migrations and loads the demo into an empty database. */
export async function prepareDatabase(
  config: ServerConfig,
  log: (message: string) => void = console.log,
  /** Told each step as it begins (the starting page shows it). */
  onStep: (step: StartupStep) => void = () => {},
): Promise<Database> {
  onStep("database");
  const database = await openDatabase(config.database);
  try {
    onStep("migrations");
    const applied = await applyMigrations(database.adapterFactory);
    if (applied.length) log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
    if (config.seedDemoWhenEmpty) {
      const { isDatabaseEmpty, seedDemo } = await import("@d05/prisma/seed");
      if (await isDatabaseEmpty(database.prisma)) {
        onStep("demo");
        const started = Date.now();
        await seedDemo(database.prisma);
        log(`Loaded the demo data set in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      }
    }
    log(`Database: ${describeDatabase(config.database)}`);
    if (database.replicas) {
      log(`Analytics reads may use read replicas: ${database.replicas.labels.join(", ")}`);
    }
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
