// Spreadsheet imports must not stall the server for anyone else. While a hostile CSV (a million
// blank lines), a hostile XLSX (a 120 MB zip bomb of blank rows) and a large legitimate import are
// processed, `/healthz` and a second user's query keep answering within a bound; the hostile files
// are refused with a typed Vietnamese error naming the limit. On PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareRecordsWorld, signIn } from "../api/records-fixtures";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { activityCsv, base64, blankLinesCsv, blankRowsBomb } from "./import-files";

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationImportRecordsSuccess { data { ok rowsRead created errorCount } }
  }
}`;
const SECOND_USER_READ = "{ activities(first: 5) { edges { node { title } } } }";

/** Longest wait allowed for `/healthz` or the second user's read while an import runs. */
const BOUND_MS = 1_500;

interface Payload {
  __typename: string;
  message?: string;
  data?: { ok: boolean; rowsRead: number; created: number; errorCount: number };
}

/**
 * Probes `/healthz` and a second user's read one after the other, from the moment `work` starts
 * until it settles (at least once); returns work's result and the slowest answer of each (every
 * probe must succeed).
 */
async function whileProbing<T>(
  server: TestServer,
  token: string,
  work: () => Promise<T>,
): Promise<{ result: T; healthzMs: number; readMs: number; probes: number }> {
  let done = false;
  let healthzMs = 0;
  let readMs = 0;
  let probes = 0;
  const probing = (async () => {
    do {
      let started = performance.now();
      const health = await fetch(`${server.url}/healthz`);
      healthzMs = Math.max(healthzMs, performance.now() - started);
      expect(health.status).toBe(200);
      started = performance.now();
      const read = await server.graphql(SECOND_USER_READ, {}, token);
      readMs = Math.max(readMs, performance.now() - started);
      expect(read.status).toBe(200);
      expect(read.body.errors).toBeUndefined();
      probes++;
      await new Promise((resolve) => setTimeout(resolve, 25));
    } while (!done);
  })();
  try {
    const result = await work();
    return { result, healthzMs, readMs, probes };
  } finally {
    done = true;
    await probing;
  }
}

describe.each(backends)("imports do not stall the server on %s", (backend) => {
  let server: TestServer;
  let reporter: string;
  let viewer: string;

  const importRecords = async (input: Record<string, unknown>): Promise<Payload> => {
    const { status, body } = await server.graphql<{ importRecords: Payload }>(
      IMPORT,
      { input },
      reporter,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data?.importRecords as Payload;
  };

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      await prepareRecordsWorld(database);
    });
    reporter = await signIn(server, "reporter-a");
    viewer = await signIn(server, "reporter-b");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a CSV of a million blank lines, naming the limit, while /healthz and others' reads answer", async () => {
    const content = blankLinesCsv(1_000_000);
    const run = await whileProbing(server, viewer, () =>
      importRecords({ kind: "ACTIVITIES", format: "CSV", content, dryRun: true }),
    );
    console.log(`[import-event-loop] ${backend} blank CSV:`, { ...run, result: undefined });
    expect(run.result.__typename).toBe("InputError");
    expect(run.result.message).toMatch(/50\.000 dòng/);
    expect(run.result.message).toMatch(/dòng trống/);
    expect(run.probes).toBeGreaterThan(0);
    expect(run.healthzMs).toBeLessThan(BOUND_MS);
    expect(run.readMs).toBeLessThan(BOUND_MS);
  });

  it("refuses an XLSX that unzips to 120 MB, naming the limit, while /healthz and others' reads answer", async () => {
    const bomb = blankRowsBomb(120);
    expect(bomb.length).toBeLessThan(1_000_000);
    const content = base64(bomb);
    const run = await whileProbing(server, viewer, () =>
      importRecords({ kind: "ACTIVITIES", format: "XLSX", content }),
    );
    console.log(`[import-event-loop] ${backend} XLSX bomb (${bomb.length} bytes):`, {
      ...run,
      result: undefined,
    });
    expect(run.result.__typename).toBe("InputError");
    expect(run.result.message).toMatch(/giải nén/);
    expect(run.result.message).toMatch(/64 MB/);
    expect(run.healthzMs).toBeLessThan(BOUND_MS);
    expect(run.readMs).toBeLessThan(BOUND_MS);
  });

  it("imports 20,000 rows while /healthz and others' reads keep answering", async () => {
    const content = activityCsv(20_000);
    const run = await whileProbing(server, viewer, () =>
      importRecords({ kind: "ACTIVITIES", format: "CSV", content }),
    );
    console.log(`[import-event-loop] ${backend} 20,000 rows:`, run);
    expect(run.result.data).toEqual({ ok: true, rowsRead: 20_000, created: 20_000, errorCount: 0 });
    expect(run.probes).toBeGreaterThan(1);
    expect(run.healthzMs).toBeLessThan(BOUND_MS);
    expect(run.readMs).toBeLessThan(BOUND_MS);
  });
});
