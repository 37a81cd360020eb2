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
import type { ReferenceFacts } from "./reference-facts";

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
export function isUnderTarget(
  value: number,
  target: Pick<AppliedTarget, "value" | "direction">,
): boolean {
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
  db: Pick<PrismaClient, "$queryRaw">,
  unitIds: number[],
  measures: readonly Measure[],
  sector: string | null,
): Promise<Map<string, AppliedTarget>> {
  const found = new Map<string, AppliedTarget>();
  if (unitIds.length === 0 || measures.length === 0) return found;
  // Each (unit, setter) pair, nearest setter first: the closure row's distance is the nearness.
  // The units as one array parameter: planning a list of 168 parameters cost ~0.3 ms per call.
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
      AND c."descendantId" = ANY(${unitIds}::int[])
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

/**
 * A comparison's rows marked against their targets (none for a flow over a span not a year), as
 * the reference facts find them.
 */
export async function withComparisonTargets<
  A extends {
    measure: Measure;
    requestedPeriod: Period;
    period: Period;
    rows: { unit: { id: number }; value: number | null; reported: boolean; quartile: number }[];
  },
>(reference: Pick<ReferenceFacts, "nearestTargets">, answer: A, sector: string | null) {
  const basis = targetBasis(answer.measure, answer.requestedPeriod, answer.period);
  const byUnit = new Map<number, AppliedTarget>();
  if (basis !== "NOT_A_YEAR") {
    const ids = answer.rows.map((r) => r.unit.id);
    const found = await reference.nearestTargets(ids, [answer.measure], sector);
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

/**
 * A unit's target made of the targets of its units of one level below it, for a KPI card when
 * no target is set for the unit's own level: a province whose communes each hold "≥ 1 mô hình".
 * SUM (a count: sessions, models, awards…): the units' targets added up, since the unit's figure
 * is their figures added up. SHARED (a rate or a figure per 100 members, never summed): the one
 * value every unit holds.
 */
export interface CombinedTarget {
  value: number;
  direction: TargetDirection;
  rule: "SUM" | "SHARED";
  /** Kind of the units whose targets are combined, e.g. COMMUNE. */
  level: UnitKind;
  /** How many units: every one of that level in the subtree that exists on the day. */
  units: number;
}

/** A rate or a figure per 100 members is not the sum of its units' figures, nor its target. */
export function isSummable(measure: Measure): boolean {
  const def = MEASURE_DEFINITIONS[measure];
  return def.isRate !== true && def.perHundredMembers !== true;
}

interface LevelCoverage {
  measure: Measure;
  level: UnitKind;
  depth: number;
  units: number;
  withTarget: number;
  total: number | null;
  low: number | null;
  high: number | null;
  directions: number;
  direction: TargetDirection | null;
}

/**
 * Each level's coverage by targets, for the `unitKind` unit `unitId` and `measures`: of the units
 * of that level in its subtree that exist on `day`, how many have a target (the nearest setter's,
 * as `nearestTargets` picks it), their sum, range and directions. Only levels some target of the
 * measure is set for (by the unit's ancestors, itself or its units) are looked at.
 */
async function levelCoverage(
  db: Pick<PrismaClient, "$queryRaw">,
  unitId: number,
  unitKind: UnitKind,
  measures: readonly Measure[],
  day: Date,
): Promise<LevelCoverage[]> {
  const levels = await db.$queryRaw<{ measure: string; level: string }[]>`
    SELECT DISTINCT t."measure", t."level"::text AS "level" FROM "Target" t
    WHERE t."measure" IN (${Prisma.join([...measures])}) AND t."sector" IS NULL
      AND t."level"::text <> ${unitKind}::text
      AND (EXISTS (SELECT 1 FROM "UnitClosure" up
                   WHERE up."ancestorId" = t."unitId" AND up."descendantId" = ${unitId})
        OR EXISTS (SELECT 1 FROM "UnitClosure" down
                   WHERE down."ancestorId" = ${unitId} AND down."descendantId" = t."unitId"))`;
  // Most units have no target set below them: nothing more to read. (Asked in one statement, the
  // coverage cost ~30 ms of planning and ~40 ms of execution at the national root, targets or not.)
  if (levels.length === 0) return [];
  const levelRows = levels.map((l) => Prisma.sql`(${l.measure}, ${l.level}::"UnitKind")`);
  return db.$queryRaw<LevelCoverage[]>`
    WITH levels ("measure", "level") AS (VALUES ${Prisma.join(levelRows)}),
    under AS (
      SELECT l."measure", l."level", u."id", u."depth" FROM levels l
      JOIN "UnitClosure" c ON c."ancestorId" = ${unitId} AND c."distance" > 0
        AND c."descendantKind" = l."level"
      JOIN "Unit" u ON u."id" = c."descendantId"
      WHERE (u."activeFrom" IS NULL OR u."activeFrom" <= ${day})
        AND (u."activeUntil" IS NULL OR u."activeUntil" >= ${day})
    )
    SELECT under."measure", under."level"::text AS "level", min(under."depth")::int AS "depth",
           count(*)::int AS "units", count(n."id")::int AS "withTarget",
           sum(n."value")::float8 AS "total", min(n."value")::float8 AS "low",
           max(n."value")::float8 AS "high", count(DISTINCT n."direction")::int AS "directions",
           min(n."direction"::text) AS "direction"
    FROM under
    LEFT JOIN LATERAL (
      SELECT t."id", t."value", t."direction" FROM "Target" t
      JOIN "UnitClosure" c ON c."ancestorId" = t."unitId" AND c."descendantId" = under."id"
      WHERE t."measure" = under."measure" AND t."level" = under."level" AND t."sector" IS NULL
      ORDER BY c."distance" ASC, t."id" ASC
      LIMIT 1
    ) n ON true
    GROUP BY under."measure", under."level"`;
}

/**
 * The combined target of each measure, from the nearest level below the unit whose every unit
 * (existing on `day`) has a target of one direction: summed for a count, the shared value for a
 * rate (none when their values differ). A level only partly covered gives none: the unit's
 * figure counts every unit, a sum of some units' targets would not be its target.
 */
export async function combinedTargets(
  db: Pick<PrismaClient, "$queryRaw">,
  unit: { id: number; kind: UnitKind },
  measures: readonly Measure[],
  day: Date,
): Promise<Map<Measure, CombinedTarget>> {
  const found = new Map<Measure, CombinedTarget>();
  if (measures.length === 0) return found;
  const rows = await levelCoverage(db, unit.id, unit.kind, measures, day);
  rows.sort((a, b) => a.depth - b.depth || a.level.localeCompare(b.level));
  for (const row of rows) {
    if (found.has(row.measure)) continue;
    const complete = row.units > 0 && row.withTarget === row.units && row.directions === 1;
    if (!complete || row.direction === null || row.total === null) continue;
    const base = { direction: row.direction, level: row.level, units: row.units };
    if (isSummable(row.measure)) {
      found.set(row.measure, { ...base, value: row.total, rule: "SUM" });
    } else if (row.low === row.high && row.low !== null) {
      found.set(row.measure, { ...base, value: row.low, rule: "SHARED" });
    }
  }
  return found;
}

/**
 * The KPI figures with their targets: the one set for the unit's own level when there is one
 * (`target`), else the targets of its units of a level below combined (`combinedTarget`).
 */
export async function withOverviewTargets<
  A extends {
    unit: { id: number; kind: UnitKind };
    requestedPeriod: Period;
    period: Period;
    figures: { measure: Measure; value: number | null }[];
  },
>(reference: Pick<ReferenceFacts, "nearestTargets" | "combinedTargets">, answer: A) {
  const unitId = answer.unit.id;
  const comparable = answer.figures
    .map((f) => f.measure)
    .filter((m) => targetBasis(m, answer.requestedPeriod, answer.period) !== "NOT_A_YEAR");
  const own = await reference.nearestTargets([unitId], comparable, null);
  const combined = await reference.combinedTargets(
    answer.unit,
    comparable.filter((m) => !own.has(targetKey(unitId, m))),
    answer.period.to,
  );
  return {
    ...answer,
    figures: answer.figures.map((figure) => {
      const target = own.get(targetKey(unitId, figure.measure)) ?? null;
      const combinedTarget = target ? null : (combined.get(figure.measure) ?? null);
      const applied = target ?? combinedTarget;
      return {
        ...figure,
        target,
        combinedTarget,
        targetBasis: targetBasis(figure.measure, answer.requestedPeriod, answer.period),
        underTarget: applied && figure.value !== null ? isUnderTarget(figure.value, applied) : null,
      };
    }),
  };
}
