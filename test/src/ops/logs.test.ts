// The server's log is one JSON object per line: each request's line carries its id (the caller's
// X-Request-Id or a new one, echoed in the response), operation name and type, account, duration,
// status and error codes; an unexpected error is logged with its stack and the request's id; no
// line holds a token, a password or an import's content.
import { Writable } from "node:stream";
import type { PrismaClient } from "@d05/prisma";
import { createLogger } from "@d05/server/logging";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import { bearer, FIGURES, type LiveClient, liveClient } from "../live/helpers";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const SECRET_CONTENT = "NOI-DUNG-NHAP-KHONG-DUOC-GHI-LOG";
const CSV = `Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người\nX-A;Hội nghị;${SECRET_CONTENT};03/03/2025;1;42`;
const IMPORT = `mutation Nhap($input: ImportRecordsInput!) {
  importRecords(input: $input) { __typename }
}`;

type Line = Record<string, unknown> & { msg?: string; reqId?: string; level?: string };

describe.each(backends)("structured logs on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let token: string;
  const raw: string[] = [];
  const failUnits = { on: false };
  const clients: LiveClient[] = [];
  const lines = () => raw.map((l) => JSON.parse(l) as Line);

  async function post(body: object, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json",
        authorization: `Bearer ${token}`,
        ...headers,
      },
      body: JSON.stringify(body),
    });
    return { response, body: await response.json() };
  }

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      {
        logger: createLogger({ level: "debug", destination: { write: (l) => raw.push(l) } }),
        wrapDatabase: (db) => {
          const prisma = db.prisma.$extends({
            query: {
              unit: {
                async findMany({ args, query }) {
                  if (failUnits.on) throw new Error("boom: a bug in a resolver");
                  return query(args);
                },
              },
            },
          }) as unknown as PrismaClient;
          return { ...db, prisma };
        },
      },
    );
    token = await signIn(server, "reporter-a");
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("writes one line per request with its id, operation, account, duration and status", async () => {
    const { response } = await post(
      { query: "query MyUnits { units(first: 5) { totalCount } }", operationName: "MyUnits" },
      { "x-request-id": "ops-log-test-1" },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBe("ops-log-test-1");
    const line = lines().find((l) => l.reqId === "ops-log-test-1" && l.msg === "request");
    expect(line).toMatchObject({
      level: "info",
      method: "POST",
      path: "/graphql",
      status: 200,
      operationName: "MyUnits",
      operationType: "query",
      accountId: world.reporterAId,
    });
    expect(line?.durationMs).toEqual(expect.any(Number));
    expect(line?.durationMs as number).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(String(line?.time)))).toBe(false);
  });

  it("gives a request without a usable X-Request-Id a new one", async () => {
    const plain = await post({ query: "{ me { username } }" });
    const generated = plain.response.headers.get("x-request-id");
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    const forged = await post({ query: "{ me { username } }" }, { "x-request-id": "a b\tc" });
    expect(forged.response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const ids = lines().map((l) => l.reqId);
    expect(ids).toContain(generated);
    expect(ids).not.toContain("a b\tc");
  });

  it("names the error codes of a refused request", async () => {
    const { response } = await post({ query: "{ nope }" }, { "x-request-id": "ops-log-bad" });
    expect(response.status).toBe(400);
    const line = lines().find((l) => l.reqId === "ops-log-bad" && l.msg === "request");
    expect(line).toMatchObject({ level: "info", status: 400 });
    expect(line?.errorCodes).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
  });

  it("logs an unexpected error's stack with the id of its request", async () => {
    failUnits.on = true;
    try {
      const { body } = await post(
        { query: "query Broken { units(first: 5) { edges { node { name } } } }" },
        { "x-request-id": "ops-log-broken" },
      );
      expect(body.errors?.[0]?.message).toBe("Lỗi ngoài dự kiến.");
    } finally {
      failUnits.on = false;
    }
    const error = lines().find((l) => l.reqId === "ops-log-broken" && l.msg === "Unexpected error");
    expect(error?.level).toBe("error");
    expect((error?.err as { stack?: string })?.stack).toMatch(/boom: a bug in a resolver\n\s+at /);
  });

  it("logs an operation over WebSocket with its type and account", async () => {
    const client = liveClient(server.url, bearer(token));
    clients.push(client);
    const subscription = client.subscribe(FIGURES, {
      unitId: Buffer.from(`Unit:${world.communeAId}`).toString("base64"),
    });
    await subscription.data.nth(0);
    const line = lines().find((l) => l.msg === "operation" && l.transport === "websocket");
    expect(line).toMatchObject({ operationType: "subscription", accountId: world.reporterAId });
    expect(line?.reqId).toEqual(expect.any(String));
  });

  it("never writes a token, a password or an import's content", async () => {
    const { body } = await post({
      query: IMPORT,
      variables: { input: { kind: "ACTIVITIES", format: "CSV", content: CSV } },
    });
    expect(body.data?.importRecords.__typename).toBe("MutationImportRecordsSuccess");
    const all = raw.join("");
    expect(lines().some((l) => l.operationName === "Nhap")).toBe(true);
    expect(all).toContain('"operationType":"mutation"');
    expect(all).not.toContain(token);
    expect(all).not.toContain(token.split(".")[0] ?? token);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(SECRET_CONTENT);
  });
});

describe("logger in a terminal", () => {
  it("writes human-readable lines instead of JSON", () => {
    const out: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        out.push(String(chunk));
        done();
      },
    });
    const logger = createLogger({ level: "info", pretty: true, destination });
    logger.info({ reqId: "r-1", status: 200 }, "request");
    expect(out.join("")).toMatch(/INFO.*request/);
    expect(() => JSON.parse(out.join(""))).toThrow();
  });
});
