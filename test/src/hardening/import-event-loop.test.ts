// Spreadsheet imports must not stall the server for anyone else. While a hostile CSV (a million
// blank lines), a hostile XLSX (a 120 MB zip bomb of blank rows) and a large legitimate import are
// processed, `/healthz` and a second user's query keep answering within a bound; the hostile files
// are refused with a typed Vietnamese error naming the limit. On PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "../api/records-fixtures";
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
/** A second user's reads: a list of records (always from the database), and figures. */
const RECORDS_READ = "{ activities(first: 5) { edges { node { title } } } }";
const FIGURES_READ = `query($unitId: ID!, $period: PeriodInput!) {
  overview(unitId: $unitId, period: $period) { ... on Overview { figures { measure value } } }
}`;

/**
 * Longest wait allowed for `/healthz` or the second user's read while an import runs: they answer
 * in well under 100 ms on an idle machine; before the fix they waited 14–40 s (CSV) and ~30 s
 * (XLSX), 18+ s on PGlite. Room is left for a CI machine running other test files at once.
 */
const BOUND_MS = 2_000;

interface Payload {
  __typename: string;
  message?: string;
  data?: { ok: boolean; rowsRead: number; created: number; errorCount: number };
}

type Probes = Record<string, () => Promise<void>>;

/**
 * Runs every probe at once, round after round, from the moment `work` starts until it settles (at
 * least one round); returns work's result and the slowest answer of each probe (each must succeed).
 */
async function whileProbing<T>(
  probes: Probes,
  work: () => Promise<T>,
): Promise<{ result: T; slowestMs: Record<string, number>; rounds: number }> {
  let done = false;
  const slowestMs: Record<string, number> = Object.fromEntries(
    Object.keys(probes).map((name) => [name, 0]),
  );
  let rounds = 0;
  const probing = (async () => {
    do {
      await Promise.all(
        Object.entries(probes).map(async ([name, probe]) => {
          const started = performance.now();
          await probe();
          slowestMs[name] = Math.max(slowestMs[name] ?? 0, performance.now() - started);
        }),
      );
      rounds++;
      await new Promise((resolve) => setTimeout(resolve, 25));
    } while (!done);
  })();
  try {
    const result = await work();
    return { result, slowestMs, rounds };
  } finally {
    done = true;
    await probing;
  }
}

