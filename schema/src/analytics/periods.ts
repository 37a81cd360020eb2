// Periods and time buckets. Rollups hold whole months, so a period is whole months: it starts on
// the first day of a month and ends on the last day of a month (both inclusive).

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
export function periodProblems(period: Period): { field: "from" | "to"; message: string }[] {
  const problems: { field: "from" | "to"; message: string }[] = [];
  if (period.from.getUTCDate() !== 1) {
    problems.push({
      field: "from",
      message: "Kỳ phải bắt đầu từ ngày 1 của tháng: must be the first day of a month.",
    });
  }
  const next = new Date(period.to.getTime() + 86_400_000);
  if (next.getUTCDate() !== 1) {
    problems.push({
      field: "to",
      message: "Kỳ phải kết thúc vào ngày cuối tháng: must be the last day of a month.",
    });
  }
  if (period.to < period.from) {
    problems.push({
      field: "to",
      message: "Ngày kết thúc trước ngày bắt đầu: must not precede from.",
    });
  } else if (monthIndex(period.to) - monthIndex(period.from) + 1 > MAX_PERIOD_MONTHS) {
    problems.push({
      field: "to",
      message: `Kỳ quá dài: at most ${MAX_PERIOD_MONTHS} months.`,
    });
  }
  return problems;
}

export function periodMonths(period: Period): number {
  return monthIndex(period.to) - monthIndex(period.from) + 1;
}

/** The period of the same number of months immediately before. */
export function previousPeriod(period: Period): Period {
  const n = periodMonths(period);
  const from = utc(period.from.getUTCFullYear(), period.from.getUTCMonth() - n);
  const to = new Date(period.from.getTime() - 86_400_000);
  return { from, to };
}

/** The same months one year earlier (Q3 2024 → Q3 2023). */
export function samePeriodLastYear(period: Period): Period {
  const shift = (d: Date) => utc(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate());
  // The last day of February moves to the last day of February.
  const to = utc(period.to.getUTCFullYear() - 1, period.to.getUTCMonth() + 1, 0);
  return { from: shift(period.from), to };
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
