// Targets (chỉ tiêu): which target applies to a unit's figure, and whether the figure is under it.
// The rules, once, for the comparison, the KPI cards and the GraphQL module (docs/TARGETS.md):
// - A target is set by a unit for the units of one level in its subtree (itself included), for
//   one measure and optionally one model sector. When several setters up the tree have one, the
//   nearest to the unit wins: a commune's own target overrides its province's.
// - A flow's target is the figure of a calendar year. A period that is one calendar year is
//   compared with it; while that year runs, its year-to-date figure is (and the answer says so).
//   No pro-rating: any other span of a flow has no target. A stock's or a rate's target is a
//   level to hold on the period's last day, whatever the period.
import { Prisma, type PrismaClient, type UnitKind } from "@d05/prisma";
import type { Measure } from "../domain/measures";
import { isStock, MEASURE_DEFINITIONS } from "./measures";
import type { Period } from "./periods";

export type TargetDirection = "AT_LEAST" | "AT_MOST";

export interface AppliedTarget {
  id: number;
  /** The unit that set it. */
  unitId: number;
  value: number;
  direction: TargetDirection;
}

/** How a comparison marks its laggards: under target where one applies, else the lowest quarter. */
export type LaggardRule = "UNDER_TARGET" | "BOTTOM_QUARTER";

/** Why a target does (or does not) apply to a period, for the answer's note. */
export type TargetBasis = "LEVEL" | "YEAR" | "YEAR_TO_DATE" | "NOT_A_YEAR";

/** A level (stock or rate) is compared on any period; a flow only over one calendar year. */
export function isLevelMeasure(measure: Measure): boolean {
  return isStock(measure) || MEASURE_DEFINITIONS[measure].isRate === true;
}

/** How `requested` (counted up to `counted.to`) meets the targets of `measure`. */
export function targetBasis(measure: Measure, requested: Period, counted: Period): TargetBasis {
  if (isLevelMeasure(measure)) return "LEVEL";
  const from = requested.from;
  const to = requested.to;
  const oneYear =
    from.getUTCMonth() === 0 &&
    from.getUTCDate() === 1 &&
    to.getUTCMonth() === 11 &&
    to.getUTCDate() === 31 &&
    from.getUTCFullYear() === to.getUTCFullYear();
  if (!oneYear) return "NOT_A_YEAR";
  return counted.to.getTime() < requested.to.getTime() ? "YEAR_TO_DATE" : "YEAR";
}

/** True when the figure misses the target: below a floor, above a ceiling. */
export function isUnderTarget(value: number, target: AppliedTarget): boolean {
  return target.direction === "AT_MOST" ? value > target.value : value < target.value;
}

/** Vietnamese and English note on how the figure meets the target; null when nothing to say. */
export function basisNote(basis: TargetBasis): { vi: string; en: string } | null {
  switch (basis) {
    case "YEAR_TO_DATE":
      return {
        vi: "Năm chưa kết thúc: số liệu từ đầu năm đến nay được so với chỉ tiêu cả năm.",
        en: "The year has not ended: the year-to-date figure is compared with the whole year's target.",
      };
    case "NOT_A_YEAR":
      return {
        vi: "Chỉ tiêu của chỉ số lượng là chỉ tiêu năm: chỉ so sánh khi kỳ là một năm dương lịch.",
        en: "A flow's target is a yearly one: it is compared only when the period is one calendar year.",
      };
    default:
      return null;
  }
}

/** Key of `nearestTargets`' map. */
export const targetKey = (unitId: number, measure: Measure) => `${unitId}|${measure}`;

/**
 * For each unit and measure, the target that applies to it (for `sector`, or the measure as a
 * whole when null): the one set by its nearest ancestor-or-self among the targets for the unit's
 * own level. One query for all the units and measures.
 */
export async function nearestTargets(
  db: PrismaClient,
  unitIds: number[],
  measures: readonly Measure[],
  sector: string | null,
): Promise<Map<string, AppliedTarget>> {
  const found = new Map<string, AppliedTarget>();
  if (unitIds.length === 0 || measures.length === 0) return found;
  // Each (unit, setter) pair, nearest setter first: the closure row's distance is the nearness.
  const rows = await db.$queryRaw<
    {
      unitId: number;
      measure: Measure;
      id: number;
      setter: number;
      value: number;
      direction: TargetDirection;
    }[]
  >`
    SELECT c."descendantId" AS "unitId", t."measure", t."id", t."unitId" AS "setter", t."value",
           t."direction"::text AS "direction"
    FROM "Target" t
    JOIN "UnitClosure" c ON c."ancestorId" = t."unitId" AND c."descendantKind" = t."level"
    WHERE t."measure" IN (${Prisma.join([...measures])})
      AND t."sector"::text IS NOT DISTINCT FROM ${sector}::text
      AND c."descendantId" IN (${Prisma.join(unitIds)})
    ORDER BY c."distance" ASC, t."id" ASC`;
  for (const row of rows) {
    const key = targetKey(row.unitId, row.measure);
    if (found.has(key)) continue;
    found.set(key, {
      id: row.id,
      unitId: row.setter,
      value: Number(row.value),
      direction: row.direction,
    });
  }
  return found;
}

