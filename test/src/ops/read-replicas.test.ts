// Read replicas (issue 19, item 6): with DATABASE_READ_URL, analytics reads go to a PostgreSQL
// streaming replica, but never to one that has not replayed the last write the server heard of.
// A real primary and a real standby (pg_basebackup) on private clusters; replay is paused on the
// standby to make it lag for as long as the test needs, and the standby is stopped to make it go
// away. Where each read went is read from /metrics (d05_analytics_reads_total{route}); that the
// standby really lacked a row is checked on the standby itself.
import { randomBytes } from "node:crypto";
import { applyMigrations, type Database, openDatabase } from "@d05/prisma";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld, vietnamDay } from "../api/records-fixtures";
import { graphql, PrivatePostgres } from "../hardening/faults-support";
import { activityInput, RECORD } from "../live/helpers";
import { type ServerProcess, spawnServer, stopServer } from "../support/processes";
import { until } from "../support/waiting";

const SHARED_REDIS = "redis://127.0.0.1:6379";
const LOGIN = `mutation { login(username: "reporter-a", password: "mat-khau-thu-nghiem") {
  ... on MutationLoginSuccess { data { token } } } }`;
const ATTENDANCE = `query($u: ID!, $from: Date!, $to: Date!) { overview(unitId: $u, period: { from: $from, to: $to }) {
  __typename ... on Overview { figures { measure value } } ... on Error { message } } }`;

/** Analytics reads by route, from the server's /metrics. */
async function routes(server: ServerProcess): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^d05_analytics_reads_total\{route="([^"]+)"\} (\d+)/gm)) {
    counts[m[1] as string] = Number(m[2]);
  }
  return counts;
}

/** What moved between two /metrics readings. */
function moved(before: Record<string, number>, after: Record<string, number>) {
  const routesSeen = new Set([...Object.keys(before), ...Object.keys(after)]);
  return Object.fromEntries(
    [...routesSeen]
      .map((route) => [route, (after[route] ?? 0) - (before[route] ?? 0)] as const)
      .filter(([, n]) => n !== 0),
  );
}

