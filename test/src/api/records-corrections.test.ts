// Corrections and deletions of the records a reporter writes that the first API left out: a
// commitment corrected (its figures move with it to another unit), a contribution corrected or
// deleted (its model's totals and its unit's figures follow), and every deletion retried with
// its key answering as the first did instead of "not found".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  ERROR_FIELDS,
  gid,
  prepareRecordsWorld,
  type RecordsWorld,
  signIn,
  vietnamDay,
} from "./records-fixtures";

type Payload = {
  __typename: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  entity?: string;
  data?: unknown;
};

const year = Number(vietnamDay(-1).slice(0, 4));
const THIS_YEAR = { from: `${year}-01-01`, to: `${year}-12-31` };

const TOTALS = "contributionTotals { records participants cashVnd landM2 landValueVnd totalVnd }";

/** `field(input: …)` answering its union: the success's `data { select }` or a typed error. */
const mutation = (field: string, select: string) => {
  const cap = `${field[0]?.toUpperCase()}${field.slice(1)}`;
  return `mutation($input: ${cap}Input!) {
    ${field}(input: $input) { ${ERROR_FIELDS} ... on Mutation${cap}Success { ${select} } }
  }`;
};

const OVERVIEW = `query($u: ID!, $p: PeriodInput!) {
  overview(unitId: $u, period: $p) { ... on Overview { figures { measure value } } }
}`;