export interface TargetMarks {
  /** The target that applies to the unit's figure; null when none does. */
  target: AppliedTarget | null;
  /** True when the figure misses its target; null without a target or a figure. */
  underTarget: boolean | null;
  /** Marked as lagging under the comparison's rule. */
  laggard: boolean;
}

/**
 * Each row's marks. Under UNDER_TARGET (a target applies to some row) a row lags when under its
 * target, or when it has no figure to meet it with (not reported, as the lowest quarter holds
 * them too); a row without a target of its own is not marked. Otherwise the lowest quarter lags.
 */
export function markRows<
  R extends { unit: { id: number }; value: number | null; reported: boolean; quartile: number },
>(
  rows: R[],
  targets: Map<number, AppliedTarget>,
): { rows: (R & TargetMarks)[]; laggardRule: LaggardRule } {
  const laggardRule: LaggardRule = rows.some((r) => targets.has(r.unit.id))
    ? "UNDER_TARGET"
    : "BOTTOM_QUARTER";
  return {
    laggardRule,
    rows: rows.map((row) => {
      const target = targets.get(row.unit.id) ?? null;
      const known = row.reported && row.value !== null;
      const underTarget = target && known ? isUnderTarget(row.value as number, target) : null;
      const laggard =
        laggardRule === "BOTTOM_QUARTER"
          ? row.quartile === 4
          : target !== null && !known
            ? true
            : underTarget === true;
      return { ...row, target, underTarget, laggard };
    }),
  };
}

/** The one target every row shares (the comparison's reference line), else null. */
export function commonTarget(targets: (AppliedTarget | null)[]): AppliedTarget | null {
  const first = targets[0] ?? null;
  if (!first) return null;
  return targets.every(
    (t) => t !== null && t.value === first.value && t.direction === first.direction,
  )
    ? first
    : null;
}

/** The units a target shows on: its setter's path and the units between it and the level's. */
export async function unitsShowingTarget(
  db: PrismaClient,
  setterId: number,
  level: UnitKind,
): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT "ancestorId" AS "id" FROM "UnitClosure" WHERE "descendantId" = ${setterId}
    UNION
    SELECT DISTINCT up."ancestorId" AS "id"
    FROM "UnitClosure" down
    JOIN "UnitClosure" up ON up."descendantId" = down."descendantId"
    JOIN "UnitClosure" inside ON inside."descendantId" = up."ancestorId"
      AND inside."ancestorId" = ${setterId}
    WHERE down."ancestorId" = ${setterId} AND down."descendantKind" = ${level}::"UnitKind"`;
  return rows.map((r) => r.id);
}

/** What a comparison says about targets, next to its rows' marks. */
export interface ComparisonTargets {
  laggardRule: LaggardRule;
  /** The target all rows share (drawn as a line), else null. */
  target: AppliedTarget | null;
  targetBasis: TargetBasis;
}

/** A comparison's rows marked against their targets (none for a flow over a span not a year). */
export async function withComparisonTargets<
  A extends {
    measure: Measure;
    requestedPeriod: Period;
    period: Period;
    rows: { unit: { id: number }; value: number | null; reported: boolean; quartile: number }[];
  },
>(db: PrismaClient, answer: A, sector: string | null) {
  const basis = targetBasis(answer.measure, answer.requestedPeriod, answer.period);
  const byUnit = new Map<number, AppliedTarget>();
  if (basis !== "NOT_A_YEAR") {
    const ids = answer.rows.map((r) => r.unit.id);
    const found = await nearestTargets(db, ids, [answer.measure], sector);
    for (const id of ids) {
      const t = found.get(targetKey(id, answer.measure));
      if (t) byUnit.set(id, t);
    }
  }
  const { rows, laggardRule } = markRows(answer.rows as A["rows"], byUnit);
  const target = commonTarget(rows.map((r) => r.target));
  return { ...answer, rows, laggardRule, target, targetBasis: basis } satisfies ComparisonTargets &
    A;
}

/** The KPI figures with the targets that apply to the unit itself (its own level). */
export async function withOverviewTargets<
  A extends {
    unit: { id: number };
    requestedPeriod: Period;
    period: Period;
    figures: { measure: Measure; value: number | null }[];
  },
>(db: PrismaClient, answer: A) {
  const found = await nearestTargets(
    db,
    [answer.unit.id],
    answer.figures.map((f) => f.measure),
    null,
  );
  return {
    ...answer,
    figures: answer.figures.map((figure) => {
      const basis = targetBasis(figure.measure, answer.requestedPeriod, answer.period);
      const target =
        basis === "NOT_A_YEAR"
          ? null
          : (found.get(targetKey(answer.unit.id, figure.measure)) ?? null);
      return {
        ...figure,
        target,
        targetBasis: basis,
        underTarget: target && figure.value !== null ? isUnderTarget(figure.value, target) : null,
      };
    }),
  };
}
