import type { PrismaClient } from "@d05/prisma";
import type { Text } from "../domain/messages";
import { type ImportIssue, type Parsed, unstorableCell } from "./columns";
import type { KindSpec, Values } from "./kinds";
import { type FieldMapping, labelOf, mapColumns } from "./mapping";
import { importText } from "./messages";
import { type Cell, displayCell, isBlank, type Sheet } from "./sheet";
import { resolveUnits } from "./units";

/** Rows shown back for the dashboard's preview. */
export const PREVIEW_ROWS = 10;

/**
 * Checking a row takes ~0.1 ms (cell parsers, the zod rules): 20,000 rows would hold the event
 * loop for two seconds, so the checks give way to other requests every few hundred rows.
 */
const YIELD_EVERY = 250;

const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

export interface PreviewRow {
  row: number;
  /** The cells as the file shows them, in column order. */
  cells: string[];
  /** Values as understood (enum names, ISO days, whole numbers), by field; JSON-safe. */
  values: Record<string, unknown>;
  /** True when the row has no problem. */
  ok: boolean;
}

export interface ImportColumn {
  header: string;
  /** Field the column feeds; null for a column that is ignored (row numbers, blank header). */
  field: string | null;
}

export interface ImportPlan<R> {
  rowsRead: number;
  columns: ImportColumn[];
  issues: ImportIssue[];
  preview: PreviewRow[];
  /** Valid records, in file order; meaningful only when `issues` is empty. */
  records: R[];
}

/** Several numeric cells as one value: their sum, null when all are blank; the first failure. */
function sum(parsed: Parsed<unknown>[]): Parsed<unknown> {
  if (parsed.length === 1 && parsed[0]) return parsed[0];
  const failed = parsed.find((p) => !p.ok);
  if (failed) return failed;
  const values = parsed.map((p) => (p.ok ? p.value : null)).filter((v) => v !== null);
  if (values.length === 0) return { ok: true, value: null };
  if (values.every((v) => typeof v === "bigint")) {
    return { ok: true, value: (values as bigint[]).reduce((a, b) => a + b, 0n) };
  }
  return { ok: true, value: (values as number[]).reduce((a, b) => a + b, 0) };
}

/**
 * Reads every row of the sheet into a record of `spec`'s kind, collecting every problem: cells that
 * do not parse, blank required cells, units that are unknown, ambiguous or outside the caller's
 * scope (by code or name, in bulk), unknown theme years (one query), the single-write zod rules,
 * and rows repeating an earlier one. Header and mapping problems stop there: with a column
 * missing or unknown, row by row messages would only repeat them. `mapping` is the mapping step's
 * choice; null matches the columns by their headers.
 */
