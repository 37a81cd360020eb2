import { type Prisma, rawQueriesOf } from "@d05/prisma";
import type { Context, Viewer } from "./context";
import { textOf } from "./domain/messages";
import { AuthenticationError, NotFoundError } from "./errors";

/** The signed-in account; resolvers behind the root types' signedIn scope can rely on it. */
export function requireViewer(ctx: Context): Viewer {
  if (!ctx.viewer) throw new AuthenticationError(textOf("signInFirst"));
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

const ancestorsByRequest = new WeakMap<Context, Map<number, Promise<number[]>>>();

/**
 * The unit and its ancestors, root first (empty for a unit that does not exist), read once per
 * request: a write checks its unit's scope and then publishes on the same path.
 */
export function unitAncestors(ctx: Context, unitId: number): Promise<number[]> {
  let known = ancestorsByRequest.get(ctx);
  if (!known) {
    known = new Map();
    ancestorsByRequest.set(ctx, known);
  }
  let ancestors = known.get(unitId);
  if (!ancestors) {
    ancestors = currentUnitAncestors(ctx, unitId);
    known.set(unitId, ancestors);
  }
  return ancestors;
}

/**
 * The same as the tree stands now, not as this request first saw it: for contexts that outlive
 * a request (a subscription's lasts all day, and units move meanwhile).
 */
export function currentUnitAncestors(ctx: Context, unitId: number): Promise<number[]> {
  // Raw, on the pool: on every write's path and every scope check.
  const read = () =>
    rawQueriesOf(ctx.db).$queryRaw<{ ancestorId: number }[]>`
      SELECT "ancestorId" FROM "UnitClosure" WHERE "descendantId" = ${unitId}
      ORDER BY "distance" DESC`.then((rows) => rows.map((r) => r.ancestorId));
  // Across requests too, until the unit tree changes (the same change events as analytics).
  return ctx.reads ? ctx.reads.unitTreeFact(`ancestors:${unitId}`, read) : read();
}

/**
 * After a change to the unit tree, paths read earlier may be stale: in this request, and in the
 * cache shared by requests (told here at once, before the change's own event goes out).
 */
export function forgetUnitAncestors(ctx: Context): void {
  ancestorsByRequest.delete(ctx);
  ctx.reads?.invalidateAll();
}

export async function isUnitInScope(ctx: Context, unitId: number): Promise<boolean> {
  const viewer = requireViewer(ctx);
  return (await unitAncestors(ctx, unitId)).includes(viewer.scopeUnitId);
}

/**
 * Throws NotFoundError unless the unit exists inside the viewer's subtree. Out-of-scope and missing
 * look the same on purpose, so the error leaks nothing about units the caller may not see.
 */
export async function assertUnitInScope(ctx: Context, unitId: number): Promise<void> {
  if (!(await isUnitInScope(ctx, unitId))) throw new NotFoundError("Unit", String(unitId));
}
