import { parse } from "csv-parse/sync";
import { importText } from "./messages";
import {
  type Cell,
  columnLetter,
  fileProblem,
  isBlankRow,
  MAX_IMPORT_ROWS,
  MAX_SHEET_COLUMNS,
  MAX_SHEET_ROWS,
  type Sheet,
  type SheetRow,
  tooManyColumns,
  tooManyRows,
  tooManySheetRows,
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
    throw fileProblem(importText("notUtf8", { lines: badLines.join(", ") }));
  }
  if (text.trim() === "") throw fileProblem(importText("emptyFile"));

  // Rows read are bounded before parsing, blank lines included: a file of a million blank lines is
  // cheap to send and refused here, in a few milliseconds.
  const lines = countLines(text) - (text.endsWith("\n") ? 1 : 0);
  if (lines > MAX_SHEET_ROWS) {
    throw tooManySheetRows(lines, "about");
  }
  const delimiter = detectDelimiter(text);
  const rows: SheetRow[] = [];
  let header: SheetRow | null = null;
  for (const { record, info } of parseRecords(text, delimiter)) {
    // The row as a spreadsheet shows the file: records so far plus the blank lines skipped.
    const row = info.records + info.empty_lines;
    const cells = boundedColumns(record, row).map(toCell);
    if (isBlankRow(cells)) continue;
    if (header === null) header = { row, cells };
    else rows.push({ row, cells });
  }
  if (rows.length > MAX_IMPORT_ROWS) {
    throw tooManyRows(rows.length);
  }
  if (header === null) throw fileProblem(importText("emptyFile"));
  return { header, rows };
}

/** The first MAX_SHEET_COLUMNS cells; a non-blank one further right refuses the file. */
function boundedColumns(record: string[], line: number): string[] {
  if (record.length <= MAX_SHEET_COLUMNS) return record;
  const beyond = record.findIndex((cell, i) => i >= MAX_SHEET_COLUMNS && cell.trim() !== "");
  if (beyond !== -1) throw tooManyColumns(`${columnLetter(beyond)}${line}`);
  return record.slice(0, MAX_SHEET_COLUMNS);
}

interface ParsedRecord {
  record: string[];
  info: { records: number; empty_lines: number };
}

function parseRecords(text: string, delimiter: string): ParsedRecord[] {
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      // Skipped, not read as records: csv-parse builds an error object for every record whose
      // length differs from the header's, which made blank lines cost ~60 µs each.
      skip_empty_lines: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    throw fileProblem(
      importText("csvBroken", {
        line: e.lines ?? null,
        unclosedQuote: e.code === "CSV_QUOTE_NOT_CLOSED",
      }),
    );
  }
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
      problem: importText("formulaCsv", { text: raw.trim().slice(0, 40) }),
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
