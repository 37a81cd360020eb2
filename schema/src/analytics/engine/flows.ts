// Flows (lượng): sources summed over the period, read from whole years and whole months of rollups
// plus the records of a partial last month.
import { Prisma } from "@d05/prisma";
import type { Measure } from "../measures";
import { needsModelRows } from "../model-records";
import type { Period } from "../periods";
import { edgeRows } from "./edge-rows";
import { filterConditions } from "./filters";
import { groupBy, keyParts, unitFacts, unitScope } from "./grouping";
import { RECORD_COUNT, ROLLUP_COLUMNS, sourceTable, timeColumn } from "./sources";
import { col, day, measureAggregate } from "./sql";
import type { EngineQuery, FlowSource } from "./types";
import { splitAtWholeYears, yearRows } from "./years";

/**
 * The rows of a flow source for the period, as a table expression aliased `r`, in the rollup's
 * columns (ROLLUP_COLUMNS). Whole calendar years at the start of the period come from the year
 * rollups; monthly rollups hold whole months, so when the period ends inside a month (an
 * unfinished period counted to today, or its cùng kỳ) that month's days come from the records
 * (edgeRows); day rollups (models) are read day by day.
 */
export function flowTable(source: FlowSource, q: EngineQuery): Prisma.Sql {
  const rows = sourceTable(source, q);
  const timeName = timeColumn(source, q);
  if (
    needsModelRows(q.filters, q.dimensions) &&
    (source === "contribution" || source === "modelDay")
  ) {
    // The per-model rows keep each record's day and model: read as they are, day by day (a
    // partial month is exact as it is).
    return Prisma.sql`(SELECT * FROM ${rows} x
      WHERE x."day" BETWEEN ${day(q.period.from)} AND ${day(q.period.to)}) r`;
  }
  const time = Prisma.raw(`"${timeName}"`);
  const columns = ROLLUP_COLUMNS[source];
  const list = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  const { years, rest } = splitAtWholeYears(q.period, q.dimensions);
  const parts: Prisma.Sql[] = [];
  if (years) parts.push(yearRows(source, columns, timeName, years.from, years.to));
  if (rest) {
    const split =
      source === "modelDay" ? { wholeTo: rest.to, edge: null } : splitAtPartialMonth(rest);
    if (split.wholeTo) {
      parts.push(Prisma.sql`SELECT ${list} FROM ${rows} x
        WHERE ${time} BETWEEN ${day(rest.from)} AND ${day(split.wholeTo)}`);
    }
    if (split.edge && source !== "modelDay") {
      parts.push(edgeRows(source, split.edge, q.rootId, Boolean(q.filters.awardsByDecisionDate)));
    }
  }
  return Prisma.sql`(SELECT * FROM (${Prisma.join(parts, " UNION ALL ")}) t (${list})) r`;
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

/**
 * Whether a flow source's figures over several periods (a period and the one it is compared with)
 * can be read in one scan of its year rollup: each period is whole calendar years read from the
 * rollups (not from per-model rows), and no two periods overlap (each row then falls in one).
 * Each unit's rows of both periods are then one index range: a commune comparison's figures cost
 * 168 index descents instead of 336, and one statement instead of a UNION of two.
 */
export function inOneYearScan(source: FlowSource, q: EngineQuery, periods: readonly Period[]) {
  if (periods.length < 2) return false;
  if (
    needsModelRows(q.filters, q.dimensions) &&
    (source === "contribution" || source === "modelDay")
  ) {
    return false;
  }
  const wholeYears = periods.every((p) => {
    const { years, rest } = splitAtWholeYears(p, q.dimensions);
    return years !== null && rest === null;
  });
  const ordered = byStart(periods);
  return wholeYears && ordered.every((p, i) => i === 0 || p.from > (ordered[i - 1] as Period).to);
}

/** The periods, earliest first. */
function byStart(periods: readonly Period[]): Period[] {
  return [...periods].sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * A flow source's figures for the query's period; or, with `over` (periods inOneYearScan allows),
 * for each of those periods in one scan of the year rollup, each row tagged with its period's
 * index in `p` (as computeRawOver's UNION of one statement per period would tag it).
 */
export function flowSql(
  source: FlowSource,
  ms: Measure[],
  q: EngineQuery,
  over?: readonly Period[],
) {
  const time = col("r", timeColumn(source, q));
  const facts = unitFacts(q);
  const parts = keyParts(q.dimensions, time, facts);
  const scope = unitScope(q, parts.needsUnit, Prisma.sql`r."unitId"`, facts);
  const conds = [...scope.conds, ...filterConditions(source, q.filters)];
  const values = ms.map((m, i) => Prisma.sql`${measureAggregate(m)} AS ${Prisma.raw(`"v${i}"`)}`);
  if (q.countRecords) values.push(Prisma.sql`SUM(${Prisma.raw(RECORD_COUNT[source])}) AS "n"`);
  let table = flowTable(source, q);
  const selects = [...parts.selects, ...values];
  if (over) {
    const tag = Prisma.sql`CASE ${Prisma.join(
      over.map(
        (p, i) => Prisma.sql`WHEN ${time} BETWEEN ${day(p.from)} AND ${day(p.to)} THEN ${i}`,
      ),
      " ",
    )} END`;
    table = yearScan(source, q, over);
    selects.unshift(Prisma.sql`${tag}::int AS "p"`);
    // Years between the periods (2023 against 2025) are in the scan's range but in no period;
    // without such years every row has a tag, and the filter would only cost its evaluation.
    if (!withoutGaps(over)) conds.push(Prisma.sql`${tag} IS NOT NULL`);
  }
  return Prisma.sql`SELECT ${Prisma.join(selects)}
    FROM ${table} ${scope.joins}
    ${parts.needsTheme ? Prisma.sql`LEFT JOIN "Theme" th ON th."id" = r."themeId"` : Prisma.empty}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit, facts, over ? 1 : 0)}`;
}

/** Whether the periods, one after another, leave no day between them. */
function withoutGaps(periods: readonly Period[]): boolean {
  const ordered = byStart(periods);
  return ordered.every(
    (p, i) => i === 0 || p.from.getTime() === (ordered[i - 1] as Period).to.getTime() + 86_400_000,
  );
}

/** The year rollup's rows from the first period's start to the last one's end, aliased `r`. */
function yearScan(source: FlowSource, q: EngineQuery, periods: readonly Period[]): Prisma.Sql {
  const columns = ROLLUP_COLUMNS[source];
  const list = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  const from = new Date(Math.min(...periods.map((p) => p.from.getTime())));
  const to = new Date(Math.max(...periods.map((p) => p.to.getTime())));
  const rows = yearRows(source, columns, timeColumn(source, q), from, to);
  return Prisma.sql`(SELECT * FROM (${rows}) t (${list})) r`;
}
