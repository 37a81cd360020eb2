// Cùng kỳ: a period that has not ended is counted up to today and compared with the same span of
// the compared period, never with a whole one. Checked against plain SQL over the raw records on
// both databases, on a fixed "today" (the app's clock option), with partial months, leap years
// and a merged commune; and "no report is not zero" in trend and comparison.
import { hashPassword, type PrismaClient } from "@d05/prisma";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Measure } from "../../../schema/src/analytics/measures";
import { insertUnit } from "../../../schema/src/units/tree";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";

const gid = (type: string, id: number | string) => Buffer.from(`${type}:${id}`).toString("base64");
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const PASSWORD = "mat-khau-cung-ky-01";

interface World {
  province: number;
  a: number;
  b: number;
  merged: number;
}

/** A province with communes A (successor of M, merged on 30/06/2025) and B, records on chosen days. */
async function generate(prisma: PrismaClient): Promise<World> {
  const add = (data: Parameters<typeof insertUnit>[1]) =>
    prisma.$transaction((tx) => insertUnit(tx, data));
  const province = await add({
    parentId: null,
    code: "P",
    name: "Tỉnh Cùng Kỳ",
    kind: "PROVINCE",
    partyMembers: 1000,
  });
  const a = await add({
    parentId: province.id,
    code: "A",
    name: "Xã A",
    kind: "COMMUNE",
    partyMembers: 200,
  });
  const b = await add({
    parentId: province.id,
    code: "B",
    name: "Xã B",
    kind: "COMMUNE",
    partyMembers: 100,
  });
  const merged = await add({
    parentId: province.id,
    code: "M",
    name: "Xã M (đã sáp nhập)",
    kind: "COMMUNE",
    partyMembers: 50,
    activeUntil: d("2025-06-30"),
    successorId: a.id,
  });
  // A name a spreadsheet would run as a formula: exports must show it as text.
  await add({
    parentId: b.id,
    code: "B-CB1",
    name: '=HYPERLINK("http://x")',
    kind: "PARTY_CELL",
    partyMembers: 3,
  });
  const activity = (unitId: number, on: string, attendance: number) => ({
    unitId,
    kind: "CONFERENCE" as const,
    title: `Hội nghị ${on}`,
    occurredOn: d(on),
    sessions: 1,
    attendance,
  });
  await prisma.activity.createMany({
    data: [
      activity(a.id, "2023-02-28", 3),
      activity(a.id, "2024-02-29", 10),
      activity(a.id, "2025-01-15", 20),
      activity(a.id, "2025-02-28", 30),
      activity(merged.id, "2025-03-10", 7),
      activity(a.id, "2025-09-02", 11),
      activity(a.id, "2025-09-03", 13),
      activity(a.id, "2025-12-01", 100),
      activity(a.id, "2025-12-02", 200),
      activity(a.id, "2025-12-03", 400),
      activity(a.id, "2025-12-31", 800),
      activity(b.id, "2026-11-15", 500),
      activity(a.id, "2026-12-01", 1000),
      activity(a.id, "2026-12-02", 2000),
    ],
  });
  const award = (unitId: number, on: string, recipientCount: number) => ({
    unitId,
    recipientKind: "INDIVIDUAL" as const,
    recipientCount,
    level: "COMMUNE" as const,
    form: "COMMENDATION" as const,
    awardedOn: d(on),
    emulationYear: Number(on.slice(0, 4)),
  });
  await prisma.award.createMany({
    data: [
      award(a.id, "2025-12-02", 2),
      award(a.id, "2025-12-05", 4),
      award(b.id, "2026-03-01", 1),
    ],
  });
  const model = await prisma.model.create({
    data: {
      unitId: b.id,
      name: "Mô hình B",
      sector: "ECONOMY",
      level: "COMMUNE",
      leadOrganisation: "PARTY_COMMITTEE",
      startedOn: d("2025-01-10"),
      status: "MAINTAINED",
    },
  });
  await prisma.modelStatusChange.create({
    data: { modelId: model.id, status: "MAINTAINED", effectiveOn: d("2025-01-10") },
  });
  await prisma.modelContribution.createMany({
    data: [
      { modelId: model.id, recordedOn: d("2025-12-02"), cashVnd: 1_000_000n, workdays: 3 },
      { modelId: model.id, recordedOn: d("2025-12-20"), cashVnd: 9_000_000n, workdays: 5 },
      { modelId: model.id, recordedOn: d("2026-12-02"), landValueVnd: 2_000_000n, workdays: 1 },
    ],
  });
  await prisma.commitment.createMany({
    data: [
      {
        unitId: a.id,
        year: 2025,
        kind: "PLEDGE",
        title: "Đăng ký 2025",
        status: "REGISTERED",
        registeredOn: d("2025-12-01"),
      },
      {
        unitId: a.id,
        year: 2025,
        kind: "PLEDGE",
        title: "Đăng ký muộn 2025",
        status: "REGISTERED",
        registeredOn: d("2025-12-10"),
      },
    ],
  });
  await prisma.user.create({
    data: {
      username: "cung-ky",
      displayName: "Phân tích cùng kỳ",
      passwordHash: await hashPassword(PASSWORD),
      role: "ANALYST",
      unitId: province.id,
    },
  });
  return { province: province.id, a: a.id, b: b.id, merged: merged.id };
}

