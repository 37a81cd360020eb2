// Checks the fault tests make after a crash: the raw rows and every analytics rollup agree.
import { type Database, ROLLUP_TABLES } from "@d05/prisma";

async function snapshot(db: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  // Every derived table, the year rollups and the party-cell day deltas included.
  for (const table of ROLLUP_TABLES) {
    const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT * FROM "${table}"`,
    );
    out[table] = rows
      .map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v)))
      .sort();
  }
  return out;
}

/**
 * The rollups as the triggers left them, and as `rebuild_rollups()` recomputes them from the raw
 * records: equal when no write was half-applied. (Rebuilding leaves equal rollups unchanged.)
 */
export async function rollupsBeforeAndAfterRebuild(db: Database) {
  const kept = await snapshot(db);
  await db.prisma.$executeRawUnsafe("SELECT rebuild_rollups()");
  return { kept, rebuilt: await snapshot(db) };
}

/** Activity figures of a subtree, from the raw rows and from the rollup the dashboard reads. */
export async function activityFigures(db: Database, unitId: number) {
  const [raw] = await db.prisma.$queryRawUnsafe<{ records: number; attendance: number }[]>(
    `SELECT count(*)::int AS records, coalesce(sum(a."attendance"), 0)::int AS attendance
     FROM "Activity" a JOIN "UnitClosure" c ON c."descendantId" = a."unitId" AND c."ancestorId" = $1`,
    unitId,
  );
  const [rollup] = await db.prisma.$queryRawUnsafe<{ records: number; attendance: number }[]>(
    `SELECT coalesce(sum("records"), 0)::int AS records, coalesce(sum("attendance"), 0)::int AS attendance
     FROM "ActivityRollup" WHERE "unitId" = $1`,
    unitId,
  );
  return { raw, rollup };
}
