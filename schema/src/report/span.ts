// The report's span and the span it is compared with ("cùng kỳ"). Kept to one small function so
// that the shared period rules (schema/src/analytics/periods.ts, issue 12) can replace it.
import { type Period, samePeriodLastYear } from "../analytics/periods";

export interface ReportSpan {
  /** Months counted: the requested period, cut at the current month when it has not ended. */
  current: Period;
  /** The same months one year earlier (cùng kỳ năm trước). */
  previous: Period;
  /** Set when the requested period runs past `today`: figures are "đến ngày" that day. */
  asOf: Date | null;
}

/**
 * An unfinished period is compared like for like: 01/2026–12/2026 read on 02/12/2026 counts
 * 01–12/2026 (no later record exists) against 01–12/2025, and says "đến ngày 02/12/2026". Rollups
 * hold whole months, so the current month is compared whole with its counterpart a year earlier.
 */
export function comparableSpan(period: Period, today: Date): ReportSpan {
  if (period.to <= today)
    return { current: period, previous: samePeriodLastYear(period), asOf: null };
  const endOfThisMonth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 0));
  const current = {
    from: period.from,
    to: endOfThisMonth < period.to ? endOfThisMonth : period.to,
  };
  return { current, previous: samePeriodLastYear(current), asOf: today };
}
