// Derived values of a `metrics` answer, asked for in `derived`: the change against a compared
// period, each row's share of the total, and figures per 100 party members. Computed over every
// row before `limit`, so a "top 10" shows shares of the whole, not of the ten.
import type { PrismaClient } from "@d05/prisma";
import type { EngineQuery } from "./engine";
import { MEASURE_DEFINITIONS, type Measure } from "./measures";
import { comparePeriods, type Period } from "./periods";
import {
  facts,
  type MetricsOrder,
  type MetricsRow,
  type PeriodFacts,
  relativeChange,
  runMetrics,
} from "./reports";

type Db = Pick<PrismaClient, "$queryRaw" | "unit" | "theme" | "model">;

export interface DerivedOptions {
  change: boolean;
  compareWith: "PREVIOUS_PERIOD" | "SAME_PERIOD_LAST_YEAR";
  shareOfTotal: boolean;
  perHundredMembers: boolean;
}

export interface DerivedRow extends MetricsRow {
  previousValues: (number | null)[] | null;
  changes: (number | null)[] | null;
  shares: (number | null)[] | null;
  perHundredMembers: (number | null)[] | null;
}

const rowKey = (r: MetricsRow) => r.keys.map((k) => k.key).join("\u0001");

/** Measures whose rows can be added up into a total (not rates, not per-100 figures). */
const additive = (m: Measure) =>
  !MEASURE_DEFINITIONS[m].isRate && !MEASURE_DEFINITIONS[m].perHundredMembers;

/**
 * Like overview: a period that has not ended on `asOf` is counted up to asOf and compared with the
 * same span of the compared period (cùng kỳ, see comparePeriods), never with a whole one. The
 * root's per-100 figures divide by its members on the last day counted of each period.
 */
export async function runMetricsDerived(
  db: Db,
  q: EngineQuery,
  asOf: Date,
  rootMembersOn: (day: Date) => Promise<number | null>,
  orderBy: MetricsOrder | null,
  limit: number,
  options: DerivedOptions,
): Promise<{
  rows: DerivedRow[];
  totalRows: number;
  /** More groups than MAX_LISTED_GROUPS: only those with records are rows. */
  emptyGroupsOmitted: boolean;
  comparedPeriod: Period | null;
  facts: PeriodFacts;
}> {
  const periods = comparePeriods(q.period, asOf, options.compareWith);
  // Buckets and units are listed over the whole requested period; records counted up to asOf.
  const counted: EngineQuery = { ...q, period: periods.period, listedPeriod: q.period };
  const all = await runMetrics(
    db,
    counted,
    await rootMembersOn(periods.period.to),
    orderBy,
    Number.MAX_SAFE_INTEGER,
  );
  let previous: Map<string, MetricsRow> | null = null;
  // Without its empty groups the compared answer cannot tell "no records" from "not listed".
  let previousOmitted = false;
  let comparedPeriod: Period | null = null;
  if (options.change) {
    comparedPeriod = periods.previous;
    const before = await runMetrics(
      db,
      { ...q, period: comparedPeriod },
      await rootMembersOn(comparedPeriod.to),
      null,
      Number.MAX_SAFE_INTEGER,
    );
    previous = new Map(before.rows.map((r) => [rowKey(r), r]));
    previousOmitted = before.emptyGroupsOmitted;
  }
  const totals = q.measures.map((m, i) =>
    additive(m) ? all.rows.reduce((sum, r) => sum + (r.values[i] ?? 0), 0) : null,
  );
  const rows: DerivedRow[] = all.rows.map((r) => {
    const before = previous?.get(rowKey(r));
    const previousValues = previous
      ? q.measures.map((m, i) =>
          before ? (before.values[i] ?? null) : additive(m) && !previousOmitted ? 0 : null,
        )
      : null;
    return {
      ...r,
      previousValues,
      changes: previousValues
        ? r.values.map((v, i) => relativeChange(v, previousValues[i] ?? null))
        : null,
      shares: options.shareOfTotal
        ? r.values.map((v, i) => {
            const total = totals[i];
            return v === null || total === null || total === undefined || total === 0
              ? null
              : v / total;
          })
        : null,
      perHundredMembers: options.perHundredMembers
        ? r.values.map((v, i) =>
            v === null || !r.members || !additive(q.measures[i] as Measure)
              ? null
              : (100 * v) / r.members,
          )
        : null,
    };
  });
  return {
    rows: rows.slice(0, limit),
    totalRows: rows.length,
    emptyGroupsOmitted: all.emptyGroupsOmitted,
    comparedPeriod,
    facts: facts(periods),
  };
}
