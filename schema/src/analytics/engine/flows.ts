// Flows (lượng): sources summed over the period, read from whole months of rollups plus the records
// of a partial last month.
import { Prisma } from "@d05/prisma";
import type { Measure } from "../measures";
import { needsModelRows } from "../model-records";
import type { Period } from "../periods";
import { edgeRows } from "./edge-rows";
import { filterConditions } from "./filters";
import { groupBy, keyParts, unitScope } from "./grouping";
import { sourceTable, timeColumn } from "./sources";
import { col, day, measureAggregate } from "./sql";
import type { EngineQuery, FlowSource } from "./types";

/** The rollup columns of each flow source, in the order both halves of flowTable select them. */
const FLOW_COLUMNS: Record<FlowSource, string[]> = {
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

/**
 * The rows of a flow source for the period, as a table expression aliased `r`. Monthly rollups
 * hold whole months, so when the period ends inside a month (an unfinished period counted to
 * today, or its cùng kỳ) that month's days come from the records (edgeRows); day rollups
 * (models) are read day by day.
 */
export function flowTable(source: FlowSource, q: EngineQuery): Prisma.Sql {
  const rows = sourceTable(source, q);
  const time = Prisma.raw(`"${timeColumn(source, q)}"`);
  const split = splitAtPartialMonth(q.period);
  const perModel = needsModelRows(q.filters, q.dimensions);
  if (perModel && source === "contribution") {
    // The per-model rows keep each contribution's day: a partial month is exact as it is.
    return Prisma.sql`(SELECT * FROM ${rows} x
      WHERE x."day" BETWEEN ${day(q.period.from)} AND ${day(q.period.to)}) r`;
  }
  if (source === "modelDay" || !split.edge) {
    return Prisma.sql`(SELECT * FROM ${rows} x WHERE ${time} BETWEEN ${day(q.period.from)} AND ${day(q.period.to)}) r`;
  }
  const columns = Prisma.raw(FLOW_COLUMNS[source].map((c) => `"${c}"`).join(", "));
  const whole = split.wholeTo
    ? Prisma.sql`SELECT ${columns} FROM ${rows} x
        WHERE ${time} BETWEEN ${day(q.period.from)} AND ${day(split.wholeTo)}
        UNION ALL `
    : Prisma.empty;
  const edge = edgeRows(source, split.edge, q.rootId, Boolean(q.filters.awardsByDecisionDate));
  return Prisma.sql`(SELECT * FROM (${whole}${edge}) t (${columns})) r`;
}

/** Whole months of a period (up to `wholeTo`) and the days of its partial last month, if any. */
function splitAtPartialMonth(period: Period): { wholeTo: Date | null; edge: Period | null } {
  if (new Date(period.to.getTime() + 86_400_000).getUTCDate() === 1) {
    return { wholeTo: period.to, edge: null };
  }
  const monthStart = new Date(Date.UTC(period.to.getUTCFullYear(), period.to.getUTCMonth(), 1));
  const edge = { from: monthStart > period.from ? monthStart : period.from, to: period.to };
  const wholeTo = new Date(monthStart.getTime() - 86_400_000);
  return { wholeTo: wholeTo >= period.from ? wholeTo : null, edge };
}

export function flowSql(source: FlowSource, ms: Measure[], q: EngineQuery) {
  const time = col("r", timeColumn(source, q));
  const parts = keyParts(q.dimensions, time, q.period.to);
  const scope = unitScope(q, parts.needsUnit, Prisma.sql`r."unitId"`);
  const conds = [...scope.conds, ...filterConditions(source, q.filters)];
  const values = ms.map((m, i) => Prisma.sql`${measureAggregate(m)} AS ${Prisma.raw(`"v${i}"`)}`);
  return Prisma.sql`SELECT ${Prisma.join([...parts.selects, ...values])}
    FROM ${flowTable(source, q)} ${scope.joins}
    ${parts.needsTheme ? Prisma.sql`LEFT JOIN "Theme" th ON th."id" = r."themeId"` : Prisma.empty}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit)}`;
}
