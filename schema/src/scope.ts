import type { Prisma } from "@d05/prisma";
import type { Context, Viewer } from "./context";
import { AuthenticationError, NotFoundError } from "./errors";

/** The signed-in account; resolvers behind the root types' signedIn scope can rely on it. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new AuthenticationError("Cần đăng nhập: sign in first.");
  return ctx.viewer;
}

/** Units in the subtree under `rootUnitId` (itself included), via the closure table. */
export function unitSubtreeWhere(rootUnitId: number): Prisma.UnitWhereInput {
  return { ancestors: { some: { ancestorId: rootUnitId } } };
}

/** Units the viewer may see. */
export function visibleUnitsWhere(ctx: Context): Prisma.UnitWhereInput {
  return unitSubtreeWhere(requireViewer(ctx).scopeUnitId);
}

export async function isUnitInScope(ctx: Context, unitId: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const row = await ctx.db.prisma.unitClosure.findUnique({
    where: { ancestorId_descendantId: { ancestorId: viewer.scopeUnitId, descendantId: unitId } },
    select: { distance: true },
  });
  return row !== null;
}

/**
 * Throws NotFoundError unless the unit exists inside the viewer's subtree. Out-of-scope and missing
 * look the same on purpose, so the error leaks nothing about units the caller may not see.
 */
export async function assertUnitInScope(ctx: Context, unitId: number): Promise<void> {
  if (!(await isUnitInScope(ctx, unitId))) throw new NotFoundError("Unit", String(unitId));
}
