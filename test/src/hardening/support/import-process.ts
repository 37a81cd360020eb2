// A real server process importing a large CSV, and the database it writes, seen from outside: the
// kill -9 test and the SIGTERM test interrupt such an import and check it is whole or absent.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import pg from "pg";
import { prepareRecordsWorld, type RecordsWorld } from "../../api/records-fixtures";
import { createTestDatabase } from "../../support/databases";
import { until } from "../../support/waiting";
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

/** Waits for a state of the import process: long, since a busy 2-core machine imports slowly. */
const untilImport = (what: string, check: () => Promise<boolean>) =>
  until(what, check, 120_000, 20);

export interface ImportBackend {
  /** Environment of a server process on the database. */
  env: NodeJS.ProcessEnv;
  world: RecordsWorld;
  /** Resolves once the import is writing (on PGlite: staging its rows, or moving them). */
  importInProgress(): Promise<void>;
  /** Resolves once the import's rows are going into the Activity table, inside its transaction. */
  importMoving(): Promise<void>;
  /** Resolves once nothing of a killed server's is still running in the database. */
  killedServerGone(): Promise<void>;
  /** The test may open the database while a server has it open (PostgreSQL; not PGlite). */
  sharedWithServer: boolean;
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
    importInProgress: () => untilImport("the import's INSERTs in pg_stat_activity", importing),
    // PostgreSQL imports write straight into the tables inside their transaction.
    importMoving: () => untilImport("the import's INSERTs in pg_stat_activity", importing),
    // A killed client's backend rolls back when it finds its socket closed.
    killedServerGone: () =>
      untilImport("the killed server's transaction to end", async () => !(await importing())),
    sharedWithServer: true,
    open: async () => database.db,
    release: async () => {},
    async cleanUp() {
      await observer.end();
      await database.drop();
    },
  };
}

/** Bytes of the files under a directory whose names pass `include`. */
function directoryBytes(dir: string, include: (name: string) => boolean = () => true): number {
  let bytes = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !include(entry.name)) continue;
    try {
      bytes += fs.statSync(path.join(entry.parentPath, entry.name)).size;
    } catch {
      // A file removed while walking (WAL recycling).
    }
  }
  return bytes;
}

/** A temporary table's file: t<backend>_<relfilenode>, with its forks (_fsm, _vm, .1 …). */
const isTemporary = (name: string) => /^t\d+_\d+/.test(name);

export interface PgliteImportBackend extends ImportBackend {
  /** Resolves once the import's staging (temporary) tables have grown by `growthBytes`. */
  importStaging(): Promise<void>;
  /** The temporary tables' files now in the data directory (names). */
  temporaryFiles(): string[];
}

/**
 * An embedded PGlite DATA_DIR. PGlite lives inside the server process: nothing outside can ask it.
 * What is real from outside is its files: inserting rows extends the table and index files at once,
 * and only the import writes during these tests, so `growthBytes` more means it is under way. The
 * import first stages its rows in temporary tables (files named t<n>_<number>), then moves them
 * into Activity (the file pg_relation_filepath names) in its transaction.
 */
export async function pgliteImportBackend(growthBytes: number): Promise<PgliteImportBackend> {
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
  const [activity] = await setup.prisma.$queryRawUnsafe<{ file: string }[]>(
    `SELECT pg_relation_filepath('"Activity"') AS file`,
  );
  await setup.close();
  const base = path.join(dataDir, "base");
  /** Resolves once the files passing `include` have grown by `growthBytes`. */
  const growth = async (what: string, include?: (name: string) => boolean) => {
    const baseline = directoryBytes(base, include);
    await untilImport(`${what} to grow by ${growthBytes} bytes`, async () => {
      return directoryBytes(base, include) > baseline + growthBytes;
    });
  };
  const activityFile = path.basename(activity?.file ?? "");
  return {
    env: { DATABASE_URL: "", DATA_DIR: dataDir },
    world,
    importInProgress: () => growth("PGlite's table files"),
    // The Activity table's own file (and its forks), not the staging tables'.
    importMoving: () =>
      growth("the Activity table's file", (name) => name.split(/[._]/)[0] === activityFile),
    importStaging: () => growth("the staging tables' files", isTemporary),
    temporaryFiles: () =>
      fs
        .readdirSync(base, { withFileTypes: true, recursive: true })
        .filter((e) => e.isFile() && isTemporary(e.name))
        .map((e) => e.name),
    killedServerGone: async () => {},
    sharedWithServer: false,
    open: () => openDatabase(config),
    release: (db) => db.close(),
    async cleanUp() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
