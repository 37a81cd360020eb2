// Other users' reads do not wait for a large import. On embedded PGlite the whole process shares
// one database session, so a read that needs the database used to wait for the import's write
// transaction to end (4–7 s for 20,000 rows). The import now stages its rows in short transactions
// and moves them into the real tables in one short final transaction: a second user's uncached
// reads answer while it runs. The same for models, whose lifecycle rollups are added per set in
// the move. On PGlite and PostgreSQL, over real HTTP, with the read cache off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { activityFigures, rollupsBeforeAndAfterRebuild } from "./faults-rollups";
import { activityCsv, modelCsv } from "./import-files";

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationImportRecordsSuccess { data { ok rowsRead created errorCount } }
  }
}`;
/** A list of records, read afresh (the read cache is off): only the database can answer it. */
const RECORDS_READ = `query($search: String!) {
  activities(first: 5, filter: { search: $search }) { totalCount edges { node { title } } }
}`;
const MODELS_READ = `query($search: String!) {
  models(first: 5, filter: { search: $search }) { totalCount edges { node { name } } }
}`;
const TITLE = "Nhập lớn";

const ROWS = 20_000;
// Enough models that the import lasts about a second on a calm machine (2,000 took 0.3 s on Node
// 24 there: too few reads fell inside it to say anything).
const MODELS = 8_000;

/** One read: when it was sent (ms after the import was sent), how long it took, what it saw. */
interface Read {
  sentAtMs: number;
  tookMs: number;
  imported: number;
}

describe.each(backends)("a large import on %s", (backend) => {
  let server: TestServer;
  let reporter: string;
  let viewer: string;
  let world: RecordsWorld;

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      { readCache: false },
    );
    reporter = await signIn(server, "reporter-a");
    // A viewer of the importing commune: the rows become visible to it at once, or not at all.
    viewer = await signIn(server, "viewer-a");
  });
  afterAll(async () => {
    await server?.stop();
  });

  /**
   * Imports `content` while a viewer reads `read` (the records named with TITLE) in a
   * loop; checks that the reads kept coming, none waited for a large part of the import, and each
   * saw none of the rows or all of them.
   */
  async function readsDuringImport(
    kind: "ACTIVITIES" | "MODELS",
    content: string,
    rows: number,
    read: string,
  ) {
    let reading = true;
    const reads: Read[] = [];
    const started = performance.now();
    const count = (data: Record<string, { totalCount: number }> | undefined) =>
      Object.values(data ?? {})[0]?.totalCount ?? -1;
    const readLoop = (async () => {
      while (reading) {
        const sent = performance.now();
        const { status, body } = await server.graphql<Record<string, { totalCount: number }>>(
          read,
          { search: TITLE },
          viewer,
        );
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        reads.push({
          sentAtMs: sent - started,
          tookMs: performance.now() - sent,
          imported: count(body.data),
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    let importMs = 0;
    try {
      const { status, body } = await server.graphql<{
        importRecords: { data?: Record<string, unknown> };
      }>(IMPORT, { input: { kind, format: "CSV", content } }, reporter);
      importMs = performance.now() - started;
      expect(status).toBe(200);
      expect(body.data?.importRecords.data).toEqual({
        ok: true,
        rowsRead: rows,
        created: rows,
        errorCount: 0,
      });
    } finally {
      reading = false;
      await readLoop;
    }
    const during = reads.filter((r) => r.sentAtMs < importMs);
    const slowest = Math.max(...during.map((r) => r.tookMs));
    const sorted = during.map((r) => r.tookMs).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    console.log(
      `[import-reads] ${backend} ${kind}: import ${Math.round(importMs)} ms; ${during.length} reads during it,` +
        ` median ${Math.round(median)} ms, slowest ${Math.round(slowest)} ms`,
      JSON.stringify(
        reads
          .filter((r) => r.tookMs > 300)
          .map((r) => [Math.round(r.sentAtMs), Math.round(r.tookMs), r.imported]),
      ),
    );
    // Reads kept coming throughout: many answered while the import ran...
    expect(during.length).toBeGreaterThan(10);
    // ...and none waited for a large part of it. Before the fix, on PGlite, a read waited for the
    // whole write transaction: 3–5 s of a 10–15 s import (0.3 of it). Now the longest wait is the
    // final move (~0.4 s). Measured against the import's own duration, not a fixed number of ms:
    // the machine running the suite is shared. (The slow reads are logged: when sent, how long.)
    // On a calm machine the import is short while the final move is not (0.5 s of a 1.9 s import
    // on Node 24; 0.77 s of a 1.9 s import during a full CI run on the same machine), hence 0.4 of
    // the import with a floor of 1 s. The old code's waits were half the import or more (1.1 s of
    // 1.7, 1.3 of 2.5, 2.4 of 4.8 for models): every one of them still fails this.
    expect(slowest).toBeLessThan(Math.max(importMs * 0.4, 1_000));

    // Every read saw none of the import or all of it, never a part; the last ones saw all of it.
    for (const r of reads) expect([0, rows]).toContain(r.imported);
    expect(reads[0]?.imported).toBe(0);
    const after = await server.graphql<Record<string, { totalCount: number }>>(
      read,
      { search: TITLE },
      viewer,
    );
    expect(count(after.body.data)).toBe(rows);
  }

  it("lets another user's uncached reads answer while it writes 20,000 rows", async () => {
    await readsDuringImport("ACTIVITIES", activityCsv(ROWS, TITLE), ROWS, RECORDS_READ);
    // The rollups the dashboard reads are exact.
    const figures = await activityFigures(server.database.db, world.provinceId);
    expect(figures.rollup).toEqual(figures.raw);
    expect(figures.raw?.records).toBe(ROWS);
    const { kept, rebuilt } = await rollupsBeforeAndAfterRebuild(server.database.db);
    expect(rebuilt).toEqual(kept);
  });

  // PGlite only: on PostgreSQL other sessions read the committed state meanwhile anyway.
  if (backend === "pglite") {
    it("lets them answer while it writes 8,000 models, whose lifecycle rollups stay exact", async () => {
      // Before models were staged too, each model's lifecycle was refreshed twice by row triggers
      // inside the import's transaction, and every read waited for all of it.
      await readsDuringImport("MODELS", modelCsv(MODELS, TITLE), MODELS, MODELS_READ);
      const { kept, rebuilt } = await rollupsBeforeAndAfterRebuild(server.database.db);
      expect(rebuilt).toEqual(kept);
    });
  }
});
