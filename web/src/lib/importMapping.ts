// The import's mapping step in the browser: the person's choice (a field for each column of the
// file, a value for every row for fields the file lacks), the API's `mapping` input built from it,
// and the choice the server kept from the account's last import with the same headers
// (schema/src/import/remembered-mapping.ts). No React here.
import type { Lang } from "./format";

/**
 * A column's name in the reader's language. The API gives both (its Vietnamese header, which the
 * template uses, and an English name), so this is data to pick from, not a catalog message.
 */
export function columnName(spec: { header: string; english: string }, lang: Lang): string {
  return lang === "en" ? spec.english : spec.header;
}

/** What the person chose: the field of each column (null: ignored), and values for every row. */
export interface MappingChoice {
  columns: (string | null)[];
  constants: Record<string, string>;
}

/** The `mapping` argument of importRecords. */
export interface FieldMappingInput {
  field: string;
  columns: number[];
  constant: string | null;
}

/** The choice the automatic matching made: the field the API read each column as. */
export function choiceFromColumns(columns: readonly { field: string | null }[]): MappingChoice {
  return { columns: columns.map((c) => c.field), constants: {} };
}

/**
 * The API's mapping for a choice: for each field, its columns (summed when several), else its
 * value for every row. Fields with neither are left out (the API reports a required one).
 */
export function mappingInput(
  choice: MappingChoice,
  fields: readonly string[],
): FieldMappingInput[] {
  const out: FieldMappingInput[] = [];
  for (const field of fields) {
    const columns = choice.columns.flatMap((f, i) => (f === field ? [i] : []));
    const constant = choice.constants[field]?.trim() ?? "";
    if (columns.length > 0) out.push({ field, columns, constant: null });
    else if (constant !== "") out.push({ field, columns: [], constant });
  }
  return out;
}

/** Fields without a column in the choice (those a value for every row can stand for). */
export function fieldsWithoutColumn(choice: MappingChoice, fields: readonly string[]): string[] {
  const used = new Set(choice.columns.filter((f): f is string => f !== null));
  return fields.filter((f) => !used.has(f));
}

/**
 * The choice a mapping stands for (the one the server kept from this account's last import with
 * the same headers): each column's field, and values for every row.
 */
export function choiceFromMapping(
  mapping: readonly { field: string; columns: readonly number[]; constant: string | null }[],
  columnCount: number,
): MappingChoice {
  const columns: (string | null)[] = Array.from({ length: columnCount }, () => null);
  const constants: Record<string, string> = {};
  for (const { field, columns: positions, constant } of mapping) {
    for (const i of positions) if (i < columnCount) columns[i] = field;
    if (positions.length === 0 && constant !== null) constants[field] = constant;
  }
  return { columns, constants };
}
