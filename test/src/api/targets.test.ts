// Targets (chỉ tiêu) on both databases: set and removed by administrators of the setter's scope
// only (typed Vietnamese refusals), audited and safe to retry; the nearest setter up the tree
// wins; AT_MOST and per-sector targets; a comparison's laggard marks follow the target once one
// applies (the lowest quarter before); KPI figures carry the unit's target; open live views of
// the units a target applies to are pushed.
import type { PrismaClient } from "@d05/prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUnit } from "../../../schema/src/units/tree";
import { bearer, type LiveClient, liveClient } from "../live/helpers";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { login, prepareTree, unitGid } from "./units-fixtures";

interface Payload {
  __typename: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  data?: unknown;
}

const TARGET_FIELDS = "id measure level sector value direction yearly setByName unit { code }";
const SET = `mutation($input: SetTargetInput!) { result: setTarget(input: $input) {
  __typename ... on Error { message } ... on InputError { issues { path message } }
  ... on MutationSetTargetSuccess { data { ${TARGET_FIELDS} } } } }`;
const REMOVE = `mutation($input: RemoveTargetInput!) { result: removeTarget(input: $input) {
  __typename ... on Error { message } ... on MutationRemoveTargetSuccess { data } } }`;
const COMPARE = `query($unitId: ID!, $level: UnitKind!, $measure: Measure!, $period: PeriodInput!,
  $sector: ModelSector) {
  comparison(unitId: $unitId, childLevel: $level, measure: $measure, period: $period,
    sector: $sector) {
    __typename ... on Error { message }
    ... on Comparison { laggardRule targetBasis targetNote target { value direction }
      rows { unit { code } value quartile reported laggard underTarget
        target { value direction setterId } } } } }`;
const OVERVIEW = `query($unitId: ID!, $period: PeriodInput!) { overview(unitId: $unitId, period: $period) {
  ... on Overview { figures { measure value underTarget targetBasis target { value } } } } }`;

interface Row {
  unit: { code: string };
  value: number | null;
  quartile: number;
  reported: boolean;
  laggard: boolean;
  underTarget: boolean | null;
  target: { value: number; direction: string; setterId: string } | null;
}
interface Comparison {
  __typename: string;
  laggardRule: "UNDER_TARGET" | "BOTTOM_QUARTER";
  targetBasis: string;
  targetNote: string | null;
  target: { value: number; direction: string } | null;
  rows: Row[];
}

const YEAR_2025 = { from: "2025-01-01", to: "2025-12-31" };
const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Models (a stock) and attendance (a flow) in 2025: C1 3 economic models, C2 one of each. */
async function addFigures(prisma: PrismaClient, ids: Record<string, number>) {
  const model = async (unit: string, sector: "ECONOMY" | "CULTURE_SOCIETY", n: number) => {
    const created = await prisma.model.create({
      data: {
        unitId: ids[unit] as number,
        name: `Mô hình ${unit} ${sector} ${n}`,
        sector,
        level: "COMMUNE",
        leadOrganisation: "PARTY_COMMITTEE",
        startedOn: d("2025-02-01"),
        status: "MAINTAINED",
      },
    });
    await prisma.modelStatusChange.create({
      data: { modelId: created.id, status: "MAINTAINED", effectiveOn: d("2025-02-01") },
    });
  };
  for (const n of [1, 2, 3]) await model("C1", "ECONOMY", n);
  await model("C2", "ECONOMY", 1);
  await model("C2", "CULTURE_SOCIETY", 1);
  const activity = (unit: string, attendance: number) => ({
    unitId: ids[unit] as number,
    kind: "CONFERENCE" as const,
    title: "Hội nghị chuyên đề",
    occurredOn: d("2025-05-20"),
    sessions: 1,
    attendance,
  });
  await prisma.activity.createMany({
    data: [activity("C1", 300), activity("C2", 100), activity("C3", 50)],
  });
}

