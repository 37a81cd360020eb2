// Party members of units on given days, from their membership histories (the per-100 denominators).
import { Prisma, type Unit, type UnitKind } from "@d05/prisma";
import { isoDay } from "../periods";
import { day } from "./sql";
import type { Db } from "./types";

/**
 * The membership entry in force for `unit` on `day`: what unit_members_on(unit, day) returns, as a
 * subquery the planner runs in the outer query (a call of the SQL function per row sets up its
 * own executor: 2.5–3.5 ms for 168 communes × 2 days, against 0.7–0.9 ms joined LATERAL).
 */
export function membershipOn(unit: Prisma.Sql, day: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT x."partyMembers" FROM "UnitMembership" x
    WHERE x."unitId" = ${unit} AND x."effectiveOn" <= ${day}
    ORDER BY x."effectiveOn" DESC LIMIT 1`;
}

/** The key of a unit's members on a day (yyyy-mm-dd) in the maps below. */
export const memberKey = (unitId: number, isoDay: string) => `${unitId}@${isoDay}`;

/**
 * Party members of units on days, from their membership histories, in one query: keyed
 * `${unitId}@${yyyy-mm-dd}`, null where a unit has no entry on or before the day. The histories
 * themselves are read (a few entries per unit: one per change of membership) and each day looked
 * up here: a trend's 120 days were 120 parameters to plan and 120 index descents.
 */
export async function membersOfUnitsOn(
  db: Db,
  unitIds: readonly number[],
  days: readonly Date[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (unitIds.length === 0 || days.length === 0) return out;
  const isoDays = [...new Set(days.map(isoDay))].sort();
  const last = isoDays[isoDays.length - 1] as string;
  const entries = await db.$queryRaw<{ unitId: number; on: string; members: number }[]>`
    SELECT "unitId", to_char("effectiveOn", 'YYYY-MM-DD') AS "on", "partyMembers" AS "members"
    FROM "UnitMembership"
    WHERE "unitId" = ANY(${[...new Set(unitIds)]}::int[]) AND "effectiveOn" <= ${last}::date
    ORDER BY "unitId", "effectiveOn"`;
  const history = new Map<number, { on: string; members: number }[]>();
  for (const e of entries) {
    const unitId = Number(e.unitId);
    const list = history.get(unitId) ?? [];
    list.push({ on: e.on, members: Number(e.members) });
    history.set(unitId, list);
  }
  for (const unitId of new Set(unitIds)) {
    const list = history.get(unitId) ?? [];
    // Days ascending, entries ascending: one pass, each day taking the last entry on or before it.
    let at = -1;
    for (const d of isoDays) {
      while (at + 1 < list.length && (list[at + 1] as { on: string }).on <= d) at++;
      out.set(memberKey(unitId, d), at < 0 ? null : (list[at] as { members: number }).members);
    }
  }
  return out;
}

/**
 * The units of one kind under a root (at any depth below it), each with its party members on the
 * given days, in one statement: the comparison's list and denominators (a separate list query
 * and members query cost a round trip and a statement more). Members keyed as membersOfUnitsOn.
 */
export async function unitsWithMembersOn(
  db: Db,
  rootId: number,
  kind: UnitKind,
  days: readonly Date[],
): Promise<{ units: Unit[]; members: Map<string, number | null> }> {
  const isoDays = [...new Set(days.map(isoDay))];
  // One int per day, in isoDays' order (null: no membership entry on or before it).
  const onDays = isoDays.map(
    (d) => Prisma.sql`(${membershipOn(Prisma.sql`u."id"`, Prisma.sql`${d}::date`)})`,
  );
  // The two timestamps as epoch milliseconds: parsing 336 of them from text took ~0.3 ms of the
  // server's CPU per comparison, a tenth of its whole share in reading the rows.
  const rows = await db.$queryRaw<
    (Omit<Unit, "createdAt" | "updatedAt"> & {
      createdMs: number;
      updatedMs: number;
      membersOnDays: (number | null)[] | null;
    })[]
  >`
    SELECT u."id", u."code", u."name", u."kind"::text AS "kind", u."parentId", u."path", u."depth",
      u."partyMembers", u."population", u."activeFrom", u."activeUntil", u."successorId",
      (extract(epoch FROM u."createdAt") * 1000)::float8 AS "createdMs",
      (extract(epoch FROM u."updatedAt") * 1000)::float8 AS "updatedMs",
      ${onDays.length > 0 ? Prisma.sql`ARRAY[${Prisma.join(onDays)}]::int[]` : Prisma.sql`NULL::int[]`} AS "membersOnDays"
    FROM "UnitClosure" c JOIN "Unit" u ON u."id" = c."descendantId"
    WHERE c."ancestorId" = ${rootId} AND c."descendantKind" = ${kind}::"UnitKind"
      AND c."distance" > 0
    ORDER BY u."id"`;
  const members = new Map<string, number | null>();
  const units: Unit[] = [];
  // Each Unit built field by field (one object shape), not by rest and spread (one shape per
  // row, and the profile's largest own cost of this read).
  for (const r of rows) {
    for (let i = 0; i < isoDays.length; i++) {
      const m = r.membersOnDays?.[i];
      members.set(
        memberKey(r.id, isoDays[i] as string),
        m === null || m === undefined ? null : Number(m),
      );
    }
    units.push({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind,
      parentId: r.parentId,
      path: r.path,
      depth: r.depth,
      partyMembers: r.partyMembers,
      population: r.population,
      activeFrom: r.activeFrom,
      activeUntil: r.activeUntil,
      successorId: r.successorId,
      createdAt: new Date(r.createdMs),
      updatedAt: new Date(r.updatedMs),
    });
  }
  return { units, members };
}

/** A unit's party members on a day, from its membership history (null before its first entry). */
export async function membersOn(db: Db, unitId: number, on: Date): Promise<number | null> {
  const [row] = await db.$queryRaw<{ members: number | null }[]>`
    SELECT unit_members_on(${unitId}, ${day(on)}) AS "members"`;
  return row?.members ?? null;
}
