// The report's span and the span it is compared with ("cùng kỳ"). Kept to one small function so
// that the shared period rules (schema/src/analytics/periods.ts, issue 12) can replace it.
import { comparePeriods, type Period } from "../analytics/periods";

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
