// Open live subscriptions are capped per WebSocket and per account (WebSocket and SSE together):
// one account opening a thousand subscriptions cannot hold a thousand bus listeners and figure
// reads. A refusal is a typed TOO_MANY_SUBSCRIPTIONS error for that operation only (the socket
// and its other subscriptions stay), and a slot freed by unsubscribing can be used again.

import { randomBytes } from "node:crypto";
import { type App, buildApp } from "@d05/server";
import { serverConfigFromEnv } from "@d05/server/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, FIGURES, type LiveClient, liveClient } from "../live/helpers";
import { backends } from "../support/databases";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";
import { gid, prepareWorld, signIn, type World } from "./support/world";

const PER_SOCKET = 3;
const PER_ACCOUNT = 5;

describe.each(backends)("subscription caps on %s", (backend) => {
  let server: TestServer;
  let world: World;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareWorld(database);
      },
      { live: { maxSubscriptionsPerSocket: PER_SOCKET, maxSubscriptionsPerAccount: PER_ACCOUNT } },
    );
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  function open(token: string): LiveClient {
    const client = liveClient(server.url, bearer(token));
    clients.push(client);
    return client;
  }

  function figures(client: LiveClient) {
    return client.subscribe(FIGURES, { unitId: gid("Unit", world.a.communeId) });
  }

  /**
   * The error a refused subscription ends with: an error message (refused before it started, per
   * socket) or a result carrying errors (refused by its field, per account).
   */
  async function refusal(sub: ReturnType<typeof figures>) {
    await Promise.race([sub.done, new Promise((r) => setTimeout(r, 5_000))]);
    expect(sub.results.isEnded).toBe(true);
    const errors = (sub.results.values[0]?.errors ?? sub.results.error) as {
      message: string;
      extensions?: { code?: string };
    }[];
    expect(sub.results.values.every((r) => r.data == null)).toBe(true);
    return errors[0];
  }

  /** An SSE subscription: the first event's payload. */
  async function sse(token: string): Promise<{ errors?: { extensions?: { code?: string } }[] }> {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({
        query: FIGURES,
        variables: { unitId: gid("Unit", world.a.communeId) },
      }),
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    let text = "";
    while (!/data: .*\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    return JSON.parse(text.split("data: ")[1]?.split("\n")[0] ?? "{}");
  }

  it("refuses a subscription over the per-socket cap with a typed error, and reuses a freed slot", async () => {
    const token = await signIn(server, "viewer-a");
    const client = open(token);
    const open3 = [figures(client), figures(client), figures(client)];
    await Promise.all(open3.map((s) => s.data.nth(0)));

    const fourth = figures(client);
    const error = await refusal(fourth);
    expect(error?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    expect(error?.message).toMatch(/Quá nhiều/);
    expect(error?.message).toContain(String(PER_SOCKET));
    // The socket and the subscriptions it holds are untouched.
    expect(client.closes.values).toEqual([]);
    expect(open3.every((s) => !s.results.isEnded)).toBe(true);

    open3[0]?.unsubscribe();
    await open3[0]?.done;
    const again = figures(client);
    await again.data.nth(0);
    again.unsubscribe();
    for (const s of open3) s.unsubscribe();
    await Promise.all(open3.map((s) => s.done));
  });

  it("caps an account across sockets and SSE, leaves other accounts alone, and frees slots on close", async () => {
    const token = await signIn(server, "analyst-a");
    const first = open(token);
    const second = open(token);
    const held = [figures(first), figures(first), figures(first), figures(second), figures(second)];
    await Promise.all(held.map((s) => s.data.nth(0)));

    // Sixth for the account: refused on a socket that has room, and over SSE.
    const sixth = figures(second);
    const error = await refusal(sixth);
    expect(error?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");
    expect(error?.message).toContain(String(PER_ACCOUNT));
    const overSse = await sse(token);
    expect(overSse.errors?.[0]?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");

    // Another account is not affected.
    const other = open(await signIn(server, "reporter-a"));
    const theirs = figures(other);
    await theirs.data.nth(0);
    theirs.unsubscribe();

    // Closing a socket frees its three slots: the account can subscribe again, SSE included.
    await first.dispose();
    await Promise.all(held.slice(0, 3).map((s) => s.done));
    const reused = figures(second);
    await reused.data.nth(0);
    const sseAgain = await sse(token);
    expect(sseAgain.errors).toBeUndefined();
    reused.unsubscribe();
  });
});

// The per-account count lives in Redis when instances share one: the cap holds for the account
// behind a load balancer, not per instance. (The count is the same on either database: PGlite.)
describe("the per-account cap across two instances sharing Redis", () => {
  const redisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const live = { maxSubscriptionsPerSocket: 10, maxSubscriptionsPerAccount: 3 };
  const redisChannelPrefix = `d05-test-${randomBytes(6).toString("hex")}:`;
  let first: TestServer;
  let second: App;
  let secondUrl: string;
  let world: World;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    first = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareWorld(database);
      },
      { redisUrl, redisChannelPrefix, live },
    );
    second = buildApp({
      database: first.database.db,
      authSecret: TEST_AUTH_SECRET,
      port: 0,
      host: "127.0.0.1",
      redisUrl,
      redisChannelPrefix,
      live,
    });
    secondUrl = await second.start();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await second?.stop();
    await first?.stop();
  });

  it("refuses the account's fourth subscription on the other instance, and frees it on close", async () => {
    const token = await signIn(first, "viewer-a");
    const onFirst = liveClient(first.url, bearer(token));
    const onSecond = liveClient(secondUrl, bearer(token));
    clients.push(onFirst, onSecond);
    const unitId = gid("Unit", world.a.communeId);
    const held = [
      onFirst.subscribe(FIGURES, { unitId }),
      onFirst.subscribe(FIGURES, { unitId }),
      onSecond.subscribe(FIGURES, { unitId }),
    ];
    await Promise.all(held.map((s) => s.data.nth(0)));
    const fourth = onSecond.subscribe(FIGURES, { unitId });
    await Promise.race([fourth.done, new Promise((r) => setTimeout(r, 5_000))]);
    expect(fourth.results.values[0]?.errors?.[0]?.extensions?.code).toBe("TOO_MANY_SUBSCRIPTIONS");

    held[0]?.unsubscribe();
    await held[0]?.done;
    const again = onSecond.subscribe(FIGURES, { unitId });
    await again.data.nth(0);
  });
});

