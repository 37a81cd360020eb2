// Periods and time buckets. Rollups hold whole months, so a period is whole months: it starts on
// the first day of a month and ends on the last day of a month (both inclusive).

import { type Text, textOf } from "../domain/messages";

export type Granularity = "MONTH" | "QUARTER" | "YEAR";

export interface Period {
  from: Date;
  to: Date;
}

/** Longest period accepted: keeps every answer O(units × buckets) with a bounded bucket count. */
export const MAX_PERIOD_MONTHS = 240;

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function utc(year: number, monthIndex: number, day = 1): Date {
  return new Date(Date.UTC(year, monthIndex, day));
}

export function monthIndex(d: Date): number {
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** Problems with a period, as messages; empty when it is a valid whole-month period. */
export function periodProblems(period: Period): { field: "from" | "to"; text: Text }[] {
  const problems: { field: "from" | "to"; text: Text }[] = [];
  if (period.from.getUTCDate() !== 1) {
    problems.push({ field: "from", text: textOf("periodStartsOnFirst") });
  }
  const next = new Date(period.to.getTime() + 86_400_000);
  if (next.getUTCDate() !== 1) {
    problems.push({ field: "to", text: textOf("periodEndsOnLast") });
  }
  if (period.to < period.from) {
    problems.push({ field: "to", text: textOf("periodEndsBeforeStart") });
  } else if (monthIndex(period.to) - monthIndex(period.from) + 1 > MAX_PERIOD_MONTHS) {
    problems.push({ field: "to", text: textOf("periodTooLong", { months: MAX_PERIOD_MONTHS }) });
  }
  return problems;
}

export function periodMonths(period: Period): number {
  return monthIndex(period.to) - monthIndex(period.from) + 1;
}

const STEP_MONTHS: Record<Granularity, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };

/** First day of the bucket holding `d`. */
export function bucketStart(d: Date, g: Granularity): Date {
  const m = d.getUTCMonth();
  const start = g === "MONTH" ? m : g === "QUARTER" ? m - (m % 3) : 0;
  return utc(d.getUTCFullYear(), start);
}

/** Key of a bucket, as the SQL builders produce it: "2024", "2024-Q3", "2024-03". */
export function bucketKey(start: Date, g: Granularity): string {
  const y = start.getUTCFullYear();
  const m = start.getUTCMonth() + 1;
  if (g === "YEAR") return String(y);
  if (g === "QUARTER") return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${y}-${String(m).padStart(2, "0")}`;
}

/** Vietnamese label of a bucket key: "2024", "Q3/2024", "T3/2024". */
export function bucketLabel(key: string): string {
  const quarter = /^(\d{4})-Q(\d)$/.exec(key);
  if (quarter) return `Q${quarter[2]}/${quarter[1]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) return `T${Number(month[2])}/${month[1]}`;
  return key;
}

/** Every bucket that overlaps the period, in order. */
export function buckets(period: Period, g: Granularity): { start: Date; key: string }[] {
  const out: { start: Date; key: string }[] = [];
  let start = bucketStart(period.from, g);
  while (start <= period.to) {
    out.push({ start, key: bucketKey(start, g) });
    start = utc(start.getUTCFullYear(), start.getUTCMonth() + STEP_MONTHS[g]);
  }
  return out;
}

export const SQL_INTERVAL: Record<Granularity, string> = {
  MONTH: "1 month",
  QUARTER: "3 months",
  YEAR: "1 year",
};

export const SQL_TRUNC: Record<Granularity, string> = {
  MONTH: "month",
  QUARTER: "quarter",
  YEAR: "year",
};

/** to_char pattern producing bucketKey's format. */
export const SQL_KEY_FORMAT: Record<Granularity, string> = {
  MONTH: "YYYY-MM",
  QUARTER: 'YYYY-"Q"Q',
  YEAR: "YYYY",
};

