import type { Context } from "../context";

export type RefusalReason = "unknown-username" | "wrong-password" | "account-disabled";

/**
 * A refused sign-in goes to the audit log: which username was tried, when, from which address and
 * why, never the password. The entry belongs to the account's unit, so only the administrators of
 * that account's subtree read it (see the audit_scope migration); a username that exists nowhere
 * belongs to no unit and is read only by administrators of a top-level unit. No actor: the
 * caller was not signed in.
 */
export async function auditRefusedSignIn(
  ctx: Context,
  username: string,
  account: { id: number; unitId: number } | null,
  reason: RefusalReason,
): Promise<void> {
  await ctx.db.prisma.auditLog.create({
    data: {
      userId: null,
      action: "loginFailed",
      entity: "User",
      entityId: account ? String(account.id) : null,
      unitId: account?.unitId ?? null,
      after: { username, address: ctx.clientAddress ?? null, reason },
    },
  });
}
