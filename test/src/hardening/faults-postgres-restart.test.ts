// PostgreSQL stopping and starting again under a running server (a private cluster: the shared
// one serves everyone else). While it is down every request fails cleanly — 503
// DATABASE_UNAVAILABLE with Retry-After, no stack, no hang — /healthz says so and the process stays
// up; once it is back the same process serves reads and writes again, and nothing was
// half-written, not even an import cut off mid-transaction.
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld } from "../api/records-fixtures";
import { bearer, liveClient } from "../live/helpers";
import { type ServerProcess, spawnServer, stopServer } from "../support/processes";
import { until } from "../support/waiting";
import { activityFigures, rollupsBeforeAndAfterRebuild } from "./faults-rollups";
import { type GraphqlReply, PrivatePostgres } from "./faults-support";

const LOGIN = `mutation { login(username: "reporter-a", password: "mat-khau-thu-nghiem") {
  __typename ... on MutationLoginSuccess { data { token } } } }`;
const READ = "{ activities(first: 5) { totalCount } }";
const RECORD = `mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    __typename ... on MutationRecordActivitySuccess { data { id } } ... on Error { message }
  }
}`;
const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename ... on Error { message } ... on MutationImportRecordsSuccess { data { created } }
  }
}`;
const IMPORT_TITLE = "Nhập thử khi PostgreSQL dừng";
const IMPORT_ROWS = 20_000;
const IMPORT_CSV = [
  "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người",
  ...Array.from(
    { length: IMPORT_ROWS },
    (_, i) =>
      `X-A;Hội nghị;${IMPORT_TITLE} ${i + 1};${String((i % 28) + 1).padStart(2, "0")}/03/2025;1;${(i % 90) + 10}`,
  ),
].join("\n");

/** A request that does not answer within this long counts as hanging (a guard, not a timing). */
const HANG_GUARD_MS = 30_000;

/** 20,000 rows with their rollup triggers take a while on a busy 2-core machine. */
const IMPORT_GUARD_MS = 240_000;

/** A clean refusal: 503 with Retry-After, one DATABASE_UNAVAILABLE error, nothing internal. */
function expectDatabaseUnavailable(reply: GraphqlReply<unknown> & { retryAfter?: string | null }) {
  expect(reply.status).toBe(503);
  expect(reply.retryAfter).toMatch(/^\d+$/);
  expect(reply.body.errors).toHaveLength(1);
  expect(reply.body.errors?.[0]?.extensions?.code).toBe("DATABASE_UNAVAILABLE");
  expect(reply.body.errors?.[0]?.message).toMatch(/Cơ sở dữ liệu tạm thời không truy cập được/);
  // No stack, no file names, no driver internals, no address of the database.
  expect(reply.text).not.toMatch(
    /\s{2,}at |\.(ts|js|mjs):\d+|prisma|ECONNREFUSED|127\.0\.0\.1|P10\d\d/i,
  );
}

describe("PostgreSQL restarting under a running server", () => {
  let cluster: PrivatePostgres;
  let server: ServerProcess;
  let db: Database;
  let world: RecordsWorld;
  let url: string;

  /** POST with a hang guard; also returns the Retry-After header. */
  async function post<T>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    guardMs = HANG_GUARD_MS,
  ) {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(guardMs),
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      text,
      body: JSON.parse(text) as GraphqlReply<T>["body"],
    };
  }
  const health = async () =>
    (await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(HANG_GUARD_MS) })).status;
  const signIn = async () => {
    const reply = await post<{ login: { data?: { token: string } } }>(LOGIN);
    const token = reply.body.data?.login.data?.token;
    if (!token) throw new Error(`cannot sign in: ${reply.text}`);
    return token;
  };
  const record = (token: string, key: string, attendance: number) =>
    post<{ recordActivity: { __typename: string; data?: { id: string } } }>(
      RECORD,
      {
        input: {
          unitId: gid("Unit", world.communeAId),
          kind: "CONFERENCE",
          title: "Hội nghị trong lúc PostgreSQL khởi động lại",
          occurredOn: "2025-03-15",
          sessions: 1,
          attendance,
          idempotencyKey: key,
        },
      },
      token,
    );
  /** Every row and rollup, checked from outside the server. */
  async function expectConsistent(activities: number, attendance: number) {
    expect(await db.prisma.activity.count()).toBe(activities);
    expect(await db.prisma.auditLog.count({ where: { action: "recordActivity" } })).toBe(
      await db.prisma.activity.count({ where: { title: { not: { startsWith: IMPORT_TITLE } } } }),
    );
    const figures = await activityFigures(db, world.provinceId);
    expect(figures.raw).toEqual({ records: activities, attendance });
    expect(figures.rollup).toEqual(figures.raw);
    const { kept, rebuilt } = await rollupsBeforeAndAfterRebuild(db);
    expect(rebuilt).toEqual(kept);
  }

  beforeAll(async () => {
    cluster = await PrivatePostgres.create();
    await cluster.start();
    const admin = new pg.Client({ connectionString: cluster.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE d05");
    await admin.end();
    url = cluster.url("d05");
    db = await openDatabase({ kind: "postgres", url });
    await applyMigrations(db.adapterFactory);
    world = await prepareRecordsWorld({ backend: "postgres", db, url, drop: async () => {} });
    server = await spawnServer({ DATABASE_URL: url });
  });

  afterAll(async () => {
    await stopServer(server);
    await db?.close();
    await cluster?.destroy();
  });

  let written = 0;
  let attendance = 0;

  it.each(["fast", "immediate"] as const)(
    "answers 503 while PostgreSQL is down (%s shutdown) and serves again once it is back",
    async (mode) => {
      const token = await signIn();
      const before = await record(token, `before-${mode}`, 11);
      expect(before.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
      written++;
      attendance += 11;
      expect(await health()).toBe(200);

      await cluster.stop(mode);

      // Signed-in read and write (the token check needs the database), and an anonymous sign-in.
      expectDatabaseUnavailable(await post(READ, undefined, token));
      const during = await record(token, `during-${mode}`, 13);
      expectDatabaseUnavailable(during);
      expectDatabaseUnavailable(await post(LOGIN));
      // The GraphQL health field and /healthz both ask the database; /metrics does not.
      expectDatabaseUnavailable(await post("{ health }"));
      expect(await health()).toBe(503);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
      // A WebSocket cannot have its token checked: closed with 1013 (try again later), which
      // graphql-ws clients retry, rather than 4500 (fatal, carrying the driver's message).
      const socket = liveClient(server.url, bearer(token));
      const closed = await socket.closes.waitFor(() => true, HANG_GUARD_MS);
      await socket.dispose();
      expect(closed).toEqual({
        code: 1013,
        reason: "Cơ sở dữ liệu tạm thời không truy cập được; hãy thử lại sau.",
      });
      expect(server.child.exitCode).toBeNull();
      expect(server.child.signalCode).toBeNull();

      await cluster.start();
      // The same process, no restart: healthy again, reads and writes served.
      await until("/healthz to report healthy", async () => (await health()) === 200);
      const read = await post<{ activities: { totalCount: number } }>(READ, undefined, token);
      expect(read.status).toBe(200);
      expect(read.body.data?.activities.totalCount).toBe(written);
      // The write refused during the outage, retried with its key, lands once.
      for (let attempt = 0; attempt < 2; attempt++) {
        const retried = await record(token, `during-${mode}`, 13);
        expect(retried.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
      }
      written++;
      attendance += 13;
      await expectConsistent(written, attendance);
      expect(server.child.exitCode).toBeNull();
    },
  );

  it("keeps a live subscription open across the outage; its next push carries the figures of after", async () => {
    const token = await signIn();
    const socket = liveClient(server.url, bearer(token));
    try {
      const sub = socket.subscribe<{
        liveFigures: {
          kind: string;
          reason: { id: string } | null;
          activityTotals: { records: number; attendance: number };
        };
      }>(
        `subscription($u: ID!) { liveFigures(unitId: $u) {
          kind reason { id } activityTotals { records attendance } } }`,
        { u: gid("Unit", world.communeAId) },
      );
      const first = await sub.data.nth(0, HANG_GUARD_MS);
      expect(first.liveFigures.activityTotals).toEqual({ records: written, attendance });

      await cluster.stop("fast");
      expectDatabaseUnavailable(await record(token, "while-subscribed", 17));
      await cluster.start();
      await until("/healthz to report healthy", async () => (await health()) === 200);

      // The socket outlived the outage (no close), and the next write reaches it with figures
      // read after the restart.
      const after = await record(token, "while-subscribed", 17);
      const id = after.body.data?.recordActivity.data?.id;
      expect(id).toBeTruthy();
      written++;
      attendance += 17;
      const push = await sub.data.waitFor((d) => d.liveFigures.reason?.id === id, HANG_GUARD_MS);
      expect(push.liveFigures).toMatchObject({
        kind: "CHANGE",
        activityTotals: { records: written, attendance },
      });
      expect(socket.closes.values).toEqual([]);
      await expectConsistent(written, attendance);
    } finally {
      await socket.dispose();
    }
  });

  it("rolls back an import cut off by an immediate shutdown; its retry lands whole", async () => {
    const token = await signIn();
    const input = { kind: "ACTIVITIES", format: "CSV", content: IMPORT_CSV, idempotencyKey: "cut" };
    const answer = post<{ importRecords: { __typename: string } }>(
      IMPORT,
      { input },
      token,
      IMPORT_GUARD_MS,
    );
    // The import's transaction inserting rows, seen from outside.
    const observer = new pg.Client({ connectionString: url });
    await observer.connect();
    try {
      await until(
        "the import's INSERTs in pg_stat_activity",
        async () => {
          const { rows } = await observer.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM pg_stat_activity
             WHERE datname = 'd05' AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
               AND query ILIKE '%INSERT INTO%"Activity"%'`,
          );
          return Number(rows[0]?.n) > 0;
        },
        120_000,
      );
    } finally {
      await observer.end().catch(() => {});
    }
    await cluster.stop("immediate");
    expectDatabaseUnavailable(await answer);
    expect(server.child.exitCode).toBeNull();

    await cluster.start();
    await until("/healthz to report healthy", async () => (await health()) === 200);
    expect(await db.prisma.activity.count({ where: { title: { startsWith: IMPORT_TITLE } } })).toBe(
      0,
    );
    await expectConsistent(written, attendance);

    const retried = await post<{
      importRecords: { __typename: string; data?: { created: number } };
    }>(IMPORT, { input }, token, IMPORT_GUARD_MS);
    expect(retried.body.data?.importRecords).toEqual({
      __typename: "MutationImportRecordsSuccess",
      data: { created: IMPORT_ROWS },
    });
    const importAttendance = Array.from({ length: IMPORT_ROWS }, (_, i) => (i % 90) + 10).reduce(
      (s, n) => s + n,
      0,
    );
    await expectConsistent(written + IMPORT_ROWS, attendance + importAttendance);
  }, 600_000);
});
