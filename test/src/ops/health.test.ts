// /livez answers whether the process is alive, /readyz whether it may take traffic: every
// migration applied, the database answering, not shutting down. /healthz keeps its old meaning.
import { type Database, openDatabase, type PrismaClient } from "@d05/prisma";
import { buildApp } from "@d05/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, TEST_AUTH_SECRET, type TestServer } from "../support/server";

async function probe(url: string, path: string) {
  const response = await fetch(`${url}${path}`);
  return { status: response.status, body: await response.json() };
}

/** A database whose raw queries fail while `state.down` is set (PostgreSQL gone, in effect). */
function switchable(state: { down: boolean }) {
  return (db: Database): Database => {
    const prisma = new Proxy(db.prisma, {
      get(target, property, receiver) {
        if (state.down && (property === "$queryRawUnsafe" || property === "$queryRaw")) {
          return () => Promise.reject(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
        }
        const value = Reflect.get(target, property, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    }) as PrismaClient;
    return { ...db, prisma };
  };
}

describe.each(backends)("health probes on %s", (backend) => {
  let server: TestServer;
  const state = { down: false };

  beforeAll(async () => {
    server = await startTestServer(backend, undefined, {
      wrapDatabase: switchable(state),
      log: () => {},
    });
  });
  afterAll(() => server?.stop());

  it("is alive and ready once migrated and the database answers", async () => {
    expect(await probe(server.url, "/livez")).toEqual({ status: 200, body: { status: "alive" } });
    expect(await probe(server.url, "/readyz")).toEqual({ status: 200, body: { status: "ready" } });
    expect(await probe(server.url, "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
  });

  it("is alive but not ready while the database does not answer", async () => {
    state.down = true;
    try {
      expect((await probe(server.url, "/livez")).status).toBe(200);
      expect(await probe(server.url, "/readyz")).toEqual({
        status: 503,
        body: { status: "database unavailable" },
      });
      expect((await probe(server.url, "/healthz")).status).toBe(503);
    } finally {
      state.down = false;
    }
    expect((await probe(server.url, "/readyz")).status).toBe(200);
  });
});

describe("readiness before migrations", () => {
  it("answers 503 naming the pending migrations on a database never migrated", async () => {
    const database = await openDatabase({ kind: "memory" });
    const app = buildApp({ database, authSecret: TEST_AUTH_SECRET, port: 0, host: "127.0.0.1" });
    try {
      const url = await app.start();
      const ready = await probe(url, "/readyz");
      expect(ready.status).toBe(503);
      expect(ready.body.status).toBe("migrations pending");
      expect(ready.body.pending).toContain("20261121233357_init");
      expect((await probe(url, "/livez")).status).toBe(200);
    } finally {
      await app.stop();
      await database.close();
    }
  });
});
