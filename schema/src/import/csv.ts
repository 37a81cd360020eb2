import { parse } from "csv-parse/sync";
import {
  type Cell,
  fileProblem,
  isBlankRow,
  MAX_IMPORT_ROWS,
  type Sheet,
  type SheetRow,
  tooManyRows,
} from "./sheet";

/**
 * Reads CSV text into a sheet. The text reached us through JSON, so bytes that were not UTF-8
 * (a file saved as Windows-1258 or "ANSI") arrive as U+FFFD replacement characters: that is how an
 * encoding problem shows, and it is refused with the lines where it shows.
 */
export function readCsv(content: string): Sheet {
  const text = content.startsWith("\uFEFF") ? content.slice(1) : content;
  const badLines = linesWith(text, "\uFFFD", 5);
  if (badLines.length > 0) {
    throw fileProblem(
      `Tệp không phải UTF-8 (ký tự lỗi ở dòng ${badLines.join(", ")}): hãy lưu lại bằng "CSV UTF-8". The file is not UTF-8 encoded (unreadable characters on line ${badLines.join(", ")}): save it as "CSV UTF-8 (Comma delimited)" and import again.`,
    );
  }
  if (text.trim() === "") throw fileProblem("Tệp rỗng: the file is empty.");

  const delimiter = detectDelimiter(text);
  // Header, the data rows allowed, and one more: reading stops there, so a 100,000-row file costs
  // no more than a full one. Blank lines count toward the bound, so a cut-off parse with blank
  // lines in it is redone in full before concluding.
  const bound = MAX_IMPORT_ROWS + 2;
  let records = parseRecords(text, delimiter, bound);
  if (records.length >= bound && dataRows(records) <= MAX_IMPORT_ROWS) {
    records = parseRecords(text, delimiter, undefined);
  }
  const rows: SheetRow[] = [];
  let header: SheetRow | null = null;
  for (const [index, record] of records.entries()) {
    const cells = record.map(toCell);
    if (isBlankRow(cells)) continue;
    const row = { row: index + 1, cells };
    if (header === null) header = row;
    else rows.push(row);
  }
  if (header === null) throw fileProblem("Tệp rỗng: the file is empty.");
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooManyRows(`khoảng ${countLines(text).toLocaleString("vi-VN")} (about that many lines)`);
  }
  return { header, rows };
}

function parseRecords(text: string, delimiter: string, to: number | undefined): string[][] {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      ...(to ? { to } : {}),
    }) as string[][];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const where = e.lines ? ` (dòng ${e.lines}, line ${e.lines})` : "";
    const what =
      e.code === "CSV_QUOTE_NOT_CLOSED"
        ? 'a quote (") is opened and never closed'
        : (e.message ?? "malformed CSV");
    throw fileProblem(`Tệp CSV bị lỗi${where}: ${what}.`);
  }
}

function dataRows(records: string[][]): number {
  return records.filter((r) => !isBlankRow(r.map(toCell))).length - 1;
}

/**
 * Text cells starting with "=" are formulas typed into a CSV (or CSV injection): refused like
 * XLSX formulas rather than stored as text that a spreadsheet would later evaluate.
 */
function toCell(raw: string): Cell {
  if (/^\s*=\s*[A-Za-z(]/.test(raw)) {
    return {
      value: null,
      shown: raw,
      problem: `Ô chứa công thức (${raw.trim().slice(0, 40)}), không được nhập: formula refused, type the value itself.`,
    };
  }
  return { value: raw };
}

/** `;` (Excel with Vietnamese regional settings), `,` or tab, whichever the header line uses most. */
export function detectDelimiter(text: string): string {
  const end = text.search(/\r?\n/);
  const line = end === -1 ? text : text.slice(0, end);
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** Line numbers (1-based) of the first `limit` lines containing `needle`. */
function linesWith(text: string, needle: string, limit: number): number[] {
  const found: number[] = [];
  let line = 1;
  let from = 0;
  for (
    let i = text.indexOf(needle);
    i !== -1 && found.length < limit;
    i = text.indexOf(needle, i + 1)
  ) {
    for (let j = text.indexOf("\n", from); j !== -1 && j < i; j = text.indexOf("\n", j + 1)) {
      line++;
      from = j + 1;
    }
    if (found[found.length - 1] !== line) found.push(line);
  }
  return found;
}
