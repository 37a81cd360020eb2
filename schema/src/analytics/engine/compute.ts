// Runs a query: one SQL statement per source it needs, merged into rows of raw figures; and the
// figure shown from a raw one.
import { Prisma } from "@d05/prisma";
import { isStockSource, MEASURE_DEFINITIONS, type Measure, type Source } from "../measures";
import type { Period } from "../periods";
import { flowSql, inOneYearScan } from "./flows";
import { registrationSql, stockSql } from "./stocks";
import {
  type Cell,
  type Db,
  type EngineQuery,
  type FlowSource,
  type RawRow,
  rowKey,
  type SqlRow,
} from "./types";

type SourceMeasures = [Source, Measure[]];

/**
 * Raw figures per combination of dimension keys. Combinations with no rollup row for any of the
 * requested measures do not appear (callers zero-fill where they need every bucket or unit).
 */
export async function computeRaw(db: Db, q: EngineQuery): Promise<Map<string, RawRow>> {
  const [rows] = await computeRawOver(db, q, [q.period]);
  return rows ?? new Map();
}

/**
 * The same query over several periods (a period and the one it is compared with): one map per
 * period, as computeRaw would give for each. Each source is asked for every period in one
 * statement (each period's statement tagged with its index), and a query without dimensions asks
 * everything in one: a comparison or an overview costs half the round trips and statements.
 */
export async function computeRawOver(
  db: Db,
  q: EngineQuery,
  periods: readonly Period[],
): Promise<Map<string, RawRow>[]> {
  const bySource = new Map<Source, Measure[]>();
  for (const m of new Set(q.measures)) {
    const s = MEASURE_DEFINITIONS[m].source;
    bySource.set(s, [...(bySource.get(s) ?? []), m]);
  }
  const sources: SourceMeasures[] = [...bySource];
  const statement = ([source, ms]: SourceMeasures, period: Period) =>
    sourceSql(source, ms, { ...q, period });
  // results[period][source]: the rows of that source's statement for that period.
  let results: SqlRow[][][];
  if (q.dimensions.length === 0 && sources.length * periods.length > 1) {
    const flat = await oneRowEach(
      db,
      periods.flatMap((p) => sources.map((s) => statement(s, p))),
    );
    results = periods.map((_, pi) => sources.map((_, si) => flat[pi * sources.length + si] ?? []));
  } else {
    // Rows per key: independent queries, sent at once to overlap on the connection pool. Several
    // periods: one scan of a flow's year rollup where they allow it, else one statement each,
    // tagged with its index.
    const bySourceRows = await Promise.all(
      sources.map(([source, ms]) =>
        db.$queryRaw<SqlRow[]>(
          periods.length === 1
            ? statement([source, ms], periods[0] as Period)
            : isFlow(source) && inOneYearScan(source, q, periods)
              ? flowSql(source, ms, q, periods)
              : Prisma.join(
                  periods.map(
                    (p, i) =>
                      Prisma.sql`SELECT ${i}::int AS "p", s.* FROM (${statement([source, ms], p)}) s`,
                  ),
                  " UNION ALL ",
                ),
        ),
      ),
    );
    results = periods.map((_, pi) =>
      bySourceRows.map((rows) =>
        periods.length === 1 ? rows : rows.filter((r) => Number(r.p) === pi),
      ),
    );
  }
  return results.map((rowsOfSources) => mergeSources(q, sources, rowsOfSources));
}

/** Flows: every source but the stocks and the registration rate. */
function isFlow(source: Source): source is FlowSource {
  return source !== "registration" && !isStockSource(source);
}

function sourceSql(source: Source, ms: Measure[], q: EngineQuery): Prisma.Sql {
  if (isFlow(source)) return flowSql(source, ms, q);
  if (source === "registration") return registrationSql(q);
  return stockSql(source, ms, q);
}

/** The rows of each source's statement merged into one row per combination of keys. */
function mergeSources(
  q: EngineQuery,
  sources: SourceMeasures[],
  results: SqlRow[][],
): Map<string, RawRow> {
  const rows = new Map<string, RawRow>();
  for (const [index, [source, ms]] of sources.entries()) {
    for (const r of results[index] ?? []) {
      const keys = q.dimensions.map((_, i) => String(r[`k${i}`]));
      const k = rowKey(keys);
      let row = rows.get(k);
      if (!row) {
        row = {
          keys,
          labels: q.dimensions.map((_, i) => (r[`l${i}`] ?? null) as string | null),
          members: r.members === null || r.members === undefined ? null : Number(r.members),
          cells: new Map(),
        };
        rows.set(k, row);
      }
      if (r.n !== undefined) row.records = (row.records ?? 0) + Number(r.n ?? 0);
      ms.forEach((m, i) => {
        const num = Number(r[`v${i}`] ?? 0);
        const den = source === "registration" ? Number(r.d0 ?? 0) : null;
        row.cells.set(m, { num, den });
      });
    }
  }
  // A combination whose every figure is zero (e.g. a day with status changes but no model start)
  // says nothing: drop it, so rows are the combinations with something to show.
  if (q.dimensions.length > 0) {
    for (const [k, row] of rows) {
      if (row.records) continue; // records were asked for, and this row has some
      if ([...row.cells.values()].every((c) => c.num === 0 && !c.den)) rows.delete(k);
    }
  }
  return rows;
}

/**
 * Statements of one row each (no dimension: one aggregate row per source), asked in one statement:
 * an overview's seven sources cost one round trip and one statement's overhead in the server and
 * in PostgreSQL instead of seven. A source without its row gives none.
 */
async function oneRowEach(db: Db, statements: Prisma.Sql[]): Promise<SqlRow[][]> {
  const columns = statements.map(
    (sql, i) => Prisma.sql`(SELECT row_to_json(s) FROM (${sql}) s) AS ${Prisma.raw(`"s${i}"`)}`,
  );
  const [row] = await db.$queryRaw<Record<string, SqlRow | null>[]>`SELECT ${Prisma.join(columns)}`;
  return statements.map((_, i) => {
    const one = row?.[`s${i}`];
    return one ? [one] : [];
  });
}

/**
 * The figure shown for a measure: per-100 measures divide by `members` (null for 0 members),
 * rates are percentages (null without a denominator), everything else is the sum itself.
 */
export function finalValue(
  m: Measure,
  cell: Cell | undefined,
  members: number | null,
): number | null {
  const def = MEASURE_DEFINITIONS[m];
  if (def.isRate) {
    if (!cell?.den) return null;
    return (100 * cell.num) / cell.den;
  }
  const num = cell?.num ?? 0;
  if (def.perHundredMembers) return members ? (100 * num) / members : null;
  return num;
}
