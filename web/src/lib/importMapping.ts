// The import's mapping step in the browser: the person's choice (a field for each column of the
// file, a value for every row for fields the file lacks), the API's `mapping` input built from it,
// and the choice remembered for the next file with the same headers. No React here.
//
// Remembered in this browser's localStorage, per account (username), kind and headers: the choice
// is a convenience that holds only header names and field names, the same browser is the one a
// commune office uses for its monthly file, and keeping it there needs no new table (and no
// migration) on the server. Another browser starts from the automatic matching again.
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

/** Headers compared ignoring case, diacritics, spacing and punctuation. */
export function headerKey(headers: readonly string[]): string {
  return headers
    .map((h) =>
      h
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[đĐ]/g, "d")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim(),
    )
    .join("|");
}

const PREFIX = "d05.importMapping:";

function storageKey(user: string, kind: string, headers: readonly string[]): string {
  return `${PREFIX}${user}:${kind}:${headerKey(headers)}`;
}

/** The choice saved for this account, kind and headers, if it still fits the file. */
export function recallChoice(
  user: string,
  kind: string,
  headers: readonly string[],
): MappingChoice | null {
  try {
    const raw = globalThis.localStorage?.getItem(storageKey(user, kind, headers));
    if (!raw) return null;
    const saved = JSON.parse(raw) as MappingChoice;
    if (!Array.isArray(saved.columns) || saved.columns.length !== headers.length) return null;
    return { columns: saved.columns, constants: saved.constants ?? {} };
  } catch {
    return null;
  }
}

export function rememberChoice(
  user: string,
  kind: string,
  headers: readonly string[],
  choice: MappingChoice,
): void {
  try {
    globalThis.localStorage?.setItem(storageKey(user, kind, headers), JSON.stringify(choice));
  } catch {
    // A full or disabled storage only loses the convenience.
  }
}
