import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld } from "../api/records-fixtures";
import { createTestDatabase, type TestDatabase } from "../support/databases";
import { freePort } from "../support/ports";
import { type ServerProcess, spawnServer, stopServer } from "../support/processes";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";
import {
  activityInput,
  bearer,
  FIGURES,
  Inbox,
  type LiveClient,
  liveClient,
  RECORD,
} from "./helpers";

const SHARED_REDIS = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

interface Figures {
  liveFigures: {
    kind: "INITIAL" | "CHANGE" | "RESYNC";
    reason: { unitId: string } | null;
    activityTotals: { sessions: number; attendance: number; records: number };
  };
}

/** A unique channel prefix per test run, so parallel runs on one Redis never hear each other. */
function uniquePrefix(): string {
  return `d05-test-${randomBytes(6).toString("hex")}:`;
}

async function login(url: string, username: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation($u: String!, $p: String!) {
        login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
      }`,
      variables: { u: username, p: "mat-khau-thu-nghiem" },
    }),
  });
  const body = (await response.json()) as { data?: { login: { data?: { token: string } } } };
  const token = body.data?.login.data?.token;
  if (!token) throw new Error(`cannot sign in as ${username}: ${JSON.stringify(body)}`);
  return token;
}

async function recordActivity(url: string, token: string, unitId: number, attendance: number) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: RECORD,
      variables: { input: activityInput(gid("Unit", unitId), attendance) },
    }),
  });
  const body = (await response.json()) as { data?: { recordActivity: { __typename: string } } };
  return body.data?.recordActivity.__typename;
}

describe("live updates shared through Redis by two server processes (PostgreSQL)", () => {
  let database: TestDatabase;
  let world: RecordsWorld;
  const servers: ServerProcess[] = [];
  const clients: LiveClient[] = [];
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    world = await prepareRecordsWorld(database);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: SHARED_REDIS,
      REDIS_CHANNEL_PREFIX: uniquePrefix(),
      AUTH_SECRET: TEST_AUTH_SECRET,
    };
    // One after the other: each applies pending migrations at start, under Prisma's advisory lock.
    const a = await spawnServer(env);
    servers.push(a);
    const b = await spawnServer(env);
    servers.push(b);
    urlA = a.url;
    urlB = b.url;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all(servers.map(stopServer));
    await database?.drop();
  });

  it("delivers a write made on instance B to a subscriber on instance A", async () => {
    const [viewerToken, reporterToken] = await Promise.all([
      login(urlA, "admin"),
      login(urlB, "reporter-a"),
    ]);
    const client = liveClient(urlA, bearer(viewerToken));
    clients.push(client);
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    const initial = await sub.data.nth(0);
    expect(initial.liveFigures.kind).toBe("INITIAL");

    expect(await recordActivity(urlB, reporterToken, world.cellAId, 321)).toBe(
      "MutationRecordActivitySuccess",
    );
    const pushed = await sub.data.waitFor((d) => d.liveFigures.kind === "CHANGE", 15_000);
    expect(pushed.liveFigures.reason?.unitId).toBe(gid("Unit", world.cellAId));
    expect(pushed.liveFigures.activityTotals.attendance).toBe(
      initial.liveFigures.activityTotals.attendance + 321,
    );
  });
});

/** A private redis-server the test may kill: the machine's shared Redis must stay up for others. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: "ignore" },
    );
    this.child = child;
    // Ready when it answers PING (a real signal, not a sleep).
    const probe = new Redis(this.url, {
      lazyConnect: true,
      retryStrategy: () => 50,
      maxRetriesPerRequest: null,
    });
    probe.on("error", () => {});
    try {
      await probe.connect().catch(() => {});
      await probe.ping();
    } finally {
      probe.disconnect();
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGKILL");
    await exited;
    this.child = null;
  }
}

describe("live updates when Redis goes away and comes back", () => {
  let redis: PrivateRedis;
  let server: TestServer;
  let world: RecordsWorld;
  let adminToken: string;
  let reporterToken: string;
  let client: LiveClient;
  const logs = new Inbox<string>();

  beforeAll(async () => {
    redis = new PrivateRedis(await freePort());
    await redis.start();
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      { redisUrl: redis.url, redisChannelPrefix: uniquePrefix(), log: (line) => logs.push(line) },
    );
    [adminToken, reporterToken] = await Promise.all([
      login(server.url, "admin"),
      login(server.url, "reporter-a"),
    ]);
  });
  afterAll(async () => {
    await client?.dispose();
    await server?.stop();
    await redis?.kill();
  });

  it("keeps accepting writes during the outage and pushes again once Redis is back", async () => {
    client = liveClient(server.url, bearer(adminToken));
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    await sub.data.nth(0);
    expect(await recordActivity(server.url, reporterToken, world.communeAId, 1)).toBe(
      "MutationRecordActivitySuccess",
    );
    await sub.data.waitFor((d) => d.liveFigures.kind === "CHANGE");

    await redis.kill();
    await logs.waitFor((line) => /Redis (publisher|subscriber)/.test(line), 10_000);
    // The write commits and answers although its event cannot travel.
    expect(await recordActivity(server.url, reporterToken, world.communeAId, 2)).toBe(
      "MutationRecordActivitySuccess",
    );

    const before = sub.data.values.length;
    await redis.start();
    // Back: the subscriber is told to re-read (the event of the outage write was lost)...
    const resync = await sub.data.waitFor((d) => d.liveFigures.kind === "RESYNC", 15_000, before);
    const totals = await server.database.db.prisma.activity.aggregate({
      _sum: { attendance: true },
    });
    expect(resync.liveFigures.activityTotals.attendance).toBe(totals._sum.attendance);
    // ...and events flow through Redis again.
    const afterResync = sub.data.values.length;
    expect(await recordActivity(server.url, reporterToken, world.communeAId, 4)).toBe(
      "MutationRecordActivitySuccess",
    );
    const change = await sub.data.waitFor(
      (d) => d.liveFigures.kind === "CHANGE",
      15_000,
      afterResync,
    );
    expect(change.liveFigures.activityTotals.attendance).toBe((totals._sum.attendance ?? 0) + 4);
  });
});
