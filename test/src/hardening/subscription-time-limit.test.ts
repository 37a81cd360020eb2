// The per-operation time limit (QUERY_TIMEOUT_MS) over subscriptions: it bounds the resolution of
// each push, not the subscription's life or the wait between pushes.
import type { Database, PrismaClient } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, type RecordsWorld, signIn } from "../api/records-fixtures";
import {
  activityInput,
  bearer,
  FIGURES,
  type LiveClient,
  liveClient,
  RECORD,
} from "../live/helpers";
import { startTestServer, type TestServer } from "../support/server";
import { prepareHardeningWorld } from "./fixtures";

const LIMIT_MS = 1_000;

interface Figures {
  liveFigures: { kind: string; activityTotals: { attendance: number } };
}

/**
 * The live figures' totals (a raw query over ActivityRollup) stall while `gate.closed`, until the
 * gate opens; other raw queries (the token check among them) run as usual.
 */
function gated(gate: { closed: boolean; opened: Promise<void> }) {
  return (db: Database): Database => {
    const prisma = db.prisma.$extends({
      query: {
        async $queryRaw({ args, query }) {
          if (gate.closed && JSON.stringify(args).includes("ActivityRollup")) await gate.opened;
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    return { ...db, prisma };
  };
}

describe("the time limit on subscriptions", () => {
  let server: TestServer;
  let world: RecordsWorld;
  let open!: () => void;
  const gate = {
    closed: true,
    opened: new Promise<void>((resolve) => {
      open = resolve;
    }),
  };
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareHardeningWorld(database);
      },
      { limits: { executionTimeoutMs: LIMIT_MS }, wrapDatabase: gated(gate) },
    );
  });
  afterAll(async () => {
    open();
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("answers a push that takes too long with QUERY_TIMEOUT and keeps the subscription open", async () => {
    const [admin, reporter] = await Promise.all([
      signIn(server, "admin"),
      signIn(server, "reporter-a"),
    ]);
    const client = liveClient(server.url, bearer(admin));
    clients.push(client);
    const sub = client.subscribe<Figures>(FIGURES, { unitId: gid("Unit", world.provinceId) });

    // The first push cannot read its figures: it is stopped at the limit, with a clear error.
    const first = await sub.results.waitFor(() => true, 30_000);
    expect(first.errors?.[0]?.extensions?.code).toBe("QUERY_TIMEOUT");
    expect(first.errors?.[0]?.message).toMatch(/đã dừng sau 1 giây.*Đăng ký vẫn mở/);
    expect(sub.results.isEnded).toBe(false);

    // The subscription now sits idle for longer than the limit (the input under test: waiting
    // for an event is not execution) and still delivers the next change.
    gate.closed = false;
    open();
    await new Promise((resolve) => setTimeout(resolve, LIMIT_MS * 2));
    const answer = await server.graphql<{ recordActivity: { __typename: string } }>(
      RECORD,
      { input: activityInput(gid("Unit", world.communeAId), 77) },
      reporter,
    );
    expect(answer.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
    const change = await sub.results.waitFor(
      (r) => (r.data as Figures | undefined)?.liveFigures.kind === "CHANGE",
      30_000,
    );
    expect(change.errors).toBeUndefined();
    expect((change.data as Figures).liveFigures.activityTotals.attendance).toBe(77);
    expect(sub.results.isEnded).toBe(false);
  });
});
