import { randomBytes } from "node:crypto";
import type { Database } from "@d05/prisma";
import { AFTER_CHANGE_HEADER } from "@d05/schema/domain";
import { type App, buildApp } from "@d05/server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../live/helpers";
import { countingDatabase, interceptStatements } from "../support/counting";
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
// deactivation through Redis), and check that a reused answer really skips the database. On a
// reporting day an answer a write made stale is served to other accounts while one computation
// replaces it: the writer sees its write on its next read, nobody gets an answer older than the
// bound, and a failed recomputation poisons nothing.

const year = Number(vietnamDay(-1).slice(0, 4));
const PERIOD = { from: `${year}-01-01`, to: `${year}-12-31` };

const OVERVIEW = `query($u: ID!, $p: PeriodInput!) {
  overview(unitId: $u, period: $p) { ... on Overview { figures { measure value } } }
}`;
const COMPARISON = `query($u: ID!, $p: PeriodInput!) {
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
  headers?: Record<string, string>,
) => Promise<Record<string, unknown>>;

function caller(url: string): Call {
  return async (query, variables, token, headers = {}) => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
    if (!body.data || body.errors) throw new Error(JSON.stringify(body));
    return body.data;
  };
}

async function attendance(
  call: Call,
  token: string,
  unitId: number,
  period = PERIOD,
  headers?: Record<string, string>,
): Promise<number> {
  const data = (await call(OVERVIEW, { u: gid("Unit", unitId), p: period }, token, headers)) as {
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

  it("reuses an answer without reading the rollups, and a write under its root shows at once to its writer", async () => {
    await record(call, reporterA, world.cellAId, 30);
    const first = await cost(() => attendance(call, admin, world.provinceId));
    const again = await cost(() => attendance(call, admin, world.provinceId));
    // Reused, with the account behind the token and the root's ancestors: no SQL at all.
    expect(again).toBeLessThan(first);
    expect(again).toBe(0);
    const before = await attendance(call, admin, world.provinceId);
    expect(await attendance(call, reporterA, world.communeAId)).toBe(before);
    await record(call, reporterA, world.cellAId, 45);
    // No wait: the write's own response is sent after the cache heard of it.
    expect(await attendance(call, reporterA, world.communeAId)).toBe(before + 45);
    // Other accounts within the bound (READ_CACHE_MAX_STALE_MS, 2 s by default).
    await eventually(
      async () =>
        (await attendance(call, admin, world.provinceId)) === before + 45 ? true : undefined,
      10_000,
      10,
    );
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
        query: `query($u: ID!, $p: PeriodInput!) { overview(unitId: $u, period: $p) { __typename } }`,
        variables: { u: gid("Unit", world.communeBId), p: PERIOD },
      }),
    });
    const body = (await response.json()) as { data: { overview: { __typename: string } } };
    expect(body.data.overview.__typename).toBe("NotFoundError");
  });
});

/**
 * The database with its analytics reads of the rollups under the test's control: held back
 * (`hold` until `release`) or failed (`failNext`). Writes go through untouched.
 */
function controlledDatabase(db: Database) {
  let gate: Promise<void> | null = null;
  let open = () => {};
  let failures = 0;
  let failed = 0;
  const database = interceptStatements(db, async (sql, send) => {
    if (/^\s*(select|with)\b/i.test(sql) && sql.includes("Rollup")) {
      if (failures > 0) {
        failures--;
        failed++;
        throw new Error("the rollups could not be read (test)");
      }
      if (gate) await gate;
    }
    return send();
  });
  return {
    database,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    release() {
      gate = null;
      open();
    },
    failNext() {
      failures = 1;
    },
    failed: () => failed,
  };
}

/** The read cache's counters from /metrics. */
async function cacheCounters(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: RegExp) => Number(text.match(pattern)?.[1] ?? Number.NaN);
  return {
    stale: value(/^d05_read_cache_lookups_total\{result="stale"\} (\d+)$/m),
    misses: value(/^d05_read_cache_lookups_total\{result="miss"\} (\d+)$/m),
    refreshes: value(/^d05_read_cache_refreshes_total (\d+)$/m),
  };
}

/** "answered" if `read` answers within a moment, else "waiting". */
async function answeredAtOnce(read: Promise<unknown>): Promise<"answered" | "waiting"> {
  return Promise.race([
    read.then(() => "answered" as const),
    new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), 300)),
  ]);
}

describe("the read cache on a reporting day (PostgreSQL)", () => {
  const BOUND_MS = 1_000;
  let server: TestServer;
  let world: RecordsWorld;
  let control: ReturnType<typeof controlledDatabase>;
  let call: Call;
  let reporter: string;
  let viewer: string;
  /** The cache's clock, moved by hand: "within the bound" does not depend on the machine's speed. */
  let clock = Date.now();
  /** Each test asks its own question (the same figures over a longer period): its own cache entry. */
  const since = (yearsBack: number) => ({ from: `${year - yearsBack}-01-01`, to: PERIOD.to });

  beforeAll(async () => {
    server = await startTestServer(
      "postgres",
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      {
        wrapDatabase: (db) => {
          control = controlledDatabase(db);
          return control.database;
        },
        readCache: { maxStaleMs: BOUND_MS, clock: () => clock },
      },
    );
    call = caller(server.url);
    reporter = await signIn(server, "reporter-a");
    viewer = await signIn(server, "viewer-a");
  });
  // A test that failed while reads were held back leaves none held for the next.
  afterEach(() => control.release());
  afterAll(() => server?.stop());

  it("shows an acknowledged write in its writer's next read, while others get the previous answer", async () => {
    const period = since(1);
    const before = await attendance(call, viewer, world.communeAId, period);
    control.hold();
    await record(call, reporter, world.cellAId, 11);
    // Another account: the previous answer at once, while the recomputation is held back.
    expect(await attendance(call, viewer, world.communeAId, period)).toBe(before);
    // The writer: never the previous answer; it waits for one that shows its write.
    const writers = attendance(call, reporter, world.communeAId, period);
    expect(await answeredAtOnce(writers)).toBe("waiting");
    control.release();
    expect(await writers).toBe(before + 11);
    expect(await attendance(call, viewer, world.communeAId, period)).toBe(before + 11);
  });

  it("gives a screen refetching on a live push an answer that shows the pushed change", async () => {
    const period = since(4);
    const before = await attendance(call, viewer, world.communeAId, period);
    control.hold();
    await record(call, reporter, world.cellAId, 14);
    // A dashboard told of the change by a push (web/src/hooks/live.tsx) asks with the header:
    // the previous answer would stay on its screen until the next change, so it waits instead.
    const afterPush = attendance(call, viewer, world.communeAId, period, {
      [AFTER_CHANGE_HEADER]: "1",
    });
    expect(await answeredAtOnce(afterPush)).toBe("waiting");
    // Without the header the same account may still get the previous answer meanwhile.
    expect(await attendance(call, viewer, world.communeAId, period)).toBe(before);
    control.release();
    expect(await afterPush).toBe(before + 14);
  });

  it("serves another account the previous answer within the bound, and none older", async () => {
    const period = since(2);
    const before = await attendance(call, viewer, world.communeAId, period);
    control.hold();
    await record(call, reporter, world.cellAId, 12);
    expect(await attendance(call, viewer, world.communeAId, period)).toBe(before);
    clock += BOUND_MS;
    expect(await attendance(call, viewer, world.communeAId, period)).toBe(before);
    // Past the bound: the reader waits for the new answer.
    clock += 1;
    const late = attendance(call, viewer, world.communeAId, period);
    expect(await answeredAtOnce(late)).toBe("waiting");
    control.release();
    expect(await late).toBe(before + 12);
  });

  it("recomputes a stale answer once for any number of concurrent readers", async () => {
    const period = since(3);
    const before = await attendance(call, viewer, world.communeAId, period);
    control.hold();
    await record(call, reporter, world.cellAId, 13);
    const start = await cacheCounters(server.url);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => attendance(call, viewer, world.communeAId, period)),
    );
    expect(answers).toEqual(Array(8).fill(before));
    const during = await cacheCounters(server.url);
    expect(during.stale - start.stale).toBe(8);
    expect(during.refreshes - start.refreshes).toBe(1);
    expect(during.misses - start.misses).toBe(0);
    control.release();
    await eventually(
      async () =>
        (await attendance(call, viewer, world.communeAId, period)) === before + 13
          ? true
          : undefined,
      10_000,
      10,
    );
    const after = await cacheCounters(server.url);
    expect(after.refreshes - start.refreshes).toBe(1);
    expect(after.misses - start.misses).toBe(0);
  });

  it("keeps serving the previous answer when a recomputation fails, and recomputes next time", async () => {
    const period = since(4);
    const before = await attendance(call, viewer, world.communeAId, period);
    const start = await cacheCounters(server.url);
    control.failNext();
    await record(call, reporter, world.cellAId, 14);
    expect(await attendance(call, viewer, world.communeAId, period)).toBe(before);
    await eventually(() => (control.failed() > 0 ? true : undefined), 10_000, 10);
    // Not an error, and not stuck: the previous answer until a new computation succeeds.
    const seen = new Set<number>();
    await eventually(
      async () => {
        const value = await attendance(call, viewer, world.communeAId, period);
        seen.add(value);
        return value === before + 14 ? true : undefined;
      },
      10_000,
      10,
    );
    expect([...seen].sort()).toEqual([before, before + 14].sort());
    const after = await cacheCounters(server.url);
    // The failed one and the one that replaced it.
    expect(after.refreshes - start.refreshes).toBe(2);
    expect(await attendance(call, reporter, world.communeAId, period)).toBe(before + 14);
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

const COMPARISON_PER_MEMBER = `query($u: ID!, $p: PeriodInput!) {
  comparison(unitId: $u, childLevel: COMMUNE, measure: ATTENDANCE, period: $p, perCapita: true) {
    ... on Comparison {
      rows { unit { name } value perHundredMembers target { value } underTarget }
    }
  }
}`;
const MEMBERSHIP = `mutation($i: RecordPartyMembershipInput!) {
  recordPartyMembership(input: $i) { __typename }
}`;
const SET_TARGET = `mutation($i: SetTargetInput!) { setTarget(input: $i) { __typename } }`;
const OVERVIEW_TARGETS = `query($u: ID!, $p: PeriodInput!) {
  overview(unitId: $u, period: $p) {
    ... on Overview { figures { measure combinedTarget { value } } }
  }
}`;

interface PerMemberRow {
  unit: { name: string };
  value: number | null;
  perHundredMembers: number | null;
  target: { value: number } | null;
  underTarget: boolean | null;
}

// READ_CACHE_TTL_SECONDS=0: every answer is computed from the rollups, yet the facts beside the
// figures (the root, the units of the level and members, the targets, the account and the scope's
// path) are kept until a change to them. These tests hold those facts to exactness.
describe.each(backends)(
  "answers computed afresh, facts kept (READ_CACHE_TTL_SECONDS=0) on %s",
  (backend) => {
    let server: TestServer;
    let world: RecordsWorld;
    let sqls: string[] = [];
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
          wrapDatabase: (db) =>
            interceptStatements(db, (sql, send) => {
              sqls.push(sql);
              return send();
            }),
          readCache: { ttlMs: 0 },
        },
      );
      call = caller(server.url);
      admin = await signIn(server, "admin");
      reporterA = await signIn(server, "reporter-a");
    });
    afterAll(() => server?.stop());

    async function rows(): Promise<PerMemberRow[]> {
      const data = (await call(
        COMPARISON_PER_MEMBER,
        { u: gid("Unit", world.provinceId), p: PERIOD },
        admin,
      )) as { comparison: { rows: PerMemberRow[] } };
      return [...data.comparison.rows].sort((a, b) => a.unit.name.localeCompare(b.unit.name));
    }

    /** The SQL one call sends. */
    async function sent(run: () => Promise<unknown>): Promise<string[]> {
      sqls = [];
      await run();
      return sqls;
    }

    it("reads only the figures for a repeated question, and shows every write to everybody at once", async () => {
      // The comparison and the overview (with its members and combined targets), asked twice.
      for (const ask of [rows, combinedAttendanceTarget]) {
        await ask();
        const again = await sent(ask);
        // Computed: the figures are read again; nothing else is (no account, path, unit, member
        // or target).
        expect(again.length).toBeGreaterThan(0);
        expect(again.filter((sql) => !sql.includes("Rollup"))).toEqual([]);
      }
      const before = (await rows())[0]?.value ?? 0;
      await record(call, reporterA, world.cellAId, 21);
      // Not the writer: no answer is served stale when none is kept.
      expect((await rows())[0]?.value).toBe(before + 21);
    });

    it("divides by the members recorded since, at once", async () => {
      for (const partyMembers of [50, 200]) {
        await call(
          MEMBERSHIP,
          {
            i: {
              unitId: gid("Unit", world.communeAId),
              effectiveOn: `${year}-01-01`,
              partyMembers,
            },
          },
          admin,
        );
        const [a] = await rows();
        expect(a?.unit.name).toBe("Xã An Bình");
        expect(a?.value).toBeGreaterThan(0);
        expect(a?.perHundredMembers).toBeCloseTo((100 * (a?.value ?? 0)) / partyMembers, 6);
      }
    });

    /** The province's overview ATTENDANCE target combined from its communes' (null: none). */
    async function combinedAttendanceTarget(): Promise<number | null> {
      const data = (await call(
        OVERVIEW_TARGETS,
        { u: gid("Unit", world.provinceId), p: PERIOD },
        admin,
      )) as {
        overview: { figures: { measure: string; combinedTarget: { value: number } | null }[] };
      };
      const figure = data.overview.figures.find((f) => f.measure === "ATTENDANCE");
      return figure?.combinedTarget?.value ?? null;
    }

    it("marks the rows and the overview against a target set meanwhile, at once", async () => {
      expect((await rows()).map((r) => r.target)).toEqual([null, null]);
      expect(await combinedAttendanceTarget()).toBeNull();
      await call(
        SET_TARGET,
        {
          i: {
            unitId: gid("Unit", world.provinceId),
            measure: "ATTENDANCE",
            level: "COMMUNE",
            value: 1_000_000,
          },
        },
        admin,
      );
      const marked = await rows();
      expect(marked.map((r) => r.target?.value)).toEqual([1_000_000, 1_000_000]);
      expect(marked[0]?.underTarget).toBe(true);
      // Both communes hold the target: the province's is their sum.
      expect(await combinedAttendanceTarget()).toBe(2_000_000);
    });

    it("names a renamed unit in the next answer", async () => {
      await call(
        RENAME,
        { i: { id: gid("Unit", world.communeBId), name: "Xã Bình Minh Hai" } },
        admin,
      );
      expect((await rows()).map((r) => r.unit.name)).toEqual(["Xã An Bình", "Xã Bình Minh Hai"]);
    });

    it("shares the kept facts with nobody outside their root: every request checks its scope", async () => {
      await rows(); // the province's root, units and targets are now kept
      // reporter-a reports for one commune: the province is not in its scope.
      const named = (await call(
        `query($u: ID!, $p: PeriodInput!) { comparison(unitId: $u, childLevel: COMMUNE,
          measure: ATTENDANCE, period: $p) { __typename } }`,
        { u: gid("Unit", world.provinceId), p: PERIOD },
        reporterA,
      )) as { comparison: { __typename: string } };
      expect(named.comparison.__typename).toBe("NotFoundError");
    });
  },
);
