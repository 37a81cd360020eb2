import type { Context, Viewer } from "../context";
import { ForbiddenError } from "../errors";
import { requireViewer } from "../scope";

/**
 * Managing units and accounts is for administrators. A typed ForbiddenError (rather than the
 * scope-auth GraphQL error) lets mutation callers handle it like any other expected failure.
 */
export function requireAdmin(ctx: Context): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.role !== "ADMIN") {
    throw new ForbiddenError("Chỉ quản trị viên được làm việc này (administrators only).");
  }
  return viewer;
}
