import type { EnumLabel, EnumTable } from "../domain/enums";
import { type Text, textOf } from "../domain/messages";
import { startsLikeFormula } from "../formula";
import { isStorableText } from "../validation";
import { importText } from "./messages";
import { type Cell, displayCell, isBlank, type SheetRow } from "./sheet";

/**
 * Header and label matching ignores case, diacritics, punctuation and spacing, and splits
 * camelCase: "Lượt người", "LUOT NGUOI", "luot_nguoi" and "attendance" style names all compare equal
 * to their canonical form. "m²" becomes "m2".
 */
export function normalise(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** One column an import kind understands. */
export interface ColumnSpec<F extends string = string> {
  field: F;
  /** Vietnamese header, as the template shows it. */
  header: string;
  /** English header, also accepted. */
  english: string;
  /** More accepted spellings (compared after `normalise`). */
  aliases?: readonly string[];
  required: boolean;
  /** What the column holds, for the template help and docs. */
  description: Text;
  /** Whole numbers: several columns may be summed into it in the mapping step. */
  numeric?: boolean;
  /** The values it takes, for the template's drop-down lists and the mapping's value picker. */
  choices?: EnumTable<string>;
}

/** A row-level problem of an import report. */
export interface ImportIssue {
  /** Spreadsheet row number (the header is row 1 in a file that starts with it). */
  row: number;
  /** Header of the column, as written in the file (or as expected, for a missing column). */
  column: string | null;
  /** Field of the record the column feeds. */
  field: string | null;
  message: Text;
}

/** Columns that number the rows ("STT") and carry nothing to import. */
const IGNORED_HEADERS = new Set(["stt", "tt", "so tt", "so thu tu", "no", "row"]);

export interface HeaderMap<F extends string> {
  /** Field fed by each column position; null for ignored columns. */
  fields: (F | null)[];
  /** Header text of each column as in the file. */
  headers: string[];
  issues: ImportIssue[];
}

/**
 * Maps the header row to fields. Unknown headers, a field named twice and missing required
 * columns are each reported once, on the header row, naming the header.
 */
export function mapHeaders<F extends string>(
  specs: readonly ColumnSpec<F>[],
  header: SheetRow,
): HeaderMap<F> {
  const lookup = new Map<string, ColumnSpec<F>>();
  for (const spec of specs) {
    for (const name of [spec.header, spec.english, spec.field, ...(spec.aliases ?? [])]) {
      lookup.set(normalise(name), spec);
    }
  }
  const fields: (F | null)[] = [];
  const headers: string[] = [];
  const issues: ImportIssue[] = [];
  const seen = new Map<F, string>();
  header.cells.forEach((cell, index) => {
    const text = displayCell(cell).trim();
    headers[index] = text;
    fields[index] = null;
    const problem = cell.problem ?? unstorableCell(cell);
    if (problem) {
      issues.push({ row: header.row, column: text, field: null, message: problem });
      return;
    }
    if (text === "" || IGNORED_HEADERS.has(normalise(text))) return;
    const spec = lookup.get(normalise(text));
    if (!spec) {
      issues.push({
        row: header.row,
        column: text,
        field: null,
        message: importText("unknownColumn", {
          header: text,
          expected: specs.map((s) => s.header).join(", "),
        }),
      });
      return;
    }
    const earlier = seen.get(spec.field);
    if (earlier !== undefined) {
      issues.push({
        row: header.row,
        column: text,
        field: spec.field,
        message: importText("sameField", { header: text, earlier, field: spec.header }),
      });
      return;
    }
    seen.set(spec.field, text);
    fields[index] = spec.field;
  });
  for (const spec of specs) {
    if (spec.required && !seen.has(spec.field)) {
      issues.push({
        row: header.row,
        column: spec.header,
        field: spec.field,
        message: importText("missingColumn", { header: spec.header }),
      });
    }
  }
  return { fields, headers, issues };
}

/** A cell converted to a typed value, or why it could not be. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: Text };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: Text): Parsed<never> => ({ ok: false, message });

/** Text as typed (trimmed); null for a blank cell. Dates and numbers become their text. */
export function textCell(cell: Cell | undefined): Parsed<string | null> {
  if (isBlank(cell) || !cell) return ok(null);
  const v = cell.value;
  if (v instanceof Date) return ok(v.toISOString().slice(0, 10));
  return ok(String(v).trim());
}

/**
 * A title or a name: text that must not start like a spreadsheet formula, since exports write it
 * back into spreadsheets (the API refuses the same; see formula.ts).
 */
export function titleCell(cell: Cell | undefined): Parsed<string | null> {
  if (cell && typeof cell.value === "string" && startsLikeFormula(cell.value)) {
    return fail(importText("formulaStart", { text: cell.value.trim().slice(0, 40) }));
  }
  return textCell(cell);
}

/**
 * Why a cell's text cannot be stored, or null: NUL (PostgreSQL refuses it in text, error 22021),
 * lone surrogates and U+FFFD (not Unicode text; stored they would silently change).
 */
export function unstorableCell(cell: Cell | undefined): Text | null {
  const v = cell?.value;
  if (typeof v !== "string" || isStorableText(v)) return null;
  return textOf("unstorable");
}

/** A unit code: text, or a whole number typed into a numeric cell. */
export function codeCell(cell: Cell | undefined): Parsed<string | null> {
  if (cell && typeof cell.value === "number" && Number.isInteger(cell.value)) {
    return ok(String(cell.value));
  }
  return textCell(cell);
}

/**
 * A whole number, as a number cell or text in the vi-VN way ("16.940") or the English way
 * ("16,940"): groups of three after a dot or comma are thousands; anything else with a separator
 * is a decimal and refused.
 */
export function bigIntegerCell(cell: Cell | undefined): Parsed<bigint | null> {
  if (isBlank(cell) || !cell) return ok(null);
  const v = cell.value;
  if (typeof v === "number") {
    if (!Number.isInteger(v)) return fail(importText("notWhole", { text: String(v) }));
    if (!Number.isSafeInteger(v)) return fail(importText("tooBig"));
    return ok(BigInt(v));
  }
  if (typeof v !== "string") return fail(importText("notNumber", { text: null }));
  const s = v
    .trim()
    .replace(/\s*(đồng|dong|đ|vnđ|vnd)\.?$/i, "")
    .replace(/[\s\u00a0]/g, "");
  if (/^[+-]?\d+$/.test(s)) return ok(BigInt(s));
  if (/^[+-]?\d{1,3}(\.\d{3})+$/.test(s) || /^[+-]?\d{1,3}(,\d{3})+$/.test(s)) {
    return ok(BigInt(s.replace(/[.,]/g, "")));
  }
  if (
    /^[+-]?\d+([.,]\d+)?$/.test(s) ||
    /^[+-]?[\d.]+,\d+$/.test(s) ||
    /^[+-]?[\d,]+\.\d+$/.test(s)
  ) {
    return fail(importText("notWhole", { text: v.trim() }));
  }
  return fail(importText("notNumber", { text: v.trim() }));
}

export function integerCell(cell: Cell | undefined): Parsed<number | null> {
  const parsed = bigIntegerCell(cell);
  if (!parsed.ok || parsed.value === null) return parsed as Parsed<null>;
  if (
    parsed.value > BigInt(Number.MAX_SAFE_INTEGER) ||
    parsed.value < -BigInt(Number.MAX_SAFE_INTEGER)
  ) {
    return fail(importText("tooBig"));
  }
  return ok(Number(parsed.value));
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A calendar day (UTC midnight, like the Date scalar): an XLSX date cell, dd/MM/yyyy (also with
 * "-" or "."), YYYY-MM-DD, or an Excel serial day number in a cell formatted as a number.
 */
export function dateCell(cell: Cell | undefined): Parsed<Date | null> {
  if (isBlank(cell) || !cell) return ok(null);
  const v = cell.value;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return fail(importText("badDate", { text: null }));
    return ok(new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate())));
  }
  if (typeof v === "number") {
    if (!Number.isFinite(v) || v < 1 || v > 2_958_465)
      return fail(importText("badDate", { text: String(v) }));
    return ok(new Date(EXCEL_EPOCH_MS + Math.floor(v) * 86_400_000));
  }
  const s = String(v)
    .trim()
    .replace(/[ T]00:00(:00(\.0+)?)?Z?$/, "");
  let match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (match) return day(Number(match[3]), Number(match[2]), Number(match[1]), s);
  match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) return day(Number(match[1]), Number(match[2]), Number(match[3]), s);
  return fail(importText("badDate", { text: s }));
}

