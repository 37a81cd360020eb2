// The report's span, the span it is compared with ("cùng kỳ"), and how the report names a span. Kept to one small function so
// that the shared period rules (schema/src/analytics/periods.ts, issue 12) can replace it.
import { comparePeriods, type Period } from "../analytics/periods";
import { viDate } from "./numbers";

export interface ReportSpan {
  /** Days counted: the requested period, cut at today when it has not ended. */
  current: Period;
  /** The same span one year earlier (cùng kỳ năm trước). */
  previous: Period;
  /** Set when the requested period runs past `today`: figures are "đến ngày" that day. */
  asOf: Date | null;
}

/**
 * An unfinished period is compared like for like (the shared rule, analytics/periods.ts):
 * 01/2026–12/2026 read on 02/12/2026 counts 01/01–02/12/2026 against 01/01–02/12/2025 and says
 * "đến ngày 02/12/2026".
 */
export function comparableSpan(period: Period, today: Date): ReportSpan {
  const spans = comparePeriods(period, today, "SAME_PERIOD_LAST_YEAR");
  return { current: spans.period, previous: spans.previous, asOf: spans.sameSpan ? today : null };
}

/** "năm 2023", "6 tháng đầu năm 2026", "quý III năm 2024", "tháng 01 năm 2024", else a range. */
export function spanLabel(p: Period): string {
  const y = p.from.getUTCFullYear();
  const m1 = p.from.getUTCMonth() + 1;
  const m2 = p.to.getUTCMonth() + 1;
  const sameYear = y === p.to.getUTCFullYear();
  if (sameYear && m1 === 1 && m2 === 12) return `năm ${y}`;
  if (sameYear && m1 === 1 && m2 === 6) return `6 tháng đầu năm ${y}`;
  if (sameYear && m1 === 7 && m2 === 12) return `6 tháng cuối năm ${y}`;
  if (sameYear && m2 - m1 === 2 && m1 % 3 === 1) {
    return `quý ${["I", "II", "III", "IV"][(m1 - 1) / 3]} năm ${y}`;
  }
  if (sameYear && m1 === m2) return `tháng ${String(m1).padStart(2, "0")} năm ${y}`;
  return `từ ngày ${viDate(p.from)} đến ngày ${viDate(p.to)}`;
}
