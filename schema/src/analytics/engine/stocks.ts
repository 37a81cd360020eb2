// Stocks (tồn) and the registration rate: levels read on the last day of the period or of each
// time bucket, as sums of the deltas dated up to that day.
import { Prisma } from "@d05/prisma";
import type { Measure } from "../measures";
import { needsModelRows } from "../model-records";
import { filterConditions } from "./filters";
import { bucketsCte, groupBy, keyParts, timeGranularity, unitFacts, unitScope } from "./grouping";
import { ROLLUP_COLUMNS, sourceTable, TIME_COLUMN } from "./sources";
import { col, day, measureAggregate } from "./sql";
import type { EngineQuery, TableSource } from "./types";
import { yearRows } from "./years";

/** A stock measure's value: the sum of its day (or month) deltas up to the read day. */
function stockAggregate(m: Measure): Prisma.Sql {
  if (m === "COMMITMENTS_IN_PROGRESS") {
    return Prisma.sql`COALESCE(SUM(r."registered" - r."completed"), 0)::float8`;
  }
  return measureAggregate(m);
}

/**
 * Stocks (models active, replicated or discontinued; commitments in progress) on the last day of
 * the period, or of each time bucket: the sum of the deltas dated on or before that day.
 */
export function stockSql(source: TableSource, ms: Measure[], q: EngineQuery) {
  const g = timeGranularity(q.dimensions);
  const table = sourceTable(source, q);
  const time = col("r", TIME_COLUMN[source]);
  const facts = unitFacts(q);
  const parts = keyParts(q.dimensions, Prisma.sql`b."start"`, facts);
  const scope = unitScope(q, parts.needsUnit, Prisma.sql`r."unitId"`, facts);
  const conds = [...scope.conds, ...filterConditions(source, q.filters)];
  const values = ms.map((m, i) => Prisma.sql`${stockAggregate(m)} AS ${Prisma.raw(`"v${i}"`)}`);
  if (g === null) {
    conds.push(Prisma.sql`${time} <= ${day(q.period.to)}`);
    return Prisma.sql`SELECT ${Prisma.join([...parts.selects, ...values])}
      FROM ${withYearsBefore(source, q, table)} r ${scope.joins}
      WHERE ${Prisma.join(conds, " AND ")}
      ${groupBy(q.dimensions, parts.needsUnit, facts)}`;
  }
  return Prisma.sql`WITH ${bucketsCte(q.period, g)}
    SELECT ${Prisma.join([...parts.selects, ...values])}
    FROM b JOIN ${table} r ON ${time} <= b."fin" ${scope.joins}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit, facts)}`;
}

/**
 * A stock's rows up to its read day: the whole years before that day's year from the year rollup
 * (one row per unit, year and key instead of one per month or day since the first record), the
 * rest of the rollup from the 1st of January of that year. Per-model rows are read as they are.
 */
function withYearsBefore(source: TableSource, q: EngineQuery, table: Prisma.Sql): Prisma.Sql {
  const rollup =
    source === "modelStock" ? "modelDay" : source === "commitmentStock" ? "commitment" : null;
  if (!rollup || needsModelRows(q.filters, q.dimensions)) return table;
  const yearStart = new Date(Date.UTC(q.period.to.getUTCFullYear(), 0, 1));
  const columns = ROLLUP_COLUMNS[rollup];
  const time = TIME_COLUMN[source];
  const list = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  return Prisma.sql`(SELECT * FROM (
      ${yearRows(source, columns, time, null, new Date(yearStart.getTime() - 86_400_000))}
      UNION ALL SELECT ${list} FROM ${table} x WHERE ${Prisma.raw(`"${time}"`)} >= ${day(yearStart)}
    ) t (${list}))`;
}

/**
 * Registration rate: party cells existing on the read day (end of period or bucket) under each
 * row's unit, and how many of them registered a commitment for that day's year. Both are range
 * sums over the day deltas of PartyCellRollup / RegisteredCellRollup for the row's unit: one
 * index range per unit and day, however many cells lie below.
 */
export function registrationSql(q: EngineQuery) {
  const g = timeGranularity(q.dimensions);
  const cte =
    g === null
      ? Prisma.sql`b AS (SELECT ${day(q.period.to)} AS "start", ${day(q.period.to)} AS "fin")`
      : bucketsCte(q.period, g);
  // One row per unit and day read from "Unit" du anyway: its name costs nothing more.
  const parts = keyParts(q.dimensions, Prisma.sql`b."start"`, {
    named: true,
    membersOn: unitFacts(q).membersOn,
  });
  const targets = parts.needsUnit
    ? Prisma.sql`"UnitClosure" dc JOIN "Unit" du ON du."id" = dc."descendantId"`
    : Prisma.sql`"Unit" du`;
  const conds = parts.needsUnit
    ? [
        Prisma.sql`dc."ancestorId" = ${q.rootId}`,
        q.unitLevel
          ? Prisma.sql`dc."descendantKind" = ${q.unitLevel}::"UnitKind"`
          : Prisma.sql`dc."distance" = 1`,
      ]
    : [Prisma.sql`du."id" = ${q.rootId}`];
  // One row per (unit, bucket) already: no GROUP BY, the sums are correlated subqueries.
  return Prisma.sql`WITH ${cte}
    SELECT ${Prisma.join([
      ...parts.selects,
      Prisma.sql`(SELECT COALESCE(SUM(r."cells"), 0) FROM "RegisteredCellRollup" r
        WHERE r."unitId" = du."id" AND r."year" = extract(year FROM b."fin")::int
          AND r."day" <= b."fin")::float8 AS "v0"`,
      Prisma.sql`(SELECT COALESCE(SUM(p."cells"), 0) FROM "PartyCellRollup" p
        WHERE p."unitId" = du."id" AND p."day" <= b."fin")::float8 AS "d0"`,
    ])}
    FROM b CROSS JOIN ${targets}
    WHERE ${Prisma.join(conds, " AND ")}`;
}
