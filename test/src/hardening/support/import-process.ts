// A real server process importing a large CSV, and the database it writes, seen from outside: the
// kill -9 test and the SIGTERM test interrupt such an import and check it is whole or absent.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import pg from "pg";
import { prepareRecordsWorld, type RecordsWorld } from "../../api/records-fixtures";
import { createTestDatabase } from "../../support/databases";
import { graphql } from "../faults-support";

export const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationImportRecordsSuccess { data { ok created rowsRead errorCount } }
  }
}`;

export const LOGIN = `mutation { login(username: "reporter-a", password: "mat-khau-thu-nghiem") {
  ... on MutationLoginSuccess { data { token } } } }`;

/** Signs in as the records world's commune reporter. */
export async function signIn(url: string): Promise<string> {
  const reply = await graphql<{ login: { data?: { token: string } } }>(url, LOGIN);
  const token = reply.body.data?.login.data?.token;
  if (!token) throw new Error(`cannot sign in: ${reply.text}`);
  return token;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; fails after `limitMs` (a guard against hanging, not a timing). */
export async function until(what: string, check: () => Promise<boolean>, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(20);
  }
}

export interface ImportBackend {
  /** Environment of a server process on the database. */
  env: NodeJS.ProcessEnv;
  world: RecordsWorld;
  /** Resolves once the import's rows are being written inside its transaction. */
  importInProgress(): Promise<void>;
  /** Resolves once nothing of a killed server's is still running in the database. */
  killedServerGone(): Promise<void>;
  /** The database, opened by the test (PGlite: only while no server has it open). */
  open(): Promise<Database>;
  release(db: Database): Promise<void>;
  cleanUp(): Promise<void>;
}

/** A PostgreSQL database; the import is seen in pg_stat_activity. */
export async function postgresImportBackend(): Promise<ImportBackend> {
  const database = await createTestDatabase("postgres");
  const world = await prepareRecordsWorld(database);
  const name = new URL(database.url).pathname.slice(1);
  const observer = new pg.Client({ connectionString: database.url });
  await observer.connect();
  // The server's transaction inserting into Activity, seen from outside.
  const importing = async () => {
    const { rows } = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = $1 AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
         AND query ILIKE '%INSERT INTO%"Activity"%'`,
      [name],
    );
    return Number(rows[0]?.n) > 0;
  };
  return {
    env: { DATABASE_URL: database.url },
    world,
    importInProgress: () => until("the import's INSERTs in pg_stat_activity", importing),
    // A killed client's backend rolls back when it finds its socket closed.
    killedServerGone: () =>
      until("the killed server's transaction to end", async () => !(await importing())),
    open: async () => database.db,
    release: async () => {},
    async cleanUp() {
      await observer.end();
      await database.drop();
    },
  };
}

/** Bytes of the files under a directory. */
function directoryBytes(dir: string): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    } catch {
      // A file removed while walking (WAL recycling).
    }
  }
  return bytes;
}

/**
 * An embedded PGlite DATA_DIR. PGlite lives inside the server process: nothing outside can ask it.
 * What is real from outside is its files: inserting rows extends the table and index files at once,
 * and only the import writes during these tests, so `growthBytes` more means it is under way.
 */
export async function pgliteImportBackend(growthBytes: number): Promise<ImportBackend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "d05-import-pglite-"));
  const config = { kind: "pglite", dataDir } as const;
  const setup = await openDatabase(config);
  await applyMigrations(setup.adapterFactory);
  const world = await prepareRecordsWorld({
    backend: "pglite",
    db: setup,
    url: "",
    drop: () => setup.close(),
  });
  await setup.close();
  return {
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    world,
    async importInProgress() {
      const baseline = directoryBytes(path.join(dataDir, "base"));
      await until(`PGlite's table files to grow by ${growthBytes} bytes`, async () => {
        return directoryBytes(path.join(dataDir, "base")) > baseline + growthBytes;
      });
    },
    killedServerGone: async () => {},
    open: () => openDatabase(config),
    release: (db) => db.close(),
    async cleanUp() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
