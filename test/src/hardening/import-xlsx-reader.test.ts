// The XLSX reader of the import: it reads workbooks written by exceljs (like the suite's own) and
// by Excel (shared and inline strings, rich text, date styles) the same way every time, however
// many are read at once (exceljs' streaming reader raced: exceljs#3064, "Cannot read properties of
// undefined (reading 'sheets')"), and it refuses zip bombs and endless blank rows by their limits.

import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../../schema/src/errors";
import { readSheetOffThread } from "../../../schema/src/import/parse-pool";
import type { Sheet } from "../../../schema/src/import/sheet";
import { readXlsx } from "../../../schema/src/import/xlsx";
import { base64, blankRowsBomb, excelStyleWorkbook, zipParts } from "./import-files";

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** A models workbook as exceljs writes one (the suite's XLSX imports are written this way). */
async function exceljsWorkbook(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Mô hình");
  sheet.addRow(["STT", "Mã đơn vị", "Tên mô hình", "Ngày bắt đầu", "Số tiền (đồng)"]);
  for (let i = 1; i <= 40; i++) {
    sheet.addRow([i, "X-A", `Mô hình số ${i}`, utc("2024-05-10"), 1_333_980_000 + i]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
}

/** The rows as plain values, for comparing one read with another. */
const valuesOf = (sheet: Sheet) =>
  [sheet.header, ...sheet.rows].map((r) => [r.row, ...r.cells.map((c) => c.problem ?? c.value)]);

async function expectRefused(read: Promise<unknown>, message: RegExp) {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).issues[0]?.path).toEqual(["input", "content"]);
  expect((error as InputError).message).toMatch(message);
}

describe("the XLSX reader of imports", () => {
  let fromExceljs: string;
  const fromExcel = base64(excelStyleWorkbook().bytes);
  const workbookLast = base64(excelStyleWorkbook("workbook-last").bytes);

  beforeAll(async () => {
    fromExceljs = await exceljsWorkbook();
  });

  it("reads an Excel-written workbook: shared, rich and inline strings, date styles, numbers", async () => {
    const sheet = await readXlsx(fromExcel);
    expect(valuesOf(sheet)).toEqual([
      [1, "Mã đơn vị", "Loại", "Tiêu đề", "Ngày", "Số buổi", "Lượt người"],
      [2, "X-A", "Hội nghị", "Hội nghị quán triệt chuyên đề", utc("2025-03-15"), 6, 195],
      // Row 3 is blank but formatted: skipped.
      [
        4,
        "X-A",
        "Sinh hoạt chuyên đề",
        'Chuyên đề năm 2025 & "Dân vận khéo"',
        utc("2025-04-02"),
        1,
        16940,
      ],
      [5, "X-A", "Sinh hoạt chi bộ", "Sinh hoạt chi bộ", "05/05/2025", 2, 40],
    ]);
  });

  it("reads a workbook whose parts come in another order (exceljs' reader failed on it: reading 'sheets')", async () => {
    expect(valuesOf(await readXlsx(workbookLast))).toEqual(valuesOf(await readXlsx(fromExcel)));
  });

  it("reads an exceljs-written and an Excel-written workbook 300 times each, concurrently, without one failure", async () => {
    const expected = {
      exceljs: valuesOf(await readXlsx(fromExceljs)),
      excel: valuesOf(await readXlsx(fromExcel)),
    };
    const files = { exceljs: fromExceljs, excel: fromExcel };
    expect(expected.exceljs).toHaveLength(41);
    expect(expected.exceljs[1]).toEqual([
      2,
      1,
      "X-A",
      "Mô hình số 1",
      utc("2024-05-10"),
      1_333_980_001,
    ]);
    const failures: string[] = [];
    let reads = 0;
    // Waves of 60 reads at once, both kinds interleaved on the same event loop.
    for (let wave = 0; wave < 10; wave++) {
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const kind = i % 2 === 0 ? "exceljs" : "excel";
          // One Excel-style file in six has its parts in the other order.
          const content = i % 6 === 5 ? workbookLast : files[kind];
          try {
            const sheet = await readXlsx(content);
            expect(valuesOf(sheet)).toEqual(expected[kind]);
            reads++;
          } catch (error) {
            failures.push(`${kind}: ${(error as Error).message}`);
          }
        }),
      );
    }
    expect(failures).toEqual([]);
    expect(reads).toBe(600);
  });

  it("reads them the same in the worker threads imports use, 16 at a time", async () => {
    const expected = [valuesOf(await readXlsx(fromExceljs)), valuesOf(await readXlsx(fromExcel))];
    for (let wave = 0; wave < 3; wave++) {
      const sheets = await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          readSheetOffThread("XLSX", i % 2 === 0 ? fromExceljs : fromExcel),
        ),
      );
      sheets.forEach((sheet, i) => {
        expect(valuesOf(sheet)).toEqual(expected[i % 2]);
      });
    }
  });

  it("refuses more files than the readers can queue with a typed error, and serves the next", async () => {
    const answers = await Promise.allSettled(
      Array.from({ length: 24 }, () => readSheetOffThread("XLSX", fromExcel)),
    );
    const refused = answers.filter((a) => a.status === "rejected");
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) {
      expect((a as PromiseRejectedResult).reason).toBeInstanceOf(InputError);
      expect(String((a as PromiseRejectedResult).reason.message)).toMatch(/thử lại sau/);
    }
    expect((await readSheetOffThread("XLSX", fromExcel)).rows).toHaveLength(3);
  });

  it("stops a read that passes its deadline with a typed error, and the next read is served", async () => {
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `X-A;Hội nghị;Tiêu đề ${i};01/03/2025;1;10`,
    );
    const csv = ["Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người", ...rows].join("\n");
    await expectRefused(readSheetOffThread("CSV", csv, 30), /Đọc tệp quá 0,03 giây/);
    expect((await readSheetOffThread("CSV", csv)).rows).toHaveLength(20_000);
  });

  it("refuses a zip bomb by its declared size before inflating it, naming the limit", async () => {
    const bomb = blankRowsBomb(120);
    const started = performance.now();
    await expectRefused(readXlsx(base64(bomb)), /giải nén.*64 MB/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("refuses a zip that lies about its size once the bytes inflated pass what it declared", async () => {
    await expectRefused(
      readXlsx(base64(blankRowsBomb(120, 1_000_000))),
      /Không đọc được tệp XLSX.*too many bytes/,
    );
  });

  it("stops reading at 50,000 rows, blank ones included", async () => {
    // 60,000 blank rows: about 1.3 MB of XML, well under the size limit.
    await expectRefused(readXlsx(base64(blankRowsBomb(1.3))), /50\.000 dòng.*dòng trống/);
  });

  it("refuses data beyond the 200th column, naming the cell", async () => {
    const sheet = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Mã đơn vị</t></is></c><c r="XFD1" t="inlineStr"><is><t>x</t></is></c></row></sheetData></worksheet>`;
    const bytes = zipParts({
      "xl/workbook.xml": Buffer.from(
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": Buffer.from(
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      "xl/worksheets/sheet1.xml": Buffer.from(sheet),
    });
    await expectRefused(readXlsx(base64(bytes)), /XFD1.*200/);
  });
});
