// Bad-input catalogue: each kind of malformed or hostile input gets a clear error with the right
// status code, writes nothing, and leaves the server serving.
import ExcelJS from "exceljs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import {
  assertServing,
  DAY,
  futureVietnamDay,
  gid,
  prepareWorld,
  signIn,
  tableFingerprints,
  utc,
  type World,
} from "./support/world";

const RECORD = `mutation($input: RecordActivityInput!) {
  recordActivity(input: $input) {
    __typename
    ... on Error { message }
    ... on InputError { issues { path message } }
    ... on MutationRecordActivitySuccess { data { id title notes } }
  }
}`;

const CONTRIBUTE = `mutation($input: RecordModelContributionInput!) {
  recordModelContribution(input: $input) {
    __typename
    ... on Error { message }
    ... on InputError { issues { path message } }
  }
}`;

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on InputError { issues { path message } }
    ... on MutationImportRecordsSuccess { data { ok created errors { row column field message } } }
  }
}`;

const HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Lượt người";

interface Payload {
  __typename: string;
  message?: string;
  issues?: { path: string[]; message: string }[];
  data?: {
    id?: string;
    title?: string;
    notes?: string | null;
    ok?: boolean;
    created?: number;
    errors?: { row: number; column: string | null; field: string | null; message: string }[];
  };
}

async function xlsxBase64(rows: unknown[][]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Dữ liệu");
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

describe("bad input on pglite", () => {
  let server: TestServer;
  let world: World;
  let token: string;
  let before: Record<string, string>;
  /** Set by a case that is meant to write (the SQL-looking title). */
  let writes = false;

  const prisma = () => server.database.db.prisma;
  const activity = (overrides: Record<string, unknown> = {}) => ({
    unitId: gid("Unit", world.a.cellId),
    kind: "CONFERENCE",
    title: "Hội nghị",
    occurredOn: DAY,
    attendance: 10,
    ...overrides,
  });

  /** POSTs raw bytes or text with the reporter's token. */
  const post = async (body: string | Buffer, contentType = "application/json") => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": contentType,
        accept: "application/graphql-response+json",
        authorization: `Bearer ${token}`,
      },
      body: typeof body === "string" ? body : new Uint8Array(body),
    });
    return { status: response.status, text: await response.text() };
  };
  const record = async (input: Record<string, unknown>) => {
    const { status, body } = await server.graphql<{ recordActivity: Payload }>(
      RECORD,
      { input },
      token,
    );
    return { status, body, payload: body.data?.recordActivity };
  };
  const importFile = async (input: Record<string, unknown>) => {
    const { status, body } = await server.graphql<{ importRecords: Payload }>(
      IMPORT,
      { input },
      token,
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data?.importRecords as Payload;
  };
  /**
   * A request error (variables that do not coerce): no `data`, a message matching `pattern`. The
   * GraphQL-over-HTTP spec asks for 400 with application/graphql-response+json; graphql-yoga
   * answers variable coercion errors with 200, so both are accepted here.
   */
  const expectRequestError = (
    result: { status: number; body: { errors?: { message: string }[] } },
    pattern: RegExp,
  ) => {
    expect([200, 400]).toContain(result.status);
    expect(result.body).not.toHaveProperty("data");
    expect(result.body.errors?.[0]?.message).toMatch(pattern);
  };
  const expectInputError = (payload: Payload | undefined, field: string, pattern: RegExp) => {
    expect(payload?.__typename, JSON.stringify(payload)).toBe("InputError");
    const issue = payload?.issues?.find((i) => i.path.join(".") === `input.${field}`);
    expect(issue, JSON.stringify(payload?.issues)).toBeDefined();
    expect(issue?.message).toMatch(pattern);
  };

  beforeAll(async () => {
    server = await startTestServer(
      "pglite",
      async (database) => {
        world = await prepareWorld(database);
      },
      { log: () => {} },
    );
    token = await signIn(server, "reporter-a");
  });

  afterAll(async () => {
    await server?.stop();
  });

  beforeEach(async () => {
    writes = false;
    before = await tableFingerprints(prisma());
  });

  afterEach(async () => {
    if (!writes) expect(await tableFingerprints(prisma())).toEqual(before);
    expect(await assertServing(server)).toBe(true);
  });

  it("answers a malformed JSON body with 400", async () => {
    const { status, text } = await post('{"query": "{ health }", ');
    expect(status).toBe(400);
    expect(text).toMatch(/JSON/i);
  });

  it("answers a body that is not JSON with 400 or 415, naming the content type", async () => {
    const { status, text } = await post("query={ health }", "text/plain");
    expect([400, 415]).toContain(status);
    expect(text).not.toMatch(/"data"/);
  });

  it("answers variables of the wrong type with a request error naming the variable", async () => {
    const result = await record(activity({ attendance: "nhiều" }));
    expectRequestError(result, /\$input.*attendance/);
  });

  it("refuses a negative attendance as an InputError naming the field", async () => {
    expectInputError(
      (await record(activity({ attendance: -1 }))).payload,
      "attendance",
      /^Không được nhỏ hơn 0\.$/,
    );
  });

  it("words a refusal in Vietnamese alone, and in English alone when the caller asks (Accept-Language)", async () => {
    const ask = async (language?: string) => {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          ...(language ? { "accept-language": language } : {}),
        },
        body: JSON.stringify({ query: RECORD, variables: { input: activity({ attendance: -1 }) } }),
      });
      const body = (await response.json()) as { data?: { recordActivity: Payload } };
      return body.data?.recordActivity;
    };
    const vietnamese = await ask();
    expect(vietnamese?.issues).toEqual([
      { path: ["input", "attendance"], message: "Không được nhỏ hơn 0." },
    ]);
    expect(vietnamese?.message).toBe("input.attendance: Không được nhỏ hơn 0.");
    expect(await ask("vi-VN,vi;q=0.9,en;q=0.8")).toEqual(vietnamese);
    const english = await ask("en-GB,en;q=0.9");
    expect(english?.issues).toEqual([
      { path: ["input", "attendance"], message: "Must be at least 0." },
    ]);
    expect(english?.message).toBe("input.attendance: Must be at least 0.");
  });

  it("refuses 2^31, 1e20 and 1.5 as Int, naming the variable", async () => {
    for (const attendance of [2 ** 31, 1e20, 1.5]) {
      expectRequestError(await record(activity({ attendance })), /\$input.*attendance/);
    }
  });

  it("refuses an attendance within Int but over the plausible bound", async () => {
    expectInputError(
      (await record(activity({ attendance: 2 ** 31 - 1 }))).payload,
      "attendance",
      /^Quá lớn: tối đa 1\.000\.000\.$/,
    );
  });

  it("refuses money with decimals (request error) and money of 10^16 đồng (InputError)", async () => {
    const base = { modelId: gid("Model", world.a.modelId), recordedOn: DAY };
    const decimals = await server.graphql(
      CONTRIBUTE,
      { input: { ...base, cashVnd: 1500.5 } },
      token,
    );
    expectRequestError(decimals, /cashVnd|Vnd/);
    const huge = await server.graphql<{ recordModelContribution: Payload }>(
      CONTRIBUTE,
      { input: { ...base, cashVnd: "10000000000000000" } },
      token,
    );
    expectInputError(
      huge.body.data?.recordModelContribution,
      "cashVnd",
      /^Quá lớn: tối đa 1\.000\.000\.000\.000\.000\.$/,
    );
  });

  it("refuses an unknown enum value with a request error naming the variable", async () => {
    expectRequestError(await record(activity({ kind: "PICNIC" })), /\$input.*kind|PICNIC/);
  });

  it("refuses a unit outside the caller's scope as not found", async () => {
    const { payload } = await record(activity({ unitId: gid("Unit", world.b.cellId) }));
    expect(payload?.__typename).toBe("NotFoundError");
    expect(payload?.message).toMatch(/^Không tìm thấy đơn vị .* nằm ngoài phạm vi của bạn\.$/);
  });

  it("refuses tomorrow (Vietnam time) as a future date", async () => {
    expectInputError(
      (await record(activity({ occurredOn: futureVietnamDay() }))).payload,
      "occurredOn",
      /tương lai|future/,
    );
  });

  it("refuses a day that does not exist (2024-02-30) with a request error", async () => {
    expectRequestError(await record(activity({ occurredOn: "2024-02-30" })), /2024-02-30/);
  });

  it("stores an SQL-looking title verbatim and reads it back unchanged", async () => {
    writes = true;
    const title = `'; DROP TABLE "Activity"; --`;
    const { payload } = await record(activity({ title, notes: "1' OR '1'='1" }));
    expect(payload?.__typename).toBe("MutationRecordActivitySuccess");
    expect(payload?.data?.title).toBe(title);
    const { body } = await server.graphql<{ activities: { edges: { node: { title: string } }[] } }>(
      `query($q: String) { activities(filter: { search: $q }) { edges { node { title } } } }`,
      { q: `"Activity"; --` },
      token,
    );
    expect(body.data?.activities.edges.map((e) => e.node.title)).toEqual([title]);
    // Every table is still there, with one more activity.
    const after = await tableFingerprints(prisma());
    expect(Object.keys(after)).toEqual(Object.keys(before));
  });

  it("refuses a 10,000-character title as an InputError naming the field", async () => {
    expectInputError(
      (await record(activity({ title: "A".repeat(10_000) }))).payload,
      "title",
      /^Quá dài: tối đa 500 ký tự\.$/,
    );
  });

  it("refuses a null byte in a string as an InputError, not a server error", async () => {
    const { status, payload, body } = await record(activity({ title: "a\u0000b" }));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expectInputError(payload, "title", /NUL|null|U\+0000/i);
  });

  it("refuses a lone surrogate in a JSON string as an InputError, not a server error", async () => {
    const raw = JSON.stringify({ query: RECORD, variables: { input: activity({ title: "X" }) } });
    const { status, text } = await post(raw.replace('"title":"X"', '"title":"a\\ud800b"'));
    expect(status).toBe(200);
    const payload = (JSON.parse(text) as { data: { recordActivity: Payload } }).data.recordActivity;
    expectInputError(payload, "title", /UTF|surrogate|Unicode/i);
  });

  it("refuses invalid UTF-8 bytes in a string field as an InputError, not a server error", async () => {
    const [head, tail] = JSON.stringify({
      query: RECORD,
      variables: { input: activity({ title: "@@T@@" }) },
    }).split("@@T@@");
    const body = Buffer.concat([
      Buffer.from(head as string),
      Buffer.from([0x48, 0xc3, 0x28, 0xff]),
      Buffer.from(tail as string),
    ]);
    const { status, text } = await post(body);
    expect(status).toBe(200);
    const payload = (JSON.parse(text) as { data: { recordActivity: Payload } }).data.recordActivity;
    expectInputError(payload, "title", /UTF|Unicode/i);
  });

  it("refuses an import repeating a row, naming both rows", async () => {
    const content = `${HEADER}\nCB-A1;Hội nghị;Lặp;01/04/2025;10\nCB-A1;Hội nghị;Lặp;01/04/2025;10`;
    const payload = await importFile({ kind: "ACTIVITIES", format: "CSV", content });
    expect(payload.data?.ok).toBe(false);
    expect(payload.data?.errors?.[0]).toMatchObject({ row: 3 });
    expect(payload.data?.errors?.[0]?.message).toMatch(/dòng 2|row 2/);
  });

  it("refuses a CSV with unbalanced quotes, naming the row", async () => {
    const content = `${HEADER}\nCB-A1;Hội nghị;"Không đóng ngoặc;01/04/2025;10\nCB-A1;Hội nghị;Tốt;02/04/2025;10`;
    const payload = await importFile({ kind: "ACTIVITIES", format: "CSV", content });
    const refused =
      payload.__typename === "InputError" ||
      (payload.__typename === "MutationImportRecordsSuccess" && payload.data?.ok === false);
    expect(refused, JSON.stringify(payload)).toBe(true);
    expect(JSON.stringify(payload)).toMatch(/ngoặc|quote/i);
  });

  it("refuses a CSV with wrong headers, naming each", async () => {
    const content = `Đơn vị;Kiểu;Tên\nCB-A1;Hội nghị;Sai cột`;
    const payload = await importFile({ kind: "ACTIVITIES", format: "CSV", content });
    expect(payload.data?.ok).toBe(false);
    const messages = payload.data?.errors?.map((e) => e.message).join("\n");
    expect(messages).toMatch(/Không nhận ra cột "Kiểu"/);
    expect(messages).toMatch(/Thiếu cột bắt buộc/);
  });

  it("refuses a formula cell in an XLSX file, naming the cell", async () => {
    const content = await xlsxBase64([
      ["Mã đơn vị", "Loại", "Tiêu đề", "Ngày", "Lượt người"],
      ["CB-A1", "Hội nghị", "Công thức", utc("2025-04-01"), { formula: "10*20", result: 200 }],
    ]);
    const payload = await importFile({ kind: "ACTIVITIES", format: "XLSX", content });
    expect(payload.data?.ok).toBe(false);
    expect(payload.data?.errors?.[0]?.message).toMatch(/E2/);
  });

  it("refuses a file claimed as XLSX that is not one", async () => {
    const content = Buffer.from("%PDF-1.7 not a workbook").toString("base64");
    const payload = await importFile({ kind: "ACTIVITIES", format: "XLSX", content });
    expect(payload.__typename).toBe("InputError");
    expect(payload.message).toMatch(/XLSX/);
  });

  it("refuses an empty file", async () => {
    const payload = await importFile({ kind: "ACTIVITIES", format: "CSV", content: "" });
    expectInputError(payload, "content", /^Tệp rỗng/);
  });
});