// ───────────────────────── Unfinished periods: cùng kỳ ─────────────────────────
//
// A period that has not ended on `asOf` (today) is counted up to asOf and compared with the SAME
// SPAN of the compared period ("cùng kỳ"): 01/01–02/12/2026 with 01/01–02/12/2025, never with the
// whole of 2025. Which period is compared:
//   - PREVIOUS_PERIOD: the period of the same number of months immediately before — for a year the
//     previous year, for a quarter the previous quarter, for a month the previous month, for the
//     last 12 months the 12 months before them;
//   - SAME_PERIOD_LAST_YEAR: the same months one year earlier.
// The span is shifted month by month: day d of month m maps to day d of the compared month,
// clamped to that month's length (31/05 → 28/02 or 29/02), and the last day of a month maps to
// the last day of the compared month, so whole months stay whole (28/02/2025 → 29/02/2024;
// 29/02/2024 → 28/02/2023; 30/11 → 31/08 a quarter earlier).

const DAY_MS = 86_400_000;
/** Vietnam is UTC+7 all year (no daylight saving). */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** Today's date in Vietnam (a UTC midnight Date, like every Date scalar of the API). */
export function vietnamToday(now: Date = new Date()): Date {
  const local = new Date(now.getTime() + VIETNAM_OFFSET_MS);
  return utc(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
}

function lastDayOfMonth(d: Date): boolean {
  return new Date(d.getTime() + DAY_MS).getUTCDate() === 1;
}

/** The day `months` months earlier (positive) or later (negative), month ends kept as month ends. */
export function shiftDay(d: Date, monthsBack: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - monthsBack;
  const targetLast = utc(y, m + 1, 0);
  if (lastDayOfMonth(d)) return targetLast;
  return utc(y, m, Math.min(d.getUTCDate(), targetLast.getUTCDate()));
}

export type Baseline = "PREVIOUS_PERIOD" | "SAME_PERIOD_LAST_YEAR";

export interface ComparedPeriods {
  /** The period asked for (whole months). */
  requested: Period;
  /** The days counted: the requested period, cut at asOf when it has not ended. */
  period: Period;
  /** The days compared with: the same span of the compared period. */
  previous: Period;
  /** The day figures are counted up to (today, Vietnam time). */
  asOf: Date;
  /** True when the requested period ended before asOf (or on it). */
  ended: boolean;
  /** True when the period is unfinished and `previous` is the same span, not a whole period. */
  sameSpan: boolean;
}

/** The counted and compared spans of a requested period as of a day (see the rule above). */
export function comparePeriods(
  requested: Period,
  asOf: Date,
  baseline: Baseline = "PREVIOUS_PERIOD",
): ComparedPeriods {
  const back = baseline === "SAME_PERIOD_LAST_YEAR" ? 12 : periodMonths(requested);
  const whole: Period = {
    from: shiftDay(requested.from, back),
    to: shiftDay(requested.to, back),
  };
  const ended = requested.to <= asOf;
  // Not started yet: nothing to cut; the whole periods are compared (both are empty or future).
  if (ended || asOf < requested.from) {
    return { requested, period: requested, previous: whole, asOf, ended, sameSpan: false };
  }
  return {
    requested,
    period: { from: requested.from, to: asOf },
    previous: { from: whole.from, to: shiftDay(asOf, back) },
    asOf,
    ended,
    sameSpan: true,
  };
}

export type RelativePeriod =
  | "YEAR_TO_DATE"
  | "QUARTER_TO_DATE"
  | "LAST_12_MONTHS"
  | "MONTH_TO_DATE";

/**
 * The whole-month period a relative period names on `today`: this year, this quarter, the 12
 * months ending with this month, this month. All contain today, so they are counted up to today
 * and compared with the same span (comparePeriods).
 */
export function relativePeriod(kind: RelativePeriod, today: Date): Period {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const monthEnd = utc(y, m + 1, 0);
  switch (kind) {
    case "YEAR_TO_DATE":
      return { from: utc(y, 0), to: utc(y, 12, 0) };
    case "QUARTER_TO_DATE":
      return { from: utc(y, m - (m % 3)), to: utc(y, m - (m % 3) + 3, 0) };
    case "LAST_12_MONTHS":
      return { from: utc(y, m - 11), to: monthEnd };
    case "MONTH_TO_DATE":
      return { from: utc(y, m), to: monthEnd };
  }
}

/** "02/12/2026". */
export function viDate(d: Date): string {
  const [y, m, day] = isoDay(d).split("-");
  return `${day}/${m}/${y}`;
}
