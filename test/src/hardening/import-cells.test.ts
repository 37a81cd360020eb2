// Cells an import must refuse row by row, in the dry run exactly as in the real run, and never
// with a 500: characters PostgreSQL cannot store in text (NUL: error 22021) or that would change
// when stored (lone surrogates), and titles or names that a spreadsheet would run as a formula
// (=, +, -, @, also after spaces, tabs or line breaks). On PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareRecordsWorld, signIn } from "../api/records-fixtures";
import { backends } from "../support/databases";
import { startTestServer, type TestServer } from "../support/server";
import { base64, zipParts } from "./import-files";

const IMPORT = `mutation($input: ImportRecordsInput!) {
  importRecords(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationImportRecordsSuccess {
      data { ok created errorCount errors { row column field message } }
    }
  }
}`;

interface Issue {
  row: number;
  column: string | null;
  field: string | null;
  message: string;
}
interface Report {
  ok: boolean;
  created: number;
  errorCount: number;
  errors: Issue[];
}

const NUL = String.fromCharCode(0);
const LONE_SURROGATE = String.fromCharCode(0xd800);
const HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Lượt người;Ghi chú";
const row = (title: string, notes = "", unit = "X-A") =>
  `${unit};Hội nghị;${title};15/03/2025;10;${notes}`;

/** A one-sheet workbook with the given rows of inline strings (row 1 the header). */
function workbook(rows: string[][]): string {
  const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const xmlRows = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((c) => `<c t="inlineStr"><is><t xml:space="preserve">${xmlText(c)}</t></is></c>`)
          .join("")}</row>`,
    )
    .join("");
  return base64(
    zipParts({
      "xl/workbook.xml": Buffer.from(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": Buffer.from(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": Buffer.from(
        `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${xmlRows}</sheetData></worksheet>`,
      ),
    }),
  );
}

describe.each(backends)("cells an import refuses on %s", (backend) => {
  let server: TestServer;
  let reporter: string;

  /** The dry run, then the real run: both must answer the same report, and write nothing. */
  const importBoth = async (format: "CSV" | "XLSX", content: string): Promise<Report> => {
    const reports: Report[] = [];
    for (const dryRun of [true, false]) {
      const { status, body } = await server.graphql<{
        importRecords: { __typename: string; data?: Report };
      }>(IMPORT, { input: { kind: "ACTIVITIES", format, content, dryRun } }, reporter);
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data?.importRecords.__typename).toBe("MutationImportRecordsSuccess");
      reports.push(body.data?.importRecords.data as Report);
    }
    expect(reports[1]).toEqual(reports[0]);
    expect(await server.database.db.prisma.activity.count()).toBe(0);
    return reports[0] as Report;
  };

  beforeAll(async () => {
    server = await startTestServer(backend, async (database) => {
      await prepareRecordsWorld(database);
    });
    reporter = await signIn(server, "reporter-a");
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses NUL and lone surrogates in any cell, naming row and column, dry run or not", async () => {
    const content = [
      HEADER,
      row("Hội nghị đúng"),
      row(`Hội nghị ${NUL} quán triệt`),
      row("Hội nghị có ghi chú", `ghi chú ${NUL}`),
      row("Hội nghị mã lạ", "", `X-A${NUL}`),
      row(`Tiêu đề ${LONE_SURROGATE} lẻ`),
    ].join("\n");
    const report = await importBoth("CSV", content);
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => [e.row, e.column, e.field])).toEqual([
      [3, "Tiêu đề", "title"],
      [4, "Ghi chú", "notes"],
      [5, "Mã đơn vị", "unitCode"],
      [6, "Tiêu đề", "title"],
    ]);
    for (const e of report.errors) expect(e.message).toMatch(/^Ký tự không hợp lệ: .*NUL/);
  });

  it("refuses a NUL written the OOXML way (_x0000_) in an XLSX cell", async () => {
    const content = workbook([
      ["Mã đơn vị", "Loại", "Tiêu đề", "Ngày", "Lượt người"],
      ["X-A", "Hội nghị", "Hội nghị_x0000_", "15/03/2025", "10"],
    ]);
    const report = await importBoth("XLSX", content);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, column: "Tiêu đề", field: "title" }),
    ]);
    expect(report.errors[0]?.message).toMatch(/Ký tự không hợp lệ/);
  });

  it("refuses titles that start like a formula, also after spaces, tabs or line breaks", async () => {
    const titles = ["=1+2", "+SUM(A1:A9)", "-2+3", "@cmd", "  =HYPERLINK(1)", "\t+1", '"\r=1"'];
    const content = [HEADER, ...titles.map((t) => row(t))].join("\n");
    const report = await importBoth("CSV", content);
    expect(report.errors.map((e) => [e.row, e.column])).toEqual(
      titles.map((_t, i) => [i + 2, "Tiêu đề"]),
    );
    for (const e of report.errors) expect(e.message).toMatch(/công thức/);
  });

  it("refuses them in XLSX text cells too, and accepts a dash inside a title", async () => {
    const content = workbook([
      ["Mã đơn vị", "Loại", "Tiêu đề", "Ngày", "Lượt người"],
      ["X-A", "Hội nghị", "=cmd|' /C calc'!A0", "15/03/2025", "10"],
      ["X-A", "Hội nghị", "Hội nghị sơ kết - năm 2025", "16/03/2025", "10"],
    ]);
    const report = await importBoth("XLSX", content);
    expect(report.errors).toEqual([
      expect.objectContaining({ row: 2, column: "Tiêu đề", field: "title" }),
    ]);
    expect(report.errors[0]?.message).toMatch(/Không được bắt đầu bằng =, \+, - hoặc @/);
  });
});
