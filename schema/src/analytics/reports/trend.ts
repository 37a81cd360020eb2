// The trend (xu hướng): a measure bucket by bucket, each beside the same bucket a year earlier.
import type { PrismaClient, Unit } from "@d05/prisma";
import {
  computeRawOver,
  type EngineQuery,
  finalValue,
  type RawRow,
  reportedKeys,
  reportedWithFigures,
} from "../engine";
import { MEASURE_DEFINITIONS, type Measure } from "../measures";
import {
  bucketKey,
  bucketLabel,
  buckets,
  comparePeriods,
  type Granularity,
  isoDay,
  type Period,
  shiftDay,
} from "../periods";
import { type ReferenceFacts, referenceFactsOn } from "../reference-facts";
import { type Denominator, denominator } from "./denominator";
import { facts } from "./period-facts";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

export interface TrendPoint {
  start: Date;
  /** Last day counted in the bucket: its end, or asOf for the unfinished bucket. */
  to: Date;
  key: string;
  label: string;
  /** Null when nothing of the measure's kind was reported in the bucket (not 0). */
  value: number | null;
  reported: boolean;
  /** False for the bucket holding asOf (still running) and for buckets after it. */
  complete: boolean;
  /** Members per-100 figures of the bucket divide by (on `to`); null for a bucket not started. */
  members: Denominator | null;
  /** The same bucket one year earlier, up to the same day when this one is still running. */
  previous: { key: string; label: string; to: Date; value: number | null } | null;
}

/**
 * A measure bucket by bucket. Buckets after asOf and buckets without a record of the measure's
 * kind are not reported (value null), not 0. Levels (models active, registration rate) are read
 * on each bucket's last day counted, so every started bucket has one.
 */
export async function runTrend(
  db: Db,
  root: Unit,
  measure: Measure,
  granularity: Granularity,
  requested: Period,
  asOf: Date,
  // The root's members: the request's reference facts (kept while unchanged), or read here.
  reference: Pick<ReferenceFacts, "membersOn"> = referenceFactsOn(db),
) {
  const periods = comparePeriods(requested, asOf);
  // Each bucket beside the same bucket a year earlier (cùng kỳ năm trước), same span when running.
  const lastYear = comparePeriods(requested, asOf, "SAME_PERIOD_LAST_YEAR");
  const def = MEASURE_DEFINITIONS[measure];
  const level = def.source === "modelStock" || def.source === "registration";
  // A measure reported by its own records has them counted with its figures: no query of their own.
  const recordsWithFigures = !level && reportedWithFigures(measure);
  const q: EngineQuery = {
    rootId: root.id,
    measures: [measure],
    dimensions: [granularity],
    unitLevel: null,
    period: periods.period,
    filters: {},
    countRecords: recordsWithFigures,
  };
  const qBefore: EngineQuery = { ...q, period: lastYear.previous };
  const reportedOf = (query: EngineQuery) =>
    level || recordsWithFigures ? Promise.resolve(null) : reportedKeys(db, query, measure);
  const shaped = buckets(requested, granularity).map((b, i, all) => {
    const next = all[i + 1]?.start;
    const end = next ? new Date(next.getTime() - 86_400_000) : requested.to;
    const started = b.start <= asOf;
    const to = end > asOf && started ? asOf : end;
    return { b, end, started, to, previousTo: shiftDay(to, 12) };
  });
  const days = shaped.filter((p) => p.started).flatMap((p) => [p.to, p.previousTo]);
  const [[raw = new Map(), rawBefore = new Map()], keysReported, keysReportedBefore, history] =
    await Promise.all([
      computeRawOver(db, q, [q.period, qBefore.period]),
      reportedOf(q),
      reportedOf(qBefore),
      reference.membersOn([root.id], days),
    ]);
  // Null: every started bucket counts as reported (a level is read on each bucket's last day).
  const withRecords = (rows: Map<string, RawRow>) =>
    new Set([...rows].filter(([, r]) => (r.records ?? 0) > 0).map(([key]) => key));
  const reported = recordsWithFigures ? withRecords(raw) : keysReported;
  const reportedBefore = recordsWithFigures ? withRecords(rawBefore) : keysReportedBefore;
  const points: TrendPoint[] = shaped.map(({ b, end, started, to, previousTo }) => {
    const isReported = started && (reported === null || reported.has(b.key));
    const members = started ? denominator([root], to, history) : null;
    const previousKey = bucketKey(shiftDay(b.start, 12), granularity);
    const previousMembers = denominator([root], previousTo, history);
    const previousReported =
      started && (reportedBefore === null || reportedBefore.has(previousKey));
    return {
      start: b.start,
      to,
      key: b.key,
      label: bucketLabel(b.key),
      value: isReported
        ? finalValue(measure, raw.get(b.key)?.cells.get(measure), members?.partyMembers ?? null)
        : null,
      reported: isReported,
      complete: end < asOf || isoDay(end) === isoDay(asOf),
      members,
      previous: started
        ? {
            key: previousKey,
            label: bucketLabel(previousKey),
            to: previousTo,
            value: previousReported
              ? finalValue(
                  measure,
                  rawBefore.get(previousKey)?.cells.get(measure),
                  previousMembers.partyMembers,
                )
              : null,
          }
        : null,
    };
  });
  return { unit: root, measure, granularity, ...facts(periods), points };
}
