// The overview (tổng quan): the KPIs of the root's subtree beside the previous period's.
import type { PrismaClient, Unit } from "@d05/prisma";
import { type Cell, computeRawOver, finalValue, type RawRow } from "../engine";
import { KPI_MEASURES, type Measure } from "../measures";
import { comparePeriods, type Period } from "../periods";
import { type ReferenceFacts, referenceFactsOn } from "../reference-facts";
import { denominator } from "./denominator";
import { facts, relativeChange } from "./period-facts";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

export interface Figure {
  measure: Measure;
  value: number | null;
  previousValue: number | null;
  change: number | null;
}

/** KPIs of the root's subtree, compared with the previous period (same span when unfinished). */
export async function runOverview(
  db: Db,
  root: Unit,
  requested: Period,
  asOf: Date,
  // The root's members: the request's reference facts (kept while unchanged), or read here.
  reference: Pick<ReferenceFacts, "membersOn"> = referenceFactsOn(db),
) {
  const periods = comparePeriods(requested, asOf, "PREVIOUS_PERIOD");
  const base = {
    rootId: root.id,
    measures: KPI_MEASURES,
    dimensions: [],
    unitLevel: null,
    filters: {},
  };
  const [[now, before], history] = await Promise.all([
    computeRawOver(db, { ...base, period: periods.period }, [periods.period, periods.previous]),
    reference.membersOn([root.id], [periods.period.to, periods.previous.to]),
  ]);
  const members = denominator([root], periods.period.to, history);
  const previousMembers = denominator([root], periods.previous.to, history);
  const only = (m: Map<string, RawRow> | undefined) =>
    m?.get("")?.cells ?? new Map<Measure, Cell>();
  const figures: Figure[] = KPI_MEASURES.map((measure) => {
    const value = finalValue(measure, only(now).get(measure), members.partyMembers);
    const previousValue = finalValue(
      measure,
      only(before).get(measure),
      previousMembers.partyMembers,
    );
    return { measure, value, previousValue, change: relativeChange(value, previousValue) };
  });
  return { unit: root, ...facts(periods), members, previousMembers, figures };
}
