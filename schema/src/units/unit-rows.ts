// A Unit read by raw SQL, typed as Prisma's model: for reads on every request (an answer's root)
// and for lists read beside other facts (a comparison's units with their members), which skip
// Prisma's query machinery.
import { Prisma, type PrismaClient, type Unit } from "@d05/prisma";

/**
 * The columns of a Unit, from "Unit" aliased `u`. The two timestamps as epoch milliseconds:
 * parsing 336 of them from text took ~0.3 ms of the server's CPU per comparison, a tenth of its
 * whole share in reading the rows.
 */
export const UNIT_COLUMNS = Prisma.sql`u."id", u."code", u."name", u."kind"::text AS "kind",
  u."parentId", u."path", u."depth", u."partyMembers", u."population", u."activeFrom",
  u."activeUntil", u."successorId",
  (extract(epoch FROM u."createdAt") * 1000)::float8 AS "createdMs",
  (extract(epoch FROM u."updatedAt") * 1000)::float8 AS "updatedMs"`;

/** A row of UNIT_COLUMNS. */
export type UnitRow = Omit<Unit, "createdAt" | "updatedAt"> & {
  createdMs: number;
  updatedMs: number;
};

/**
 * The Unit of a row, built field by field (one object shape), not by rest and spread (one shape
 * per row, and the profile's largest own cost of a list's read).
 */
export function unitFromRow(r: UnitRow): Unit {
  return {
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
  };
}

/** The unit with this id, or null. */
export async function readUnit(db: Pick<PrismaClient, "$queryRaw">, id: number) {
  const [row] = await db.$queryRaw<
    UnitRow[]
  >`SELECT ${UNIT_COLUMNS} FROM "Unit" u WHERE u."id" = ${id}`;
  return row ? unitFromRow(row) : null;
}
