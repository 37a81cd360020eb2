// kill -9 of the server in the middle of a 10,000-row spreadsheet import: after a restart on the
// same database the import is entirely absent (and the rollups agree with the raw rows), and the
// same file retried with the same idempotency key lands entirely, once. On PostgreSQL and on the
// embedded PGlite data directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prepareRecordsWorld, type RecordsWorld } from "../api/records-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { activityFigures, rollupsBeforeAndAfterRebuild } from "./faults-rollups";
import { graphql, killServer, type ServerProcess, spawnServer, stopServer } from "./faults-support";

// Large enough that the import is still running when the kill lands (PGlite: ~10 s of inserts),
// half the 20,000-row cap to keep the suite within its CI budget.
const ROWS = 10_000;
const TITLE = "Nhập thử kill -9";
const HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người";
const KINDS = ["Hội nghị", "Sinh hoạt chuyên đề", "Sinh hoạt chi bộ", "Học tập", "Tuyên truyền"];
const CSV = [
  HEADER,
  ...Array.from({ length: ROWS }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 6) + 1).padStart(2, "0");
    const unit = i % 3 === 0 ? "CB-A1" : "X-A";
    return `${unit};${KINDS[i % KINDS.length]};${TITLE} ${i + 1};${day}/${month}/2025;${(i % 4) + 1};${(i % 500) + 10}`;
  }),
].join("\n");
const EXPECTED_ATTENDANCE = Array.from({ length: ROWS }, (_, i) => (i % 500) + 10).reduce(
  (s, n) => s + n,
  0,
);

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationImportRecordsSuccess { data { ok created rowsRead errorCount } }
  }
}`;
const LOGIN = `mutation { login(username: "reporter-a", password: "mat-khau-thu-nghiem") {
  ... on MutationLoginSuccess { data { token } } } }`;

async function signIn(url: string): Promise<string> {
  const reply = await graphql<{ login: { data?: { token: string } } }>(url, LOGIN);
  const token = reply.body.data?.login.data?.token;
  if (!token) throw new Error(`cannot sign in: ${reply.text}`);
  return token;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it holds; fails after `limitMs` (a guard against hanging, not a timing). */
async function until(what: string, check: () => Promise<boolean>, limitMs = 120_000) {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await sleep(20);
  }
}

interface Backend {
  /** Environment of a server process on the database. */
  env: NodeJS.ProcessEnv;
  world: RecordsWorld;
  /** Resolves once the import's rows are being written inside its transaction. */
  importInProgress(): Promise<void>;
  /** Resolves once nothing of the killed server's is still running in the database. */
  killedServerGone(): Promise<void>;
  /** The database, opened by the test (PGlite: only while no server has it open). */
  open(): Promise<Database>;
  release(db: Database): Promise<void>;
  cleanUp(): Promise<void>;
}

async function postgresBackend(): Promise<Backend> {
  const database: TestDatabase = await createTestDatabase("postgres");
  const world = await prepareRecordsWorld(database);
  const name = new URL(database.url).pathname.slice(1);
  const observer = new pg.Client({ connectionString: database.url });
  await observer.connect();
  // The server's transaction inserting into Activity, seen from outside (pg_stat_activity).
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
    // The killed client's backend rolls back when it finds its socket closed.
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
      const stat = fs.statSync(path.join(entry.parentPath, entry.name));
      bytes += stat.size;
    } catch {
      // A file removed while walking (WAL recycling).
    }
  }
  return bytes;
}

async function pgliteBackend(): Promise<Backend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "d05-kill-pglite-"));
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
      // PGlite lives inside the server process: nothing outside can ask it. What is real from
      // outside is its files: inserting rows extends the table and index files at once (a new
      // page is written when a relation grows), and only the import writes during this test.
      const baseline = directoryBytes(path.join(dataDir, "base"));
      await until("PGlite's table files to grow by 512 KiB", async () => {
        return directoryBytes(path.join(dataDir, "base")) > baseline + 512 * 1024;
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

describe.each([
  ["PostgreSQL", postgresBackend],
  ["PGlite (DATA_DIR)", pgliteBackend],
] as const)("kill -9 of the server during a %s import", (_name, makeBackend) => {
  let backend: Backend | undefined;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await stopServer(server);
    await backend?.cleanUp();
  });

  it("leaves the import entirely absent; retried with its key, it lands entirely once", async () => {
    backend = await makeBackend();
    const b = backend;
    server = await spawnServer(b.env);
    const token = await signIn(server.url);
    const input = { kind: "ACTIVITIES", format: "CSV", content: CSV, idempotencyKey: "kill-9" };

    const answer = graphql(server.url, IMPORT, { input }, token).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    await Promise.race([
      b.importInProgress(),
      answer.then((a) => {
        throw new Error(`the import answered before it could be killed: ${JSON.stringify(a)}`);
      }),
    ]);
    await killServer(server);
    // The client saw the connection drop, not an answer.
    expect("error" in (await answer)).toBe(true);
    await b.killedServerGone();

    // Restart on the same database (PGlite: the same data directory, recovering from the kill);
    // the restarted server sees none of the import.
    server = await spawnServer(b.env);
    const seen = await graphql<{ activities: { totalCount: number } }>(
      server.url,
      "{ activities(first: 1) { totalCount } }",
      undefined,
      await signIn(server.url),
    );
    expect(seen.body.data?.activities.totalCount).toBe(0);
    // A PGlite directory is opened by one process at a time: the server stops before the test
    // opens it to look at the rows and rollups.
    await stopServer(server);
    let db = await b.open();
    try {
      expect(await db.prisma.activity.count({ where: { title: { startsWith: TITLE } } })).toBe(0);
      // Rows had been written (the empty table's file grew) and were rolled back by recovery.
      const [size] = await db.prisma.$queryRawUnsafe<{ bytes: number }[]>(
        `SELECT pg_relation_size('"Activity"')::int AS bytes`,
      );
      expect(size?.bytes).toBeGreaterThan(0);
      expect(await db.prisma.auditLog.count({ where: { action: "importRecords" } })).toBe(0);
      expect(await db.prisma.idempotentWrite.count({ where: { key: "kill-9" } })).toBe(0);
      const figures = await activityFigures(db, b.world.provinceId);
      expect(figures.rollup).toEqual(figures.raw);
      expect(figures.raw).toEqual({ records: 0, attendance: 0 });
      const { kept, rebuilt } = await rollupsBeforeAndAfterRebuild(db);
      expect(rebuilt).toEqual(kept);
    } finally {
      await b.release(db);
    }

    server = await spawnServer(b.env);
    const retried = await graphql<{
      importRecords: { __typename: string; data?: { ok: boolean; created: number } };
    }>(server.url, IMPORT, { input }, await signIn(server.url));
    expect(retried.body.data?.importRecords).toMatchObject({
      __typename: "MutationImportRecordsSuccess",
      data: { ok: true, created: ROWS },
    });
    // Acknowledged means durable: kill -9 right after the answer loses none of it.
    await killServer(server);
    server = undefined;
    await b.killedServerGone();

    db = await b.open();
    try {
      expect(await db.prisma.activity.count({ where: { title: { startsWith: TITLE } } })).toBe(
        ROWS,
      );
      const figures = await activityFigures(db, b.world.provinceId);
      expect(figures.raw).toEqual({ records: ROWS, attendance: EXPECTED_ATTENDANCE });
      expect(figures.rollup).toEqual(figures.raw);
      const { kept, rebuilt } = await rollupsBeforeAndAfterRebuild(db);
      expect(rebuilt).toEqual(kept);
    } finally {
      await b.release(db);
    }
  }, 600_000);
});
