import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  activityInput,
  bearer,
  FIGURES,
  Inbox,
  type LiveClient,
  liveClient,
  RECORD,
} from "./helpers";

interface Figures {
  liveFigures: {
    kind: "INITIAL" | "CHANGE" | "RESYNC";
    coalescedChanges: number;
    reason: { entity: string; action: string; unitId: string } | null;
    activityTotals: { sessions: number; attendance: number; records: number };
  };
}

const FEED = `subscription($unitId: ID!) {
  activityFeed(unitId: $unitId, recent: 5) {
    initial droppedCount mayHaveMissed
    entries { entity action unitName summary }
  }
}`;

interface Feed {
  activityFeed: {
    initial: boolean;
    droppedCount: number;
    mayHaveMissed: boolean;
    entries: { entity: string; action: string; unitName: string; summary: string }[];
  };
}

describe.each(backends)("live updates over graphql-ws on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let adminToken: string;
  let reporterA: string;
  let reporterB: string;
  const clients: LiveClient[] = [];
  const open = (params: Record<string, unknown> | undefined) => {
    const c = liveClient(server.url, params);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      { live: { intervalMs: 250, feedLimit: 20 } },
    );
    [adminToken, reporterA, reporterB] = await Promise.all([
      signIn(server, "admin"),
      signIn(server, "reporter-a"),
      signIn(server, "reporter-b"),
    ]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  async function record(token: string, unitId: number, attendance: number, sessions = 1) {
    const { body } = await server.graphql<{ recordActivity: { __typename: string } }>(
      RECORD,
      { input: activityInput(gid("Unit", unitId), attendance, sessions) },
      token,
    );
    expect(body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
  }

  async function totals(unitId: number) {
    const rows = await server.database.db.prisma.activity.aggregate({
      where: { unit: { ancestors: { some: { ancestorId: unitId } } } },
      _sum: { sessions: true, attendance: true },
      _count: { _all: true },
    });
    return {
      sessions: rows._sum.sessions ?? 0,
      attendance: rows._sum.attendance ?? 0,
      records: rows._count._all,
    };
  }

  it("pushes the current figures at once, then fresh figures after a write through a mutation", async () => {
    const client = open(bearer(adminToken));
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    const first = await sub.data.nth(0);
    expect(first.liveFigures.kind).toBe("INITIAL");
    expect(first.liveFigures.activityTotals).toEqual(await totals(world.provinceId));

    await record(reporterA, world.cellAId, 195, 6);
    const after = await sub.data.waitFor((d) => d.liveFigures.kind === "CHANGE");
    expect(after.liveFigures.reason).toMatchObject({
      entity: "ACTIVITY",
      action: "CREATED",
      unitId: gid("Unit", world.cellAId),
    });
    expect(after.liveFigures.activityTotals).toEqual(await totals(world.provinceId));
    expect(after.liveFigures.activityTotals.attendance).toBe(
      first.liveFigures.activityTotals.attendance + 195,
    );
    sub.unsubscribe();
  });

  it("does not push to a subtree the write did not touch", async () => {
    const client = open(bearer(adminToken));
    const onB = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.communeBId) });
    const onA = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.communeAId) });
    await Promise.all([onB.data.nth(0), onA.data.nth(0)]);
    await record(reporterA, world.communeAId, 10);
    await onA.data.waitFor((d) => d.liveFigures.kind === "CHANGE");
    // Events arrive in order: had A's write reached B, it would come before (or be folded into) this.
    await record(reporterB, world.communeBId, 20);
    const onBChange = await onB.data.waitFor((d) => d.liveFigures.kind === "CHANGE");
    expect(onBChange.liveFigures.reason?.unitId).toBe(gid("Unit", world.communeBId));
    expect(onBChange.liveFigures.coalescedChanges).toBe(1);
    expect(onB.data.values.filter((d) => d.liveFigures.kind === "CHANGE")).toHaveLength(1);
    onA.unsubscribe();
    onB.unsubscribe();
  });

  it("coalesces a burst of 50 writes into a bounded number of pushes, the last one showing the final state", async () => {
    const client = open(bearer(adminToken));
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    await sub.data.nth(0);
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => record(reporterA, world.communeAId, i + 1)),
    );
    const final = await totals(world.provinceId);
    const last = await sub.data.waitFor(
      (d) => d.liveFigures.activityTotals.records === final.records,
      10_000,
    );
    const duration = Date.now() - started;
    const changes = sub.data.values.filter((d) => d.liveFigures.kind === "CHANGE");
    expect(last.liveFigures.activityTotals).toEqual(final);
    expect(changes.length).toBeLessThanOrEqual(Math.ceil(duration / 250) + 2);
    expect(changes.reduce((n, d) => n + d.liveFigures.coalescedChanges, 0)).toBe(50);
    // Trailing edge: nothing newer than the final state is pending.
    expect(changes.at(-1)?.liveFigures.activityTotals).toEqual(final);
    sub.unsubscribe();
  });

  it("feeds each new record with a Vietnamese summary line", async () => {
    const client = open(bearer(reporterA));
    const feed = client.subscribe<Feed>(FEED, { unitId: gid("Unit", world.communeAId) });
    const backlog = await feed.data.nth(0);
    expect(backlog.activityFeed.initial).toBe(true);
    expect(backlog.activityFeed.entries.length).toBeLessThanOrEqual(5);
    await record(reporterA, world.communeAId, 195);
    const batch = await feed.data.waitFor((d) => !d.activityFeed.initial);
    expect(batch.activityFeed.entries).toEqual([
      {
        entity: "ACTIVITY",
        action: "CREATED",
        unitName: "Xã An Bình",
        summary: "Xã An Bình ghi nhận hội nghị: 195 lượt người",
      },
    ]);
    await record(reporterA, world.cellAId, 16940, 70);
    const next = await feed.data.waitFor((d) =>
      d.activityFeed.entries.some((e) => e.unitName === "Chi bộ thôn 1"),
    );
    expect(next.activityFeed.entries.at(-1)?.summary).toBe(
      "Chi bộ thôn 1 ghi nhận 70 hội nghị: 16.940 lượt người",
    );
    feed.unsubscribe();
  });

  it("refuses a connection without a token (4403)", async () => {
    const client = open(undefined);
    const closed = await client.closes.nth(0);
    expect(closed.code).toBe(4403);
  });

  it("refuses a connection with an invalid token (4403)", async () => {
    const client = open(bearer("not-a-token"));
    const closed = await client.closes.nth(0);
    expect(closed.code).toBe(4403);
  });

  it("accepts the token as { token } too", async () => {
    const client = open({ token: reporterA });
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.communeAId) });
    expect((await sub.data.nth(0)).liveFigures.kind).toBe("INITIAL");
    sub.unsubscribe();
  });

  it("answers a subscription to a unit outside the viewer's scope with an error", async () => {
    const client = open(bearer(reporterA));
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.communeBId) });
    const result = await sub.results.nth(0);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.message).toMatch(/Không tìm thấy đơn vị .*ngoài phạm vi/);
    expect(result.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    await sub.done;
  });

  it("closes a socket that never sends connection_init with 4408", async () => {
    const socket = new WebSocket(
      `${server.url.replace(/^http/, "ws")}/graphql`,
      "graphql-transport-ws",
    );
    const closed = new Inbox<number>();
    socket.on("close", (code) => closed.push(code));
    expect(await closed.nth(0, 6_000)).toBe(4408);
  });

  it("gives a reconnecting client the current figures at once", async () => {
    const first = open(bearer(adminToken));
    const sub = first.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    await sub.data.nth(0);
    await first.dispose();
    await record(reporterA, world.communeAId, 7);
    const again = open(bearer(adminToken));
    const resub = again.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    const initial = await resub.data.nth(0);
    expect(initial.liveFigures.kind).toBe("INITIAL");
    expect(initial.liveFigures.activityTotals).toEqual(await totals(world.provinceId));
    resub.unsubscribe();
  });

  it("serves subscriptions over SSE with the Authorization header", async () => {
    const controller = new AbortController();
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "text/event-stream",
        authorization: `Bearer ${adminToken}`,
      },
      body: JSON.stringify({
        query: FIGURES,
        variables: { unitId: gid("Unit", world.provinceId) },
      }),
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = response.body?.getReader();
    if (!reader) throw new Error("no body");
    let text = "";
    // Keep-alive comments (":\n\n") may come first: read until a whole data line has arrived.
    while (!/data: .*\n/.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    const data = JSON.parse(text.split("data: ")[1]?.split("\n")[0] ?? "{}") as { data: Figures };
    expect(data.data.liveFigures.kind).toBe("INITIAL");
    expect(data.data.liveFigures.activityTotals).toEqual(await totals(world.provinceId));
  });

  it("refuses an anonymous SSE subscription", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({
        query: FIGURES,
        variables: { unitId: gid("Unit", world.provinceId) },
      }),
    });
    const text = await response.text();
    expect(text).toContain("UNAUTHENTICATED");
  });

  it("reports connections, subscriptions, pushes and events at /metrics", async () => {
    const client = open(bearer(adminToken));
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });
    await sub.data.nth(0);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const value = (name: string) =>
      Number(text.match(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m"))?.[1]);
    expect(value("d05_websocket_connections")).toBeGreaterThanOrEqual(1);
    expect(value("d05_live_subscriptions")).toBeGreaterThanOrEqual(1);
    expect(value("d05_live_pushes_total")).toBeGreaterThan(0);
    expect(value("d05_events_published_total")).toBeGreaterThan(0);
    expect(value("d05_events_received_total")).toBeGreaterThan(0);
    expect(text).toMatch(/^d05_http_requests_total\{route="graphql"\} \d+/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    sub.unsubscribe();
  });
});
