import { randomBytes } from "node:crypto";
import { type App, buildApp } from "@d05/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../live/helpers";
import { countingDatabase } from "../support/counting";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";
import {
  gid,
  prepareRecordsWorld,
  type RecordsWorld,
  signIn,
  vietnamDay,
} from "./records-fixtures";

// Reads are reused until a change makes them stale: these tests hold the cache to exactness
// through the API (a write, a unit rename, an account deactivated, another instance's write or
// deactivation through Redis), and check that a reused answer really skips the database.

const year = Number(vietnamDay(-1).slice(0, 4));
const PERIOD = { from: `${year}-01-01`, to: `${year}-12-31` };

const OVERVIEW = `query($u: ID!, $p: Period!) {
  overview(unitId: $u, period: $p) { ... on Overview { figures { measure value } } }
}`;
const COMPARISON = `query($u: ID!, $p: Period!) {
  comparison(unitId: $u, childLevel: COMMUNE, measure: ATTENDANCE, period: $p) {
    ... on Comparison { rows { unit { name } value } }
  }
}`;
const RECORD = `mutation($i: RecordActivityInput!) {
  recordActivity(input: $i) { __typename }
}`;
const RENAME = `mutation($i: UpdateUnitInput!) { updateUnit(input: $i) { __typename } }`;
const DEACTIVATE = `mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }`;

/** The error code an overview request gets with this token, or "OK". */
async function status(url: string, token: string, unitId: number): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: OVERVIEW, variables: { u: gid("Unit", unitId), p: PERIOD } }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return body.errors?.[0]?.extensions?.code ?? "OK";
}

type Call = (
  query: string,
  variables: Record<string, unknown>,
  token: string,
) => Promise<Record<string, unknown>>;

function caller(url: string): Call {
  return async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (!body.data || body.errors) throw new Error(JSON.stringify(body));
    return body.data;
  };
}

async function attendance(call: Call, token: string, unitId: number): Promise<number> {
  const data = (await call(OVERVIEW, { u: gid("Unit", unitId), p: PERIOD }, token)) as {
    overview: { figures: { measure: string; value: number }[] };
  };
  return data.overview.figures.find((f) => f.measure === "ATTENDANCE")?.value as number;
}

const record = (call: Call, token: string, unitId: number, attendance: number) =>
  call(
    RECORD,
    {
      i: {
        unitId: gid("Unit", unitId),
        kind: "CONFERENCE",
        title: "Hội nghị",
        occurredOn: vietnamDay(-1),
        attendance,
      },
    },
    token,
  );

