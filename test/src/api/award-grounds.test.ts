// An award's emulation year (năm thi đua) and ground (căn cứ khen thưởng): set by the API and by
// imports (Vietnamese headers and values), defaulted by one rule when left out, and what the
// analytics count by (a decision of January 2025 for 2024 counts in 2024).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { gid, prepareRecordsWorld, type RecordsWorld, signIn } from "./records-fixtures";

const RECORD = /* GraphQL */ `
  mutation($input: RecordAwardInput!) { recordAward(input: $input) {
    __typename
    ... on MutationRecordAwardSuccess { data { id emulationYear ground } }
    ... on InputError { issues { path message } }
  } }`;
const CORRECT = /* GraphQL */ `
  mutation($input: CorrectAwardInput!) { correctAward(input: $input) {
    __typename
    ... on MutationCorrectAwardSuccess { data { id emulationYear ground } }
  } }`;
const METRICS = /* GraphQL */ `
  query($input: MetricsInput!) { metrics(input: $input) {
    __typename ... on Metrics { rows { keys { key } values } } ... on Error { message } } }`;
const IMPORT = /* GraphQL */ `
  mutation($input: ImportRecordsInput!) { importRecords(input: $input) {
    __typename
    ... on MutationImportRecordsSuccess { data { ok created errors { row column message } columns { header field } } }
  } }`;

type Award = { id: string; emulationYear: number; ground: string };

describe.each(backends)("award emulation years and grounds on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let token: string;

  const gql = async <T>(query: string, variables: Record<string, unknown>) => {
    const { status, body } = await server.graphql<T>(query, variables, token);
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data as T;
  };
  const record = async (input: Record<string, unknown>) => {
    const data = await gql<{ recordAward: { __typename: string; data?: Award } }>(RECORD, {
      input: {
        unitId: gid("Unit", world.communeAId),
        recipientKind: "COLLECTIVE",
        recipientCount: 3,
        level: "COMMUNE",
        form: "COMMENDATION",
        ...input,
      },
    });
    return data.recordAward;
  };
  const awardsByGround = async (from: string, to: string, awardDating?: string) => {
    const data = await gql<{
      metrics: { rows: { keys: { key: string }[]; values: (number | null)[] }[] };
    }>(METRICS, {
      input: {
        unitId: gid("Unit", world.communeAId),
        measures: ["AWARDS"],
        dimensions: ["AWARD_GROUND"],
        period: { from, to },
        filters: awardDating ? { awardDating } : null,
      },
    });
    // Every ground is a row; those without an award are not reported (null), left out here.
    return Object.fromEntries(
      data.metrics.rows
        .filter((r) => r.values[0] !== null)
        .map((r) => [r.keys[0]?.key, r.values[0]]),
    );
  };

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      world = await prepareRecordsWorld(database);
    });
    token = await signIn(server, "reporter-a");
  });
  afterAll(() => server?.stop());

  it("records the year and ground given, defaults them by the theme, and corrects them", async () => {
    const explicit = await record({
      awardedOn: "2025-01-20",
      emulationYear: 2024,
      ground: "EMULATION_TARGETS",
      reason: "Chỉ tiêu thi đua năm 2024",
    });
    expect(explicit.__typename).toBe("MutationRecordAwardSuccess");
    expect(explicit.data).toMatchObject({ emulationYear: 2024, ground: "EMULATION_TARGETS" });
    // Tied to the 2025 theme: 2025, the year's theme.
    const themed = await record({ awardedOn: "2025-03-02", themeId: gid("Theme", world.themeId) });
    expect(themed.data).toMatchObject({ emulationYear: 2025, ground: "YEAR_THEME" });
    const plain = await record({ awardedOn: "2025-02-02" });
    expect(plain.data).toMatchObject({ emulationYear: 2025, ground: "OTHER" });

    // Counted in the year they honour: the January 2025 decision is 2024's.
    expect(await awardsByGround("2024-01-01", "2024-12-31")).toEqual({ EMULATION_TARGETS: 3 });
    expect(await awardsByGround("2025-01-01", "2025-12-31")).toEqual({ YEAR_THEME: 3, OTHER: 3 });
    expect(await awardsByGround("2025-01-01", "2025-12-31", "DECISION_DATE")).toEqual({
      EMULATION_TARGETS: 3,
      YEAR_THEME: 3,
      OTHER: 3,
    });

    const corrected = await gql<{ correctAward: { data: Award } }>(CORRECT, {
      input: { id: plain.data?.id, emulationYear: 2024, ground: "MODEL_PROGRAMME" },
    });
    expect(corrected.correctAward.data).toMatchObject({
      emulationYear: 2024,
      ground: "MODEL_PROGRAMME",
    });
    expect(await awardsByGround("2024-01-01", "2024-12-31")).toEqual({
      EMULATION_TARGETS: 3,
      MODEL_PROGRAMME: 3,
    });
  });

  it("refuses an emulation year out of range, writing nothing", async () => {
    const before = await server.database.db.prisma.award.count();
    const bad = (await record({ awardedOn: "2025-02-02", emulationYear: 1890 })) as {
      __typename: string;
      issues?: { path: string[]; message: string }[];
    };
    expect(bad.__typename).toBe("InputError");
    expect(bad.issues?.[0]?.path).toEqual(["input", "emulationYear"]);
    expect(bad.issues?.[0]?.message).toBe("Năm không hợp lệ: phải từ năm 2000 trở đi.");
    expect(await server.database.db.prisma.award.count()).toBe(before);
  });

  it("imports the year and ground from Vietnamese columns and values", async () => {
    const content = [
      "Mã đơn vị;Đối tượng;Số lượng;Cấp khen;Hình thức;Ngày khen;Năm thi đua;Căn cứ khen;Chuyên đề năm",
      "X-A;Tập thể;5;Cấp xã;Giấy khen;19/01/2025;2024;Dân vận khéo;",
      "X-A;Cá nhân;7;Cấp xã;Giấy khen;19/01/2025;2024;Chỉ tiêu thi đua;",
      "X-A;Cá nhân;2;Cấp xã;Giấy khen;10/03/2025;;;2025",
    ].join("\r\n");
    const data = await gql<{
      importRecords: { data: { ok: boolean; created: number; columns: { field: string }[] } };
    }>(IMPORT, { input: { kind: "AWARDS", format: "CSV", content } });
    expect(data.importRecords.data).toMatchObject({ ok: true, created: 3 });
    expect(data.importRecords.data.columns.map((c) => c.field)).toEqual(
      expect.arrayContaining(["emulationYear", "ground"]),
    );
    const rows = await server.database.db.prisma.award.findMany({
      orderBy: { id: "desc" },
      take: 3,
      select: { emulationYear: true, ground: true, recipientCount: true },
    });
    expect(rows.reverse()).toEqual([
      { emulationYear: 2024, ground: "MODEL_PROGRAMME", recipientCount: 5 },
      { emulationYear: 2024, ground: "EMULATION_TARGETS", recipientCount: 7 },
      { emulationYear: 2025, ground: "YEAR_THEME", recipientCount: 2 },
    ]);
  });
});
