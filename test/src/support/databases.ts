import { randomBytes } from "node:crypto";
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

/** A fresh, migrated database owned by one test file: create in beforeAll, drop in afterAll. */
export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === "pglite") {
    const db = await openDatabase({ kind: "memory" });
    await applyMigrations(db.adapterFactory);
    return { backend, db, url: "memory:", drop: () => db.close() };
  }
  const name = `d05_test_${randomBytes(6).toString("hex")}`;
  const url = withDatabase(POSTGRES_ADMIN_URL, name);
  await admin(`CREATE DATABASE "${name}"`);
  const db = await openDatabase({ kind: "postgres", url });
  await applyMigrations(db.adapterFactory);
  return {
    backend,
    db,
    url,
    async drop() {
      await db.close();
      await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** An empty PostgreSQL database (no migrations), for tests of the migration tool itself. */
export async function createEmptyPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `d05_test_${randomBytes(6).toString("hex")}`;
  await admin(`CREATE DATABASE "${name}"`);
  return {
    url: withDatabase(POSTGRES_ADMIN_URL, name),
    drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
