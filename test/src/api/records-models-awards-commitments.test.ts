import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import {
  ERROR_FIELDS,
  futureVietnamDay,
  gid,
  prepareRecordsWorld,
  type RecordsWorld,
  signIn,
  vietnamDay,
} from "./records-fixtures";

type Payload = {
  __typename: string;
  issues?: { path: string[]; message: string }[];
  entity?: string;
  data?: Record<string, unknown> & { id: string };
};

const MODEL_FIELDS =
  "id name status startedOn statusHistory { status effectiveOn } contributionTotals { records participants landM2 landValueVnd cashVnd inKindVnd workdays totalVnd }";

const mutation = (name: string, input: string, fields: string) => `mutation($input: ${input}!) {
  ${name}(input: $input) { ${ERROR_FIELDS} ... on Mutation${name[0]?.toUpperCase()}${name.slice(1)}Success { data { ${fields} } } }
}`;

const REGISTER_MODEL = mutation("registerModel", "RegisterModelInput", MODEL_FIELDS);
const CHANGE_STATUS = mutation("changeModelStatus", "ChangeModelStatusInput", MODEL_FIELDS);
const CONTRIBUTE = mutation(
  "recordModelContribution",
  "RecordModelContributionInput",
  MODEL_FIELDS,
);
const RECORD_AWARD = mutation(
  "recordAward",
  "RecordAwardInput",
  "id recipientKind recipientName recipientCount level form awardedOn model { id } theme { year }",
);
const REGISTER_COMMITMENT = mutation(
  "registerCommitment",
  "RegisterCommitmentInput",
  "id year kind title status registeredOn",
);
const COMPLETE_COMMITMENT = mutation(
  "completeCommitment",
  "CompleteCommitmentInput",
  "id status completedOn replicatedOn",
);

