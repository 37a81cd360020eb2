import { readCsv } from "./csv";
import type { Sheet } from "./sheet";
import { readXlsx } from "./xlsx";

export type SheetFormat = "CSV" | "XLSX";

/** The file as a sheet: CSV text, or the base64 of an XLSX workbook. */
export function readSheet(format: SheetFormat, content: string): Promise<Sheet> | Sheet {
  return format === "CSV" ? readCsv(content) : readXlsx(content);
}
