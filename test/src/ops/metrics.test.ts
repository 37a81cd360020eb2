// /metrics after known traffic: latency histograms per operation name and type hold exactly the
// operations sent, errors are counted by code, imports by rows, and the read cache, the live
// subscriptions and the database pool report their state.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
import {
  activityInput,
  bearer,
  FIGURES,
  type LiveClient,
  liveClient,
  RECORD,
} from "../live/helpers";
import { backends } from "../support/databases";
import { repoRoot } from "../support/processes";
import { startTestServer, type TestServer } from "../support/server";

const CSV = [
  "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người",
  ...[1, 2, 3, 4].map((i) => `X-A;Hội nghị;Nhập đo đếm ${i};0${i}/03/2025;1;${10 * i}`),
].join("\n");

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const match = line.match(/^([^{\s]+)(?:\{(.*)\})?\s+(\S+)$/);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe.each(backends)("metrics on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let token: string;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    token = await signIn(server, "reporter-a");
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server?.stop();
  });

  it("counts each operation in its histogram, errors by code, import rows, cache, pool, live", async () => {
    const unitId = gid("Unit", world.communeAId);
    for (let i = 0; i < 3; i++) {
      const reply = await server.graphql(
        `query OpsOverview($id: ID!) { unit(id: $id) { name } }`,
        { id: unitId },
        token,
      );
      expect(reply.status).toBe(200);
    }
    for (let i = 0; i < 2; i++) {
      const reply = await server.graphql(
        RECORD.replace("mutation(", "mutation OpsRecord("),
        { input: activityInput(unitId, 10 + i) },
        token,
      );
      expect(reply.body.data).toMatchObject({ recordActivity: { __typename: expect.any(String) } });
    }
    for (let i = 0; i < 2; i++) {
      expect((await server.graphql("{ nope }", {}, token)).status).toBe(400);
    }
    const imported = await server.graphql(
      `mutation OpsImport($input: ImportRecordsInput!) { importRecords(input: $input) { __typename } }`,
      { input: { kind: "ACTIVITIES", format: "CSV", content: CSV } },
      token,
    );
    expect(imported.body.data).toEqual({
      importRecords: { __typename: "MutationImportRecordsSuccess" },
    });
    const live = liveClient(server.url, bearer(token));
    clients.push(live);
    await live.subscribe(FIGURES, { unitId }).data.nth(0);
    // Refused before it runs, over the WebSocket: counted with the HTTP refusals.
    const invalid = live.subscribe("subscription { nope }");
    await invalid.done;
    expect(invalid.results.error).toBeTruthy();

    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const op = (name: string, type: string, transport = "http") => ({
      operation_name: name,
      operation_type: type,
      transport,
    });
    const histogram = "d05_graphql_operation_duration_seconds";
    expect(sample(text, `${histogram}_count`, op("OpsOverview", "query"))).toBe(3);
    expect(sample(text, `${histogram}_bucket`, { ...op("OpsOverview", "query"), le: "+Inf" })).toBe(
      3,
    );
    expect(sample(text, `${histogram}_sum`, op("OpsOverview", "query"))).toBeGreaterThan(0);
    expect(sample(text, `${histogram}_count`, op("OpsRecord", "mutation"))).toBe(2);
    expect(sample(text, `${histogram}_count`, op("OpsImport", "mutation"))).toBe(1);
    expect(sample(text, `${histogram}_count`, op("anonymous", "subscription", "websocket"))).toBe(
      1,
    );
    expect(sample(text, "d05_graphql_errors_total", { code: "GRAPHQL_VALIDATION_FAILED" })).toBe(3);
    expect(sample(text, "d05_import_rows_total", { kind: "records", outcome: "written" })).toBe(4);
    expect(sample(text, "d05_imports_total", { kind: "records", outcome: "written" })).toBe(1);
    // Every request after sign-in finds its account in the cache.
    expect(sample(text, "d05_read_cache_lookups_total", { result: "hit" })).toBeGreaterThan(0);
    expect(sample(text, "d05_read_cache_lookups_total", { result: "miss" })).toBeGreaterThan(0);
    expect(sample(text, "d05_live_subscriptions")).toBe(1);
    expect(sample(text, "d05_live_pushes_total")).toBeGreaterThanOrEqual(1);
    expect(sample(text, "d05_database_pool_waiting")).toBe(0);
    if (backend === "postgres") {
      expect(sample(text, "d05_database_pool_connections", { state: "max" })).toBe(10);
      expect(sample(text, "d05_database_pool_connections", { state: "idle" })).toBeGreaterThan(0);
      expect(sample(text, "d05_database_pool_connections", { state: "in_use" })).toBe(0);
    } else {
      expect(sample(text, "d05_database_pool_connections", { state: "max" })).toBe(1);
    }
    // The sample Grafana dashboard asks only for series this server exports.
    const dashboard = fs.readFileSync(path.join(repoRoot, "docs/grafana-dashboard.json"), "utf8");
    const asked = new Set(dashboard.match(/\b(?:d05|process|nodejs)_[a-z0-9_]+/g));
    expect(asked.size).toBeGreaterThan(8);
    for (const name of asked)
      expect(text, name).toMatch(new RegExp(`^${name}(_bucket|_count|_sum)?[{ ]`, "m"));
  });

  it("keeps client-chosen operation names bounded: an overlong name is counted as other", async () => {
    const long = `Q${"x".repeat(100)}`;
    expect((await server.graphql(`query ${long} { me { username } }`, {}, token)).status).toBe(200);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).not.toContain(long);
    const other = { operation_name: "other", operation_type: "query", transport: "http" };
    expect(sample(text, "d05_graphql_operation_duration_seconds_count", other)).toBe(1);
  });
});
