// kill -9 of the server in the middle of a 10,000-row spreadsheet import: after a restart on the
// same database the import is entirely absent (and the rollups agree with the raw rows), and the
// same file retried with the same idempotency key lands entirely, once. On PostgreSQL and on the
// embedded PGlite data directory; on PGlite both while the rows are moved into the tables (the
// import's transaction) and while they are staged before it (temporary tables, which the next
// start clears).
import { afterAll, describe, expect, it } from "vitest";
import { killServer, type ServerProcess, spawnServer, stopServer } from "../support/processes";
import { activityFigures, rollupsBeforeAndAfterRebuild } from "./faults-rollups";
import { graphql } from "./faults-support";
import {
  IMPORT,
  type ImportBackend,
  type PgliteImportBackend,
  pgliteImportBackend,
  postgresImportBackend,
  signIn,
} from "./support/import-process";

// Large enough that the import is still running when the kill lands (PGlite: ~1 s of staging, then
// ~0.3 s of moving), half the 20,000-row cap to keep the suite within its CI budget.
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

describe.each([
  ["PostgreSQL", postgresImportBackend],
  // The kill lands once the Activity file has grown by 128 KB (of ~1.2 MB): the move is under way.
  ["PGlite (DATA_DIR)", () => pgliteImportBackend(128 * 1024)],
] as const)("kill -9 of the server during a %s import", (_name, makeBackend) => {
  let backend: ImportBackend | undefined;
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
      b.importMoving(),
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
    // opens it to look at the rows and rollups (and a new one starts for the retry). PostgreSQL
    // serves both: the restarted server takes the retry.
    if (!b.sharedWithServer) await stopServer(server);
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

    if (!b.sharedWithServer) server = await spawnServer(b.env);
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

describe("kill -9 of the server while a PGlite import stages its rows", () => {
  let backend: PgliteImportBackend | undefined;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await stopServer(server);
    await backend?.cleanUp();
  });

  it("leaves nothing visible, the next start clears the staged rows, and the retry lands once", async () => {
    backend = await pgliteImportBackend(256 * 1024);
    const b = backend;
    server = await spawnServer(b.env);
    const input = { kind: "ACTIVITIES", format: "CSV", content: CSV, idempotencyKey: "kill-9" };
    const answer = graphql(server.url, IMPORT, { input }, await signIn(server.url)).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    await Promise.race([
      b.importStaging(),
      answer.then((a) => {
        throw new Error(`the import answered before it could be killed: ${JSON.stringify(a)}`);
      }),
    ]);
    await killServer(server);
    expect("error" in (await answer)).toBe(true);
    // The dead session's staging tables are still on disk...
    expect(b.temporaryFiles().length).toBeGreaterThan(0);

    // ...until the next start, which clears them before it serves anyone.
    server = await spawnServer(b.env);
    expect(b.temporaryFiles()).toEqual([]);
    const seen = await graphql<{ activities: { totalCount: number } }>(
      server.url,
      "{ activities(first: 1) { totalCount } }",
      undefined,
      await signIn(server.url),
    );
    expect(seen.body.data?.activities.totalCount).toBe(0);
    await stopServer(server);
    let db = await b.open();
    try {
      // Not one row reached the real table: it never grew.
      const [size] = await db.prisma.$queryRawUnsafe<{ bytes: number }[]>(
        `SELECT pg_relation_size('"Activity"')::int AS bytes`,
      );
      expect(size?.bytes).toBe(0);
      expect(await db.prisma.auditLog.count({ where: { action: "importRecords" } })).toBe(0);
      expect(await db.prisma.idempotentWrite.count({ where: { key: "kill-9" } })).toBe(0);
      const [temporary] = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_class WHERE relpersistence = 't'`,
      );
      expect(temporary?.n).toBe(0);
      const figures = await activityFigures(db, b.world.provinceId);
      expect(figures.raw).toEqual({ records: 0, attendance: 0 });
      expect(figures.rollup).toEqual(figures.raw);
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
    // The import's own staging tables are gone once it answered.
    expect(b.temporaryFiles()).toEqual([]);
    await stopServer(server);
    server = undefined;
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
