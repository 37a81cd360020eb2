// "Reported" (chưa báo cáo or not) answers the question asked, filters included: with a sector
// filter a commune reported models when one of ITS MODELS OF THAT SECTOR started or changed status
// in the period, not when any model did; with an activity-kind filter, when an activity of that
// kind was held. Checked against plain SQL over the raw records of the demo, on both databases.
import { DEMO } from "@d05/prisma/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startDemoFixture } from "../support/demo";
import type { TestServer } from "../support/server";

const METRICS = /* GraphQL */ `
  query($root: ID!, $measure: Measure!, $from: Date!, $to: Date!, $filters: MetricsFilter) {
    metrics(input: {
      unitId: $root, measures: [$measure], dimensions: [UNIT], unitLevel: COMMUNE,
      period: { from: $from, to: $to }, filters: $filters
    }) {
      ... on Metrics { rows { keys { label } reported values } }
      ... on Error { message }
    }
  }
`;

type Row = { keys: { label: string }[]; reported: boolean; values: (number | null)[] };

describe.each(backends)("reported respects the filters on %s", (backend) => {
  let server: TestServer;
  let token: string;
  let provinceId: string;

  beforeAll(async () => {
    const demo = await startDemoFixture(backend);
    ({ server, token } = demo);
    provinceId = await demo.unitId(DEMO.province);
  });
  afterAll(() => server?.stop());

  async function reportedNames(
    measure: string,
    from: string,
    to: string,
    filters: Record<string, unknown> | null,
  ): Promise<string[]> {
    const { body } = await server.graphql<{ metrics: { rows?: Row[]; message?: string } }>(
      METRICS,
      { root: provinceId, measure, from, to, filters },
      token,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const rows = body.data!.metrics.rows;
    expect(rows, body.data!.metrics.message).toBeDefined();
    for (const r of rows!) {
      // Not reported is never a value: null, not a made-up 0.
      if (!r.reported) expect(r.values).toEqual([null]);
    }
    return rows!
      .filter((r) => r.reported)
      .map((r) => r.keys[0]!.label)
      .sort();
  }

  const prisma = () => server.database.db.prisma;

  /** Plain SQL: communes with a model of the sector started or changing status in the period. */
  async function communesWithModelEvents(from: string, to: string, sector: string | null) {
    const rows = await prisma().$queryRaw<{ name: string }[]>`
      SELECT DISTINCT cu."name" FROM "Unit" cu
      JOIN "Unit" p ON p."id" = cu."parentId" AND p."code" = ${DEMO.province}
      JOIN "UnitClosure" c ON c."ancestorId" = cu."id"
      JOIN "Model" m ON m."unitId" = c."descendantId"
      WHERE cu."kind" = 'COMMUNE' AND (${sector}::text IS NULL OR m."sector"::text = ${sector})
        AND (m."startedOn" BETWEEN ${from}::date AND ${to}::date
          OR EXISTS (SELECT 1 FROM "ModelStatusChange" s WHERE s."modelId" = m."id"
                     AND s."effectiveOn" BETWEEN ${from}::date AND ${to}::date))`;
    return rows.map((r) => r.name).sort();
  }

  /** Plain SQL: communes with an activity of the kind in the period. */
  async function communesWithActivities(from: string, to: string, kind: string) {
    const rows = await prisma().$queryRaw<{ name: string }[]>`
      SELECT DISTINCT cu."name" FROM "Unit" cu
      JOIN "Unit" p ON p."id" = cu."parentId" AND p."code" = ${DEMO.province}
      JOIN "UnitClosure" c ON c."ancestorId" = cu."id"
      JOIN "Activity" a ON a."unitId" = c."descendantId"
      WHERE cu."kind" = 'COMMUNE' AND a."kind"::text = ${kind}
        AND a."occurredOn" BETWEEN ${from}::date AND ${to}::date`;
    return rows.map((r) => r.name).sort();
  }

  it("counts only the filtered sector's model events as a report", async () => {
    const sectors = (
      await prisma().$queryRaw<{ sector: string }[]>`
        SELECT DISTINCT "sector"::text AS "sector" FROM "Model" ORDER BY 1`
    ).map((r) => r.sector);
    expect(sectors.length).toBeGreaterThan(1);
    let narrower = 0;
    for (const [from, to] of [
      ["2024-01-01", "2024-03-31"],
      ["2025-07-01", "2025-09-30"],
    ] as const) {
      const all = await reportedNames("MODELS_STARTED", from, to, null);
      expect(all).toEqual(await communesWithModelEvents(from, to, null));
      for (const sector of sectors) {
        const got = await reportedNames("MODELS_STARTED", from, to, { sectors: [sector] });
        expect(got, `${sector} ${from}`).toEqual(await communesWithModelEvents(from, to, sector));
        if (got.length < all.length) narrower += 1;
      }
    }
    // The filter made a difference somewhere, or this test would not tell the two rules apart.
    expect(narrower).toBeGreaterThan(0);
  });

  it("counts only the filtered activity kind as a report", async () => {
    const [from, to] = ["2025-01-01", "2025-03-31"];
    const all = await reportedNames("ATTENDANCE", from, to, null);
    let narrower = 0;
    for (const kind of ["CONFERENCE", "OUTREACH", "STUDY_SESSION", "THEMATIC_SESSION"]) {
      const got = await reportedNames("ATTENDANCE", from, to, { activityKinds: [kind] });
      expect(got, kind).toEqual(await communesWithActivities(from, to, kind));
      if (got.length < all.length) narrower += 1;
    }
    expect(narrower).toBeGreaterThan(0);
  });
});

describe.each(backends)("metrics lists its empty groups up to a limit on %s", (backend) => {
  let server: TestServer;
  let token: string;
  let provinceId: string;

  beforeAll(async () => {
    const demo = await startDemoFixture(backend);
    ({ server, token } = demo);
    provinceId = await demo.unitId(DEMO.province);
  });
  afterAll(() => server?.stop());

  type Answer = {
    metrics: {
      emptyGroupsOmitted: boolean;
      totalRows: number;
      rows: { reported: boolean; values: (number | null)[] }[];
      message?: string;
    };
  };
  const ask = async (dimensions: string[]) => {
    const { body } = await server.graphql<Answer>(
      `query($root: ID!, $dims: [Dimension!]) { metrics(input: { unitId: $root,
        measures: [MODELS_STARTED], dimensions: $dims, unitLevel: COMMUNE,
        period: { from: "2024-01-01", to: "2024-12-31" } }) {
        ... on Metrics { emptyGroupsOmitted totalRows rows { reported values } }
        ... on Error { message } } }`,
      { root: provinceId, dims: dimensions },
      token,
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data!.metrics.message).toBeUndefined();
    return body.data!.metrics;
  };

  it("lists every group while the combinations are few", async () => {
    const [count] = await server.database.db.prisma.$queryRaw<{ communes: number }[]>`
      SELECT count(*)::int AS "communes" FROM "Unit" u
      JOIN "Unit" p ON p."id" = u."parentId" AND p."code" = ${DEMO.province}
      WHERE u."kind" = 'COMMUNE' AND (u."activeFrom" IS NULL OR u."activeFrom" <= DATE '2024-12-31')
        AND (u."activeUntil" IS NULL OR u."activeUntil" >= DATE '2024-01-01')`;
    const answer = await ask(["UNIT", "MONTH"]);
    expect(answer.emptyGroupsOmitted).toBe(false);
    expect(answer.totalRows).toBe(count!.communes * 12);
    expect(answer.rows.some((r) => !r.reported)).toBe(true);
  });

  it("leaves out the empty groups beyond 10.000 combinations and says so, keeping every figure", async () => {
    const prisma = server.database.db.prisma;
    const [size] = await prisma.$queryRaw<{ communes: number; models: number; started: number }[]>`
      SELECT (SELECT count(*)::int FROM "Unit" u
                JOIN "Unit" p ON p."id" = u."parentId" AND p."code" = ${DEMO.province}
                WHERE u."kind" = 'COMMUNE' AND (u."activeFrom" IS NULL OR u."activeFrom" <= DATE '2024-12-31')
                  AND (u."activeUntil" IS NULL OR u."activeUntil" >= DATE '2024-01-01')) AS "communes",
             (SELECT count(*)::int FROM "Model" WHERE "startedOn" <= DATE '2024-12-31') AS "models",
             (SELECT count(*)::int FROM "Model" m JOIN "Unit" u ON u."id" = m."unitId"
                WHERE u."kind" <> 'DISTRICT' AND u."path" NOT LIKE ALL (
                  SELECT d."path" || '%' FROM "Unit" d WHERE d."kind" = 'DISTRICT')
                  AND m."startedOn" BETWEEN DATE '2024-01-01' AND DATE '2024-12-31') AS "started"`;
    // The case is real: the groups' cross product is past the limit.
    expect(size!.communes * size!.models * 12).toBeGreaterThan(10_000);
    const answer = await ask(["UNIT", "MODEL", "MONTH"]);
    expect(answer.emptyGroupsOmitted).toBe(true);
    expect(answer.rows.every((r) => r.reported)).toBe(true);
    expect(answer.totalRows).toBe(answer.rows.length);
    // Nothing with records is lost: the models started in 2024 under the communes, all of them.
    const sum = answer.rows.reduce((s, r) => s + (r.values[0] ?? 0), 0);
    expect(sum).toBe(size!.started);
  });
});
