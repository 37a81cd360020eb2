// Party members of units on given days, from their membership histories (the per-100 denominators).
import { Prisma, type Unit, type UnitKind } from "@d05/prisma";
import { UNIT_COLUMNS, type UnitRow, unitFromRow } from "../../units/unit-rows";
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

/** Days since 1970-01-01 of a UTC midnight, as SQL's `date - DATE '1970-01-01'` counts them. */
const dayNumber = (d: Date) => Math.round(d.getTime() / 86_400_000);

/** A membership entry: in force from day `on` (a dayNumber). */
interface MembershipEntry {
  on: number;
  members: number;
}

/** The distinct days asked for, ascending, each with its key form and its day number. */
function daysAscending(days: readonly Date[]): { iso: string; n: number }[] {
  return [...new Set(days.map(isoDay))].sort().map((iso) => ({ iso, n: dayNumber(new Date(iso)) }));
}

/**
 * Sets each day's members of one unit from its history (entries ascending): the last entry on or
 * before the day, null before the first. Days ascending, entries ascending: one pass.
 */
function lookUpDays(
  unitId: number,
  history: readonly MembershipEntry[],
  days: readonly { iso: string; n: number }[],
  out: Map<string, number | null>,
) {
  let at = -1;
  for (const d of days) {
    while (at + 1 < history.length && (history[at + 1] as MembershipEntry).on <= d.n) at++;
    out.set(memberKey(unitId, d.iso), at < 0 ? null : (history[at] as MembershipEntry).members);
  }
}

/**
 * Party members of units on days, from their membership histories, in one query: keyed
 * memberKey(unitId, yyyy-mm-dd), null where a unit has no entry on or before the day. The
 * histories themselves are read (a few entries per unit: one per change of membership) and each
 * day looked up here: a trend's 120 days were 120 parameters to plan and 120 index descents.
 */
export async function membersOfUnitsOn(
  db: Db,
  unitIds: readonly number[],
  days: readonly Date[],
): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  if (unitIds.length === 0 || days.length === 0) return out;
  const ascending = daysAscending(days);
  const last = ascending[ascending.length - 1] as { iso: string };
  const entries = await db.$queryRaw<{ unitId: number; on: number; members: number }[]>`
    SELECT "unitId", "effectiveOn" - DATE '1970-01-01' AS "on", "partyMembers" AS "members"
    FROM "UnitMembership"
    WHERE "unitId" = ANY(${[...new Set(unitIds)]}::int[]) AND "effectiveOn" <= ${last.iso}::date
    ORDER BY "unitId", "effectiveOn"`;
  const history = new Map<number, MembershipEntry[]>();
  for (const e of entries) {
    const unitId = Number(e.unitId);
    const list = history.get(unitId) ?? [];
    list.push({ on: Number(e.on), members: Number(e.members) });
    history.set(unitId, list);
  }
  for (const unitId of new Set(unitIds))
    lookUpDays(unitId, history.get(unitId) ?? [], ascending, out);
  return out;
}

/**
 * The units of one kind under a root (at any depth below it), each with its party members on the
 * given days, in one statement: the comparison's list and denominators (a separate list query
 * and members query cost a round trip and a statement more). Each unit's membership history up
 * to the last day is joined to its row (one index range per unit, where a lookup per unit and
 * day cost twice the descents and a subplan each: 0.9 → 0.56 ms for 168 communes and two days,
 * pgbench). Members keyed as membersOfUnitsOn.
 */
export async function unitsWithMembersOn(
  db: Db,
  rootId: number,
  kind: UnitKind,
  days: readonly Date[],
): Promise<{ units: Unit[]; members: Map<string, number | null> }> {
  const ascending = daysAscending(days);
  const last = ascending.at(-1)?.iso ?? "0001-01-01";
  const rows = await db.$queryRaw<(UnitRow & { on: number | null; members: number | null })[]>`
    SELECT ${UNIT_COLUMNS},
      m."effectiveOn" - DATE '1970-01-01' AS "on", m."partyMembers" AS "members"
    FROM "UnitClosure" c JOIN "Unit" u ON u."id" = c."descendantId"
      LEFT JOIN "UnitMembership" m ON m."unitId" = u."id" AND m."effectiveOn" <= ${last}::date
    WHERE c."ancestorId" = ${rootId} AND c."descendantKind" = ${kind}::"UnitKind"
      AND c."distance" > 0
    ORDER BY u."id", m."effectiveOn"`;
  const members = new Map<string, number | null>();
  const units: Unit[] = [];
  let history: MembershipEntry[] = [];
  // Rows come by unit, its entries ascending: a unit is complete when the next one starts.
  rows.forEach((r, i) => {
    if (r.on !== null && r.members !== null)
      history.push({ on: Number(r.on), members: Number(r.members) });
    if (rows[i + 1]?.id === r.id) return;
    lookUpDays(r.id, history, ascending, members);
    history = [];
    units.push(unitFromRow(r));
  });
  return { units, members };
}

/** A unit's party members on a day, from its membership history (null before its first entry). */
export async function membersOn(db: Db, unitId: number, on: Date): Promise<number | null> {
  const [row] = await db.$queryRaw<{ members: number | null }[]>`
    SELECT unit_members_on(${unitId}, ${day(on)}) AS "members"`;
  return row?.members ?? null;
}
