import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import {
  type Cell,
  columnLetter,
  fileProblem,
  isBlankRow,
  MAX_IMPORT_ROWS,
  type Sheet,
  type SheetRow,
  tooManyRows,
} from "./sheet";

/** The parts of exceljs' streaming reader used here (its typings do not describe iteration). */
interface StreamCell {
  type: number;
  value: unknown;
}
interface StreamRow {
  number: number;
  eachCell(options: { includeEmpty: boolean }, cb: (cell: StreamCell, col: number) => void): void;
}
type StreamSheet = AsyncIterable<StreamRow>;

const ValueType = ExcelJS.ValueType;

/**
 * Reads the first worksheet of an XLSX file (base64) with exceljs' streaming reader, row by row:
 * reading stops one row past the limit, so an oversized workbook is refused without being loaded
 * whole. Formula cells are never evaluated: they come back as cells with a problem to report.
 */
export async function readXlsx(base64: string): Promise<Sheet> {
  const bytes = decodeBase64(base64);
  if (bytes.length === 0) throw fileProblem("Tệp rỗng: the file is empty.");
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw fileProblem(
      "Tệp Excel 97-2003 (.xls) không được hỗ trợ: save it as .xlsx (Excel Workbook) and import again.",
    );
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw fileProblem(
      "Không phải tệp XLSX: `content` must be the base64 of an .xlsx file (for CSV text, use format CSV).",
    );
  }

  let header: SheetRow | null = null;
  const rows: SheetRow[] = [];
  let sheetsSeen = 0;
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(bytes), {
      worksheets: "emit",
      sharedStrings: "cache",
      // Styles tell dates from numbers (a date cell is a number with a date format).
      styles: "cache",
      hyperlinks: "ignore",
      entries: "emit",
    }) as unknown as AsyncIterable<StreamSheet>;
    for await (const worksheet of reader) {
      sheetsSeen++;
      if (sheetsSeen > 1) break;
      for await (const row of worksheet) {
        const cells = readRow(row);
        if (isBlankRow(cells)) continue;
        if (header === null) header = { row: row.number, cells };
        else rows.push({ row: row.number, cells });
        if (rows.length > MAX_IMPORT_ROWS) break;
      }
    }
  } catch (error) {
    throw fileProblem(
      `Không đọc được tệp XLSX: the workbook is damaged or not an .xlsx file (${(error as Error).message}).`,
    );
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooManyRows(`hơn ${MAX_IMPORT_ROWS.toLocaleString("vi-VN")} (more than that)`);
  }
  if (header === null) throw fileProblem("Trang tính đầu tiên rỗng: the first worksheet is empty.");
  return { header, rows };
}

function decodeBase64(content: string): Buffer {
  const body = content.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(body)) {
    throw fileProblem(
      "Nội dung không phải base64: for XLSX, `content` must be the file's bytes encoded as base64.",
    );
  }
  return Buffer.from(body, "base64");
}

function readRow(row: StreamRow): Cell[] {
  const cells: Cell[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    cells[col - 1] = readCell(cell, `${columnLetter(col - 1)}${row.number}`);
  });
  for (let i = 0; i < cells.length; i++) cells[i] ??= { value: null };
  return cells;
}

function readCell(cell: StreamCell, address: string): Cell {
  const v = cell.value;
  if (v !== null && typeof v === "object" && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ("formula" in o || "sharedFormula" in o) {
      const formula = String(o.formula ?? o.sharedFormula ?? "");
      return {
        value: null,
        shown: `=${formula}`,
        problem: `Ô ${address} chứa công thức (=${formula}), không được tính khi nhập. Formula refused: paste the values instead (Paste Special → Values).`,
      };
    }
    if ("error" in o) {
      return {
        value: null,
        shown: String(o.error),
        problem: `Ô ${address} có giá trị lỗi ${String(o.error)}: fix the cell.`,
      };
    }
    if (Array.isArray(o.richText)) {
      return { value: (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("") };
    }
    if ("text" in o) return { value: String(o.text ?? "") };
    return { value: null, problem: `Ô ${address} không đọc được: unreadable cell.` };
  }
  if (cell.type === ValueType.Merge) return { value: null };
  if (v instanceof Date || typeof v === "string" || typeof v === "number") return { value: v };
  if (typeof v === "boolean") return { value: v };
  return { value: null };
}
