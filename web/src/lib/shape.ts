// Pure data shaping between API answers and charts/tables. No React here: unit-tested.
import type { Lang } from "./format";

export interface Category {
  key: string;
  label: string;
  value: number;
}

/** (value − previous) / previous; null when there is nothing to compare with. */
export function relativeChange(
  value: number | null | undefined,
  previous: number | null | undefined,
): number | null {
  if (value === null || value === undefined || previous === null || previous === undefined) {
    return null;
  }
  if (previous === 0) return value === 0 ? 0 : null;
  return (value - previous) / previous;
}

export type Direction = "up" | "down" | "flat" | "none";

export function direction(change: number | null | undefined): Direction {
  if (change === null || change === undefined || !Number.isFinite(change)) return "none";
  if (Math.abs(change) < 0.0005) return "flat";
  return change > 0 ? "up" : "down";
}

export interface MetricKey {
  dimension: string;
  key: string;
  label?: string | null;
}

export interface MetricRow {
  keys: readonly MetricKey[];
  values: readonly (number | null)[];
}

/**
 * One category per value of `dimension`, in the order of the label table (so colours and
 * positions stay put from one period to the next), zero where the API returned no row.
 * Values the table does not know (a newer server) come after, labelled as the API labels them.
 */
export function categorySeries(
  rows: readonly MetricRow[],
  dimension: string,
  labels: Record<string, { vi: string; en: string }>,
  lang: Lang,
  valueIndex = 0,
): Category[] {
  const totals = new Map<string, { value: number; label?: string | null }>();
  for (const row of rows) {
    const key = row.keys.find((k) => k.dimension === dimension);
    if (!key) continue;
    const previous = totals.get(key.key);
    totals.set(key.key, {
      value: (previous?.value ?? 0) + (row.values[valueIndex] ?? 0),
      label: key.label,
    });
  }
  const known = Object.entries(labels).map(([key, label]) => ({
    key,
    label: label[lang],
    value: totals.get(key)?.value ?? 0,
  }));
  const unknown = [...totals.entries()]
    .filter(([key]) => !(key in labels))
    .map(([key, entry]) => ({ key, label: entry.label ?? key, value: entry.value }));
  return [...known, ...unknown];
}

export function total(series: readonly { value: number | null }[]): number {
  return series.reduce((sum, item) => sum + (item.value ?? 0), 0);
}

export interface TrendPoint {
  start: string;
  label?: string | null;
  /** Null: not reported (chưa báo cáo), not 0. */
  value: number | null;
  /** False for the bucket still running on the server's today (drawn dashed). */
  complete?: boolean;
  /** The same bucket a year earlier (same span while this one runs): its label and figure. */
  previousLabel?: string | null;
  previousValue?: number | null;
}

/**
 * A point as the trend chart draws it: `value` on the solid line (finished buckets), `running` on
 * the dashed line (from the last finished bucket to the one still running); both null where
 * nothing was reported, so the line breaks instead of falling to 0.
 */
export interface TrendSeriesPoint {
  start: string;
  label: string;
  value: number | null;
  running: number | null;
  complete: boolean;
  /** The same bucket a year earlier, for the tooltip; null where the bucket has not started. */
  lastYear: { label: string; value: number | null } | null;
}

/** "T1/2026" in Vietnamese (as the reports write it); the language's short month otherwise ("Jan 2026"). */
function monthLabel(year: number, month: number, lang: Lang): string {
  if (lang === "vi") return `T${month}/${year}`;
  const name = new Intl.DateTimeFormat(lang, { month: "short", timeZone: "UTC" });
  return `${name.format(Date.UTC(2000, month - 1, 1))} ${year}`;
}

/** Trend points in time order; months labelled "T1/2026" (vi) / "Jan 2026" (en). */
export function trendSeries(
  points: readonly TrendPoint[],
  lang: Lang,
  granularity: "MONTH" | "QUARTER" | "YEAR" = "MONTH",
): TrendSeriesPoint[] {
  const series = [...points]
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((point): TrendSeriesPoint => {
      const match = /^(\d{4})-(\d{2})/.exec(point.start);
      const month = match ? Number(match[2]) : 0;
      const fallback = match ? monthLabel(Number(match[1]), month, lang) : point.start;
      const label = granularity === "MONTH" ? fallback : point.label || fallback;
      const complete = point.complete ?? true;
      // A month's label a year earlier in the reader's language; others as the server names them.
      const lastYearLabel =
        match && granularity === "MONTH"
          ? monthLabel(Number(match[1]) - 1, month, lang)
          : point.previousLabel;
      return {
        start: point.start,
        label,
        value: complete ? point.value : null,
        running: complete ? null : point.value,
        complete,
        lastYear:
          point.previousLabel && lastYearLabel
            ? { label: lastYearLabel, value: point.previousValue ?? null }
            : null,
      };
    });
  // The dashed segment starts at the last finished bucket before the running one.
  series.forEach((point, i) => {
    const next = series[i + 1];
    if (point.complete && next && !next.complete && next.running !== null) {
      point.running = point.value;
    }
  });
  return series;
}

export type RankStatus = "notReported" | "lowest" | "normal";

export interface ComparisonRowInput {
  unit: { id: string; name: string; partyMembers?: number | null };
  value: number | null;
  perHundredMembers?: number | null;
  previousValue?: number | null;
  change?: number | null;
  rank?: number | null;
  quartile?: number | null;
  reported: boolean;
  /** Lags under the comparison's rule: under target where one applies, else the lowest quarter. */
  laggard?: boolean | null;
}

export interface RankedBar {
  id: string;
  name: string;
  value: number;
  rank: number | null;
  status: RankStatus;
}

/** Bars for the comparison chart: by rank, raw or per 100 members, flagged for highlighting. */
export function rankedBars(rows: readonly ComparisonRowInput[], perCapita: boolean): RankedBar[] {
  return [...rows]
    .map((row) => ({
      id: row.unit.id,
      name: row.unit.name,
      value: (perCapita ? row.perHundredMembers : row.value) ?? 0,
      rank: row.rank ?? null,
      status: rankStatus(row),
    }))
    .sort(
      (a, b) =>
        (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
        b.value - a.value,
    );
}

/**
 * Not reporting matters more than lagging: it is flagged first. A unit lags as the API's laggard
 * rule says (under target, or the lowest quarter); without that answer, quartile 4 lags.
 */
export function rankStatus(
  row: Pick<ComparisonRowInput, "reported" | "quartile" | "laggard">,
): RankStatus {
  if (!row.reported) return "notReported";
  if (row.laggard ?? row.quartile === 4) return "lowest";
  return "normal";
}

/**
 * At most `limit` bars for a slide, never dropping the ones a slide is for: every unit that has
 * not reported or ranks in the lowest quartile stays; the best of the rest fill what is left.
 */
export function barsForSlide(bars: readonly RankedBar[], limit: number): RankedBar[] {
  if (bars.length <= limit) return [...bars];
  const flagged = bars.filter((bar) => bar.status !== "normal");
  const room = Math.max(0, limit - flagged.length);
  const best = new Set(bars.filter((bar) => bar.status === "normal").slice(0, room));
  return bars.filter((bar) => bar.status !== "normal" || best.has(bar));
}
