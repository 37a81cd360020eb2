import type { Database, PrismaClient } from "@d05/prisma";
import { issueToken } from "@d05/schema";
import { serverConfigFromEnv } from "@d05/server/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../api/records-fixtures";
import { bearer, type LiveClient, liveClient } from "../live/helpers";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";
import { prepareHardeningWorld } from "./fixtures";

/**
 * The database as the app sees it, with `unit.findMany` made to stall until released, or to fail
 * with an internal message: a slow query and a bug, without test-only code in the server.
 */
function sabotaged(mode: { stall: Promise<void> } | { fail: string }) {
  return (db: Database): Database => {
    const prisma = db.prisma.$extends({
      query: {
        unit: {
          async findMany({ args, query }) {
            if ("fail" in mode) throw new Error(mode.fail);
            await mode.stall;
            return query(args);
          },
        },
      },
    }) as unknown as PrismaClient;
    return { ...db, prisma };
  };
}

const SECRET_DETAIL = "connection to 10.0.0.5 refused: password=hunter2 at /srv/app/db.ts";

describe("rate limits, time limits and errors", () => {
  let server: TestServer;
  let adminToken: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        await prepareHardeningWorld(database);
      },
      { limits: { rateLimitPerMinute: 5, anonymousRateLimitPerMinute: 4 } },
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("answers an anonymous caller past its limit with 429, Retry-After and RATE_LIMITED", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 5; i++) {
      last = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ health }" }),
      });
      statuses.push(last.status);
      if (last.status !== 429) await last.body?.cancel();
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const retryAfter = Number(last?.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await last?.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]?.extensions.code).toBe("RATE_LIMITED");
    expect(body.errors[0]?.message).toMatch(/tối đa 4 thao tác mỗi phút.*thử lại sau \d+ giây/);
  });

  it("counts each account apart from the address, and over WebSocket too", async () => {
    // The address is spent, yet sign-in works through another server on the same database:
    // here, the account's own budget is what counts once a token is verified.
    const other = await startTestServer(
      "pglite",
      async (database) => {
        await prepareHardeningWorld(database);
      },
      { limits: { rateLimitPerMinute: 3 } },
    );
    try {
      adminToken = await signIn(other, "admin");
      const results = [];
      for (let i = 0; i < 3; i++)
        results.push((await other.graphql("{ health }", {}, adminToken)).status);
      expect(results).toEqual([200, 200, 200]);
      const client = liveClient(other.url, bearer(adminToken));
      clients.push(client);
      const refused = client.subscribe("{ health }");
      await refused.done;
      expect(JSON.stringify(refused.results.error)).toContain("RATE_LIMITED");
      const http = await other.graphql("{ health }", {}, adminToken);
      expect(http.status).toBe(429);
      // Another account still gets through.
      const reporter = await signIn(other, "reporter-a");
      expect((await other.graphql("{ health }", {}, reporter)).status).toBe(200);
    } finally {
      await other.stop();
    }
  });
});

describe("the time limit on queries", () => {
  let server: TestServer;
  let token: string;
  let release!: () => void;
  const stall = new Promise<void>((resolve) => {
    release = resolve;
  });
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        await prepareHardeningWorld(database);
      },
      { limits: { executionTimeoutMs: 300 }, wrapDatabase: sabotaged({ stall }) },
    );
    token = await signIn(server, "admin");
  });
  afterAll(async () => {
    release();
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("stops a query that runs too long with 503 and QUERY_TIMEOUT, and keeps serving", async () => {
    const started = Date.now();
    const { status, body } = await server.graphql(
      "{ units { edges { node { name } } } }",
      {},
      token,
    );
    expect(status).toBe(503);
    expect(body.errors?.[0]?.extensions?.code).toBe("QUERY_TIMEOUT");
    expect(body.errors?.[0]?.message).toMatch(/đã dừng sau 0,3 giây/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await server.graphql("{ me { username } }", {}, token)).body).toEqual({
      data: { me: { username: "admin" } },
    });
  });

  it("applies over WebSocket too", async () => {
    const client = liveClient(server.url, bearer(token));
    clients.push(client);
    const slow = client.subscribe("{ units { edges { node { name } } } }");
    await slow.done;
    expect(JSON.stringify(slow.results.values)).toContain("QUERY_TIMEOUT");
  });
});

