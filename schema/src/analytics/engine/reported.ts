// Which rows reported the measure's kind of record in the period (else: chưa báo cáo, not 0).
import { Prisma } from "@d05/prisma";
import { isStockSource, MEASURE_DEFINITIONS, type Measure, type Source } from "../measures";
import { filterConditions } from "./filters";
import { flowTable } from "./flows";
import { groupBy, keyParts, NO_UNIT_FACTS, unitScope } from "./grouping";
import { RECORD_COUNT, timeColumn } from "./sources";
import { col } from "./sql";
import {
  type Db,
  type EngineQuery,
  type Filters,
  type FlowSource,
  rowKey,
  type SqlRow,
} from "./types";

/** The flow whose records show that a unit reported a source's measures. */
const REPORTED_BY: Record<Source, FlowSource> = {
  activity: "activity",
  award: "award",
  modelDay: "modelDay",
  modelStock: "modelDay",
  modelStatus: "modelDay",
  registration: "modelDay",
  contribution: "contribution",
  commitment: "commitment",
  commitmentStock: "commitment",
};

/**
 * Whether "reported" for `measure` is the count of its own source's records in the period, which
 * the figures' query can return with them (EngineQuery.countRecords) instead of reportedKeys.
 * Stocks are reported by any event up to the period's end, the registration rate by its numerator.
 */
export function reportedWithFigures(measure: Measure): boolean {
  const source = MEASURE_DEFINITIONS[measure].source;
  return REPORTED_BY[source] === source;
}

/**
 * Keys of the rows (units for [UNIT], buckets for a time dimension) that reported the measure's
 * kind of record in the period (else: chưa báo cáo, not 0): an activity for activity measures, an
 * award for award measures, a contribution, a commitment event, a model started or changing
 * status. A stock of models is reported by any model event up to the end of the period. (The
 * registration rate is reported by its numerator: see runComparison.) The query's filters apply:
 * with a sector filter only that sector's model events count. Without dimensions: "".
 */
export async function reportedKeys(
  db: Db,
  q: Pick<EngineQuery, "rootId" | "unitLevel" | "period" | "dimensions"> & { filters?: Filters },
  measure: Measure,
): Promise<Set<string>> {
  const measureSource = MEASURE_DEFINITIONS[measure].source;
  const source = REPORTED_BY[measureSource];
  const period = isStockSource(measureSource)
    ? { from: new Date("0001-01-01T00:00:00Z"), to: q.period.to }
    : q.period;
  // The filters narrow what counts as a report as they narrow the figures: with a sector filter
  // only that sector's model events, with an activity kind only those activities (each filter
  // applies to the sources whose records have its field, as in the figures).
  const filters: Filters = q.filters ?? {};
  const full: EngineQuery = { ...q, period, measures: [], filters };
  // Only the keys are read: no names, no members.
  const parts = keyParts(q.dimensions, col("r", timeColumn(source, full)), NO_UNIT_FACTS);
  const scope = unitScope(full, parts.needsUnit, Prisma.sql`r."unitId"`, NO_UNIT_FACTS);
  // MATERIALIZED: the units under the root first (one closure index range), then their rollup
  // rows; left to itself the planner may read the period's rows of every unit in the country.
  const level = q.unitLevel
    ? Prisma.sql`"descendantKind" = ${q.unitLevel}::"UnitKind"`
    : Prisma.sql`"distance" = 1`;
  const units = parts.needsUnit
    ? Prisma.sql`WITH u AS MATERIALIZED (
        SELECT "descendantId" AS "id" FROM "UnitClosure" WHERE "ancestorId" = ${q.rootId} AND ${level})`
    : Prisma.empty;
  const conds = [
    ...scope.conds,
    ...(parts.needsUnit ? [Prisma.sql`r."unitId" IN (SELECT "id" FROM u)`] : []),
    ...filterConditions(source, filters),
  ];
  const rows = await db.$queryRaw<SqlRow[]>`
    ${units}
    SELECT ${Prisma.join([...parts.selects, Prisma.sql`1 AS "one"`])}
    FROM ${flowTable(source, full)} ${scope.joins}
    ${parts.needsTheme ? Prisma.sql`LEFT JOIN "Theme" th ON th."id" = r."themeId"` : Prisma.empty}
    WHERE ${Prisma.join(conds, " AND ")}
    ${groupBy(q.dimensions, parts.needsUnit, NO_UNIT_FACTS)}
    HAVING SUM(${Prisma.raw(RECORD_COUNT[source])}) > 0`;
  return new Set(rows.map((r) => rowKey(q.dimensions.map((_, i) => String(r[`k${i}`])))));
}
