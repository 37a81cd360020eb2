import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import pg from "pg";

/** Both storage engines the product runs on; integration tests run against each. */
export const backends = ["pglite", "postgres"] as const;
export type Backend = (typeof backends)[number];

/** The PostgreSQL server tests use (trust auth on these machines and CI's). */
export const POSTGRES_ADMIN_URL =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  backend: Backend;
  db: Database;
  /** DATABASE_URL for a server process on the same database ("memory:" is per process). */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database owned by one test file: create in beforeAll, drop in afterAll.
 * Under vitest it is a copy of the database global-setup.ts migrated once; elsewhere (a script a
 * test spawns without that environment) it is migrated here.
 */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const imagePath = process.env.D05_TEST_PGLITE_IMAGE;
    const image = imagePath ? new Blob([fs.readFileSync(imagePath)]) : undefined;
    const db = await openDatabase({ kind: "memory", image });
    if (!image) await applyMigrations(db.adapterFactory);
    return { backend, db, url: "memory:", drop: () => db.close() };
  }
  const name = `d05_test_${randomBytes(6).toString("hex")}`;
  const url = withDatabase(POSTGRES_ADMIN_URL, name);
  const template = process.env.D05_TEST_POSTGRES_TEMPLATE;
  await adminQuery(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  const db = await openDatabase({ kind: "postgres", url });
  if (!template) await applyMigrations(db.adapterFactory);
  return {
    backend,
    db,
    url,
    async drop() {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** An empty PostgreSQL database (no migrations), for tests of the migration tool itself. */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `d05_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(POSTGRES_ADMIN_URL, name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
