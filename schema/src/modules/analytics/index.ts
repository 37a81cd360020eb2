// Analytics (phân tích): metrics, overview, comparison and trend. Every figure is read from the
// rollup tables (kept exact by triggers in the same transaction as each write) and the unit tree,
// never by scanning records, and only for a root inside the viewer's subtree.
// One file per answer (metrics, overview, comparison, trend) beside the pieces they share: the
// enumerations, the period types, the members denominator and how a question is answered.
import "./metrics";
import "./overview";
import "./comparison";
import "./trend";

export { periodArgs, requestedPeriod, todayOf } from "./answer";
export { ComparisonRef, ComparisonRowRef } from "./comparison";
export { MeasureEnum } from "./enums";
export { FigureRef, OverviewRef } from "./overview";
