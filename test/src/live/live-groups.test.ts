import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import { startTestServer, type TestServer } from "../support/server";
import {
  activityInput,
  bearer,
  eventually,
  FIGURES,
  type LiveClient,
  liveClient,
  RECORD,
  type Subscription,
} from "./helpers";

// Live groups (server/src/live-groups.ts) through a real server and real graphql-ws clients:
// subscribers of the same document, variables and scope share one execution per change and get
// the same payload; anything else does not share; a closed socket leaves its group; and a write
// is answered while a push is still being written out to a group's sockets; and each member gets
// exactly the message graphql-ws would send it, its own id included, as one text frame.

/**
 * A subscriber that speaks graphql-ws's protocol over a plain ws socket, to see each message as
 * it came over the wire: its text and whether it was a text frame.
 */
function rawSubscriber(url: string, token: string, id: string, query: string, variables: object) {
  const messages: { text: string; binary: boolean }[] = [];
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
  socket.on("open", () =>
    socket.send(JSON.stringify({ type: "connection_init", payload: bearer(token) })),
  );
  socket.on("message", (data: Buffer, binary: boolean) => {
    const text = data.toString("utf8");
    if ((JSON.parse(text) as { type: string }).type === "connection_ack") {
      socket.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
    } else messages.push({ text, binary });
  });
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));
  return {
    messages,
    close: async () => {
      socket.close(1000);
      await closed;
    },
  };
}

interface Figures {
  liveFigures: {
    kind: string;
    coalescedChanges: number;
    reason: { entity: string; action: string; unitId: string } | null;
    activityTotals: { sessions: number; attendance: number; records: number };
  };
}

/** The fan-out's pause between two batches, held closed by the test until it opens it. */
function fanOutGate() {
  let paused!: () => void;
  const gate = {
    closed: false,
    /** Resolves when the fan-out reaches a closed gate. */
    reached: new Promise<void>((resolve) => {
      paused = resolve;
    }),
    open: () => {},
    pause: async () => {
      if (!gate.closed) return new Promise<void>((resolve) => setImmediate(resolve));
      paused();
      await new Promise<void>((resolve) => {
        gate.open = () => {
          gate.closed = false;
          resolve();
        };
      });
    },
  };
  return gate;
}

