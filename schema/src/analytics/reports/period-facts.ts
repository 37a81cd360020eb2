// What every period-bound answer says about its periods, and the relative change it shows.
import type { ComparedPeriods, Period } from "../periods";

/** Relative change, (value - previous) / previous; null when either is null or previous is 0. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

/** What every period-bound answer says about its periods (see comparePeriods). */
export interface PeriodFacts {
  /** The days counted (the requested period, cut at asOf when unfinished). */
  period: Period;
  requestedPeriod: Period;
  /** The days compared with: the same span of the compared period when unfinished. */
  previousPeriod: Period;
  asOf: Date;
  periodEnded: boolean;
  comparedSameSpan: boolean;
}

export function facts(c: ComparedPeriods): PeriodFacts {
  return {
    period: c.period,
    requestedPeriod: c.requested,
    previousPeriod: c.previous,
    asOf: c.asOf,
    periodEnded: c.ended,
    comparedSameSpan: c.sameSpan,
  };
}