describe("unexpected errors", () => {
  let server: TestServer;
  let token: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        await prepareHardeningWorld(database);
      },
      { wrapDatabase: sabotaged({ fail: SECRET_DETAIL }), log: () => {} },
    );
    token = await signIn(server, "admin");
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it('answer "Lỗi ngoài dự kiến." (Unexpected error.) over HTTP, with no message, stack or path on disk', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ units { edges { node { name } } } }" }),
    });
    const text = await response.text();
    expect(JSON.parse(text).errors[0].message).toBe("Lỗi ngoài dự kiến.");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("10.0.0.5");
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+|originalError|stack/);
  });

  it('answer "Lỗi ngoài dự kiến." over WebSocket the same way', async () => {
    const client = liveClient(server.url, bearer(token));
    clients.push(client);
    const failing = client.subscribe("{ units { edges { node { name } } } }");
    await failing.done;
    const text = JSON.stringify(failing.results.values);
    expect(text).toContain("Lỗi ngoài dự kiến.");
    expect(text).not.toContain("hunter2");
    expect(text).not.toMatch(/\.ts:\d+|originalError|stack/);
  });
});

describe("secrets and tokens", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("pglite", async (database) => {
      await prepareHardeningWorld(database);
    });
  });
  afterAll(() => server?.stop());

  it("refuses an expired token with 401 and says it expired", async () => {
    const admin = await server.database.db.prisma.user.findUniqueOrThrow({
      where: { username: "admin" },
    });
    const { token } = await issueToken(admin, { secret: TEST_AUTH_SECRET, lifetimeSeconds: -60 });
    const { status, body } = await server.graphql("{ units { totalCount } }", {}, token);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/hết hạn.*đăng nhập lại/);
  });

  it("refuses a token that expires after it was accepted (verified signatures are remembered, expiry is not)", async () => {
    const admin = await server.database.db.prisma.user.findUniqueOrThrow({
      where: { username: "admin" },
    });
    const { token, expiresAt } = await issueToken(admin, {
      secret: TEST_AUTH_SECRET,
      lifetimeSeconds: 2,
    });
    const accepted = await server.graphql("{ units { totalCount } }", {}, token);
    expect(accepted.status).toBe(200);
    // Wait for the expiry the token itself names, then the same token must be refused.
    await new Promise((r) => setTimeout(r, Math.max(0, expiresAt.getTime() - Date.now()) + 50));
    const { status, body } = await server.graphql("{ units { totalCount } }", {}, token);
    expect(status).toBe(401);
    expect(body.errors?.[0]?.message).toMatch(/hết hạn.*đăng nhập lại/);
  });

  it("exposes no password hash, token version or secret in any type the API returns", async () => {
    const token = await signIn(server, "analyst");
    const { body } = await server.graphql<{
      __schema: { types: { fields: { name: string }[] | null }[] };
    }>("{ __schema { types { fields { name } } } }", {}, token);
    const names = (body.data?.__schema.types ?? []).flatMap((t) =>
      (t.fields ?? []).map((f) => f.name),
    );
    expect(names.length).toBeGreaterThan(100);
    expect(
      names.filter((n) => /password|hash|secret|tokenVersion/i.test(n.split(".")[1] ?? "")),
    ).toEqual([]);
  });

  it("refuses to start in production with the development secret or a short one", () => {
    expect(() => serverConfigFromEnv({ NODE_ENV: "production" })).toThrow(/needs AUTH_SECRET/);
    expect(() => serverConfigFromEnv({ NODE_ENV: "production", AUTH_SECRET: "short" })).toThrow(
      /at least 32 characters/,
    );
  });

  it("reads every limit from the environment and refuses nonsense with one line", () => {
    const config = serverConfigFromEnv({
      MAX_QUERY_DEPTH: "8",
      MAX_QUERY_COST: "5000",
      MAX_BODY_BYTES: "1048576",
      RATE_LIMIT_PER_MINUTE: "0",
      INTROSPECTION: "open",
      CSRF_PREVENTION: "strict",
    });
    expect(config.limits).toMatchObject({
      maxDepth: 8,
      maxCost: 5000,
      maxBodyBytes: 1_048_576,
      rateLimitPerMinute: 0,
      introspection: "open",
      csrf: "strict",
      maxAliases: 30,
    });
    expect(() => serverConfigFromEnv({ MAX_QUERY_DEPTH: "deep" })).toThrow(
      'MAX_QUERY_DEPTH must be a whole number of at least 1 (got "deep").',
    );
    expect(() => serverConfigFromEnv({ INTROSPECTION: "maybe" })).toThrow(
      /INTROSPECTION must be one of open, signed-in-analysts, off/,
    );
  });
});
