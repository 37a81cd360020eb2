// metrics / overview / comparison / trend on top of the engine. Pure shaping, except the engine
// queries and one read of the units at the compared level.
// One file per answer (metrics, overview, trend, comparison) beside the period facts and the
// members denominator they share.
export { type ComparisonRow, runComparison, successorTargets } from "./comparison";
export { type Denominator, denominator } from "./denominator";
export {
  type MetricsKey,
  type MetricsOrder,
  type MetricsRow,
  NO_THEME_KEY,
  runMetrics,
} from "./metrics";
export { type Figure, runOverview } from "./overview";
export { facts, type PeriodFacts, relativeChange } from "./period-facts";
export { runTrend, type TrendPoint } from "./trend";