describe.each(backends)("the read cache on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let statements: () => number;
  let call: Call;
  let admin: string;
  let reporterA: string;

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      {
        wrapDatabase: (db) => {
          const counting = countingDatabase(db);
          statements = counting.statements;
          return counting.database;
        },
      },
    );
    call = caller(server.url);
    admin = await signIn(server, "admin");
    reporterA = await signIn(server, "reporter-a");
  });
  afterAll(() => server?.stop());

  const userId = async (username: string) =>
    (await server.database.db.prisma.user.findUniqueOrThrow({ where: { username } })).id;

  /** SQL statements one call costs. */
  async function cost(run: () => Promise<unknown>): Promise<number> {
    const before = statements();
    await run();
    return statements() - before;
  }

  it("reuses an answer without reading the rollups, and a write under its root shows at once", async () => {
    await record(call, reporterA, world.cellAId, 30);
    const first = await cost(() => attendance(call, admin, world.provinceId));
    const again = await cost(() => attendance(call, admin, world.provinceId));
    // Reused, with the account behind the token and the root's ancestors: no SQL at all.
    expect(again).toBeLessThan(first);
    expect(again).toBe(0);
    const before = await attendance(call, admin, world.provinceId);
    await record(call, reporterA, world.cellAId, 45);
    // No wait: the write's own response is sent after the cache heard of it.
    expect(await attendance(call, admin, world.provinceId)).toBe(before + 45);
    expect(await attendance(call, admin, world.communeAId)).toBe(before + 45);
  });

  it("keeps the answers about units a write does not touch", async () => {
    await attendance(call, admin, world.communeBId);
    await record(call, reporterA, world.communeAId, 12);
    const reused = await cost(() => attendance(call, admin, world.communeBId));
    expect(reused).toBe(0);
  });

  it("shows a renamed unit in the next answer", async () => {
    const names = async () => {
      const data = (await call(
        COMPARISON,
        { u: gid("Unit", world.provinceId), p: PERIOD },
        admin,
      )) as {
        comparison: { rows: { unit: { name: string } }[] };
      };
      return data.comparison.rows.map((r) => r.unit.name).sort();
    };
    expect(await names()).toEqual(["Xã An Bình", "Xã Bình Minh"]);
    await call(
      RENAME,
      { i: { id: gid("Unit", world.communeBId), name: "Xã Bình Minh Mới" } },
      admin,
    );
    expect(await names()).toEqual(["Xã An Bình", "Xã Bình Minh Mới"]);
  });

  it("refuses a deactivated account's token from the next request on", async () => {
    const viewer = await signIn(server, "viewer-a");
    await attendance(call, viewer, world.communeAId);
    await call(
      DEACTIVATE,
      { i: { id: gid("User", await userId("viewer-a")), active: false } },
      admin,
    );
    expect(await status(server.url, viewer, world.communeAId)).toBe("UNAUTHENTICATED");
  });

  it("is not shared across scopes: a viewer outside the root is refused even when it is cached", async () => {
    await attendance(call, admin, world.communeBId);
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${reporterA}` },
      body: JSON.stringify({
        query: `query($u: ID!, $p: Period!) { overview(unitId: $u, period: $p) { __typename } }`,
        variables: { u: gid("Unit", world.communeBId), p: PERIOD },
      }),
    });
    const body = (await response.json()) as { data: { overview: { __typename: string } } };
    expect(body.data.overview.__typename).toBe("NotFoundError");
  });
});

describe("the read cache across two instances sharing Redis (PostgreSQL)", () => {
  let database: TestDatabase;
  let world: RecordsWorld;
  const apps: App[] = [];
  let callA: Call;
  let callB: Call;
  let tokenAdmin: string;
  let tokenAdminA: string;
  let tokenReporter: string;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    world = await prepareRecordsWorld(database);
    const prefix = `d05-test-${randomBytes(6).toString("hex")}:`;
    const urls: string[] = [];
    for (let i = 0; i < 2; i++) {
      const app = buildApp({
        database: database.db,
        authSecret: TEST_AUTH_SECRET,
        port: 0,
        host: "127.0.0.1",
        redisUrl: process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379",
        redisChannelPrefix: prefix,
      });
      apps.push(app);
      urls.push(await app.start());
    }
    const [a, b] = urls as [string, string];
    urlA = a;
    urlB = b;
    callA = caller(a);
    callB = caller(b);
    const login = async (url: string, username: string) =>
      signIn({ url, graphql: serverGraphql(url) } as unknown as TestServer, username);
    tokenAdmin = await login(b, "admin");
    tokenReporter = await login(a, "reporter-a");
    tokenAdminA = await login(a, "admin");
  });
  afterAll(async () => {
    for (const app of apps) await app.stop();
    await database?.drop();
  });

  it("refuses on one instance a token whose account another instance deactivated", async () => {
    const viewer = await signIn(
      { url: urlA, graphql: serverGraphql(urlA) } as unknown as TestServer,
      "viewer-a",
    );
    await attendance(callB, viewer, world.communeAId);
    const id = await database.db.prisma.user.findUniqueOrThrow({ where: { username: "viewer-a" } });
    await callA(DEACTIVATE, { i: { id: gid("User", id.id), active: false } }, tokenAdminA);
    await eventually(
      async () =>
        (await status(urlB, viewer, world.communeAId)) === "UNAUTHENTICATED" ? true : undefined,
      5_000,
      10,
    );
  });

  it("retires an instance's answer when another instance writes under its root", async () => {
    const before = await attendance(callB, tokenAdmin, world.provinceId);
    expect(await attendance(callB, tokenAdmin, world.provinceId)).toBe(before);
    await record(callA, tokenReporter, world.cellAId, 77);
    // The announcement travels through Redis: milliseconds, well inside the minute-long time to
    // live that would otherwise be the only way for B to notice.
    await eventually(
      async () =>
        (await attendance(callB, tokenAdmin, world.provinceId)) === before + 77 ? true : undefined,
      5_000,
      10,
    );
  });
});

function serverGraphql(url: string) {
  return async (query: string, variables?: Record<string, unknown>, token?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: await response.json() };
  };
}
