// The record kinds a spreadsheet can import, by name. Each kind's columns, row rules and
// duplicate key live in its own file under kinds/; what they share is in kinds/shared.ts.
import { type ActivityRecord, activitiesSpec } from "./kinds/activities";
import { type AwardRecord, awardsSpec } from "./kinds/awards";
import { type ModelRecord, modelsSpec } from "./kinds/models";

export type { FieldProblem, ImportKind, KindSpec, Refs, Values } from "./kinds/spec";
export type { ActivityRecord, AwardRecord, ModelRecord };

export const KIND_SPECS = {
  ACTIVITIES: activitiesSpec,
  MODELS: modelsSpec,
  AWARDS: awardsSpec,
} as const;