/** Plain SQL over the raw records of the root's subtree, days [from, to] both inclusive. */
const FACTS: Partial<Record<Measure, string>> = {
  ATTENDANCE: `SELECT "unitId" AS u, "occurredOn" AS d, "attendance"::float8 AS v FROM "Activity"`,
  SESSIONS: `SELECT "unitId" AS u, "occurredOn" AS d, "sessions"::float8 AS v FROM "Activity"`,
  ACTIVITIES: `SELECT "unitId" AS u, "occurredOn" AS d, 1::float8 AS v FROM "Activity"`,
  AWARDS: `SELECT "unitId" AS u, "awardedOn" AS d, "recipientCount"::float8 AS v FROM "Award"`,
  CONTRIBUTION_VND: `SELECT m."unitId" AS u, k."recordedOn" AS d, (k."landValueVnd" + k."cashVnd" + k."inKindVnd")::float8 AS v
    FROM "ModelContribution" k JOIN "Model" m ON m."id" = k."modelId"`,
  COMMITMENTS_REGISTERED: `SELECT "unitId" AS u, "registeredOn" AS d, 1::float8 AS v FROM "Commitment"`,
};

async function plain(
  prisma: PrismaClient,
  root: number,
  measure: Measure,
  from: string,
  to: string,
): Promise<number> {
  const rows = await prisma.$queryRawUnsafe<{ v: number | null }[]>(
    `SELECT sum(f.v)::float8 AS v FROM (${FACTS[measure]}) f
     JOIN "UnitClosure" c ON c."descendantId" = f.u
     WHERE c."ancestorId" = $1 AND f.d BETWEEN $2::date AND $3::date`,
    root,
    from,
    to,
  );
  return Number(rows[0]?.v ?? 0);
}

const FACTS_FIELDS = `period { from to } requestedPeriod { from to } previousPeriod { from to }
  asOf periodEnded comparedSameSpan periodNote`;
const OVERVIEW = `query($unitId: ID!, $period: PeriodInput, $relative: RelativePeriod) {
  overview(unitId: $unitId, period: $period, relativePeriod: $relative) {
    __typename
    ... on Overview { ${FACTS_FIELDS} figures { measure value previousValue change } }
    ... on Error { message } } }`;
const COMPARISON = `query($unitId: ID!, $level: UnitKind!, $measure: Measure!, $period: PeriodInput,
  $relative: RelativePeriod, $perCapita: Boolean) {
  comparison(unitId: $unitId, childLevel: $level, measure: $measure, period: $period,
    relativePeriod: $relative, perCapita: $perCapita) {
    __typename
    ... on Comparison { ${FACTS_FIELDS} rows { unit { id name } value previousValue
      perHundredMembers previousPerHundredMembers change reported mergedUnits { id } } }
    ... on Error { message } } }`;
const TREND = `query($unitId: ID!, $measure: Measure!, $g: Granularity!, $period: PeriodInput, $relative: RelativePeriod) {
  trend(unitId: $unitId, measure: $measure, granularity: $g, period: $period, relativePeriod: $relative) {
    __typename
    ... on Trend { ${FACTS_FIELDS} points { key start to value reported complete } }
    ... on Error { message } } }`;

interface Facts {
  period: { from: string; to: string };
  requestedPeriod: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  asOf: string;
  periodEnded: boolean;
  comparedSameSpan: boolean;
  periodNote: string;
}
type OverviewAnswer = {
  overview: Facts & {
    __typename: string;
    message?: string;
    figures: {
      measure: Measure;
      value: number | null;
      previousValue: number | null;
      change: number | null;
    }[];
  };
};

