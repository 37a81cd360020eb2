// Facts that analytics answers read beside their figures and that change only by an
// administrator's hand: a unit's row, the units of a level under a root with their party members
// on given days, and the targets (chỉ tiêu) that apply to units. Records written on a reporting
// day change none of them (a change to units or memberships retires the tree's facts, a change to
// targets the targets', on every instance), so they are kept across requests while the answers
// themselves are recomputed from the figures.
import { type PrismaClient, rawQueriesOf, type Unit, type UnitKind } from "@d05/prisma";
import type { Context } from "../context";
import { readUnit } from "../units/unit-rows";
import { unitsWithMembersOn } from "./engine/members";
import type { Measure } from "./measures";
import { isoDay } from "./periods";
import { nearestTargets } from "./targets";

type Db = Pick<PrismaClient, "$queryRaw">;

export type UnitsWithMembers = Awaited<ReturnType<typeof unitsWithMembersOn>>;
export type NearestTargets = Awaited<ReturnType<typeof nearestTargets>>;

export interface ReferenceFacts {
  /** The unit with this id, or null. */
  unit(id: number): Promise<Unit | null>;
  /** The units of `kind` under `rootId` with their members on `days` (unitsWithMembersOn). */
  unitsAtLevel(rootId: number, kind: UnitKind, days: readonly Date[]): Promise<UnitsWithMembers>;
  /** The target nearest to each unit for each measure (nearestTargets). */
  nearestTargets(
    unitIds: number[],
    measures: readonly Measure[],
    sector: string | null,
  ): Promise<NearestTargets>;
}

/** The facts read straight from `db` each time (a report's one-off reads). */
export function referenceFactsOn(db: Db): ReferenceFacts {
  return {
    unit: (id) => readUnit(db, id),
    unitsAtLevel: (rootId, kind, days) => unitsWithMembersOn(db, rootId, kind, days),
    nearestTargets: (unitIds, measures, sector) => nearestTargets(db, unitIds, measures, sector),
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
    nearestTargets: (unitIds, measures, sector) =>
      reads.targetFact(
        `nearest:${measures.join(",")}:${sector ?? ""}:${unitIds.join(",")}`,
        () => direct.nearestTargets(unitIds, measures, sector),
        (fact) => Math.max(1, fact.size),
      ),
  };
}
