// Whole calendar years of a period, read from the year rollups (migration year_rollups): the same
// sums as the monthly or daily rows, ~12× fewer rows (365× for models).
import { Prisma } from "@d05/prisma";
import type { Dimension } from "../measures";
import type { Period } from "../periods";
import { day } from "./sql";
import type { TableSource } from "./types";

type YearSource = Exclude<TableSource, "modelStatus">;

const YEAR_TABLE: Record<YearSource, string> = {
  activity: "ActivityYearRollup",
  award: "AwardYearRollup",
  modelDay: "ModelYearRollup",
  modelStock: "ModelYearRollup",
  contribution: "ContributionYearRollup",
  commitment: "CommitmentYearRollup",
  commitmentStock: "CommitmentYearRollup",
};

/** A monthly or daily rollup's time columns, as the year rollup names them. */
const YEAR_COLUMN: Record<string, string> = {
  month: "year",
  day: "year",
  decisionMonth: "decisionYear",
};

const DAY_MS = 86_400_000;
const startOfYear = (year: number) => new Date(Date.UTC(year, 0, 1));

/**
 * The period cut into its whole calendar years, from its start (read from the year rollups), and
 * the rest after them (read as before). Nothing is cut when the period does not start on the 1st
 * of January, or when the answer is split by quarter or month (the year rows cannot say which).
 */
export function splitAtWholeYears(
  period: Period,
  dimensions: readonly Dimension[],
): { years: Period | null; rest: Period | null } {
  const finerThanYear = dimensions.includes("MONTH") || dimensions.includes("QUARTER");
  const from = period.from;
  if (finerThanYear || from.getUTCMonth() !== 0 || from.getUTCDate() !== 1) {
    return { years: null, rest: period };
  }
  const dayAfter = new Date(period.to.getTime() + DAY_MS);
  const lastWholeYear =
    dayAfter.getUTCMonth() === 0 && dayAfter.getUTCDate() === 1
      ? period.to.getUTCFullYear()
      : period.to.getUTCFullYear() - 1;
  if (lastWholeYear < from.getUTCFullYear()) return { years: null, rest: period };
  const restFrom = startOfYear(lastWholeYear + 1);
  return {
    years: { from, to: new Date(restFrom.getTime() - DAY_MS) },
    rest: restFrom <= period.to ? { from: restFrom, to: period.to } : null,
  };
}

/**
 * The year rollup's rows whose time column falls in [from, to] (both 1st of January or a year's
 * last day), selecting `columns` (the monthly rollup's names, in its order) under those names.
 */
export function yearRows(
  source: TableSource,
  columns: readonly string[],
  timeColumn: string,
  from: Date | null,
  to: Date,
): Prisma.Sql {
  if (source === "modelStatus") throw new Error("status stocks have no year rollup");
  const select = columns
    .map((c) => (YEAR_COLUMN[c] ? `"${YEAR_COLUMN[c]}" AS "${c}"` : `"${c}"`))
    .join(", ");
  const time = Prisma.raw(`"${YEAR_COLUMN[timeColumn] ?? timeColumn}"`);
  const range = from
    ? Prisma.sql`${time} BETWEEN ${day(from)} AND ${day(to)}`
    : Prisma.sql`${time} <= ${day(to)}`;
  return Prisma.sql`SELECT ${Prisma.raw(select)} FROM ${Prisma.raw(`"${YEAR_TABLE[source]}"`)} WHERE ${range}`;
}
