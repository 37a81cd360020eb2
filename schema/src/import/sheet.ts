import type { Text } from "../domain/messages";
import { InputError } from "../errors";
import { importText, type Qualifier } from "./messages";

/** What one spreadsheet cell holds once read: CSV cells are always text. */
export type CellValue = string | number | boolean | Date | null;

export interface Cell {
  value: CellValue;
  /** Set when the cell cannot be used as is (a formula, an Excel error value): what to report. */
  problem?: Text;
  /** How the cell looked when it has a problem, e.g. "=SUM(C2:C9)". */
  shown?: string;
}

export interface SheetRow {
  /** Row number as the spreadsheet shows it (1-based, the header row included). */
  row: number;
  /** Cells by column position (0-based); missing trailing cells are absent. */
  cells: Cell[];
}

/** The first worksheet (or the CSV file): its header row and the non-blank rows under it. */
export interface Sheet {
  header: SheetRow;
  rows: SheetRow[];
}

/** Most data rows one import takes; larger files are refused before their rows are validated. */
export const MAX_IMPORT_ROWS = 20_000;

/**
 * Most rows read from one file, blank ones included: room for the 20,000 data rows and blank lines
 * between them, while a file of a million blank lines (cheap to send, costly to read) stops here.
 */
export const MAX_SHEET_ROWS = 50_000;

/** Columns read; a non-blank cell further right refuses the file (the widest kind has 14). */
export const MAX_SHEET_COLUMNS = 200;

/**
 * Most bytes an XLSX file may unzip to (the parts read: workbook, styles, shared strings, first
 * sheet). A 20,000-row workbook is about 10–20 MB of XML; a zip bomb of formatted blank rows (a
 * few hundred KB that unzip to 120 MB) is refused before it is inflated.
 */
export const MAX_XLSX_UNZIPPED_BYTES = 64 * 1024 * 1024;

/**
 * Longest time reading one file may take (off the request path, in a worker thread that is
 * terminated when it is over): a legitimate 20,000-row file takes a second or two.
 */
export const MAX_READ_MS = 20_000;

/**
 * Largest `content` accepted (characters): a 20,000-row file is a few MB; this bound stops a
 * runaway upload before anything is parsed. It stays below the server's 16 MiB body limit (MAX_BODY_BYTES) so this clearer message is the one a user sees.
 */
export const MAX_CONTENT_CHARS = 12_000_000;

/** A problem with the file as a whole: nothing was read, so there is no row to point at. */
export function fileProblem(text: Text): InputError {
  return new InputError([{ path: ["input", "content"], message: text.vi, en: text.en }]);
}

export function tooManyRows(rows: number, over = false): InputError {
  return fileProblem(importText("tooManyRows", { rows, over, max: MAX_IMPORT_ROWS }));
}

export function tooManySheetRows(rows: number, qualifier: Qualifier): InputError {
  return fileProblem(
    importText("tooManySheetRows", {
      rows,
      qualifier,
      max: MAX_SHEET_ROWS,
      maxData: MAX_IMPORT_ROWS,
    }),
  );
}

export function tooManyColumns(address: string): InputError {
  return fileProblem(importText("tooManyColumns", { address, max: MAX_SHEET_COLUMNS }));
}

export function isBlank(cell: Cell | undefined): boolean {
  if (!cell) return true;
  if (cell.problem) return false;
  const v = cell.value;
  return v === null || (typeof v === "string" && v.trim() === "");
}

export function isBlankRow(cells: Cell[]): boolean {
  return cells.every(isBlank);
}

/** A cell as the person sees it, for the preview and for messages. */
export function displayCell(cell: Cell | undefined): string {
  if (!cell) return "";
  if (cell.problem) return cell.shown ?? "";
  const v = cell.value;
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