describe("live groups", () => {
  let server: TestServer;
  let world: RecordsWorld;
  let admin: string;
  let reporterA: string;
  const gate = fanOutGate();
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      { live: { intervalMs: 50 }, liveFanOut: { batchSize: 1, pause: gate.pause } },
    );
    [admin, reporterA] = await Promise.all([signIn(server, "admin"), signIn(server, "reporter-a")]);
  });
  afterAll(async () => {
    gate.open();
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  function open(token: string): LiveClient {
    const client = liveClient(server.url, bearer(token));
    clients.push(client);
    return client;
  }

  /** Subscribes on a socket of its own and waits for the INITIAL push. */
  async function subscribe(token: string, unitId: number): Promise<Subscription<Figures>> {
    const sub = open(token).subscribe<Figures>(FIGURES, { unitId: gid("Unit", unitId) });
    expect((await sub.data.nth(0)).liveFigures.kind).toBe("INITIAL");
    return sub;
  }

  async function record(unitId: number, attendance: number) {
    const answer = await server.graphql<{ recordActivity: { __typename: string } }>(
      RECORD,
      { input: activityInput(gid("Unit", unitId), attendance) },
      reporterA,
    );
    expect(answer.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
  }

  const isChange = (attendance: number) => (push: Figures) =>
    push.liveFigures.kind === "CHANGE" && push.liveFigures.activityTotals.attendance >= attendance;

  it("executes a change once for two subscribers of the same document and variables, who get the same payload", async () => {
    const before = server.app.liveGroups();
    const [one, two] = [
      await subscribe(admin, world.provinceId),
      await subscribe(admin, world.provinceId),
    ];
    expect(server.app.liveGroups().groups).toBe(before.groups + 1);
    expect(server.app.liveGroups().members).toBe(before.members + 2);

    const executions = server.app.liveGroups().executions;
    await record(world.communeAId, 40);
    const [a, b] = await Promise.all([
      one.data.waitFor(isChange(40)),
      two.data.waitFor(isChange(40)),
    ]);
    expect(a).toEqual(b);
    expect(a.liveFigures).toMatchObject({
      coalescedChanges: 1,
      activityTotals: { attendance: 40 },
    });
    expect(server.app.liveGroups().executions).toBe(executions + 1);
    // The results pushed, as yoga's plugins see them: the two INITIAL pushes and one change.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^d05_live_pushes_total 3$/m);
    expect(metrics).toMatch(/^d05_live_group_members 2$/m);
    expect(metrics).toMatch(/^d05_live_group_frames_total 2$/m);
    one.unsubscribe();
    two.unsubscribe();
    await eventually(() => (server.app.liveGroups().members === before.members ? true : undefined));
  });

  it("shares the activity feed's batches too, each subscriber with its own backlog first", async () => {
    const FEED = `subscription($unitId: ID!) {
      activityFeed(unitId: $unitId, recent: 2) { initial entries { action unitName summary } }
    }`;
    type Feed = {
      activityFeed: { initial: boolean; entries: { action: string; summary: string }[] };
    };
    const before = server.app.liveGroups();
    const feeds = [open(admin), open(admin)].map((client) =>
      client.subscribe<Feed>(FEED, { unitId: gid("Unit", world.provinceId) }),
    );
    for (const feed of feeds) expect((await feed.data.nth(0)).activityFeed.initial).toBe(true);
    expect(server.app.liveGroups().groups).toBe(before.groups + 1);

    const executions = server.app.liveGroups().executions;
    await record(world.communeAId, 45);
    const batches = await Promise.all(
      feeds.map((feed) => feed.data.waitFor((d) => !d.activityFeed.initial)),
    );
    expect(batches[0]).toEqual(batches[1]);
    expect(batches[0]?.activityFeed.entries).toHaveLength(1);
    expect(server.app.liveGroups().executions).toBe(executions + 1);
    for (const feed of feeds) feed.unsubscribe();
    await eventually(() => (server.app.liveGroups().groups === before.groups ? true : undefined));
  });

  it("does not share between different variables or a different scope", async () => {
    const before = server.app.liveGroups();
    const province = await subscribe(admin, world.provinceId);
    const communeByAdmin = await subscribe(admin, world.communeAId);
    // The reporter sees only its commune: the same document and variables, another group.
    const communeByReporter = await subscribe(reporterA, world.communeAId);
    expect(server.app.liveGroups().groups).toBe(before.groups + 3);

    const executions = server.app.liveGroups().executions;
    await record(world.communeAId, 50);
    for (const sub of [province, communeByAdmin, communeByReporter]) {
      await sub.data.waitFor(isChange(50));
    }
    expect(server.app.liveGroups().executions).toBe(executions + 3);
    for (const sub of [province, communeByAdmin, communeByReporter]) sub.unsubscribe();
    await eventually(() => (server.app.liveGroups().groups === before.groups ? true : undefined));
  });

  it("takes a subscriber whose socket closed out of its group, and ends the group with its last", async () => {
    const before = server.app.liveGroups();
    const first = open(admin);
    const second = open(admin);
    for (const client of [first, second]) {
      const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.communeBId) });
      await sub.data.nth(0);
    }
    expect(server.app.liveGroups().members).toBe(before.members + 2);
    await first.dispose();
    await eventually(() =>
      server.app.liveGroups().members === before.members + 1 ? true : undefined,
    );
    expect(server.app.liveGroups().groups).toBe(before.groups + 1);
    await second.dispose();
    await eventually(() => (server.app.liveGroups().groups === before.groups ? true : undefined));
  });

  it("answers a write while a push is still being written out to the group's sockets", async () => {
    const subs: Subscription<Figures>[] = [];
    for (let i = 0; i < 3; i++) subs.push(await subscribe(admin, world.provinceId));
    const changed = (sub: Subscription<Figures>) =>
      sub.data.values.some((push) => isChange(60)(push));

    // The fan-out writes one socket per batch and stops at the gate after the first.
    gate.closed = true;
    await record(world.communeAId, 60);
    await gate.reached;
    await eventually(() => (subs.filter(changed).length === 1 ? true : undefined));

    // The fan-out is mid-way: a write still goes through and is answered meanwhile.
    await record(world.communeAId, 5);
    expect(subs.filter(changed)).toHaveLength(1);

    gate.open();
    await Promise.all(subs.map((sub) => sub.data.waitFor(isChange(60))));
    for (const sub of subs) sub.unsubscribe();
  });

  it("writes each member the message graphql-ws would send it, with its own id, as one text frame", async () => {
    // A small selection (a frame of under 126 bytes) and the figures (a longer one): the frame
    // header's two length forms.
    const SMALL = "subscription($unitId: ID!) { liveFigures(unitId: $unitId) { kind } }";
    const variables = { unitId: gid("Unit", world.provinceId) };
    for (const query of [SMALL, FIGURES]) {
      // The earlier tests' subscribers are gone: this group is the only one.
      await eventually(() => (server.app.liveGroups().members === 0 ? true : undefined));
      const raw = ["one", "a-longer-id-ünïcode"].map((id) =>
        rawSubscriber(server.url, admin, id, query, variables),
      );
      const other = open(admin).subscribe<Figures>(query, variables);
      await other.data.nth(0);
      await eventually(() => (raw.every((r) => r.messages.length > 0) ? true : undefined));
      expect(server.app.liveGroups()).toMatchObject({ groups: 1, members: 3 });

      await record(world.communeAId, 7);
      const change = await other.data.waitFor((d) => d.liveFigures.kind === "CHANGE");
      await eventually(() => (raw.every((r) => r.messages.length > 1) ? true : undefined));
      const ids = ["one", "a-longer-id-ünïcode"];
      raw.forEach((r, k) => {
        const [initial, push] = r.messages;
        for (const message of [initial, push]) expect(message?.binary).toBe(false);
        const parsed = JSON.parse(push?.text ?? "") as { payload: { data: Figures } };
        // Byte for byte what graphql-ws writes: JSON.stringify of { id, type, payload }.
        expect(push?.text).toBe(
          JSON.stringify({ id: ids[k], type: "next", payload: parsed.payload }),
        );
        expect(parsed.payload.data).toEqual(change);
      });
      expect(Buffer.byteLength(raw[0]?.messages[1]?.text ?? "")).toBeLessThan(
        query === SMALL ? 126 : Number.POSITIVE_INFINITY,
      );
      if (query === FIGURES) {
        expect(Buffer.byteLength(raw[0]?.messages[1]?.text ?? "")).toBeGreaterThan(125);
      }
      other.unsubscribe();
      await Promise.all(raw.map((r) => r.close()));
      await eventually(() => (server.app.liveGroups().groups === 0 ? true : undefined));
    }
  });
});