describe.each(backends)("targets on %s", (backend) => {
  let server: TestServer;
  let ids: Record<string, number>;
  const tokens: Record<string, string> = {};
  const clients: LiveClient[] = [];
  beforeAll(async () => {
    server = await startTestServer(
      backend,
      async (database) => {
        ids = await prepareTree(database.db.prisma);
        await addFigures(database.db.prisma, ids);
      },
      {
        today: () => d("2026-12-02"),
        live: { intervalMs: 100 },
        // One administrator sets targets, another reads the comparisons at once: answers are
        // recomputed before answering (an answer a write made stale may otherwise be served to
        // other accounts for 2 s; read-cache tests cover that).
        readCache: { maxStaleMs: 0 },
      },
    );
    for (const name of ["admin", "admin-p1", "reporter-c1", "viewer-p1"]) {
      tokens[name] = await login(server, name);
    }
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await server.stop();
  });

  const unit = (code: string) => unitGid(ids[code] as number);
  async function run(query: string, input: Record<string, unknown>, as: string) {
    const { body } = await server.graphql<{ result: Payload }>(query, { input }, tokens[as]);
    expect(body.errors).toBeUndefined();
    return body.data?.result as Payload;
  }
  async function compare(
    root: string,
    measure: string,
    extra: { period?: { from: string; to: string }; sector?: string; level?: string } = {},
  ) {
    const { body } = await server.graphql<{ comparison: Comparison }>(
      COMPARE,
      {
        unitId: unit(root),
        level: extra.level ?? "COMMUNE",
        measure,
        period: extra.period ?? YEAR_2025,
        sector: extra.sector,
      },
      tokens.admin,
    );
    expect(body.errors).toBeUndefined();
    const c = body.data?.comparison as Comparison;
    expect(c.__typename).toBe("Comparison");
    return c;
  }
  const rowOf = (c: Comparison, code: string) => c.rows.find((r) => r.unit.code === code) as Row;
  const target = (input: Record<string, unknown>) => ({
    unitId: unit("P1"),
    measure: "MODELS_ACTIVE",
    level: "COMMUNE",
    value: 3,
    ...input,
  });

  it("refuses targets from non-administrators and outside the administrator's scope, in Vietnamese", async () => {
    const byReporter = await run(SET, target({ unitId: unit("C1") }), "reporter-c1");
    expect(byReporter.__typename).toBe("ForbiddenError");
    expect((await run(SET, target({}), "viewer-p1")).__typename).toBe("ForbiddenError");
    // Another province's unit reads as a missing one.
    const outside = await run(SET, target({ unitId: unit("P2") }), "admin-p1");
    expect(outside.__typename).toBe("NotFoundError");
    const bad = await run(
      SET,
      target({ unitId: unit("C1"), level: "PROVINCE", sector: "ECONOMY", value: -1 }),
      "admin-p1",
    );
    expect(bad.__typename).toBe("InputError");
    expect(bad.issues?.map((i) => i.path.join("."))).toEqual(["input.value", "input.level"]);
    expect(bad.issues?.[0]?.message).toBe("Chỉ tiêu phải là một số không âm.");
    const rate = await run(
      SET,
      target({ measure: "REGISTRATION_RATE", value: 120, sector: "ECONOMY" }),
      "admin-p1",
    );
    expect(rate.issues?.map((i) => i.path.join("."))).toEqual(["input.value", "input.sector"]);
    expect(await server.database.db.prisma.target.count()).toBe(0);
  });

  it("marks the communes under a target instead of the lowest quarter once it is set, audited and retry-safe", async () => {
    const before = await compare("P1", "MODELS_ACTIVE");
    expect(before.laggardRule).toBe("BOTTOM_QUARTER");
    expect(before.target).toBeNull();
    // Two communes rank in the first and third quarters: no laggard.
    expect(before.rows.map((r) => [r.unit.code, r.value, r.quartile, r.laggard])).toEqual([
      ["C1", 3, 1, false],
      ["C2", 2, 3, false],
    ]);

    const input = target({ value: 2, idempotencyKey: "chi-tieu-mo-hinh-1" });
    const set = await run(SET, input, "admin-p1");
    expect(set.__typename).toBe("MutationSetTargetSuccess");
    expect(set.data).toMatchObject({
      measure: "MODELS_ACTIVE",
      level: "COMMUNE",
      sector: null,
      value: 2,
      direction: "AT_LEAST",
      yearly: false,
      setByName: "admin-p1",
      unit: { code: "P1" },
    });
    const at2 = await compare("P1", "MODELS_ACTIVE");
    expect(at2.laggardRule).toBe("UNDER_TARGET");
    expect(at2.target).toEqual({ value: 2, direction: "AT_LEAST" });
    expect(at2.rows.map((r) => [r.unit.code, r.underTarget, r.laggard])).toEqual([
      ["C1", false, false],
      ["C2", false, false],
    ]);
    // A retry with the key answers with the same target; the same value again writes nothing.
    const retried = await run(SET, input, "admin-p1");
    expect((retried.data as { id: string }).id).toBe((set.data as { id: string }).id);
    await run(SET, target({ value: 2 }), "admin-p1");
    const prisma = server.database.db.prisma;
    expect(await prisma.auditLog.count({ where: { entity: "Target" } })).toBe(1);

    // Raised to 3: C2 is now under it.
    const raised = await run(SET, target({ value: 3 }), "admin-p1");
    expect((raised.data as { id: string }).id).toBe((set.data as { id: string }).id);
    const at3 = await compare("P1", "MODELS_ACTIVE");
    expect(at3.rows.map((r) => [r.unit.code, r.underTarget, r.laggard])).toEqual([
      ["C1", false, false],
      ["C2", true, true],
    ]);
    const audits = await prisma.auditLog.findMany({
      where: { entity: "Target" },
      orderBy: { id: "asc" },
    });
    expect(audits.map((a) => a.action)).toEqual(["setTarget", "setTarget"]);
    expect(audits[1]?.before).toMatchObject({ value: 2 });
    expect(audits[1]?.after).toMatchObject({ value: 3 });

    // The commune's KPI card carries it.
    const { body } = await server.graphql<{
      overview: {
        figures: {
          measure: string;
          value: number;
          underTarget: boolean | null;
          target: { value: number } | null;
        }[];
      };
    }>(OVERVIEW, { unitId: unit("C2"), period: YEAR_2025 }, tokens["reporter-c1"] ?? "");
    // The reporter of C1 cannot see C2; the province's viewer can.
    expect(body.data?.overview.figures).toBeUndefined();
    const seen = await server.graphql<{
      overview: {
        figures: {
          measure: string;
          value: number;
          underTarget: boolean | null;
          target: { value: number } | null;
        }[];
      };
    }>(OVERVIEW, { unitId: unit("C2"), period: YEAR_2025 }, tokens["viewer-p1"]);
    const models = seen.body.data?.overview.figures.find((f) => f.measure === "MODELS_ACTIVE");
    expect(models).toMatchObject({ value: 2, underTarget: true, target: { value: 3 } });
  });

  it("lets the nearest setter up the tree win", async () => {
    // The centre asks 1 model of every commune; the province asked 3 of its own.
    const centre = await run(SET, target({ unitId: unit("TW"), value: 1 }), "admin");
    expect(centre.__typename).toBe("MutationSetTargetSuccess");
    const national = await compare("TW", "MODELS_ACTIVE");
    expect(national.laggardRule).toBe("UNDER_TARGET");
    // The rows' targets differ: no single reference line.
    expect(national.target).toBeNull();
    expect(national.rows.map((r) => [r.unit.code, r.target?.value, r.target?.setterId])).toEqual([
      ["C1", 3, unit("P1")],
      ["C2", 3, unit("P1")],
      ["C3", 1, unit("TW")],
    ]);
    // C3 reported no model: it has no figure to meet its target with.
    expect(rowOf(national, "C3")).toMatchObject({
      reported: false,
      underTarget: null,
      laggard: true,
    });
    // A commune's own target overrides its province's.
    await run(SET, target({ unitId: unit("C1"), value: 4 }), "admin-p1");
    const c1 = rowOf(await compare("P1", "MODELS_ACTIVE"), "C1");
    expect(c1.target).toMatchObject({ value: 4, setterId: unit("C1") });
    expect(c1).toMatchObject({ underTarget: true, laggard: true });
  });

  it("compares a ceiling (AT_MOST) and a flow's yearly target over one calendar year only", async () => {
    const set = await run(
      SET,
      target({ measure: "ATTENDANCE", value: 150, direction: "AT_MOST" }),
      "admin-p1",
    );
    expect(set.data).toMatchObject({ direction: "AT_MOST", yearly: true });
    const year = await compare("P1", "ATTENDANCE");
    expect(year.targetBasis).toBe("YEAR");
    expect(year.targetNote).toBeNull();
    expect(year.rows.map((r) => [r.unit.code, r.value, r.underTarget, r.laggard])).toEqual([
      ["C1", 300, true, true],
      ["C2", 100, false, false],
    ]);
    // A quarter of a flow has no yearly target: no pro-rating, the lowest quarter again.
    const quarter = await compare("P1", "ATTENDANCE", {
      period: { from: "2025-04-01", to: "2025-06-30" },
    });
    expect(quarter.targetBasis).toBe("NOT_A_YEAR");
    expect(quarter.laggardRule).toBe("BOTTOM_QUARTER");
    expect(quarter.targetNote).toMatch(/chỉ tiêu năm/);
    // The running year: its days so far against the whole year's target, and the answer says so.
    const running = await compare("P1", "ATTENDANCE", {
      period: { from: "2026-01-01", to: "2026-12-31" },
    });
    expect(running.targetBasis).toBe("YEAR_TO_DATE");
    expect(running.laggardRule).toBe("UNDER_TARGET");
    expect(running.targetNote).toBe(
      "Năm chưa kết thúc: số liệu từ đầu năm đến nay được so với chỉ tiêu cả năm.",
    );
  });

  it("applies a per-sector target to that sector's figures only", async () => {
    await run(SET, target({ sector: "ECONOMY", value: 2 }), "admin-p1");
    const economy = await compare("P1", "MODELS_ACTIVE", { sector: "ECONOMY" });
    expect(economy.laggardRule).toBe("UNDER_TARGET");
    expect(economy.rows.map((r) => [r.unit.code, r.value, r.underTarget])).toEqual([
      ["C1", 3, false],
      ["C2", 1, true],
    ]);
    // No target for culture: the lowest quarter; the whole measure keeps its own target.
    expect((await compare("P1", "MODELS_ACTIVE", { sector: "CULTURE_SOCIETY" })).laggardRule).toBe(
      "BOTTOM_QUARTER",
    );
    expect(rowOf(await compare("P1", "MODELS_ACTIVE"), "C2").target?.value).toBe(3);
    // A sector only narrows model measures.
    const { body } = await server.graphql<{ comparison: Payload }>(
      COMPARE,
      {
        unitId: unit("P1"),
        level: "COMMUNE",
        measure: "ATTENDANCE",
        period: YEAR_2025,
        sector: "ECONOMY",
      },
      tokens.admin,
    );
    expect(body.data?.comparison.__typename).toBe("InputError");
  });

  it("gives a province's KPI card the sum of its communes' targets for a count, the shared one for a rate, and its own when set", async () => {
    const OVERVIEW_COMBINED = `query($unitId: ID!, $period: PeriodInput!) {
      overview(unitId: $unitId, period: $period) { ... on Overview { figures { measure value
        underTarget target { value } combinedTarget { value direction rule level units } } } } }`;
    interface Figure {
      measure: string;
      value: number | null;
      underTarget: boolean | null;
      target: { value: number } | null;
      combinedTarget: {
        value: number;
        direction: string;
        rule: string;
        level: string;
        units: number;
      } | null;
    }
    const card = async (code: string, measure: string) => {
      const { body } = await server.graphql<{ overview: { figures: Figure[] } }>(
        OVERVIEW_COMBINED,
        { unitId: unit(code), period: YEAR_2025 },
        tokens.admin,
      );
      expect(body.errors).toBeUndefined();
      return body.data?.overview.figures.find((f) => f.measure === measure) as Figure;
    };
    // A commune merged into C2 mid-2025 is not one of the province's communes on the period's
    // last day: its target (the province's for every commune) is not added.
    const prisma = server.database.db.prisma;
    const gone = await prisma.$transaction((tx) =>
      insertUnit(tx, { parentId: ids.P1 ?? null, code: "C-OLD", name: "Xã Cũ", kind: "COMMUNE" }),
    );
    await prisma.unit.update({
      where: { id: gone.id },
      data: { activeUntil: d("2025-06-30"), successorId: ids.C2 ?? null },
    });
    // Sessions (a count): C1 and C2 held one each, the province's figure is their sum, 2.
    await run(
      SET,
      target({ measure: "SESSIONS", value: 2, idempotencyKey: "buoi-xa" }),
      "admin-p1",
    );
    await run(SET, target({ unitId: unit("C1"), measure: "SESSIONS", value: 3 }), "admin-p1");
    const sessions = await card("P1", "SESSIONS");
    expect(sessions).toMatchObject({
      value: 2,
      target: null,
      combinedTarget: { value: 5, direction: "AT_LEAST", rule: "SUM", level: "COMMUNE", units: 2 },
      underTarget: true,
    });
    // The registration rate (a percentage): the communes' common rate, never a sum.
    await run(SET, target({ measure: "REGISTRATION_RATE", value: 100 }), "admin-p1");
    expect((await card("P1", "REGISTRATION_RATE")).combinedTarget).toEqual({
      value: 100,
      direction: "AT_LEAST",
      rule: "SHARED",
      level: "COMMUNE",
      units: 2,
    });
    // Rates that differ have no common value: no target on the province's card.
    await run(
      SET,
      target({ unitId: unit("C2"), measure: "REGISTRATION_RATE", value: 80 }),
      "admin-p1",
    );
    expect((await card("P1", "REGISTRATION_RATE")).combinedTarget).toBeNull();
    // The centre's card: each commune's nearest target, added up (C1 its own 4, C2 its
    // province's 3, C3 the centre's 1); for sessions C3 has none, so the centre has no sum.
    expect((await card("TW", "MODELS_ACTIVE")).combinedTarget).toMatchObject({
      value: 8,
      rule: "SUM",
      units: 3,
    });
    expect((await card("TW", "SESSIONS")).combinedTarget).toBeNull();
    // A target set for the province's own level wins over its communes' sum.
    await run(
      SET,
      target({ measure: "SESSIONS", level: "PROVINCE", value: 4, idempotencyKey: "buoi-tinh" }),
      "admin-p1",
    );
    expect(await card("P1", "SESSIONS")).toMatchObject({
      target: { value: 4 },
      combinedTarget: null,
      underTarget: true,
    });
  });

  it("pushes to the live views of a commune under the setter, and removes a target once", async () => {
    const client = liveClient(server.url, bearer(tokens["viewer-p1"] as string));
    clients.push(client);
    const sub = client.subscribe<{
      liveFigures: { kind: string; reason: { entity: string } | null };
    }>(`subscription($unitId: ID!) { liveFigures(unitId: $unitId) { kind reason { entity } } }`, {
      unitId: unit("C2"),
    });
    expect((await sub.data.nth(0)).liveFigures.kind).toBe("INITIAL");

    const listed = await server.graphql<{
      targets: {
        edges: {
          node: { id: string; measure: string; sector: string | null; unit: { code: string } };
        }[];
      };
    }>(
      `query($filter: TargetFilter) { targets(filter: $filter, first: 50) { edges { node { ${TARGET_FIELDS} } } } }`,
      { filter: { unitId: unit("C2"), measure: "MODELS_ACTIVE" } },
      tokens["viewer-p1"],
    );
    const nodes = listed.body.data?.targets.edges.map((e) => e.node) ?? [];
    // The centre's, the province's (whole and economic); not C1's, which does not bear on C2.
    expect(nodes.map((n) => `${n.unit.code}:${n.sector ?? "-"}`).sort()).toEqual([
      "P1:-",
      "P1:ECONOMY",
      "TW:-",
    ]);
    const provinceTarget = nodes.find((n) => n.unit.code === "P1" && !n.sector) as { id: string };

    const removed = await run(
      REMOVE,
      { id: provinceTarget.id, idempotencyKey: "bo-1" },
      "admin-p1",
    );
    expect(removed).toEqual({ __typename: "MutationRemoveTargetSuccess", data: provinceTarget.id });
    const push = await sub.data.waitFor((p) => p.liveFigures.kind === "CHANGE");
    expect(push.liveFigures.reason).toEqual({ entity: "TARGET" });
    // Retried with its key: the same answer; without: it is gone.
    expect(
      await run(REMOVE, { id: provinceTarget.id, idempotencyKey: "bo-1" }, "admin-p1"),
    ).toEqual(removed);
    expect((await run(REMOVE, { id: provinceTarget.id }, "admin-p1")).__typename).toBe(
      "NotFoundError",
    );
    // The centre's target is outside the province administrator's reach.
    const centre = nodes.find((n) => n.unit.code === "TW") as { id: string };
    expect((await run(REMOVE, { id: centre.id }, "admin-p1")).__typename).toBe("NotFoundError");
    // C2 now falls under the centre's target of 1, which it meets.
    const after = rowOf(await compare("P1", "MODELS_ACTIVE"), "C2");
    expect(after.target?.value).toBe(1);
    expect(after.laggard).toBe(false);
  });
});