describe.each(backends)("corrections and deletions on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let reporterA: string;
  let viewerA: string;
  let admin: string;
  const prisma = () => server.database.db.prisma;

  const send = async (field: string, select: string, input: object, token = reporterA) => {
    const { body } = await server.graphql<Record<string, Payload>>(
      mutation(field, select),
      { input },
      token,
    );
    expect(body.errors).toBeUndefined();
    return body.data?.[field] as Payload;
  };
  const ok = async (field: string, select: string, input: object) => {
    const payload = await send(field, select, input);
    expect(payload.__typename, JSON.stringify(payload)).toMatch(/Success$/);
    return payload.data as Record<string, unknown> & { id: string };
  };
  /**
   * One figure of a unit's overview this year, as the province's administrator (or `token`)
   * reads it. Read by the account that wrote, it shows the write at once (another account may be
   * served the previous figures for a moment while they are recomputed).
   */
  const figure = async (unitId: number, measure: string, token = admin) => {
    const { body } = await server.graphql<{
      overview: { figures: { measure: string; value: number | null }[] };
    }>(OVERVIEW, { u: gid("Unit", unitId), p: THIS_YEAR }, token);
    return body.data?.overview.figures.find((f) => f.measure === measure)?.value ?? null;
  };
  const commitment = (title: string, unitId = world.cellAId) =>
    ok("registerCommitment", "data { id }", {
      unitId: gid("Unit", unitId),
      year,
      kind: "INITIATIVE",
      title,
      registeredOn: vietnamDay(-1),
    });
  /** A model of commune A with one contribution: the model's id and the contribution's. */
  const contribution = async (figures: object) => {
    const model = await ok("registerModel", "data { id }", {
      unitId: gid("Unit", world.communeAId),
      name: "Mô hình hiến đất làm đường",
      sector: "ECONOMY",
      level: "COMMUNE",
      leadOrganisation: "FARMERS_UNION",
      startedOn: "2024-01-10",
    });
    const recorded = await ok(
      "recordModelContribution",
      "data { contributions(first: 1) { edges { node { id } } } }",
      { modelId: model.id, recordedOn: vietnamDay(-1), ...figures },
    );
    const edges = (recorded.contributions as { edges: { node: { id: string } }[] }).edges;
    return { modelId: model.id, id: edges[0]?.node.id as string };
  };

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    [reporterA, viewerA, admin] = await Promise.all([
      signIn(server, "reporter-a"),
      signIn(server, "viewer-a"),
      signIn(server, "admin"),
    ]);
  });
  afterAll(() => server?.stop());

  it("corrects a commitment into another unit: the figures leave the old unit and join the new", async () => {
    const { id } = await commitment("Đề tài chuyển đơn vị");
    const before = {
      a: await figure(world.communeAId, "COMMITMENTS_REGISTERED"),
      b: await figure(world.communeBId, "COMMITMENTS_REGISTERED"),
    };
    const admins = await server.graphql<Record<string, Payload>>(
      mutation("correctCommitment", "data { id title unit { id } }"),
      {
        input: {
          id,
          unitId: gid("Unit", world.communeBId),
          title: "Đề tài đã sửa tên",
          idempotencyKey: "correct-commitment-1",
        },
      },
      admin,
    );
    expect(admins.body.data?.correctCommitment).toMatchObject({
      __typename: "MutationCorrectCommitmentSuccess",
      data: { title: "Đề tài đã sửa tên", unit: { id: gid("Unit", world.communeBId) } },
    });
    expect(await figure(world.communeAId, "COMMITMENTS_REGISTERED")).toBe((before.a ?? 0) - 1);
    expect(await figure(world.communeBId, "COMMITMENTS_REGISTERED")).toBe((before.b ?? 0) + 1);

    const rawId = Buffer.from(id, "base64").toString().split(":")[1];
    const audit = await prisma().auditLog.findFirstOrThrow({
      where: { action: "correctCommitment", entityId: rawId },
    });
    expect(audit.before).toMatchObject({ title: "Đề tài chuyển đơn vị", unitId: world.cellAId });
    expect(audit.after).toMatchObject({ title: "Đề tài đã sửa tên", unitId: world.communeBId });
  });

  it("refuses a registration day outside the corrected year, in Vietnamese, naming the field", async () => {
    const { id } = await commitment("Đề tài sai năm");
    const payload = await send("correctCommitment", "data { id }", { id, year: year - 2 });
    expect(payload.__typename).toBe("InputError");
    expect(payload.issues).toEqual([
      {
        path: ["input", "registeredOn"],
        message: "Ngày đăng ký phải thuộc năm đăng ký (hoặc tháng 12 năm trước).",
      },
    ]);
  });

  it("refuses a viewer with a typed error in Vietnamese, writing nothing", async () => {
    const { id } = await commitment("Đề tài của người xem");
    const { id: contributionId } = await contribution({ participants: 4 });
    const audits = await prisma().auditLog.count();
    for (const [field, input] of [
      ["correctCommitment", { id, title: "Không được sửa" }],
      ["deleteCommitment", { id }],
      ["correctModelContribution", { id: contributionId, participants: 9 }],
      ["deleteModelContribution", { id: contributionId }],
    ] as const) {
      const select = field === "deleteCommitment" ? "data" : "data { id }";
      const payload = await send(field, select, input, viewerA);
      expect(payload).toMatchObject({
        __typename: "ForbiddenError",
        message: "Chỉ quản trị viên và cán bộ nhập liệu được ghi dữ liệu.",
      });
    }
    expect(await prisma().auditLog.count()).toBe(audits);
  });

  it("corrects a contribution: the model's totals and its unit's money follow, audited before and after", async () => {
    const { modelId, id } = await contribution({ cashVnd: "282000000", participants: 12 });
    const money = await figure(world.communeAId, "CONTRIBUTION_VND", reporterA);
    const corrected = await ok("correctModelContribution", `data { id ${TOTALS} }`, {
      id,
      cashVnd: "0",
      landM2: 1226,
      landValueVnd: "1051980000",
      note: "Hiến đất làm đường",
    });
    expect(corrected).toMatchObject({
      id: modelId,
      contributionTotals: {
        records: 1,
        participants: 12,
        cashVnd: 0,
        landM2: 1226,
        landValueVnd: 1_051_980_000,
        totalVnd: 1_051_980_000,
      },
    });
    expect(await figure(world.communeAId, "CONTRIBUTION_VND", reporterA)).toBe(
      (money ?? 0) - 282_000_000 + 1_051_980_000,
    );
    const audit = await prisma().auditLog.findFirstOrThrow({
      where: { action: "correctModelContribution" },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({
      entity: "Model",
      before: { contribution: { cashVnd: "282000000", landM2: 0 } },
      after: { contribution: { cashVnd: "0", landM2: 1226, note: "Hiến đất làm đường" } },
    });
  });

  it("refuses a contribution corrected to nothing, in Vietnamese", async () => {
    const { id } = await contribution({ workdays: 30 });
    const payload = await send("correctModelContribution", "data { id }", { id, workdays: 0 });
    expect(payload).toMatchObject({
      __typename: "InputError",
      issues: [{ path: ["input", "participants"] }],
    });
    expect(payload.issues?.[0]?.message).toMatch(/^Không có gì để ghi/);
  });

  it("hides another commune's contribution behind NotFoundError", async () => {
    const { id } = await contribution({ participants: 3 });
    const reporterB = await signIn(server, "reporter-b");
    const payload = await send("deleteModelContribution", "data { id }", { id }, reporterB);
    expect(payload).toMatchObject({ __typename: "NotFoundError", entity: "ModelContribution" });
  });

  it("deletes a contribution, and a retry with the same key answers the same", async () => {
    const { modelId, id } = await contribution({ cashVnd: "5000000" });
    const input = { id, idempotencyKey: "delete-contribution-1" };
    const first = await ok("deleteModelContribution", `data { id ${TOTALS} }`, input);
    expect(first).toMatchObject({ id: modelId, contributionTotals: { records: 0, totalVnd: 0 } });
    const retry = await ok("deleteModelContribution", `data { id ${TOTALS} }`, input);
    expect(retry).toEqual(first);
    // Without its key, a second deletion is about a record that is gone.
    const again = await send("deleteModelContribution", "data { id }", { id });
    expect(again).toMatchObject({ __typename: "NotFoundError", entity: "ModelContribution" });
  });

  it("answers every retried deletion with its first answer, deleting once", async () => {
    const cases: [string, () => Promise<string>][] = [
      ["deleteCommitment", async () => (await commitment("Đề tài xóa hai lần")).id],
      [
        "deleteActivity",
        async () =>
          (
            await ok("recordActivity", "data { id }", {
              unitId: gid("Unit", world.cellAId),
              kind: "CONFERENCE",
              title: "Hội nghị xóa hai lần",
              occurredOn: vietnamDay(-1),
              attendance: 20,
            })
          ).id,
      ],
      [
        "deleteAward",
        async () =>
          (
            await ok("recordAward", "data { id }", {
              unitId: gid("Unit", world.cellAId),
              recipientKind: "COLLECTIVE",
              recipientCount: 2,
              level: "COMMUNE",
              form: "COMMENDATION",
              awardedOn: vietnamDay(-1),
            })
          ).id,
      ],
      ["deleteModel", async () => (await contribution({ participants: 1 })).modelId],
    ];
    for (const [field, make] of cases) {
      const id = await make();
      const input = { id, idempotencyKey: `${field}-retried` };
      const audits = await prisma().auditLog.count({ where: { action: field } });
      expect(await send(field, "data", input)).toMatchObject({ data: id });
      expect(await send(field, "data", input), field).toMatchObject({ data: id });
      expect(await prisma().auditLog.count({ where: { action: field } })).toBe(audits + 1);
    }
  });

  it("answers a retried completion with its first answer, not 'already completed'", async () => {
    const { id } = await commitment("Đề tài hoàn thành");
    const input = { id, completedOn: vietnamDay(-1), idempotencyKey: "complete-commitment-1" };
    const first = await send("completeCommitment", "data { id status }", input);
    expect(first).toMatchObject({ data: { id, status: "COMPLETED" } });
    expect(await send("completeCommitment", "data { id status }", input)).toEqual(first);
  });
});