describe("analytics reads on a PostgreSQL streaming replica", () => {
  let primary: PrivatePostgres;
  let standby: PrivatePostgres;
  let db: Database;
  let world: RecordsWorld;
  let a: ServerProcess;
  let b: ServerProcess;
  let token: string;
  let expected = 0;

  const standbyQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: standby.url("d05") });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const standbyActivities = async () =>
    Number((await standbyQuery(`SELECT count(*)::int AS n FROM "Activity"`))[0]?.n);

  async function attendanceOn(server: ServerProcess): Promise<number> {
    const year = vietnamDay(-1).slice(0, 4);
    const reply = await graphql<{
      overview: {
        __typename: string;
        message?: string;
        figures: { measure: string; value: number }[];
      };
    }>(
      server.url,
      ATTENDANCE,
      // The year of yesterday, when the activities are recorded.
      { u: gid("Unit", world.communeAId), from: `${year}-01-01`, to: `${year}-12-31` },
      token,
    );
    expect(reply.status).toBe(200);
    expect(reply.body.errors).toBeUndefined();
    expect(reply.body.data?.overview.message).toBeUndefined();
    const figure = reply.body.data?.overview.figures.find((f) => f.measure === "ATTENDANCE");
    return figure?.value ?? 0;
  }

  async function record(attendance: number) {
    const reply = await graphql<{ recordActivity: { __typename: string } }>(
      a.url,
      RECORD,
      { input: activityInput(gid("Unit", world.cellAId), attendance) },
      token,
    );
    expect(reply.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
    expected += attendance;
  }

  beforeAll(async () => {
    primary = await PrivatePostgres.create();
    await primary.start();
    const admin = new pg.Client({ connectionString: primary.url() });
    await admin.connect();
    await admin.query("CREATE DATABASE d05");
    await admin.end();
    db = await openDatabase({ kind: "postgres", url: primary.url("d05") });
    await applyMigrations(db.adapterFactory);
    world = await prepareRecordsWorld({
      backend: "postgres",
      db,
      url: primary.url("d05"),
      drop: async () => {},
    });
    standby = await PrivatePostgres.standbyOf(primary);
    await standby.start();
    await until("the standby has the world", async () => (await standbyActivities()) >= 0);

    // Two instances sharing a Redis, so a write on A is heard on B; the read cache is off so that
    // every read is computed (and routed) afresh.
    const env = {
      DATABASE_URL: primary.url("d05"),
      DATABASE_READ_URL: standby.url("d05"),
      READ_CACHE_TTL_SECONDS: "0",
      REDIS_URL: SHARED_REDIS,
      REDIS_CHANNEL_PREFIX: `d05-replica-${randomBytes(4).toString("hex")}:`,
    };
    // One after the other: started together, both take the migrations' lock on the same database
    // and, on a loaded machine, the second one's wait ran past its connection timeout.
    a = await spawnServer(env);
    b = await spawnServer(env);
    const login = await graphql<{ login: { data?: { token: string } } }>(a.url, LOGIN);
    token = login.body.data?.login.data?.token ?? "";
    expect(token).not.toBe("");
    await record(100);
  }, 240_000);

  afterAll(async () => {
    await stopServer(a);
    await stopServer(b);
    await db?.close();
    await standby?.destroy();
    await primary?.destroy();
  });

  it("answers from the replica once it has replayed the last write", async () => {
    await until("the standby has the first write", async () => (await standbyActivities()) === 1);
    const before = await routes(a);
    expect(await attendanceOn(a)).toBe(expected);
    expect(moved(before, await routes(a))).toEqual({ replica: 1 });
  });

  it("answers the writer's next read from the primary while the replica lags behind its write", async () => {
    await standbyQuery("SELECT pg_wal_replay_pause()");
    try {
      await record(321);
      const before = await routes(a);
      expect(await attendanceOn(a)).toBe(expected);
      expect(moved(before, await routes(a))).toEqual({ "primary:lagging": 1 });
      // The replica really was behind: it still lacks the row.
      expect(await standbyActivities()).toBe(1);
    } finally {
      await standbyQuery("SELECT pg_wal_replay_resume()");
    }
    await until("the standby has caught up", async () => (await standbyActivities()) === 2);
    const before = await routes(a);
    expect(await attendanceOn(a)).toBe(expected);
    expect(moved(before, await routes(a))).toEqual({ replica: 1 });
  });

  it("keeps another instance off a replica behind a write it heard of through Redis", async () => {
    await standbyQuery("SELECT pg_wal_replay_pause()");
    try {
      const before = await routes(b);
      await record(55);
      // B hears of the write within moments; from then on its reads come from the primary. No
      // answer that includes the write can come from the paused replica.
      await until("instance B shows the write", async () => (await attendanceOn(b)) === expected);
      const after = moved(before, await routes(b));
      expect(after["primary:lagging"]).toBeGreaterThanOrEqual(1);
      expect(await standbyActivities()).toBe(2);
    } finally {
      await standbyQuery("SELECT pg_wal_replay_resume()");
    }
    await until("the standby has caught up", async () => (await standbyActivities()) === 3);
  });

  it("answers from the primary, without an error, while the replica is away, and uses it again when back", async () => {
    await standby.stop("fast");
    const before = await routes(a);
    expect(await attendanceOn(a)).toBe(expected);
    expect(await attendanceOn(a)).toBe(expected);
    const away = moved(before, await routes(a));
    expect(away.replica).toBeUndefined();
    expect((away["primary:replica-unavailable"] ?? 0) + (away["primary:replica-failed"] ?? 0)).toBe(
      2,
    );

    await standby.start();
    // A replica that failed is rested for a few seconds, then asked again.
    await until(
      "reads go to the replica again",
      async () => {
        const start = await routes(a);
        expect(await attendanceOn(a)).toBe(expected);
        return moved(start, await routes(a)).replica === 1;
      },
      30_000,
    );
  });
});
