import { checkSignIn, hashPassword, type Prisma } from "@d05/prisma";
import { z } from "zod";
import { auditRefusedSignIn } from "../auth/sign-in-audit";
import { issueToken } from "../auth/tokens";
import { builder } from "../builder";
import type { Context } from "../context";
import { says, textOf } from "../domain/messages";
import { AuthenticationError } from "../errors";
import { unitSubtreeWhere } from "../scope";
import { isStorableText } from "../validation";
import { RoleEnum } from "./enums";

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  // node(id:) answers null, as for a missing account, for one the viewer may not read.
  nullable: true,
  // Your own account, and (administrators) the accounts scoped inside your subtree: what `user`
  // and `users` answer.
  findUnique: (id, ctx) => ({ id: Number(id), AND: [readableUsersWhere(ctx)] }),
  description: "An account (tài khoản), scoped to a unit subtree.",
  fields: (t) => ({
    username: t.exposeString("username", { description: "Login name (tên đăng nhập)." }),
    displayName: t.exposeString("displayName", { description: "Full name (họ tên)." }),
    role: t.expose("role", { type: RoleEnum, description: "Role (vai trò)." }),
    active: t.exposeBoolean("active", { description: "False once the account is disabled." }),
    scope: t.relation("unit", { description: "Root of the unit subtree the account works in." }),
  }),
});

function readableUsersWhere(ctx: Context): Prisma.UserWhereInput {
  const viewer = ctx.viewer;
  if (!viewer) return { id: { in: [] } };
  if (viewer.role !== "ADMIN") return { id: viewer.userId };
  return { OR: [{ id: viewer.userId }, { unit: unitSubtreeWhere(viewer.scopeUnitId) }] };
}

export const SessionRef = builder
  .objectRef<{ token: string; expiresAt: Date; userId: number }>("Session")
  .implement({
    description: "A signed-in session: send the token as `Authorization: Bearer <token>`.",
    fields: (t) => ({
      token: t.exposeString("token", { description: "Bearer token (JWT)." }),
      expiresAt: t.expose("expiresAt", {
        type: "DateTime",
        description: "When the token expires.",
      }),
      user: t.prismaField({
        type: "User",
        description: "The account signed in.",
        resolve: (query, session, _args, ctx) =>
          ctx.db.prisma.user.findUniqueOrThrow({ ...query, where: { id: session.userId } }),
      }),
    }),
  });

builder.mutationField("login", (t) =>
  t.field({
    type: SessionRef,
    description: "Signs in with username and password (đăng nhập). Open to anonymous callers.",
    skipTypeScopes: true,
    errors: { types: [AuthenticationError] },
    args: {
      username: t.arg.string({
        description: "Login name (tên đăng nhập).",
        validate: z.string().trim().min(1).max(100).refine(isStorableText, says("unstorable")),
      }),
      password: t.arg.string({
        description: "Password (mật khẩu).",
        validate: z.string().min(1).max(200),
      }),
    },
    resolve: async (_root, { username, password }, ctx) => {
      const name = username.trim();
      const user = await ctx.db.prisma.user.findUnique({ where: { username: name } });
      // Same answer, and the same work (a password hash is checked in every case), for an unknown
      // user, a disabled account and a wrong password, so usernames cannot be probed.
      const { ok, rehash } = await checkSignIn(password, user?.passwordHash ?? null);
      if (!user?.active || !ok) {
        const reason = !user ? "unknown-username" : ok ? "account-disabled" : "wrong-password";
        await auditRefusedSignIn(ctx, name, user, reason);
        throw new AuthenticationError(textOf("wrongCredentials"));
      }
      if (rehash) await upgradePasswordHash(ctx, user, password);
      const { token, expiresAt } = await issueToken(user, ctx.auth);
      return { token, expiresAt, userId: user.id };
    },
  }),
);

/**
 * A hash made with older parameters (scrypt before argon2id) is replaced at the first sign-in that
 * proves the password, the only moment it is known. Only if the hash is still the one checked: a
 * password changed meanwhile wins.
 */
async function upgradePasswordHash(
  ctx: Context,
  user: { id: number; passwordHash: string },
  password: string,
): Promise<void> {
  await ctx.db.prisma.user.updateMany({
    where: { id: user.id, passwordHash: user.passwordHash },
    data: { passwordHash: await hashPassword(password) },
  });
}

builder.queryField("me", (t) =>
  t.prismaField({
    type: "User",
    nullable: true,
    description: "The signed-in account, or null for anonymous callers.",
    skipTypeScopes: true,
    resolve: (query, _root, _args, ctx) =>
      ctx.viewer
        ? ctx.db.prisma.user.findUnique({ ...query, where: { id: ctx.viewer.userId } })
        : null,
  }),
);