describe.each(backends)("models, awards and commitments on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let reporterA: string;
  let reporterB: string;
  let viewerA: string;
  const prisma = () => server.database.db.prisma;

  const send = async (query: string, input: Record<string, unknown>, token = reporterA) => {
    const { body } = await server.graphql<Record<string, Payload>>(query, { input }, token);
    expect(body.errors).toBeUndefined();
    return Object.values(body.data ?? {})[0] as Payload;
  };
  const model = (overrides: Record<string, unknown> = {}) => ({
    unitId: gid("Unit", world.communeAId),
    name: "Mô hình Dân vận khéo: đường hoa nông thôn mới",
    sector: "CULTURE_SOCIETY",
    level: "DISTRICT",
    programme: "Dân vận khéo",
    leadOrganisation: "WOMEN_UNION",
    startedOn: "2024-02-01",
    ...overrides,
  });
  const award = (overrides: Record<string, unknown> = {}) => ({
    unitId: gid("Unit", world.communeAId),
    recipientKind: "COLLECTIVE",
    recipientCount: 7,
    level: "PROVINCE",
    form: "CERTIFICATE_OF_MERIT",
    issuer: "UBND tỉnh",
    awardedOn: "2025-05-19",
    ...overrides,
  });
  const counts = async () => ({
    models: await prisma().model.count(),
    changes: await prisma().modelStatusChange.count(),
    contributions: await prisma().modelContribution.count(),
    awards: await prisma().award.count(),
    commitments: await prisma().commitment.count(),
  });

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    [reporterA, reporterB, viewerA] = await Promise.all([
      signIn(server, "reporter-a"),
      signIn(server, "reporter-b"),
      signIn(server, "viewer-a"),
    ]);
  });
  afterAll(() => server?.stop());

  it("registers a model with the first step of its lifecycle, audited", async () => {
    const payload = await send(REGISTER_MODEL, model());
    expect(payload).toMatchObject({
      __typename: "MutationRegisterModelSuccess",
      data: {
        status: "REGISTERED",
        statusHistory: [{ status: "REGISTERED", effectiveOn: "2024-02-01" }],
        contributionTotals: { records: 0, totalVnd: 0 },
      },
    });
    const id = Buffer.from(payload.data?.id ?? "", "base64")
      .toString()
      .split(":")[1];
    expect(
      await prisma().auditLog.count({
        where: { entity: "Model", entityId: id, action: "registerModel" },
      }),
    ).toBe(1);
  });

  it("moves a model through its lifecycle, the current status following the latest day", async () => {
    const created = await send(REGISTER_MODEL, model({ name: "Vòng đời" }));
    const modelId = created.data?.id;
    const maintained = await send(CHANGE_STATUS, {
      modelId,
      status: "MAINTAINED",
      effectiveOn: "2024-06-01",
    });
    expect(maintained.data?.status).toBe("MAINTAINED");
    // Back-dated entry: the history is ordered by day, the current status stays the latest day's.
    const stopped = await send(CHANGE_STATUS, {
      modelId,
      status: "DISCONTINUED",
      effectiveOn: "2025-01-01",
    });
    expect(stopped.data?.status).toBe("DISCONTINUED");
    const jump = await send(CHANGE_STATUS, {
      modelId,
      status: "REPLICATED",
      effectiveOn: "2025-02-01",
    });
    expect(jump.__typename).toBe("InputError");
    expect(jump.issues?.[0]?.path).toEqual(["input", "status"]);
    const revived = await send(CHANGE_STATUS, {
      modelId,
      status: "MAINTAINED",
      effectiveOn: "2025-03-01",
      note: "Khôi phục",
    });
    expect(revived.data).toMatchObject({
      status: "MAINTAINED",
      statusHistory: [
        { status: "REGISTERED" },
        { status: "MAINTAINED", effectiveOn: "2024-06-01" },
        { status: "DISCONTINUED", effectiveOn: "2025-01-01" },
        { status: "MAINTAINED", effectiveOn: "2025-03-01" },
      ],
    });
  });

  it.each([
    ["before the model started", { effectiveOn: "2024-01-31" }, ["input", "effectiveOn"]],
    ["in the future", { effectiveOn: futureVietnamDay() }, ["input", "effectiveOn"]],
    ["back to REGISTERED", { status: "REGISTERED" }, ["input", "status"]],
  ])("refuses a status change %s, writing nothing", async (_label, bad, path) => {
    const created = await send(REGISTER_MODEL, model({ name: "Đổi sai" }));
    const before = await counts();
    const payload = await send(CHANGE_STATUS, {
      modelId: created.data?.id,
      status: "MAINTAINED",
      effectiveOn: "2024-06-01",
      ...bad,
    });
    expect(payload.__typename).toBe("InputError");
    expect(payload.issues?.map((i) => i.path)).toContainEqual(path);
    expect(await counts()).toEqual(before);
  });

  it("records land, its value, cash, in kind and workdays apart, the total their exact sum", async () => {
    const created = await send(REGISTER_MODEL, model({ name: "Góp tiền" }));
    const modelId = created.data?.id;
    // Long Bình's report: 1.226 m² worth 1.051.980.000 đ, 282.000.000 đ cash.
    await send(CONTRIBUTE, {
      modelId,
      recordedOn: "2024-05-01",
      participants: 120,
      landM2: 1226,
      landValueVnd: "1051980000",
      cashVnd: 282_000_000,
      workdays: 300,
    });
    const second = await send(CONTRIBUTE, {
      modelId,
      recordedOn: "2024-07-01",
      cashVnd: 1,
      inKindVnd: "4500000",
      workdays: 5,
    });
    expect(second.data?.contributionTotals).toEqual({
      records: 2,
      participants: 120,
      landM2: 1226,
      landValueVnd: 1_051_980_000,
      cashVnd: 282_000_001,
      inKindVnd: 4_500_000,
      workdays: 305,
      totalVnd: 1_338_480_001,
    });
    const rows = await prisma().modelContribution.findMany({
      where: { model: { name: "Góp tiền" } },
      orderBy: { recordedOn: "asc" },
    });
    expect(rows.map((r) => [r.landM2, r.landValueVnd, r.cashVnd, r.inKindVnd])).toEqual([
      [1226, 1_051_980_000n, 282_000_000n, 0n],
      [0, 0n, 1n, 4_500_000n],
    ]);
  });

  it.each([
    ["negative land", { landM2: -5 }, "landM2", "Không được nhỏ hơn 0."],
    ["a fraction of a workday", { workdays: 1.5 }, "workdays", "Phải là số nguyên."],
    ["a fraction of a m²", { landM2: 12.5 }, "landM2", "Phải là số nguyên."],
    ["negative in-kind value", { inKindVnd: -1 }, "inKindVnd", "Không được nhỏ hơn 0."],
    [
      "nothing to record",
      { cashVnd: 0, landValueVnd: 0 },
      "participants",
      "Không có gì để ghi: cần ít nhất một số liệu lớn hơn 0 (người tham gia, đất, tiền, hiện vật hoặc ngày công).",
    ],
  ])(
    "refuses %s with a typed Vietnamese error naming the field, writing nothing",
    async (_l, bad, field, message) => {
      const created = await send(REGISTER_MODEL, model({ name: `Sai ${field}` }));
      const before = await counts();
      const payload = await send(CONTRIBUTE, {
        modelId: created.data?.id,
        recordedOn: "2024-05-01",
        cashVnd: 1_000_000,
        ...bad,
      });
      expect(payload.__typename).toBe("InputError");
      expect(payload.issues).toContainEqual({ path: ["input", field], message });
      expect(await counts()).toEqual(before);
    },
  );

  it.each([
    ["a negative participant count", { participants: -1 }, ["input", "participants"]],
    ["money above 10^15 đồng", { cashVnd: "1000000000000001" }, ["input", "cashVnd"]],
    ["negative money", { landValueVnd: -5 }, ["input", "landValueVnd"]],
    ["a future date", { recordedOn: vietnamDay(3) }, ["input", "recordedOn"]],
    ["a date before the model started", { recordedOn: "2023-12-31" }, ["input", "recordedOn"]],
    ["nothing at all", { participants: 0, cashVnd: 0 }, ["input", "participants"]],
    [
      "an activity id where a model id belongs",
      { modelId: gid("Activity", 1) },
      ["input", "modelId"],
    ],
  ])("refuses a contribution with %s, writing nothing", async (_label, bad, path) => {
    const created = await send(REGISTER_MODEL, model({ name: "Góp sai" }));
    const before = await counts();
    const payload = await send(CONTRIBUTE, {
      modelId: created.data?.id,
      recordedOn: "2024-05-01",
      participants: 3,
      ...bad,
    });
    expect(payload.__typename).toBe("InputError");
    expect(payload.issues?.map((i) => i.path)).toContainEqual(path);
    expect(await counts()).toEqual(before);
  });

  it("rejects money with decimals at the GraphQL layer, naming the field, writing nothing", async () => {
    const created = await send(REGISTER_MODEL, model({ name: "Lẻ đồng" }));
    const before = await counts();
    const { body } = await server.graphql(
      CONTRIBUTE,
      { input: { modelId: created.data?.id, recordedOn: "2024-05-01", cashVnd: 1500.5 } },
      reporterA,
    );
    expect(body.data).toBeUndefined();
    // graphql-js names the field ("input.cashVnd"); the server currently masks scalar parse
    // errors as "Unexpected error." (reported), so only the refusal itself is asserted here.
    expect(body.errors).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it("hides another commune's model behind NotFoundError, and refuses a viewer", async () => {
    const theirs = await send(
      REGISTER_MODEL,
      model({ unitId: gid("Unit", world.communeBId), name: "Của xã B" }),
      reporterB,
    );
    const before = await counts();
    const foreign = await send(CONTRIBUTE, {
      modelId: theirs.data?.id,
      recordedOn: "2024-05-01",
      participants: 3,
    });
    expect(foreign).toMatchObject({ __typename: "NotFoundError", entity: "Model" });
    const outOfScope = await send(REGISTER_MODEL, model({ unitId: gid("Unit", world.communeBId) }));
    expect(outOfScope).toMatchObject({ __typename: "NotFoundError", entity: "Unit" });
    expect((await send(REGISTER_MODEL, model(), viewerA)).__typename).toBe("ForbiddenError");
    expect(await counts()).toEqual(before);
  });

  it("registers a model once when retried with the same idempotency key", async () => {
    const before = await counts();
    const input = model({ name: "Gửi lại", idempotencyKey: "model-retry-1" });
    const first = await send(REGISTER_MODEL, input);
    const second = await send(REGISTER_MODEL, input);
    expect(second.data?.id).toBe(first.data?.id);
    expect((await counts()).models).toBe(before.models + 1);
    expect((await counts()).changes).toBe(before.changes + 1);
  });

  it("records an award tied to a theme and a model of its unit, audited", async () => {
    const m = await send(
      REGISTER_MODEL,
      model({ unitId: gid("Unit", world.cellAId), name: "Của chi bộ" }),
    );
    const payload = await send(
      RECORD_AWARD,
      award({ themeId: gid("Theme", world.themeId), modelId: m.data?.id }),
    );
    expect(payload).toMatchObject({
      __typename: "MutationRecordAwardSuccess",
      data: {
        recipientCount: 7,
        form: "CERTIFICATE_OF_MERIT",
        model: { id: m.data?.id },
        theme: { year: 2025 },
      },
    });
    expect(
      await prisma().auditLog.count({ where: { entity: "Award", action: "recordAward" } }),
    ).toBe(1);
  });

  it.each([
    [
      "a named individual counted twice",
      { recipientKind: "INDIVIDUAL", recipientName: "Nguyễn Văn A", recipientCount: 2 },
      ["input", "recipientCount"],
    ],
    ["zero recipients", { recipientCount: 0 }, ["input", "recipientCount"]],
    ["more than 10,000 recipients", { recipientCount: 10_001 }, ["input", "recipientCount"]],
    ["a future award day", { awardedOn: futureVietnamDay() }, ["input", "awardedOn"]],
    ["a reason longer than 2,000 characters", { reason: "x".repeat(2001) }, ["input", "reason"]],
    ["a unit id where a theme id belongs", { themeId: gid("Unit", 1) }, ["input", "themeId"]],
  ])("refuses an award with %s, writing nothing", async (_label, bad, path) => {
    const before = await counts();
    const payload = await send(RECORD_AWARD, award(bad));
    expect(payload.__typename).toBe("InputError");
    expect(payload.issues?.map((i) => i.path)).toContainEqual(path);
    expect(await counts()).toEqual(before);
  });

  it("refuses an award tied to a model outside the reporter's scope or outside its unit", async () => {
    const theirs = await send(
      REGISTER_MODEL,
      model({ unitId: gid("Unit", world.communeBId), name: "Mô hình B" }),
      reporterB,
    );
    const communeModel = await send(REGISTER_MODEL, model({ name: "Của xã A" }));
    const before = await counts();
    const foreign = await send(RECORD_AWARD, award({ modelId: theirs.data?.id }));
    expect(foreign).toMatchObject({ __typename: "NotFoundError", entity: "Model" });
    const above = await send(
      RECORD_AWARD,
      award({ unitId: gid("Unit", world.cellAId), modelId: communeModel.data?.id }),
    );
    expect(above.issues?.[0]?.path).toEqual(["input", "modelId"]);
    expect(await counts()).toEqual(before);
  });

  it("lists awards by filter and only inside the caller's subtree", async () => {
    await send(
      RECORD_AWARD,
      award({
        recipientKind: "INDIVIDUAL",
        recipientName: "Trần Thị Bình",
        recipientCount: 1,
        form: "EXEMPLARY",
        level: "COMMUNE",
      }),
    );
    await send(
      RECORD_AWARD,
      award({ unitId: gid("Unit", world.communeBId), recipientName: "Xã B" }),
      reporterB,
    );
    const { body } = await server.graphql<{
      awards: { totalCount: number; edges: { node: { recipientName: string } }[] };
      all: { totalCount: number };
    }>(
      `{ awards(filter: { form: EXEMPLARY, recipientKind: INDIVIDUAL, search: "bình" }) { totalCount edges { node { recipientName } } }
         all: awards(filter: { search: "Xã B" }) { totalCount } }`,
      {},
      reporterA,
    );
    expect(body.data?.awards).toEqual({
      totalCount: 1,
      edges: [{ node: { recipientName: "Trần Thị Bình" } }],
    });
    expect(body.data?.all.totalCount).toBe(0);
  });

  it("registers a commitment, completes it, then marks it replicated", async () => {
    const year = Number(vietnamDay(0).slice(0, 4)) - 1;
    const created = await send(REGISTER_COMMITMENT, {
      unitId: gid("Unit", world.cellAId),
      year,
      kind: "INITIATIVE",
      title: "Đề tài: chi bộ bốn tốt",
      registeredOn: `${year}-02-01`,
    });
    expect(created.data).toMatchObject({ status: "REGISTERED", year, kind: "INITIATIVE" });
    const id = created.data?.id;
    const early = await send(COMPLETE_COMMITMENT, { id, completedOn: `${year}-01-15` });
    expect(early.issues?.[0]?.path).toEqual(["input", "completedOn"]);
    const done = await send(COMPLETE_COMMITMENT, { id, completedOn: `${year}-11-30` });
    expect(done.data).toMatchObject({
      status: "COMPLETED",
      completedOn: `${year}-11-30`,
      replicatedOn: null,
    });
    const again = await send(COMPLETE_COMMITMENT, { id, completedOn: `${year}-12-01` });
    expect(again.__typename).toBe("InputError");
    const replicated = await send(COMPLETE_COMMITMENT, {
      id,
      completedOn: `${year}-12-20`,
      replicated: true,
    });
    expect(replicated.data).toMatchObject({
      status: "REPLICATED",
      completedOn: `${year}-11-30`,
      replicatedOn: `${year}-12-20`,
    });
    expect(await prisma().auditLog.count({ where: { entity: "Commitment" } })).toBe(3);
  });

  it.each([
    ["a future year", { year: Number(vietnamDay(0).slice(0, 4)) + 1 }, ["input", "year"]],
    ["a year before 1990", { year: 1989, registeredOn: "1990-01-05" }, ["input", "year"]],
    [
      "a registration day outside the year",
      { registeredOn: "2020-06-01" },
      ["input", "registeredOn"],
    ],
    ["an empty title", { title: " " }, ["input", "title"]],
  ])("refuses a commitment with %s, writing nothing", async (_label, bad, path) => {
    const before = await counts();
    const payload = await send(REGISTER_COMMITMENT, {
      unitId: gid("Unit", world.communeAId),
      year: 2024,
      kind: "PLEDGE",
      title: "Cam kết",
      registeredOn: "2024-01-10",
      ...bad,
    });
    expect(payload.__typename).toBe("InputError");
    expect(payload.issues?.map((i) => i.path)).toContainEqual(path);
    expect(await counts()).toEqual(before);
  });

  it("keeps commitments of another commune out of reach", async () => {
    const theirs = await send(
      REGISTER_COMMITMENT,
      {
        unitId: gid("Unit", world.communeBId),
        year: 2024,
        kind: "PLEDGE",
        title: "Của B",
        registeredOn: "2024-01-10",
      },
      reporterB,
    );
    const payload = await send(COMPLETE_COMMITMENT, {
      id: theirs.data?.id,
      completedOn: "2024-06-01",
    });
    expect(payload).toMatchObject({ __typename: "NotFoundError", entity: "Commitment" });
    const { body } = await server.graphql<{ commitments: { totalCount: number } }>(
      `query($u: ID) { commitments(filter: { underUnitId: $u, year: 2024 }) { totalCount } }`,
      { u: gid("Unit", world.communeBId) },
      reporterA,
    );
    expect(body.data?.commitments.totalCount).toBe(0);
  });

  it("lists the annual themes", async () => {
    const { body } = await server.graphql<{ themes: { year: number; title: string }[] }>(
      "{ themes { year title } }",
      {},
      viewerA,
    );
    expect(body.data?.themes).toEqual([{ year: 2025, title: "Chuyên đề năm 2025" }]);
  });
});
