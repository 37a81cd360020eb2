import { PGlite } from "@electric-sql/pglite";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { startSchemaEngine } from "./engine";
import { readMigrations, readSchema } from "./files";

export { migrationsDir, writeMigration } from "./files";

/** Applies every pending migration folder; returns the names applied now. */
export async function applyMigrations(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  /** Only these migrations (a restore brings a database to its backup's version first). */
  only?: readonly string[],
): Promise<string[]> {
  const engine = await startSchemaEngine(await readSchema(), adapterFactory);
  try {
    const migrationsList = await readMigrations();
    if (only) {
      migrationsList.migrationDirectories = migrationsList.migrationDirectories.filter((m) =>
        only.includes(m.path),
      );
    }
    const result = await engine.applyMigrations({
      migrationsList,
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * The SQL that takes a database built by the migrations to what schema.prisma describes, or
 * null when they agree. The engine replays the migrations on a scratch in-memory PGlite, so this
 * needs no server and touches no real database.
 */
export async function diffSchemaAgainstMigrations(): Promise<string | null> {
  const scratch = await PGlite.create();
  try {
    const schema = await readSchema();
    const engine = await startSchemaEngine(schema, new PrismaPGlite(scratch));
    try {
      const result = await engine.diff({
        from: { tag: "migrations", ...(await readMigrations()) },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      return result.exitCode === 2 ? (result.stdout ?? "") : null;
    } finally {
      engine.free();
    }
  } finally {
    await scratch.close();
  }
}
