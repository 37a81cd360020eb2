// Maintenance of the unit tree's three redundant encodings: parentId, the materialised path
// ("/1/7/42/") with its depth, and the closure table (one row per ancestor/descendant pair, the
// unit itself at distance 0). Every function takes a transaction client and keeps all three in
// step, so a caller only has to wrap them in one transaction.
import type { Prisma, Unit, UnitKind } from "@d05/prisma";

type Tx = Prisma.TransactionClient;

/** Which kinds of unit may sit directly under which. `null` stands for "no parent" (a root). */
export const ALLOWED_PARENT_KINDS: Record<UnitKind, readonly (UnitKind | null)[]> = {
  // A province is a root, or sits under a central body (e.g. Ban Tuyên giáo Trung ương).
  PROVINCE: [null, "AGENCY"],
  DISTRICT: ["PROVINCE"],
  COMMUNE: ["PROVINCE", "DISTRICT"],
  VILLAGE: ["COMMUNE"],
  PARTY_CELL: [
    "PROVINCE",
    "DISTRICT",
    "COMMUNE",
    "VILLAGE",
    "AGENCY",
    "MASS_ORGANISATION",
    "PARTY_CELL",
  ],
  AGENCY: [null, "PROVINCE", "DISTRICT", "COMMUNE", "AGENCY"],
  MASS_ORGANISATION: ["PROVINCE", "DISTRICT", "COMMUNE", "AGENCY", "MASS_ORGANISATION"],
};

/** Why `kind` may not hang under a parent of `parentKind` (null for a root), or null if it may. */
export function parentKindProblem(kind: UnitKind, parentKind: UnitKind | null): string | null {
  const allowed = ALLOWED_PARENT_KINDS[kind];
  if (allowed.includes(parentKind)) return null;
  const names = allowed.map((k) => k ?? "no parent").join(", ");
  return parentKind === null
    ? `a ${kind} needs a parent (one of: ${names})`
    : `a ${kind} cannot be placed under a ${parentKind} (allowed: ${names})`;
}

/** The path of a unit under a parent with path `parentPath` (null for a root). */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? "/"}${id}/`;
}

export interface NewUnit {
  parentId: number | null;
  code: string;
  name: string;
  kind: UnitKind;
  partyMembers?: number;
  population?: number | null;
  activeFrom?: Date | null;
  activeUntil?: Date | null;
  successorId?: number | null;
}

/** Creates one unit with its path, depth and closure rows. */
export async function insertUnit(tx: Tx, data: NewUnit): Promise<Unit> {
  const parent = data.parentId
    ? await tx.unit.findUniqueOrThrow({
        where: { id: data.parentId },
        select: { path: true, depth: true },
      })
    : null;
  // The id is only known after the insert; the path is written right after, in the same transaction.
  const created = await tx.unit.create({
    data: { ...data, path: "", depth: parent ? parent.depth + 1 : 0 },
  });
  const unit = await tx.unit.update({
    where: { id: created.id },
    data: { path: childPath(parent?.path ?? null, created.id) },
  });
  await tx.$executeRaw`
    INSERT INTO "UnitClosure" ("ancestorId", "descendantId", "distance")
    SELECT "ancestorId", ${unit.id}::int, "distance" + 1 FROM "UnitClosure"
     WHERE "descendantId" = ${data.parentId}::int
    UNION ALL SELECT ${unit.id}::int, ${unit.id}::int, 0`;
  return unit;
}

/** True when `candidateId` is `unitId` itself or one of its descendants. */
export async function isInSubtree(tx: Tx, unitId: number, candidateId: number): Promise<boolean> {
  const row = await tx.unitClosure.findUnique({
    where: { ancestorId_descendantId: { ancestorId: unitId, descendantId: candidateId } },
    select: { distance: true },
  });
  return row !== null;
}

/**
 * Moves a unit, with its whole subtree, under a new parent: the closure rows linking the subtree
 * to its old ancestors are replaced by rows to the new ones, and every path and depth in the
 * subtree is rewritten. The caller checks that the new parent is not inside the subtree.
 */
export async function moveSubtree(tx: Tx, unitId: number, newParentId: number): Promise<void> {
  const unit = await tx.unit.findUniqueOrThrow({
    where: { id: unitId },
    select: { path: true, depth: true },
  });
  const parent = await tx.unit.findUniqueOrThrow({
    where: { id: newParentId },
    select: { path: true, depth: true },
  });
  // Links from the subtree to the unit's strict ancestors go; links inside the subtree stay.
  await tx.$executeRaw`
    DELETE FROM "UnitClosure" c
     USING "UnitClosure" sub, "UnitClosure" sup
     WHERE sub."ancestorId" = ${unitId}::int
       AND c."descendantId" = sub."descendantId"
       AND sup."descendantId" = ${unitId}::int AND sup."distance" > 0
       AND c."ancestorId" = sup."ancestorId"`;
  await tx.$executeRaw`
    INSERT INTO "UnitClosure" ("ancestorId", "descendantId", "distance")
    SELECT sup."ancestorId", sub."descendantId", sup."distance" + sub."distance" + 1
      FROM "UnitClosure" sup, "UnitClosure" sub
     WHERE sup."descendantId" = ${newParentId}::int AND sub."ancestorId" = ${unitId}::int`;
  const newPath = childPath(parent.path, unitId);
  const depthShift = parent.depth + 1 - unit.depth;
  await tx.$executeRaw`
    UPDATE "Unit" u
       SET "path" = ${newPath} || substr(u."path", ${unit.path.length + 1}::int),
           "depth" = u."depth" + ${depthShift}::int,
           "updatedAt" = now()
      FROM "UnitClosure" sub
     WHERE sub."ancestorId" = ${unitId}::int AND u."id" = sub."descendantId"`;
  await tx.unit.update({ where: { id: unitId }, data: { parentId: newParentId } });
}

/**
 * Rollup tables (kept by triggers, keyed by ancestor unit) go stale when a subtree changes
 * ancestors. Another module owns them and provides `rebuild_rollups()`; call it inside the same
 * transaction when it exists, so figures stay exact the moment the move commits.
 */
export async function rebuildRollupsIfPresent(tx: Tx): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ present: boolean }[]>`
    SELECT to_regprocedure('rebuild_rollups()') IS NOT NULL AS present`;
  if (!row?.present) return false;
  await tx.$executeRawUnsafe("SELECT rebuild_rollups()");
  return true;
}

/** One day before `day` (both at UTC midnight). */
export function dayBefore(day: Date): Date {
  return new Date(day.getTime() - 24 * 60 * 60 * 1000);
}