function day(year: number, month: number, dayOfMonth: number, shown: string): Parsed<Date> {
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== dayOfMonth
  ) {
    return fail(importText("noSuchDay", { text: shown }));
  }
  return ok(date);
}

/** The names a spreadsheet may give each value: its labels, then its other names. */
export function namesOf<E extends string>(table: EnumTable<E>): [E, readonly string[]][] {
  return (Object.entries(table.values) as [E, EnumLabel][]).map(([value, l]) => [
    value,
    [l.vi, l.en, ...(l.short ? [l.short] : []), ...(l.also ?? [])],
  ]);
}

/**
 * An enum value from its name ("THEMATIC_SESSION") or a Vietnamese/English label ("Sinh hoạt
 * chuyên đề"); a label followed by more words also matches ("Hội nghị sơ kết" → CONFERENCE),
 * the longest label winning.
 */
export function enumCell<E extends string>(table: EnumTable<E>) {
  const entries: [string, E][] = [];
  for (const [value, names] of namesOf(table)) {
    for (const name of [value, ...names]) entries.push([normalise(name), value]);
  }
  entries.sort((a, b) => b[0].length - a[0].length);
  const labels = Object.entries(table.values) as [E, EnumLabel][];
  // The names only in Vietnamese (the codes are English words); both in English.
  const acceptedVi = labels.map(([, l]) => l.vi).join(", ");
  const acceptedEn = labels.map(([value, l]) => `${l.en} (${value})`).join(", ");
  return (cell: Cell | undefined): Parsed<E | null> => {
    if (isBlank(cell) || !cell) return ok(null);
    const text = normalise(String(cell.value));
    for (const [label, value] of entries) {
      if (text === label || text.startsWith(`${label} `)) return ok(value);
    }
    return fail(
      importText("badChoice", { text: String(cell.value).trim(), vi: acceptedVi, en: acceptedEn }),
    );
  };
}

/** The cell readers by what they read, for a record kind's `parsers` (kinds/*.ts). */
export const cell = {
  text: textCell,
  title: titleCell,
  code: codeCell,
  integer: integerCell,
  bigInteger: bigIntegerCell,
  date: dateCell,
  choice: enumCell,
} as const;