describe.each(backends)("imports do not stall the server on %s", (backend) => {
  let server: TestServer;
  let reporter: string;
  let viewer: string;
  let probes: Probes;
  let world: RecordsWorld;

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
    // The probes ask about 70 reads a second for as long as the imports take; on a loaded CI
    // machine that passes the default 1,200 a minute per account, and a 429 is not a stall.
    server = await startTestServer(
      backend,
      async (database) => {
        world = await prepareRecordsWorld(database);
      },
      { limits: { rateLimitPerMinute: 0 } },
    );
    reporter = await signIn(server, "reporter-a");
    viewer = await signIn(server, "reporter-b");
    const figures = {
      unitId: gid("Unit", world.communeBId),
      period: { from: "2025-01-01", to: "2025-12-31" },
    };
    const read = async (query: string, variables: Record<string, unknown> = {}) => {
      const { status, body } = await server.graphql(query, variables, viewer);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
    };
    probes = {
      healthz: async () => {
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      },
      figures: () => read(FIGURES_READ, figures),
      records: () => read(RECORDS_READ),
    };
    // The second user has looked at the dashboard before: its figures are in the read cache.
    await probes.figures?.();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a CSV of a million blank lines, naming the limit, while /healthz and others' reads answer", async () => {
    const content = blankLinesCsv(1_000_000);
    const run = await whileProbing(probes, () =>
      importRecords({ kind: "ACTIVITIES", format: "CSV", content, dryRun: true }),
    );
    console.log(`[import-event-loop] ${backend} blank CSV:`, run.slowestMs, run.rounds);
    expect(run.result.__typename).toBe("InputError");
    expect(run.result.message).toMatch(/50\.000 dòng/);
    expect(run.result.message).toMatch(/dòng trống/);
    for (const ms of Object.values(run.slowestMs)) expect(ms).toBeLessThan(BOUND_MS);
  });

  it("refuses an XLSX that unzips to 120 MB, naming the limit, while /healthz and others' reads answer", async () => {
    const bomb = blankRowsBomb(120);
    expect(bomb.length).toBeLessThan(1_000_000);
    const content = base64(bomb);
    const run = await whileProbing(probes, () =>
      importRecords({ kind: "ACTIVITIES", format: "XLSX", content }),
    );
    console.log(`[import-event-loop] ${backend} XLSX bomb:`, run.slowestMs, run.rounds);
    expect(run.result.__typename).toBe("InputError");
    expect(run.result.message).toMatch(/giải nén/);
    expect(run.result.message).toMatch(/64 MB/);
    for (const ms of Object.values(run.slowestMs)) expect(ms).toBeLessThan(BOUND_MS);
  });

  it("imports 20,000 rows while /healthz and others' reads keep answering", async () => {
    const content = activityCsv(20_000);
    const run = await whileProbing(probes, () =>
      importRecords({ kind: "ACTIVITIES", format: "CSV", content }),
    );
    console.log(`[import-event-loop] ${backend} 20,000 rows:`, run.slowestMs, run.rounds);
    expect(run.result.data).toEqual({ ok: true, rowsRead: 20_000, created: 20_000, errorCount: 0 });
    expect(run.rounds).toBeGreaterThan(1);
    expect(run.slowestMs.healthz).toBeLessThan(BOUND_MS);
    expect(run.slowestMs.figures).toBeLessThan(BOUND_MS);
    // PGlite serves one session: a read that needs the database waits for the import's final
    // move (its transaction), a fraction of the import that import-reads.test.ts bounds relative
    // to the import's duration (a fixed bound here would fail on a loaded machine); on PostgreSQL
    // it does not wait.
    if (backend === "postgres") expect(run.slowestMs.records).toBeLessThan(BOUND_MS);

    // The rollups (added per group on PGlite, by row triggers on PostgreSQL) equal plain sums.
    const prisma = server.database.db.prisma;
    for (const unitId of [world.provinceId, world.communeAId, world.cellAId]) {
      const plain = await prisma.activity.aggregate({
        where: { unit: { ancestors: { some: { ancestorId: unitId } } } },
        _sum: { attendance: true, sessions: true },
        _count: { _all: true },
      });
      const rollup = await prisma.activityRollup.aggregate({
        where: { unitId },
        _sum: { attendance: true, sessions: true, records: true },
      });
      expect(rollup._sum.records).toBe(plain._count._all);
      expect(Number(rollup._sum.attendance)).toBe(plain._sum.attendance);
      expect(Number(rollup._sum.sessions)).toBe(plain._sum.sessions);
    }
    const byMonth = await prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT c."ancestorId", rollup_month(a."occurredOn") AS m, a."kind", count(*) AS k
         FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId" GROUP BY 1, 2, 3
       ) plain FULL JOIN "ActivityRollup" r
         ON r."unitId" = plain."ancestorId" AND r."month" = plain.m AND r."kind" = plain."kind"
       WHERE r."records" IS DISTINCT FROM plain.k`,
    );
    expect(byMonth[0]?.n).toBe(0);
  });

  it("imports awards whose rollups equal plain sums (grouped on PGlite, by trigger on PostgreSQL)", async () => {
    const levels = ["Cấp xã", "Cấp huyện", "Cấp tỉnh"];
    const forms = ["Giấy khen", "Bằng khen"];
    const content = [
      "Mã đơn vị;Đối tượng;Tên tập thể, cá nhân;Số lượng;Cấp khen;Hình thức;Ngày khen",
      ...Array.from({ length: 600 }, (_, i) => {
        const unit = i % 2 === 0 ? "CB-A1" : "X-A";
        const day = `${String((i % 28) + 1).padStart(2, "0")}/0${(i % 6) + 1}/2025`;
        return `${unit};Tập thể;Tập thể số ${i};${(i % 7) + 1};${levels[i % 3]};${forms[i % 2]};${day}`;
      }),
    ].join("\n");
    const payload = await importRecords({ kind: "AWARDS", format: "CSV", content });
    expect(payload.data).toEqual({ ok: true, rowsRead: 600, created: 600, errorCount: 0 });
    const mismatches = await server.database.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM (
         SELECT c."ancestorId", rollup_month(a."awardedOn") AS m, a."level", a."form",
           a."recipientKind", count(*) AS k, sum(a."recipientCount") AS s
         FROM "Award" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId" GROUP BY 1, 2, 3, 4, 5
       ) plain FULL JOIN "AwardRollup" r
         ON r."unitId" = plain."ancestorId" AND r."month" = plain.m AND r."level" = plain."level"
           AND r."form" = plain."form" AND r."recipientKind" = plain."recipientKind"
       WHERE r."records" IS DISTINCT FROM plain.k OR r."awards" IS DISTINCT FROM plain.s`,
    );
    expect(mismatches[0]?.n).toBe(0);
    expect(await server.database.db.prisma.awardRollup.count()).toBeGreaterThan(0);
  });
});
