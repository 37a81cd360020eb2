import { afterAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld } from "../api/records-fixtures";
import { graphql } from "../hardening/faults-support";
import {
  IMPORT,
  type ImportBackend,
  LOGIN,
  pgliteImportBackend,
  postgresImportBackend,
} from "../hardening/support/import-process";
import { bearer, FIGURES, type LiveClient, liveClient } from "../live/helpers";
import { type ServerProcess, spawnServer, stopServer } from "../support/processes";
import { startTestServer } from "../support/server";

const TITLE = "Nhập thử SIGTERM";
const csvOf = (rows: number) =>
  [
    "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người",
    ...Array.from({ length: rows }, (_, i) => {
      const day = String((i % 28) + 1).padStart(2, "0");
      return `${i % 2 ? "X-A" : "CB-A1"};Hội nghị;${TITLE} ${i + 1};${day}/03/2025;1;${(i % 90) + 10}`;
    }),
  ].join("\n");
/** Rows of the import in the database (with no server running on it). */
async function importedRows(backend: ImportBackend): Promise<number> {
  const db = await backend.open();
  try {
    return await db.prisma.activity.count({ where: { title: { startsWith: TITLE } } });
  } finally {
    await backend.release(db);
  }
}

// Rows enough for the import to be seen in flight before it ends: PostgreSQL writes 2,000 rows in
// a few bulk statements, which a poll of pg_stat_activity could miss on a quiet machine.
describe.each([
  ["PostgreSQL", postgresImportBackend, 10_000],
  ["PGlite (DATA_DIR)", () => pgliteImportBackend(256 * 1024), 2_000],
] as const)("SIGTERM on a %s server", (_name, makeBackend, ROWS) => {
  let backend: ImportBackend | undefined;
  let server: ServerProcess | undefined;
  const clients: LiveClient[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await stopServer(server);
    await backend?.cleanUp();
  });

  it("drains: clients told to reconnect, the import in flight answered and whole, exit 0", async () => {
    backend = await makeBackend();
    const b = backend;
    server = await spawnServer({ ...b.env, SHUTDOWN_GRACE_MS: "40000" });
    const { url } = server;
    const login = await graphql<{ login: { data: { token: string } } }>(url, LOGIN);
    const token = login.body.data?.login.data.token as string;

    // Three live views, each with a first push received.
    for (let i = 0; i < 3; i++) clients.push(liveClient(url, bearer(token)));
    const subscriptions = clients.map((c) =>
      c.subscribe(FIGURES, { unitId: gid("Unit", b.world.communeAId) }),
    );
    await Promise.all(subscriptions.map((s) => s.data.nth(0, 20_000)));

    const input = {
      kind: "ACTIVITIES",
      format: "CSV",
      content: csvOf(ROWS),
      idempotencyKey: "sigterm",
    };
    const answer = graphql<{
      importRecords: { __typename: string; data?: { ok: boolean; created: number } };
    }>(url, IMPORT, { input }, token);
    // Should the import end before it is seen in flight, fail at once rather than wait it out.
    await Promise.race([
      b.importInProgress(),
      answer.then(() => {
        throw new Error("the import ended before it was seen in flight");
      }),
    ]);
    const signalled = Date.now();
    server.child.kill("SIGTERM");

    // Every client hears 1012 (Service Restart): a code graphql-ws clients retry on.
    const closes = await Promise.all(clients.map((c) => c.closes.nth(0, 10_000)));
    expect(closes.map((c) => c.code)).toEqual([1012, 1012, 1012]);
    // New connections are refused while the import finishes.
    await expect(fetch(`${url}/livez`)).rejects.toThrow();

    const reply = await answer;
    expect(reply.status).toBe(200);
    expect(reply.body.data?.importRecords).toMatchObject({
      __typename: "MutationImportRecordsSuccess",
      data: { ok: true, created: ROWS },
    });
    await server.exited;
    expect(server.child.exitCode).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(40_000);
    server = undefined;

    expect(await importedRows(b)).toBe(ROWS);
  }, 120_000);
});

describe("stopping with a live event stream (SSE) open", () => {
  it("ends the stream at once instead of waiting out the grace period", async () => {
    const server = await startTestServer("pglite", async (database) => {
      await prepareRecordsWorld(database);
    });
    let stopped = false;
    try {
      const login = await graphql<{ login: { data: { token: string } } }>(server.url, LOGIN);
      const token = login.body.data?.login.data.token as string;
      const world = await server.database.db.prisma.unit.findFirstOrThrow({
        where: { code: "X-A" },
      });
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: FIGURES, variables: { unitId: gid("Unit", world.id) } }),
      });
      expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain("liveFigures");
      const started = Date.now();
      await server.app.stop(30_000);
      stopped = true;
      expect(Date.now() - started).toBeLessThan(5_000);
      // The stream is over: its connection closed (a client's EventSource reconnects).
      const outcome = await (async () => {
        for (;;) if ((await reader.read()).done) return "ended";
      })().catch((error: Error) => error.message);
      expect(["ended", "terminated"]).toContain(outcome);
    } finally {
      if (!stopped) await server.app.stop(0);
      await server.database.drop();
    }
  });
});
