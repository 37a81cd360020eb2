import fs from "node:fs";
import { migrationsDir } from "./files";

/** The migration folders this build knows, oldest first: the schema version it expects. */
export function knownMigrations(): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Anything that runs SQL and returns rows (a Prisma client, or a transaction of one). */
interface RawQuery {
  $queryRawUnsafe<T = unknown>(sql: string): Promise<T>;
}

/**
 * The migrations a database has completed (Prisma's `_prisma_migrations` table), oldest first;
 * empty when it has none (a database never migrated).
 */
export async function appliedMigrations(db: RawQuery): Promise<string[]> {
  const exists = await db.$queryRawUnsafe<{ present: boolean }[]>(
    `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
  );
  if (!exists[0]?.present) return [];
  const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations"
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

/** Known migrations the database has not completed yet. */
export async function pendingMigrations(db: RawQuery): Promise<string[]> {
  const applied = new Set(await appliedMigrations(db));
  return knownMigrations().filter((name) => !applied.has(name));
}
