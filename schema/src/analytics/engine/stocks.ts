// Stocks (tồn) and the registration rate: levels read on the last day of the period or of each
// time bucket, as sums of the deltas dated up to that day.
import { Prisma } from "@d05/prisma";
import type { Measure } from "../measures";
import { filterConditions } from "./filters";
import { bucketsCte, groupBy, keyParts, timeGranularity, unitScope } from "./grouping";
import { sourceTable, TIME_COLUMN } from "./sources";
import { col, day, measureAggregate } from "./sql";
import type { EngineQuery, TableSource } from "./types";

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
  const parts = keyParts(q.dimensions, Prisma.sql`b."start"`, q.period.to);
  const scope = unitScope(q, parts.needsUnit, Prisma.sql`r."unitId"`);
  const conds = [...scope.conds, ...filterConditions(source, q.filters)];
  const values = ms.map((m, i) => Prisma.sql`${stockAggregate(m)} AS ${Prisma.raw(`"v${i}"`)}`);
  if (g === null) {
    conds.push(Prisma.sql`${time} <= ${day(q.period.to)}`);
    return Prisma.sql`SELECT ${Prisma.join([...parts.selects, ...values])}
      FROM ${table} r ${scope.joins}
      WHERE ${Prisma.join(conds, " AND ")}
      ${groupBy(q.dimensions, parts.needsUnit)}`;
  }
  return Prisma.sql`WITH ${bucketsCte(q.period, g)}
    SELECT ${Prisma.join([...parts.selects, ...values])}
    FROM b JOIN ${table} r ON ${time} <= b."fin" ${scope.joins}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit)}`;
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
  const parts = keyParts(q.dimensions, Prisma.sql`b."start"`, q.period.to);
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