describe.each(backends)("cùng kỳ on %s", (backend) => {
  let server: TestServer;
  let world: World;
  let token: string;
  let prisma: PrismaClient;
  /** The server's "today" (Vietnam time), set per test. */
  let today = d("2026-12-02");

  const gql = async <T>(query: string, variables: Record<string, unknown>) => {
    const { status, body } = await server.graphql<T>(query, variables, token);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data as T;
  };

  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        world = await generate(database.db.prisma);
      },
      { today: () => today },
    );
    prisma = server.database.db.prisma;
    const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
      `mutation($u: String!, $p: String!) { login(username: $u, password: $p) {
        ... on MutationLoginSuccess { data { token } } } }`,
      { u: "cung-ky", p: PASSWORD },
    );
    token = body.data?.login.data?.token as string;
    expect(token).toBeTruthy();
  });
  afterAll(() => server?.stop());

  /** Every figure the reference knows equals plain SQL over the counted and compared days. */
  async function expectExact(answer: OverviewAnswer["overview"]) {
    for (const f of answer.figures) {
      if (!FACTS[f.measure]) continue;
      const now = await plain(
        prisma,
        world.province,
        f.measure,
        answer.period.from,
        answer.period.to,
      );
      const before = await plain(
        prisma,
        world.province,
        f.measure,
        answer.previousPeriod.from,
        answer.previousPeriod.to,
      );
      expect(f.value, `${f.measure} now`).toBe(now);
      expect(f.previousValue, `${f.measure} before`).toBe(before);
      expect(f.change).toBe(before === 0 ? null : (now - before) / before);
    }
  }

  it("counts this year up to today and compares it with the same span of last year", async () => {
    today = d("2026-12-02");
    const data = await gql<OverviewAnswer>(OVERVIEW, {
      unitId: gid("Unit", world.province),
      relative: "YEAR_TO_DATE",
    });
    const o = data.overview;
    expect(o.__typename, o.message).toBe("Overview");
    expect(o.requestedPeriod).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(o.period).toEqual({ from: "2026-01-01", to: "2026-12-02" });
    expect(o.previousPeriod).toEqual({ from: "2025-01-01", to: "2025-12-02" });
    expect(o.asOf).toBe("2026-12-02");
    expect(o.periodEnded).toBe(false);
    expect(o.comparedSameSpan).toBe(true);
    expect(o.periodNote).toBe("đến ngày 02/12/2026, so với cùng kỳ (01/01/2025 – 02/12/2025)");
    await expectExact(o);
    // 01–02/12/2025 count (300), 03/12 and 31/12/2025 do not (the whole year would add 1.200).
    const attendance = o.figures.find((f) => f.measure === "ATTENDANCE");
    expect(attendance?.previousValue).toBe(20 + 30 + 7 + 11 + 13 + 100 + 200);
    expect(attendance?.value).toBe(3500);
    // The same span as an explicit period, and through a live push's overview, is the same answer.
    const explicit = await gql<OverviewAnswer>(OVERVIEW, {
      unitId: gid("Unit", world.province),
      period: { from: "2026-01-01", to: "2026-12-31" },
    });
    expect(explicit.overview).toEqual(o);
  });

  it("compares a quarter to date with the same days of the previous quarter", async () => {
    today = d("2026-12-02");
    const o = (
      await gql<OverviewAnswer>(OVERVIEW, {
        unitId: gid("Unit", world.province),
        relative: "QUARTER_TO_DATE",
      })
    ).overview;
    expect(o.period).toEqual({ from: "2026-10-01", to: "2026-12-02" });
    expect(o.previousPeriod).toEqual({ from: "2026-07-01", to: "2026-09-02" });
    await expectExact(o);
    // A finished quarter is compared with the whole previous quarter.
    const whole = (
      await gql<OverviewAnswer>(OVERVIEW, {
        unitId: gid("Unit", world.province),
        period: { from: "2025-07-01", to: "2025-09-30" },
      })
    ).overview;
    expect(whole.previousPeriod).toEqual({ from: "2025-04-01", to: "2025-06-30" });
    expect(whole.comparedSameSpan).toBe(false);
    expect(whole.periodEnded).toBe(true);
    expect(whole.periodNote).toBe("so với kỳ trước (01/04/2025 – 30/06/2025)");
    await expectExact(whole);
  });

  it("maps the end of February to the end of February across leap years", async () => {
    // 28/02/2025 is the last day of its month: compared up to 29/02/2024, which counts.
    today = d("2025-02-28");
    const o2025 = (
      await gql<OverviewAnswer>(OVERVIEW, {
        unitId: gid("Unit", world.province),
        relative: "YEAR_TO_DATE",
      })
    ).overview;
    expect(o2025.period).toEqual({ from: "2025-01-01", to: "2025-02-28" });
    expect(o2025.previousPeriod).toEqual({ from: "2024-01-01", to: "2024-02-29" });
    expect(o2025.figures.find((f) => f.measure === "ATTENDANCE")?.previousValue).toBe(10);
    await expectExact(o2025);
    // 29/02/2024 compares with 28/02/2023.
    today = d("2024-02-29");
    const o2024 = (
      await gql<OverviewAnswer>(OVERVIEW, {
        unitId: gid("Unit", world.province),
        relative: "YEAR_TO_DATE",
      })
    ).overview;
    expect(o2024.previousPeriod).toEqual({ from: "2023-01-01", to: "2023-02-28" });
    expect(o2024.figures.find((f) => f.measure === "ATTENDANCE")?.previousValue).toBe(3);
    await expectExact(o2024);
    // The 12 months to date (March 2024 – 27/02/2025 on 27/02/2025) against the 12 before.
    today = d("2025-02-27");
    const last12 = (
      await gql<OverviewAnswer>(OVERVIEW, {
        unitId: gid("Unit", world.province),
        relative: "LAST_12_MONTHS",
      })
    ).overview;
    expect(last12.period).toEqual({ from: "2024-03-01", to: "2025-02-27" });
    expect(last12.previousPeriod).toEqual({ from: "2023-03-01", to: "2024-02-27" });
    await expectExact(last12);
  });

  it("ranks communes on the same span, the merged commune inside its successor, per capita included", async () => {
    today = d("2026-12-02");
    type Answer = {
      comparison: Facts & {
        __typename: string;
        message?: string;
        rows: {
          unit: { id: string };
          value: number | null;
          previousValue: number | null;
          perHundredMembers: number | null;
          previousPerHundredMembers: number | null;
          change: number | null;
          reported: boolean;
          mergedUnits: { id: string }[];
        }[];
      };
    };
    const c = (
      await gql<Answer>(COMPARISON, {
        unitId: gid("Unit", world.province),
        level: "COMMUNE",
        measure: "ATTENDANCE",
        relative: "YEAR_TO_DATE",
        perCapita: true,
      })
    ).comparison;
    expect(c.__typename, c.message).toBe("Comparison");
    expect(c.previousPeriod).toEqual({ from: "2025-01-01", to: "2025-12-02" });
    expect(c.rows.map((r) => r.unit.id).sort()).toEqual(
      [gid("Unit", world.a), gid("Unit", world.b)].sort(),
    );
    const a = c.rows.find((r) => r.unit.id === gid("Unit", world.a));
    const aBefore =
      (await plain(prisma, world.a, "ATTENDANCE", "2025-01-01", "2025-12-02")) +
      (await plain(prisma, world.merged, "ATTENDANCE", "2025-01-01", "2025-12-02"));
    expect(a?.mergedUnits.map((u) => u.id)).toEqual([gid("Unit", world.merged)]);
    expect(a?.value).toBe(3000);
    expect(a?.previousValue).toBe(aBefore);
    // Per 100 of A's 200 members, then and now; the change is the per-capita figure's change.
    expect(a?.perHundredMembers).toBe(1500);
    expect(a?.previousPerHundredMembers).toBe(aBefore / 2);
    expect(a?.change).toBeCloseTo((1500 - aBefore / 2) / (aBefore / 2), 12);
  });

  it("says a commune did not report a measure's kind, not that it reported 0", async () => {
    today = d("2026-12-02");
    type Answer = {
      comparison: { rows: { unit: { id: string }; value: number | null; reported: boolean }[] };
    };
    // 2026: B has an award and an activity, A has activities but no award.
    const awards = (
      await gql<Answer>(COMPARISON, {
        unitId: gid("Unit", world.province),
        level: "COMMUNE",
        measure: "AWARDS",
        relative: "YEAR_TO_DATE",
      })
    ).comparison.rows;
    const byId = new Map(awards.map((r) => [r.unit.id, r]));
    expect(byId.get(gid("Unit", world.a))?.reported).toBe(false);
    expect(byId.get(gid("Unit", world.b))?.reported).toBe(true);
    // The question asked of a commune about communes under it has no answer: a typed error.
    const { body } = await server.graphql<{
      comparison: { __typename: string; message?: string };
    }>(
      COMPARISON,
      {
        unitId: gid("Unit", world.a),
        level: "COMMUNE",
        measure: "ATTENDANCE",
        relative: "YEAR_TO_DATE",
      },
      token,
    );
    expect(body.data?.comparison.__typename).toBe("InputError");
    expect(body.data?.comparison.message).toMatch(/Xã A/);
  });

  it("marks months without records as not reported and the running month as unfinished", async () => {
    today = d("2026-12-02");
    type Answer = {
      trend: Facts & {
        points: {
          key: string;
          to: string;
          value: number | null;
          reported: boolean;
          complete: boolean;
        }[];
      };
    };
    const t = (
      await gql<Answer>(TREND, {
        unitId: gid("Unit", world.province),
        measure: "ATTENDANCE",
        g: "MONTH",
        relative: "YEAR_TO_DATE",
      })
    ).trend;
    expect(t.points).toHaveLength(12);
    const byKey = new Map(t.points.map((p) => [p.key, p]));
    expect(byKey.get("2026-10")).toMatchObject({ value: null, reported: false, complete: true });
    expect(byKey.get("2026-11")).toMatchObject({ value: 500, reported: true, complete: true });
    expect(byKey.get("2026-12")).toMatchObject({
      value: 3000,
      reported: true,
      complete: false,
      to: "2026-12-02",
    });
    // The stock of models is a level: read on each month's last day, reported once a model exists.
    const stock = (
      await gql<Answer>(TREND, {
        unitId: gid("Unit", world.province),
        measure: "MODELS_ACTIVE",
        g: "QUARTER",
        period: { from: "2024-10-01", to: "2025-03-31" },
      })
    ).trend;
    expect(stock.points.map((p) => p.value)).toEqual([0, 1]);
  });

  it("compares an unfinished year in metrics with the same days of last year", async () => {
    today = d("2026-12-02");
    type Answer = {
      metrics: Facts & {
        comparedPeriod: { from: string; to: string } | null;
        rows: {
          keys: { key: string }[];
          values: (number | null)[];
          previousValues: (number | null)[] | null;
          reported: boolean;
        }[];
      };
    };
    const m = (
      await gql<Answer>(
        `query($input: MetricsInput!) { metrics(input: $input) { ... on Metrics { ${FACTS_FIELDS}
          comparedPeriod { from to } rows { keys { key } values previousValues reported } } } }`,
        {
          input: {
            unitId: gid("Unit", world.province),
            measures: ["ATTENDANCE"],
            dimensions: ["UNIT"],
            unitLevel: "COMMUNE",
            period: { from: "2026-01-01", to: "2026-12-31" },
            derived: { change: true },
          },
        },
      )
    ).metrics;
    expect(m.period).toEqual({ from: "2026-01-01", to: "2026-12-02" });
    expect(m.comparedPeriod).toEqual({ from: "2025-01-01", to: "2025-12-02" });
    expect(m.comparedSameSpan).toBe(true);
    const a = m.rows.find((r) => r.keys[0]?.key === gid("Unit", world.a));
    expect(a?.values).toEqual([
      await plain(prisma, world.a, "ATTENDANCE", "2026-01-01", "2026-12-02"),
    ]);
    // 01/01–02/12/2025: 374, not the whole of 2025 (1.574).
    expect(a?.previousValues).toEqual([
      await plain(prisma, world.a, "ATTENDANCE", "2025-01-01", "2025-12-02"),
    ]);
    expect(a?.previousValues).toEqual([374]);
  });

  it("lists every group of any dimension in metrics, the empty ones as not reported", async () => {
    today = d("2026-12-02");
    type Answer = {
      metrics: {
        rows: { keys: { key: string }[]; values: (number | null)[]; reported: boolean }[];
      };
    };
    const ask = async (input: Record<string, unknown>) =>
      (
        await gql<Answer>(
          `query($input: MetricsInput!) { metrics(input: $input) { ... on Metrics {
            rows { keys { key } values reported } } } }`,
          {
            input: {
              unitId: gid("Unit", world.province),
              period: { from: "2026-01-01", to: "2026-12-31" },
              ...input,
            },
          },
        )
      ).metrics.rows;
    // Every activity kind the filter allows: outreach had no record in 2026, so it is chưa báo
    // cáo, not 0 and not missing.
    const kinds = await ask({
      measures: ["ACTIVITIES"],
      dimensions: ["ACTIVITY_KIND"],
      filters: { activityKinds: ["CONFERENCE", "OUTREACH"] },
    });
    expect(kinds).toEqual([
      { keys: [{ key: "CONFERENCE" }], values: [3], reported: true },
      { keys: [{ key: "OUTREACH" }], values: [null], reported: false },
    ]);
    // Every sector of the models, by month: the whole year's buckets although counted to today.
    const sectors = await ask({
      measures: ["CONTRIBUTION_VND"],
      dimensions: ["SECTOR", "MONTH"],
    });
    const sectorCount = new Set(sectors.map((r) => r.keys[0]?.key)).size;
    expect(sectorCount).toBeGreaterThan(1);
    expect(sectors).toHaveLength(sectorCount * 12);
    expect(sectors.filter((r) => r.reported)).toEqual([
      { keys: [{ key: "ECONOMY" }, { key: "2026-12" }], values: [2_000_000], reported: true },
    ]);
    expect(sectors.filter((r) => !r.reported).every((r) => r.values[0] === null)).toBe(true);
  });

  it("gives any answer as a CSV or XLSX file with the field's arguments and scope", async () => {
    today = d("2026-12-02");
    const get = (path: string, args: unknown, auth = true) =>
      fetch(`${server.url}/export/${path}?args=${encodeURIComponent(JSON.stringify(args))}`, {
        headers: auth ? { authorization: `Bearer ${token}` } : {},
      });
    const args = { unitId: gid("Unit", world.province), relativePeriod: "YEAR_TO_DATE" };
    const csv = await get("overview.csv", args);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Chỉ tiêu;Kỳ này (01/01/2026 – 02/12/2026);Kỳ so sánh (01/01/2025 – 02/12/2025);Thay đổi (%)",
    );
    // 3.500 against 381 people: +818,6351706... % written with a decimal comma, rounded.
    expect(lines).toContain("Lượt người tham dự;3500;381;818,635171");
    // Per 100 members: 350 against 38,1.
    expect(lines).toContain("Lượt tham dự / 100 đảng viên;350;38,1;818,635171");
    // The same answer as XLSX, numbers as numbers.
    const xlsx = await get("overview.xlsx", args);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const rows = book.worksheets[0]?.getSheetValues() as unknown[][];
    const attendance = rows.find((r) => r?.[1] === "Lượt người tham dự");
    expect(attendance?.slice(2, 4)).toEqual([3500, 381]);
    // Comparison: not reported is written as such, a formula-like name stays text.
    const cells = await get("comparison.csv", {
      unitId: gid("Unit", world.b),
      childLevel: "PARTY_CELL",
      measure: "ATTENDANCE",
      relativePeriod: "YEAR_TO_DATE",
    });
    const cellText = await cells.text();
    expect(cellText).toContain('"\'=HYPERLINK(""http://x"")"');
    expect(cellText).toContain("Chưa báo cáo");
    // Trend: a month without records is empty and says so; the running month says it runs.
    const trend = await (
      await get("trend.csv", {
        unitId: gid("Unit", world.province),
        measure: "ATTENDANCE",
        granularity: "MONTH",
        relativePeriod: "YEAR_TO_DATE",
      })
    ).text();
    expect(trend).toContain("T10/2026;01/10/2026;31/10/2026;;Chưa báo cáo");
    expect(trend).toContain(
      "T12/2026;01/12/2026;02/12/2026;3000;Chưa hết kỳ (đến ngày 02/12/2026)",
    );
    // Metrics through the same path.
    const metrics = await get("metrics.csv", {
      input: {
        unitId: gid("Unit", world.province),
        measures: ["ATTENDANCE"],
        dimensions: ["UNIT"],
        unitLevel: "COMMUNE",
        period: { from: "2025-01-01", to: "2025-12-31" },
      },
    });
    expect(await metrics.text()).toContain("Xã A;1574;Đã báo cáo");
    // The field's rules: no token, a unit outside the scope, bad arguments.
    expect((await get("overview.csv", args, false)).status).toBe(401);
    const outside = await get("overview.csv", { ...args, unitId: gid("Unit", 999_999) });
    expect(outside.status).toBe(404);
    const bad = await get("overview.csv", {
      unitId: gid("Unit", world.province),
      period: { from: "2026-01-02", to: "2026-12-31" },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toMatch(/ngày 1/);
    expect((await get("nothing.csv", args)).status).toBe(404);
  });
});
