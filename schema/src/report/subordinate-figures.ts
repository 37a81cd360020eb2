// The subordinate units' figures side by side, ranked as the dashboard's comparison ranks them.
import type { PrismaClient, Unit, UnitKind } from "@d05/prisma";
import { type Cell, computeRaw, finalValue } from "../analytics/engine";
import type { Measure } from "../analytics/measures";
import type { Period } from "../analytics/periods";
import { runComparison } from "../analytics/reports";
import { cellOf, query } from "./figure-rows";

type Db = Pick<PrismaClient, "$queryRaw" | "unit">;

export interface SubordinateRow {
  name: string;
  sessions: number;
  attendance: number;
  attendancePer100: number | null;
  modelsActive: number;
  awards: number;
  registrationRate: number | null;
  reported: boolean;
  /** In the lowest quarter by attendance per 100 party members (or without a figure). */
  lagging: boolean;
  rank: number;
}

/**
 * The subordinate units ranked by attendance per 100 party members (the comparison the dashboard
 * draws), with their other figures beside. A merged unit's predecessors count toward it.
 */
export async function subordinateRows(
  db: Db,
  root: Unit,
  level: UnitKind,
  period: Period,
): Promise<SubordinateRow[]> {
  const measures: Measure[] = [
    "SESSIONS",
    "ATTENDANCE",
    "MODELS_ACTIVE",
    "AWARDS",
    "REGISTRATION_RATE",
  ];
  const [ranking, raw] = await Promise.all([
    // The period is already the counted span: compared as a whole (asOf = its last day).
    runComparison(
      db,
      root,
      level,
      "ATTENDANCE_PER_100_MEMBERS",
      period,
      false,
      "SAME_PERIOD_LAST_YEAR",
      period.to,
    ),
    computeRaw(db, query(root, measures, period, { dimensions: ["UNIT"], unitLevel: level })),
  ]);
  const ranked = ranking.rows.filter((r) => r.value !== null).length;
  return ranking.rows.map((row) => {
    const sum = (m: Measure): Cell => {
      const cell: Cell = { num: 0, den: m === "REGISTRATION_RATE" ? 0 : null };
      for (const u of row.includes) {
        const c = cellOf(raw, String(u.id), m);
        if (!c) continue;
        cell.num += c.num;
        if (cell.den !== null) cell.den += c.den ?? 0;
      }
      return cell;
    };
    return {
      name: row.unit.name,
      sessions: sum("SESSIONS").num,
      attendance: sum("ATTENDANCE").num,
      attendancePer100: row.value,
      modelsActive: sum("MODELS_ACTIVE").num,
      awards: sum("AWARDS").num,
      registrationRate: finalValue("REGISTRATION_RATE", sum("REGISTRATION_RATE"), null),
      reported: row.reported,
      lagging: row.value === null || (ranked >= 4 && row.quartile === 4),
      rank: row.rank,
    };
  });
}
