import type { PrismaClient } from "@d05/prisma";
import { unitSubtreeWhere } from "../scope";
import { type ImportIssue, mapHeaders, unstorableCell } from "./columns";
import type { KindSpec, Values } from "./kinds";
import { type Cell, displayCell, isBlank, type Sheet } from "./sheet";

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

/**
 * Reads every row of the sheet into a record of `spec`'s kind, collecting every problem: cells that
 * do not parse, blank required cells, units that are unknown or outside the caller's scope (one
 * query for all codes), unknown theme years (one query), the single-write zod rules, and rows
 * repeating an earlier one. Header problems stop there: with a column missing or unknown, row by
 * row messages would only repeat them.
 */
export async function planImport<R>(
  prisma: PrismaClient,
  spec: KindSpec<R>,
  sheet: Sheet,
  scopeUnitId: number,
): Promise<ImportPlan<R>> {
  const map = mapHeaders(spec.columns, sheet.header);
  const columns = map.headers.map((header, i) => ({ header, field: map.fields[i] ?? null }));
  const rowsRead = sheet.rows.length;
  if (map.issues.length > 0) {
    return { rowsRead, columns, issues: map.issues, preview: [], records: [] };
  }
  const specByField = new Map(spec.columns.map((c) => [c.field, c]));
  const headerOf = new Map<string, string>();
  map.fields.forEach((f, i) => {
    if (f) headerOf.set(f, map.headers[i] ?? f);
  });

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
    const report = (field: string | null, column: string | null, message: string) => {
      issues.push({ row, column, field, message });
      if (field) bad.add(field);
    };
    cells.forEach((cell: Cell, index) => {
      const field = map.fields[index] ?? null;
      const header = map.headers[index] ?? "";
      // Every cell, whatever its column: a NUL in a unit code or an ignored column must not reach
      // a query either, and the dry run must refuse what the real run would.
      const problem = cell.problem ?? unstorableCell(cell);
      if (problem) {
        report(field, header || null, problem);
        return;
      }
      if (field === null) {
        if (header === "" && !isBlank(cell)) {
          report(
            null,
            null,
            `Ô "${displayCell(cell)}" nằm ở cột không có tiêu đề: give the column a header or clear it.`,
          );
        }
        return;
      }
      const parser = spec.parsers[field];
      if (!parser) return;
      const parsed = parser(cell);
      if (parsed.ok) values[field] = parsed.value;
      else report(field, header, parsed.message);
    });
    for (const column of spec.columns) {
      if (!(column.field in values) && !bad.has(column.field)) values[column.field] = null;
      if (column.required && values[column.field] === null && !bad.has(column.field)) {
        report(
          column.field,
          headerOf.get(column.field) ?? column.header,
          "Không được để trống: required.",
        );
      }
    }
    parsedRows.push({ row, values, bad });
  }

  // One query for every unit code, limited to the caller's subtree: a code outside it reads the
  // same as an unknown one, so the report leaks nothing about other units.
  const codes = [
    ...new Set(parsedRows.map((p) => p.values.unitCode).filter((c): c is string => !!c)),
  ];
  const units = codes.length
    ? await prisma.unit.findMany({
        where: { code: { in: codes }, ...unitSubtreeWhere(scopeUnitId) },
        select: { id: true, code: true, name: true },
      })
    : [];
  const unitByCode = new Map(units.map((u) => [u.code, u]));
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
    const report = (field: string, message: string) => {
      issues.push({
        row: p.row,
        column: headerOf.get(field) ?? specByField.get(field)?.header ?? null,
        field,
        message,
      });
      p.bad.add(field);
    };
    const code = p.values.unitCode as string | null | undefined;
    const unit = code ? unitByCode.get(code) : undefined;
    if (code && !unit) {
      report(
        "unitCode",
        `Không tìm thấy đơn vị mã "${code}" trong phạm vi của bạn: no such unit in your scope.`,
      );
    }
    const year = p.values.themeYear as number | null | undefined;
    const themeId = typeof year === "number" ? themeByYear.get(year) : null;
    if (typeof year === "number" && themeId === undefined) {
      report("themeYear", `Không có chuyên đề năm ${year}: no annual theme for that year.`);
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
          message: `Trùng với dòng ${first}: duplicate of row ${first} (${spec.duplicateOf}).`,
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
        values: jsonSafe({ ...p.values, unitName: unit?.name ?? null }),
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
