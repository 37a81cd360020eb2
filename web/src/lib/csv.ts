// CSV for spreadsheets, in the format of the server's /export files: UTF-8 with a byte-order mark
// so Excel shows Vietnamese correctly, `;` between fields and a decimal comma (what Excel expects
// with Vietnamese regional settings), figures rounded to 6 decimals (no float noise), CRLF line
// ends, fields quoted when they need it, and no text a spreadsheet would run as a formula.

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => string | number | null | undefined;
}

/**
 * Text Excel, LibreOffice or Google Sheets would read as a formula: starting with = + - @, a tab
 * or a carriage return, also after leading spaces or tabs (Excel skips them), or with the
 * full-width forms of those signs. Titles come from reporters and imports, so an exported title
 * "=HYPERLINK(...)" would run on the reader's machine (OWASP "CSV Injection").
 */
const FORMULA_START = /^[\s]*[=+\-@\t\r＝＋－＠]/;

/**
 * One CSV field. Text that could start a formula gets a single quote in front (OWASP's advice:
 * the spreadsheet then shows it as text) and is quoted; numbers are written as numbers (a negative
 * figure stays a figure).
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return csvNumber(value);
  const formula = FORMULA_START.test(value);
  const text = formula ? `'${value}` : value;
  // Quoted also when holding either separator: "," here, ";" in the import template.
  return formula || /["\r\n,;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A figure with a decimal comma and no float noise: 0.1 + 0.2 → "0,3"; 1333980000 stays whole. */
export function csvNumber(value: number): string {
  const clean = Number(value.toFixed(6));
  return String(Object.is(clean, -0) ? 0 : clean).replace(".", ",");
}

export function toCsv<Row>(columns: CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(";")];
  for (const row of rows) lines.push(columns.map((c) => csvField(c.value(row))).join(";"));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Offers a Blob as a file download. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function downloadCsv(text: string, filename: string): void {
  downloadBlob(new Blob([text], { type: "text/csv;charset=utf-8" }), filename);
}

/** "Mô hình theo lĩnh vực" → "mo-hinh-theo-linh-vuc": safe file names from Vietnamese titles. */
export function slug(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replaceAll("đ", "d")
    .replaceAll("Đ", "D")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
