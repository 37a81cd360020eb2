// Facts that analytics answers read beside their figures and that change only by an
// administrator's hand: a unit's row, the units of a level under a root, the party members of
// units on given days, and the targets (chỉ tiêu) that apply to units. Records written on a
// reporting day change none of them (a change to units or memberships retires the tree's facts,
// a change to targets the targets', on every instance), so they are kept across requests while
// the answers themselves are recomputed from the figures.
import { type PrismaClient, rawQueriesOf, type Unit, type UnitKind } from "@d05/prisma";
import type { Context } from "../context";
import { readUnit } from "../units/unit-rows";
import { membersOfUnitsOn, unitsWithMembersOn } from "./engine/members";
import type { Measure } from "./measures";
import { isoDay } from "./periods";
import { combinedTargets, nearestTargets } from "./targets";

type Db = Pick<PrismaClient, "$queryRaw">;

export type UnitsWithMembers = Awaited<ReturnType<typeof unitsWithMembersOn>>;
export type NearestTargets = Awaited<ReturnType<typeof nearestTargets>>;
export type CombinedTargets = Awaited<ReturnType<typeof combinedTargets>>;

export interface ReferenceFacts {
  /** The unit with this id, or null. */
  unit(id: number): Promise<Unit | null>;
  /** The units of `kind` under `rootId` with their members on `days` (unitsWithMembersOn). */
  unitsAtLevel(rootId: number, kind: UnitKind, days: readonly Date[]): Promise<UnitsWithMembers>;
  /** Party members of units on days (membersOfUnitsOn). */
  membersOn(unitIds: readonly number[], days: readonly Date[]): Promise<Map<string, number | null>>;
  /** The target nearest to each unit for each measure (nearestTargets). */
  nearestTargets(
    unitIds: number[],
    measures: readonly Measure[],
    sector: string | null,
  ): Promise<NearestTargets>;
  /** A unit's targets combined from a level below it, on `day` (combinedTargets). */
  combinedTargets(
    unit: { id: number; kind: UnitKind },
    measures: readonly Measure[],
    day: Date,
  ): Promise<CombinedTargets>;
}

/** The facts read straight from `db` each time (a report's one-off reads). */
export function referenceFactsOn(db: Db): ReferenceFacts {
  return {
    unit: (id) => readUnit(db, id),
    unitsAtLevel: (rootId, kind, days) => unitsWithMembersOn(db, rootId, kind, days),
    membersOn: (unitIds, days) => membersOfUnitsOn(db, unitIds, days),
    nearestTargets: (unitIds, measures, sector) => nearestTargets(db, unitIds, measures, sector),
    combinedTargets: (unit, measures, day) => combinedTargets(db, unit, measures, day),
  };
}

/**
 * The facts as a request reads them: from the read cache while they are unchanged (shared, so
 * never to be modified), else from the pool. Without a cache, read each time.
 */
export function referenceFactsOf(ctx: Context): ReferenceFacts {
  const direct = referenceFactsOn(rawQueriesOf(ctx.db));
  const { reads } = ctx;
  if (!reads) return direct;
  return {
    unit: (id) => reads.unitTreeFact(`unit:${id}`, () => direct.unit(id)),
    unitsAtLevel: (rootId, kind, days) =>
      reads.unitTreeFact(
        `units:${rootId}:${kind}:${days.map(isoDay).join(",")}`,
        () => direct.unitsAtLevel(rootId, kind, days),
        (fact) => fact.units.length,
      ),
    membersOn: (unitIds, days) =>
      reads.unitTreeFact(
        `members:${unitIds.join(",")}:${days.map(isoDay).join(",")}`,
        () => direct.membersOn(unitIds, days),
        (fact) => Math.max(1, fact.size),
      ),
    nearestTargets: (unitIds, measures, sector) =>
      reads.targetFact(
        `nearest:${measures.join(",")}:${sector ?? ""}:${unitIds.join(",")}`,
        () => direct.nearestTargets(unitIds, measures, sector),
        (fact) => Math.max(1, fact.size),
      ),
    combinedTargets: (unit, measures, day) =>
      reads.targetFact(`combined:${unit.id}:${measures.join(",")}:${isoDay(day)}`, () =>
        direct.combinedTargets(unit, measures, day),
      ),
  };
}