describe("subscription cap settings", () => {
  it("reads MAX_SUBSCRIPTIONS_PER_ACCOUNT and MAX_SUBSCRIPTIONS_PER_SOCKET, with defaults far below 1,000", () => {
    const defaults = serverConfigFromEnv({}).live;
    expect(defaults.maxSubscriptionsPerAccount).toBe(100);
    expect(defaults.maxSubscriptionsPerSocket).toBe(20);
    const set = serverConfigFromEnv({
      MAX_SUBSCRIPTIONS_PER_ACCOUNT: "40",
      MAX_SUBSCRIPTIONS_PER_SOCKET: "8",
    }).live;
    expect(set).toEqual({
      intervalMs: 150,
      maxSubscriptionsPerAccount: 40,
      maxSubscriptionsPerSocket: 8,
    });
    expect(() => serverConfigFromEnv({ MAX_SUBSCRIPTIONS_PER_SOCKET: "many" })).toThrow(
      /MAX_SUBSCRIPTIONS_PER_SOCKET/,
    );
  });

  it("reads the live window from LIVE_INTERVAL_MS (default 150 ms)", () => {
    expect(serverConfigFromEnv({ LIVE_INTERVAL_MS: "120" }).live.intervalMs).toBe(120);
    expect(() => serverConfigFromEnv({ LIVE_INTERVAL_MS: "soon" })).toThrow(/LIVE_INTERVAL_MS/);
  });
});
