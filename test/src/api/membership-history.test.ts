// Denominators in time: per-100 rates divide by the party members of the period's last day, from
// each unit's membership history, so An Phú's 2024 rate uses its 2024 members, not the members
// that came with Tân Lập on 01/07/2025 — in metrics, overview, comparison and trend alike, each
// naming the members it divided by. Checked against plain SQL over the raw records.
import { DEMO } from "@d05/prisma/seed";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startDemoFixture, unitIdByCode } from "../support/demo";
import type { TestServer } from "../support/server";

const METRICS = /* GraphQL */ `
  query($root: ID!, $from: Date!, $to: Date!) {
    metrics(input: {
      unitId: $root
      measures: [ATTENDANCE_PER_100_MEMBERS, ATTENDANCE]
      dimensions: [UNIT]
      unitLevel: COMMUNE
      period: { from: $from, to: $to }
      derived: { perHundredMembers: true }
    }) {
      ... on Metrics { rows { keys { key label } values members perHundredMembers } }
      ... on Error { message }
    }
  }
`;

type Row = {
  keys: { key: string; label: string }[];
  values: (number | null)[];
  members: number | null;
  perHundredMembers: (number | null)[];
};

describe.each(backends)("party membership history on %s", (backend) => {
  let server: TestServer;
  let token: string;
  let provinceId: string;
  let anPhu: { id: string; dbId: number };

  const gql = async <T>(query: string, variables: Record<string, unknown>) => {
    const { status, body } = await server.graphql<T>(query, variables, token);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data as T;
  };

  beforeAll(async () => {
    const demo = await startDemoFixture(backend);
    ({ server, token } = demo);
    provinceId = await demo.unitId(DEMO.province);
    const row = await server.database.db.prisma.unit.findUniqueOrThrow({
      where: { code: DEMO.communes.anPhu },
    });
    anPhu = { id: await demo.unitId(DEMO.communes.anPhu), dbId: row.id };
  });
  afterAll(() => server?.stop());

  /** Plain SQL: attendance under the unit in the period, and its members on the period's end. */
  async function plain(unitId: number, from: string, to: string) {
    const [r] = await server.database.db.prisma.$queryRaw<
      { attendance: number; members: number | null }[]
    >`
      SELECT (SELECT COALESCE(SUM(a."attendance"), 0)::float8 FROM "Activity" a
              JOIN "UnitClosure" c ON c."descendantId" = a."unitId" AND c."ancestorId" = ${unitId}
              WHERE a."occurredOn" BETWEEN ${from}::date AND ${to}::date) AS "attendance",
             (SELECT m."partyMembers" FROM "UnitMembership" m
              WHERE m."unitId" = ${unitId} AND m."effectiveOn" <= ${to}::date
              ORDER BY m."effectiveOn" DESC LIMIT 1) AS "members"`;
    return r!;
  }

  async function anPhuRow(from: string, to: string): Promise<Row> {
    const data = await gql<{ metrics: { rows: Row[] } }>(METRICS, { root: provinceId, from, to });
    const row = data.metrics.rows.find((r) => r.keys[0]?.key === anPhu.id);
    expect(row, "An Phú has a row").toBeDefined();
    return row!;
  }

  it("keeps An Phú's members before and after Tân Lập joined on 01/07/2025", async () => {
    const data = await gql<{
      node: {
        partyMembers: number;
        membershipHistory: { effectiveOn: string; partyMembers: number }[];
      };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Unit { partyMembers membershipHistory { effectiveOn partyMembers } } } }`,
      { id: anPhu.id },
    );
    const history = data.node.membershipHistory;
    expect(history.length).toBeGreaterThanOrEqual(2);
    const merger = history.find((h) => h.effectiveOn === "2025-07-01");
    const before = history[history.indexOf(merger!) - 1];
    expect(merger!.partyMembers).toBeGreaterThan(before!.partyMembers);
    // Today's figure is the history's latest.
    expect(data.node.partyMembers).toBe(history[history.length - 1]!.partyMembers);
  });

  it("divides 2024's attendance by 2024's members and 2025 H2's by the merged commune's", async () => {
    for (const [from, to] of [
      ["2024-01-01", "2024-12-31"],
      ["2025-07-01", "2025-12-31"],
    ] as const) {
      const row = await anPhuRow(from, to);
      const ref = await plain(anPhu.dbId, from, to);
      expect(row.members).toBe(ref.members);
      expect(row.values[1]).toBe(ref.attendance);
      expect(row.values[0]).toBeCloseTo((100 * ref.attendance) / (ref.members as number), 9);
      expect(row.perHundredMembers[1]).toBeCloseTo(row.values[0] as number, 9);
    }
    const y2024 = await anPhuRow("2024-01-01", "2024-12-31");
    const h2025 = await anPhuRow("2025-07-01", "2025-12-31");
    expect(h2025.members as number).toBeGreaterThan(y2024.members as number);
  });

  /** Plain SQL: a unit's party members on a day, from its history (null before its first entry). */
  async function membersOn(code: string, on: string): Promise<number | null> {
    const [r] = await server.database.db.prisma.$queryRaw<{ members: number | null }[]>`
      SELECT (SELECT m."partyMembers" FROM "UnitMembership" m JOIN "Unit" u ON u."id" = m."unitId"
              WHERE u."code" = ${code} AND m."effectiveOn" <= ${on}::date
              ORDER BY m."effectiveOn" DESC LIMIT 1) AS "members"`;
    return r?.members ?? null;
  }

  type Denominator = { on: string; partyMembers: number | null; note: string | null };
  const DENOMINATOR = "{ on partyMembers note }";

  it("ranks communes per 100 of each period's own members, merged communes with theirs until the merger", async () => {
    type Answer = {
      comparison: {
        rows: {
          unit: { code: string };
          value: number;
          previousValue: number;
          perHundredMembers: number | null;
          previousPerHundredMembers: number | null;
          members: Denominator;
          previousMembers: Denominator;
        }[];
      };
    };
    // H2 2025 against H1 2025: Phú Hưng exists from 01/07/2025 (absorbing Phú Lộc and Phú Hòa),
    // An Phú absorbed Tân Lập then.
    const data = await gql<Answer>(
      `query($root: ID!) { comparison(unitId: $root, childLevel: COMMUNE, measure: ATTENDANCE,
        period: { from: "2025-07-01", to: "2025-12-31" }, perCapita: true) {
        ... on Comparison { rows { unit { code } value previousValue perHundredMembers
          previousPerHundredMembers members ${DENOMINATOR} previousMembers ${DENOMINATOR} } } } }`,
      { root: provinceId },
    );
    const row = (code: string) => data.comparison.rows.find((r) => r.unit.code === code)!;
    const cases = [
      [DEMO.communes.phuHung, ["DEMO-PHU-LOC", "DEMO-PHU-HOA"]],
      [DEMO.communes.anPhu, [DEMO.communes.anPhu, "DEMO-TAN-LAP"]],
    ] as const;
    for (const [code, before] of cases) {
      const r = row(code);
      const now = await membersOn(code, "2025-12-31");
      let then = 0;
      for (const c of before) then += (await membersOn(c, "2025-06-30")) ?? 0;
      expect(r.members).toEqual({ on: "2025-12-31", partyMembers: now, note: null });
      expect(r.previousMembers).toEqual({ on: "2025-06-30", partyMembers: then, note: null });
      expect(r.perHundredMembers).toBeCloseTo((100 * r.value) / (now as number), 9);
      expect(r.previousPerHundredMembers).toBeCloseTo((100 * r.previousValue) / then, 9);
    }
    // Phú Hưng had no members of its own before it existed: H1 divides by its predecessors'.
    expect(await membersOn(DEMO.communes.phuHung, "2025-06-30")).toBeNull();
  });

  it("divides an overview and a trend by the members of each period, and says when there are none", async () => {
    type Overview = {
      overview: {
        members: Denominator;
        previousMembers: Denominator;
        figures: { measure: string; value: number | null; previousValue: number | null }[];
      };
    };
    const OVERVIEW = `query($id: ID!, $from: Date!, $to: Date!) { overview(unitId: $id,
      period: { from: $from, to: $to }) { ... on Overview { members ${DENOMINATOR}
      previousMembers ${DENOMINATOR} figures { measure value previousValue } } } }`;
    const y2024 = (
      await gql<Overview>(OVERVIEW, { id: anPhu.id, from: "2024-01-01", to: "2024-12-31" })
    ).overview;
    const members2024 = await membersOn(DEMO.communes.anPhu, "2024-12-31");
    expect(y2024.members.partyMembers).toBe(members2024);
    expect(y2024.previousMembers.partyMembers).toBe(
      await membersOn(DEMO.communes.anPhu, "2023-12-31"),
    );
    const ref = await plain(anPhu.dbId, "2024-01-01", "2024-12-31");
    const per100 = y2024.figures.find((f) => f.measure === "ATTENDANCE_PER_100_MEMBERS");
    expect(per100?.value).toBeCloseTo((100 * ref.attendance) / (members2024 as number), 9);

    // Phú Hưng in 2024: no membership entry yet, so no per-100 figure, and the answer says why.
    const phuHungId = await unitIdByCode(server, DEMO.communes.phuHung, token);
    const phuHung = (
      await gql<Overview>(OVERVIEW, { id: phuHungId, from: "2024-01-01", to: "2024-12-31" })
    ).overview;
    expect(phuHung.members.partyMembers).toBeNull();
    expect(phuHung.members.note).toBe(
      "Chưa có số đảng viên của Xã Phú Hưng vào ngày 31/12/2024: không tính được tỷ lệ trên 100 đảng viên.",
    );
    expect(
      phuHung.figures.find((f) => f.measure === "ATTENDANCE_PER_100_MEMBERS")?.value,
    ).toBeNull();

    // A trend by year: each year per 100 of that year's members, beside the year before.
    type Trend = {
      trend: {
        points: {
          key: string;
          value: number | null;
          previousLabel: string | null;
          previousValue: number | null;
          members: Denominator | null;
        }[];
      };
    };
    const trend = (
      await gql<Trend>(
        `query($id: ID!) { trend(unitId: $id, measure: ATTENDANCE_PER_100_MEMBERS, granularity: YEAR,
          period: { from: "2024-01-01", to: "2025-12-31" }) { ... on Trend { points { key value
          previousLabel previousValue members ${DENOMINATOR} } } } }`,
        { id: anPhu.id },
      )
    ).trend.points;
    expect(trend.map((p) => p.members?.partyMembers)).toEqual([
      members2024,
      await membersOn(DEMO.communes.anPhu, "2025-12-31"),
    ]);
    expect(trend[0]?.value).toBeCloseTo(per100?.value as number, 9);
    expect(trend[1]?.previousLabel).toBe("2024");
    expect(trend[1]?.previousValue).toBeCloseTo(trend[0]?.value as number, 9);
  });

  it("keeps the province's per-100 rate continuous across the 2025 reform, its members the sum of its communes'", async () => {
    // The pre-2025 districts hold registrations and pilot models but no attendance: members
    // counted for them until 30/06/2025 and gone after it made 2025 read +161,7 % on 2024.
    type Answer = {
      metrics: {
        period: { from: string; to: string };
        rows: { members: number | null; values: (number | null)[]; changes: (number | null)[] }[];
      };
    };
    const QUERY = `query($root: ID!, $from: Date!, $to: Date!) { metrics(input: { unitId: $root,
      measures: [ATTENDANCE_PER_100_MEMBERS], period: { from: $from, to: $to },
      derived: { change: true } }) { ... on Metrics { period { from to }
      rows { members values changes } } ... on Error { message } } }`;
    for (const year of [2023, 2024, 2025, 2026]) {
      const { metrics } = await gql<Answer>(QUERY, {
        root: provinceId,
        from: `${year}-01-01`,
        to: `${year}-12-31`,
      });
      const row = metrics.rows[0]!;
      const last = metrics.period.to;
      // Plain SQL: the province's communes existing on the last day counted, each by its history.
      const [sum] = await server.database.db.prisma.$queryRaw<{ members: number }[]>`
        SELECT COALESCE(SUM((SELECT m."partyMembers" FROM "UnitMembership" m
                 WHERE m."unitId" = u."id" AND m."effectiveOn" <= ${last}::date
                 ORDER BY m."effectiveOn" DESC LIMIT 1)), 0)::int AS "members"
        FROM "Unit" u JOIN "Unit" p ON p."id" = u."parentId" AND p."code" = ${DEMO.province}
        WHERE u."kind" = 'COMMUNE'
          AND (u."activeFrom" IS NULL OR u."activeFrom" <= ${last}::date)
          AND (u."activeUntil" IS NULL OR u."activeUntil" >= ${last}::date)`;
      expect(row.members, `members on ${last}`).toBe(sum!.members);
      // Cùng kỳ for the running year: the change of a like-for-like rate, not a reform artefact.
      const change = row.changes[0] as number;
      expect(Math.abs(change), `${year} vs ${year - 1}: ${change}`).toBeLessThan(0.35);
    }
  });

  it("uses a membership entry recorded for a past day in the periods ending on or after it", async () => {
    const before = await server.database.db.prisma.unit.findUniqueOrThrow({
      where: { id: anPhu.dbId },
    });
    const result = await gql<{ recordPartyMembership: { __typename: string } }>(
      `mutation($input: RecordPartyMembershipInput!) { recordPartyMembership(input: $input) {
        __typename ... on Error { message } } }`,
      { input: { unitId: anPhu.id, effectiveOn: "2024-07-01", partyMembers: 123 } },
    );
    expect(result.recordPartyMembership.__typename).toBe("MutationRecordPartyMembershipSuccess");
    expect((await anPhuRow("2024-07-01", "2024-12-31")).members).toBe(123);
    expect((await anPhuRow("2024-01-01", "2024-06-30")).members).not.toBe(123);
    // Today's figure comes from the 2025 entry: unchanged.
    const after = await server.database.db.prisma.unit.findUniqueOrThrow({
      where: { id: anPhu.dbId },
    });
    expect(after.partyMembers).toBe(before.partyMembers);
    const audit = await server.database.db.prisma.auditLog.findFirst({
      where: { entity: "Unit", entityId: String(anPhu.dbId), action: "recordPartyMembership" },
      orderBy: { id: "desc" },
    });
    expect(audit?.after).toMatchObject({ partyMembers: 123 });
  });

  it("refuses a bad membership entry with a typed error, writing nothing", async () => {
    const { body } = await server.graphql<{
      recordPartyMembership: { __typename: string; issues?: { path: string[] }[] };
    }>(
      `mutation($input: RecordPartyMembershipInput!) { recordPartyMembership(input: $input) {
        __typename ... on InputError { issues { path message } } } }`,
      { input: { unitId: anPhu.id, effectiveOn: "2099-01-01", partyMembers: -5 } },
      token,
    );
    expect(body.data?.recordPartyMembership.__typename).toBe("InputError");
    const paths = body.data?.recordPartyMembership.issues?.map((i) => i.path.join(".")) ?? [];
    expect(paths).toEqual(expect.arrayContaining(["input.effectiveOn", "input.partyMembers"]));
    const future = await server.database.db.prisma.unitMembership.count({
      where: { unitId: anPhu.dbId, effectiveOn: new Date("2099-01-01T00:00:00Z") },
    });
    expect(future).toBe(0);
  });
});
