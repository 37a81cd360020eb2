/**
 * Every table the rollup triggers and rebuild_rollups() keep, derived from the records and the
 * unit tree: what a bulk load rebuilds and tidies, and what a rebuild must reproduce row for row.
 */
export const ROLLUP_TABLES = [
  "ActivityRollup",
  "AwardRollup",
  "ModelLifecycle",
  "ModelDayRollup",
  "ContributionRollup",
  "CommitmentRollup",
  "ActivityYearRollup",
  "AwardYearRollup",
  "ModelYearRollup",
  "ContributionYearRollup",
  "CommitmentYearRollup",
  "CommitmentUnitYear",
  "PartyCellRollup",
  "RegisteredCellRollup",
] as const;