export async function planImport<R>(
  prisma: PrismaClient,
  spec: KindSpec<R>,
  sheet: Sheet,
  scopeUnitId: number,
  mapping: readonly FieldMapping[] | null = null,
): Promise<ImportPlan<R>> {
  const map = mapColumns(spec.columns, sheet.header, mapping);
  const columns = map.headers.map((header, i) => ({ header, field: map.fields[i] ?? null }));
  const rowsRead = sheet.rows.length;
  // A value for every row is parsed once; a bad one is a problem of the mapping, not of each row.
  const constants = new Map<string, unknown>();
  const specByField = new Map(spec.columns.map((c) => [c.field, c]));
  for (const [field, source] of map.sources) {
    const parser = spec.parsers[field];
    if (!("constant" in source) || !parser) continue;
    const parsed = parser({ value: source.constant });
    if (parsed.ok) constants.set(field, parsed.value);
    else {
      const header = specByField.get(field)?.header ?? field;
      map.issues.push({
        row: sheet.header.row,
        column: header,
        field,
        message: {
          vi: importText("constantInvalid", { header, message: parsed.message.vi }).vi,
          en: importText("constantInvalid", { header, message: parsed.message.en }).en,
        },
      });
    }
  }
  if (map.issues.length > 0) {
    // The first rows as the file shows them, so the mapping step can show what each column holds;
    // they are checked once the columns are settled.
    const preview = sheet.rows.slice(0, PREVIEW_ROWS).map(({ row, cells }) => ({
      row,
      cells: map.headers.map((_h, i) => displayCell(cells[i])),
      values: {},
      ok: true,
    }));
    return { rowsRead, columns, issues: map.issues, preview, records: [] };
  }
  const headerOf = new Map<string, string>();
  for (const column of spec.columns) {
    if (map.sources.has(column.field)) headerOf.set(column.field, labelOf(map, column));
  }

  const issues: ImportIssue[] = [];
  interface Parsed {
    row: number;
    values: Values;
    /** Fields already reported, so later checks do not repeat them. */
    bad: Set<string>;
  }
  const parsedRows: Parsed[] = [];
  for (const [index, { row, cells }] of sheet.rows.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToOthers();
    const values: Values = {};
    const bad = new Set<string>();
    const report = (field: string | null, column: string | null, message: Text) => {
      issues.push({ row, column, field, message });
      if (field) bad.add(field);
    };
    cells.forEach((cell: Cell, index) => {
      const field = map.fields[index] ?? null;
      const header = map.headers[index] ?? "";
      // A column the mapping step chose to ignore is never read: a total computed by a formula
      // there does not stop the import.
      if (field === null && map.explicit) return;
      // Every other cell, whatever its column: a NUL in an ignored "STT" column must not pass
      // either, and the dry run must refuse what the real run would.
      const problem = cell.problem ?? unstorableCell(cell);
      if (problem) {
        report(field, header || null, problem);
        return;
      }
      if (field === null && header === "" && !isBlank(cell)) {
        report(null, null, importText("cellWithoutHeader", { text: displayCell(cell) }));
      }
    });
    for (const [field, source] of map.sources) {
      if (bad.has(field)) continue;
      if ("constant" in source) {
        values[field] = constants.get(field) ?? null;
        continue;
      }
      const parser = spec.parsers[field];
      if (!parser) continue;
      const parsed = sum(source.columns.map((i) => parser(cells[i])));
      if (parsed.ok) values[field] = parsed.value;
      else report(field, headerOf.get(field) ?? field, parsed.message);
    }
    for (const column of spec.columns) {
      if (!(column.field in values) && !bad.has(column.field)) values[column.field] = null;
      if (column.required && values[column.field] === null && !bad.has(column.field)) {
        report(column.field, headerOf.get(column.field) ?? column.header, importText("required"));
      }
    }
    parsedRows.push({ row, values, bad });
  }

  const units = await resolveUnits(
    prisma,
    parsedRows.map((p) => p.values.unitCode).filter((c): c is string => !!c),
    scopeUnitId,
  );
  const years = [
    ...new Set(
      parsedRows.map((p) => p.values.themeYear).filter((y): y is number => typeof y === "number"),
    ),
  ];
  const themes = years.length
    ? await prisma.theme.findMany({
        where: { year: { in: years } },
        select: { id: true, year: true },
      })
    : [];
  const themeByYear = new Map(themes.map((t) => [t.year, t.id]));

  const records: R[] = [];
  const firstRowOf = new Map<string, number>();
  const preview: PreviewRow[] = [];
  for (const [index, p] of parsedRows.entries()) {
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await yieldToOthers();
    const before = issues.length;
    const report = (field: string, message: Text) => {
      issues.push({
        row: p.row,
        column: headerOf.get(field) ?? specByField.get(field)?.header ?? null,
        field,
        message,
      });
      p.bad.add(field);
    };
    const code = p.values.unitCode as string | null | undefined;
    const answer = code ? units.get(code) : undefined;
    const unit = answer && "unit" in answer ? answer.unit : undefined;
    if (answer && "problem" in answer) report("unitCode", answer.problem);
    const year = p.values.themeYear as number | null | undefined;
    const themeId = typeof year === "number" ? themeByYear.get(year) : null;
    if (typeof year === "number" && themeId === undefined) {
      report("themeYear", importText("noTheme", { year }));
    }
    const built = spec.build(p.values, { unitId: unit?.id ?? 0, themeId: themeId ?? null });
    if ("problems" in built) {
      for (const problem of built.problems) {
        if (!p.bad.has(problem.field)) report(problem.field, problem.message);
      }
    } else if (issues.length === before) {
      const key = spec.duplicateKey(built.record);
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        issues.push({
          row: p.row,
          column: null,
          field: null,
          message: importText("duplicate", { row: first, ...spec.duplicateOf }),
        });
      } else {
        firstRowOf.set(key, p.row);
        records.push(built.record);
      }
    }
    if (preview.length < PREVIEW_ROWS) {
      preview.push({
        row: p.row,
        cells: [],
        values: jsonSafe({
          ...p.values,
          unitName: unit?.name ?? null,
          unitCode: unit?.code ?? code,
        }),
        ok: true,
      });
    }
  }
  // Row cells and row status for the preview, once all issues of those rows are known.
  const cellsOf = new Map(sheet.rows.slice(0, PREVIEW_ROWS).map((r) => [r.row, r.cells]));
  const troubled = new Set(issues.map((i) => i.row));
  for (const row of preview) {
    const cells = cellsOf.get(row.row) ?? [];
    row.cells = map.headers.map((_h, i) => displayCell(cells[i]));
    row.ok = !troubled.has(row.row);
  }
  // In file order: cell problems were found in a first pass, unit/theme/rule ones in a second.
  issues.sort((a, b) => a.row - b.row);
  return { rowsRead, columns, issues, preview, records };
}

function jsonSafe(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === "bigint" ? v.toString() : v,
    ]),
  );
}
