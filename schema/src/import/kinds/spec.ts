// What every import kind provides to the pipeline (plan.ts, run.ts, template.ts): the shape of
// a kind's specification and of the values and problems that pass through it.
import type { Text } from "../../domain/messages";
import type { ColumnSpec, Parsed } from "../columns";
import type { Cell } from "../sheet";

export type ImportKind = "ACTIVITIES" | "MODELS" | "AWARDS";

/** Parsed cells of one row by field; a field whose cell failed to parse is absent. */
export type Values = Record<string, unknown>;

/** Units and themes a row points at, resolved in bulk before rows are validated. */
export interface Refs {
  unitId: number;
  themeId: number | null;
}

export interface FieldProblem {
  field: string;
  message: Text;
}

/**
 * What one import kind needs: its columns with a cell parser each, how a row becomes a record
 * (validated by the same zod schema as the single write, with unit and theme already resolved
 * to ids), and what makes two rows the same record.
 */
export interface KindSpec<R> {
  kind: ImportKind;
  entity: "Activity" | "Model" | "Award";
  columns: readonly ColumnSpec[];
  parsers: Record<string, (cell: Cell | undefined) => Parsed<unknown>>;
  build(values: Values, refs: Refs): { record: R } | { problems: FieldProblem[] };
  duplicateKey(record: R): string;
  /** What a duplicate shares, for the message. */
  duplicateOf: Text;
}
