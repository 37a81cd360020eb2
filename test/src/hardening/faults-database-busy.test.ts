// A write whose transaction the database gives up on (Prisma P2028: not started in time or
// expired before its commit, as under heavy load; P2034: a write conflict or deadlock) is a
// temporary refusal the client may retry — 503 DATABASE_BUSY with Retry-After — not "Unexpected
// error." with a 500, and nothing of it is written.
import type { Database, PrismaClient } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import { activityInput, RECORD } from "../live/helpers";
import { startTestServer, type TestServer } from "../support/server";

/** Inserting an activity fails with the given Prisma error code, as the write's statement would. */
function failingInsert(state: { code: string | null }) {
  return (db: Database): Database => {
    const prisma = db.prisma.$extends({
      query: {
        // recordActivity writes the record, its audit and idempotency rows in one raw statement,
        // a call of record_activity() (on PGlite through $queryRaw; PostgreSQL uses the pool).
        async $queryRaw({ args, query }) {
          const sql = (args as { strings?: readonly string[] }).strings?.join("?") ?? "";
          if (state.code && /record_activity\(/.test(sql)) {
            throw Object.assign(new Error("Transaction API error: Transaction already closed"), {
              code: state.code,
            });
          }
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    return { ...db, prisma };
  };
}

describe("a write the database refuses for a moment", () => {
  let server: TestServer;
  let world: RecordsWorld;
  let token: string;
  const state: { code: string | null } = { code: null };
  const logs: string[] = [];

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      { wrapDatabase: failingInsert(state), log: (line) => logs.push(line) },
    );
    token = await signIn(server, "reporter-a");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(["P2028", "P2034"])(
    "answers %s with 503 DATABASE_BUSY and Retry-After, writes nothing, and the retry lands",
    async (code) => {
      const input = { ...activityInput(gid("Unit", world.communeAId), 5), idempotencyKey: code };
      const prisma = server.database.db.prisma;
      const before = await prisma.activity.count();
      state.code = code;
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/graphql-response+json",
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: RECORD, variables: { input } }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("1");
      const text = await response.text();
      const body = JSON.parse(text) as {
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(body.errors[0]?.extensions.code).toBe("DATABASE_BUSY");
      expect(body.errors[0]?.message).toMatch(/Chưa có gì được lưu; hãy thử lại/);
      expect(text).not.toMatch(/Transaction API|P20\d\d|\.ts:\d+/);
      expect(logs.some((line) => line.startsWith("Database busy:"))).toBe(true);
      expect(await prisma.activity.count()).toBe(before);

      state.code = null;
      const retried = await server.graphql<{ recordActivity: { __typename: string } }>(
        RECORD,
        { input },
        token,
      );
      expect(retried.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");
      expect(await prisma.activity.count()).toBe(before + 1);
    },
  );
});
