// Where each source's rows are read from: its rollup table (or the per-model rows) and the date
// column that places a row in time.
import { Prisma } from "@d05/prisma";
import {
  contributionTable,
  lifecycleTable,
  needsModelRows,
  statusDeltaTable,
} from "../model-records";
import type { EngineQuery, FlowSource, TableSource } from "./types";

const TABLE: Record<TableSource, string> = {
  activity: "ActivityRollup",
  award: "AwardRollup",
  modelDay: "ModelDayRollup",
  modelStock: "ModelDayRollup",
  modelStatus: "ModelDayRollup",
  contribution: "ContributionRollup",
  commitment: "CommitmentRollup",
  commitmentStock: "CommitmentRollup",
};

/** The columns of each flow source's rollup, in the order every reader of them selects. */
export const ROLLUP_COLUMNS: Record<FlowSource, readonly string[]> = {
  activity: ["unitId", "month", "kind", "themeId", "records", "sessions", "attendance"],
  award: [
    "unitId",
    "month",
    "decisionMonth",
    "level",
    "form",
    "recipientKind",
    "themeId",
    "ground",
    "awards",
    "records",
  ],
  modelDay: ["unitId", "day", "sector", "started", "activeDelta", "replicated", "changes"],
  contribution: [
    "unitId",
    "month",
    "sector",
    "records",
    "participants",
    "totalVnd",
    "landM2",
    "landValueVnd",
    "cashVnd",
    "inKindVnd",
    "workdays",
  ],
  commitment: ["unitId", "month", "kind", "registered", "completed", "replicated"],
};

/** What counts as "a record of this kind" in each flow source's rows. */
export const RECORD_COUNT: Record<FlowSource, string> = {
  activity: `r."records"`,
  award: `r."records"`,
  contribution: `r."records"`,
  commitment: `r."registered" + r."completed" + r."replicated"`,
  modelDay: `r."started" + r."changes"`,
};

export const TIME_COLUMN: Record<TableSource, string> = {
  activity: "month",
  award: "month",
  modelDay: "day",
  modelStock: "day",
  modelStatus: "day",
  contribution: "month",
  commitment: "month",
  commitmentStock: "month",
};

/**
 * What a source's rows are read from, aliased r: its rollup, or the per-model rows (see
 * model-records.ts) when the question filters or splits by model, and always for status stocks.
 */
export function sourceTable(source: TableSource, q: EngineQuery): Prisma.Sql {
  const perModel = needsModelRows(q.filters, q.dimensions);
  if (source === "modelStatus") return statusDeltaTable(q.rootId);
  if (perModel && (source === "modelDay" || source === "modelStock")) {
    return lifecycleTable(q.rootId);
  }
  if (perModel && source === "contribution") return contributionTable(q.rootId);
  return Prisma.raw(`"${TABLE[source]}"`);
}

/** Awards count in their emulation year (month) unless asked by decision (decisionMonth). */
export function timeColumn(source: TableSource, q: EngineQuery): string {
  return source === "award" && q.filters.awardsByDecisionDate
    ? "decisionMonth"
    : TIME_COLUMN[source];
}
