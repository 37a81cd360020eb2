import ExcelJS from "exceljs";
// Spreadsheet imports at volume: the 20,000-row limit (a 100,000-row file is refused quickly) and
// the time a 5,000-row import takes on each backend (printed, for the record).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { prepareRecordsWorld, type RecordsWorld, signIn } from "./records-fixtures";

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationImportRecordsSuccess { data { ok rowsRead created errorCount } }
  }
}`;

interface Payload {
  __typename: string;
  message?: string;
  data?: { ok: boolean; rowsRead: number; created: number; errorCount: number };
}

const HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người";
const KINDS = ["Hội nghị", "Sinh hoạt chuyên đề", "Sinh hoạt chi bộ", "Học tập", "Tuyên truyền"];

/** `n` distinct activity rows over two units and the first months of 2025. */
function activityRows(n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const day = String((i % 28) + 1).padStart(2, "0");
    const month = String((i % 6) + 1).padStart(2, "0");
    const unit = i % 3 === 0 ? "CB-A1" : "X-A";
    return `${unit};${KINDS[i % KINDS.length]};Hoạt động số ${i + 1};${day}/${month}/2025;${(i % 4) + 1};${(i % 500) + 10}`;
  });
}

describe.each(backends)("spreadsheet imports at volume on %s", (backend) => {
  let server: TestServer;
  let world: RecordsWorld;
  let reporter: string;

  const importRecords = async (input: Record<string, unknown>) => {
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
      world = await prepareRecordsWorld(database);
    });
    reporter = await signIn(server, "reporter-a");
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("refuses a 100,000-row CSV quickly, naming the limit", async () => {
    const content = [HEADER, ...activityRows(100_000)].join("\n");
    const started = performance.now();
    const payload = await importRecords({ kind: "ACTIVITIES", format: "CSV", content });
    const ms = performance.now() - started;
    expect(payload.__typename).toBe("InputError");
    expect(payload.message).toMatch(/20\.000/);
    expect(ms).toBeLessThan(10_000);
    expect(await server.database.db.prisma.activity.count()).toBe(0);
  });

  it("refuses an XLSX file of 20,001 rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Hoạt động");
    sheet.addRow(HEADER.split(";"));
    for (const line of activityRows(20_001)) sheet.addRow(line.split(";"));
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const payload = await importRecords({ kind: "ACTIVITIES", format: "XLSX", content });
    expect(payload.__typename).toBe("InputError");
    expect(payload.message).toMatch(/20\.000/);
  });

  it("accepts exactly 20,000 rows (dry run)", async () => {
    const content = [HEADER, ...activityRows(20_000)].join("\n");
    const payload = await importRecords({
      kind: "ACTIVITIES",
      format: "CSV",
      content,
      dryRun: true,
    });
    expect(payload.data).toEqual({ ok: true, rowsRead: 20_000, created: 20_000, errorCount: 0 });
  });

  it("imports 5,000 rows in one transaction, and the rollups equal plain sums", async () => {
    const content = [HEADER, ...activityRows(5_000)].join("\n");
    const started = performance.now();
    const payload = await importRecords({ kind: "ACTIVITIES", format: "CSV", content });
    const ms = performance.now() - started;
    console.log(`[import-volume] ${backend}: 5,000 activity rows imported in ${Math.round(ms)} ms`);
    expect(payload.data).toEqual({ ok: true, rowsRead: 5_000, created: 5_000, errorCount: 0 });

    const prisma = server.database.db.prisma;
    const plain = await prisma.activity.aggregate({
      where: { unit: { ancestors: { some: { ancestorId: world.communeAId } } } },
      _sum: { attendance: true, sessions: true },
      _count: { _all: true },
    });
    const rollup = await prisma.activityRollup.aggregate({
      where: { unitId: world.communeAId },
      _sum: { attendance: true, sessions: true, records: true },
    });
    expect(plain._count._all).toBe(5_000);
    expect(rollup._sum.records).toBe(5_000);
    expect(Number(rollup._sum.attendance)).toBe(plain._sum.attendance);
    expect(Number(rollup._sum.sessions)).toBe(plain._sum.sessions);
  });
});
