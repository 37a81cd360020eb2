// Where each field of an import takes its value from: a column found by its header (automatic), or
// what the person chose in the mapping step: one column, several columns summed (land value + cash
// into money), or one value for every row (the level, the lead organisation) when the file lacks
// the column. Columns the mapping does not name are ignored.
import { type ColumnSpec, type ImportIssue, mapHeaders } from "./columns";
import { importText } from "./messages";
import { displayCell, type SheetRow } from "./sheet";

/** One field's source as the mapping step sends it. */
export interface FieldMapping {
  field: string;
  /** Column positions (0-based); several are summed (numeric fields only). */
  columns: number[];
  /** One value for every row, written as in a cell ("Cấp xã", "Hội Nông dân"). */
  constant: string | null;
}

export type Source = { columns: number[] } | { constant: string };

export interface ColumnMap {
  /** Header text of each column as in the file. */
  headers: string[];
  /** Field fed by each column position; null for an ignored column. */
  fields: (string | null)[];
  /** Every field that has a value, and where it comes from. */
  sources: Map<string, Source>;
  /** True when the mapping step chose the sources: the columns it leaves out are never read. */
  explicit: boolean;
  issues: ImportIssue[];
}

/** What a field is called in messages: its column(s) as in the file, or its template header. */
export function labelOf(map: ColumnMap, spec: ColumnSpec): string {
  const source = map.sources.get(spec.field);
  if (source && "columns" in source) {
    return source.columns.map((i) => map.headers[i] || spec.header).join(" + ");
  }
  return spec.header;
}

export function mapColumns(
  specs: readonly ColumnSpec[],
  header: SheetRow,
  mapping: readonly FieldMapping[] | null,
): ColumnMap {
  if (mapping === null) {
    const auto = mapHeaders(specs, header);
    const sources = new Map<string, Source>();
    auto.fields.forEach((field, i) => {
      if (field) sources.set(field, { columns: [i] });
    });
    return { ...auto, sources, explicit: false };
  }
  const headers = header.cells.map((cell) => displayCell(cell).trim());
  const fields: (string | null)[] = headers.map(() => null);
  const sources = new Map<string, Source>();
  const issues: ImportIssue[] = [];
  const byField = new Map(specs.map((s) => [s.field, s]));
  const problem = (spec: ColumnSpec | null, message: ImportIssue["message"]) =>
    issues.push({
      row: header.row,
      column: spec?.header ?? null,
      field: spec?.field ?? null,
      message,
    });
  for (const entry of mapping) {
    const spec = byField.get(entry.field);
    if (!spec) {
      problem(null, importText("unknownField", { field: entry.field }));
      continue;
    }
    const constant = entry.constant?.trim() ?? "";
    const columns = [...new Set(entry.columns)];
    if (columns.length > 0 && constant !== "") {
      problem(spec, importText("columnAndConstant", { header: spec.header }));
      continue;
    }
    const outside = columns.find((c) => !Number.isInteger(c) || c < 0 || c >= headers.length);
    if (outside !== undefined) {
      problem(spec, importText("noSuchColumn", { column: outside, count: headers.length }));
      continue;
    }
    if (columns.length > 1 && !spec.numeric) {
      problem(spec, importText("notSummable", { header: spec.header }));
      continue;
    }
    if (columns.length > 0) {
      sources.set(spec.field, { columns });
      for (const c of columns) fields[c] ??= spec.field;
    } else if (constant !== "") {
      sources.set(spec.field, { constant });
    }
  }
  // Header cells of the columns used are checked as in the automatic mapping (a NUL, a formula).
  fields.forEach((field, i) => {
    const cell = header.cells[i];
    if (field && cell?.problem) {
      issues.push({ row: header.row, column: headers[i] ?? null, field, message: cell.problem });
    }
  });
  for (const spec of specs) {
    if (spec.required && !sources.has(spec.field)) {
      problem(spec, importText("missingColumn", { header: spec.header }));
    }
  }
  return { headers, fields, sources, explicit: true, issues };
}
