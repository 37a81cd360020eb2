// Creating and changing accounts (tài khoản): each write audited without the password, inside
// the administrator's subtree; and a user's own password change.
import { hashPassword, type Prisma, type User, verifyPassword } from "@d05/prisma";
import { z } from "zod";
import { issueToken } from "../auth/tokens";
import { builder } from "../builder";
import type { Context } from "../context";
import { says } from "../domain/messages";
import { type FieldIssue, InputError, issueOf, NotFoundError } from "../errors";
import { requireViewer } from "../scope";
import { hasVisibleText, isStorableText, requiredTrimmed } from "../validation";
import { toJson } from "../writes";
import { SessionRef, UserRef } from "./auth";
import { globalId, selectingSomething } from "./common";
import { RoleEnum } from "./enums";
import { mutationErrors } from "./errors";
import { UnitRef } from "./units";
import { managedUsersWhere } from "./users";

const usernameSchema = z
  .string()
  .trim()
  .refine((name) => /^[a-z0-9._-]{3,50}$/.test(name), says("username"));
const displayNameSchema = requiredTrimmed()
  .max(200)
  .refine(isStorableText, says("unstorable"))
  .refine(hasVisibleText, says("invisible"));
const passwordSchema = z.string().min(10).max(200);

/** What the audit log keeps of an account: never the password or its hash. */
function userSnapshot(user: User) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    unitId: user.unitId,
    active: user.active,
    tokenVersion: user.tokenVersion,
  };
}

/**
 * Account writes are audited like domain writes, but not through runWrite: accounts are not unit
 * records (no live change event: ChangeEvent has no "User" entity; the bus only tells caches that
 * the account changed) and the caller's role
 * rule differs (administrators only, or the account holder for their own password).
 */
async function auditedUserWrite(
  ctx: Context,
  action: string,
  write: (tx: Prisma.TransactionClient) => Promise<{ id: number; before: unknown; after: unknown }>,
): Promise<number> {
  const viewer = requireViewer(ctx);
  const id = await ctx.db.prisma.$transaction(async (tx) => {
    const done = await write(tx);
    await tx.auditLog.create({
      data: {
        userId: viewer.userId,
        action,
        entity: "User",
        entityId: String(done.id),
        before: toJson(done.before),
        after: toJson(done.after),
      },
    });
    return done.id;
  });
  // Sign-in checks keep accounts until they change: this one just did (every instance hears).
  ctx.events.accountChanged?.(id);
  return id;
}

/** An account the administrator manages, by its decoded global id. */
async function loadManagedUser(ctx: Context, globalUserId: { id: string }): Promise<User> {
  const viewer = requireViewer(ctx);
  const id = Number(globalUserId.id);
  const user = await ctx.db.prisma.user.findFirst({ where: { id, ...managedUsersWhere(viewer) } });
  if (!user) throw new NotFoundError("User", globalId("User", id));
  return user;
}

/** The unit an account is scoped to must lie inside the administrator's own subtree. */
async function assertGrantableScope(ctx: Context, unitId: number): Promise<void> {
  const viewer = requireViewer(ctx);
  const inside = await ctx.db.prisma.unitClosure.findUnique({
    where: { ancestorId_descendantId: { ancestorId: viewer.scopeUnitId, descendantId: unitId } },
    select: { distance: true },
  });
  if (!inside) throw new NotFoundError("Unit", String(unitId));
}

const CreateUserInput = builder.inputType("CreateUserInput", {
  description: "A new account (tài khoản).",
  // One schema for the whole input, so every offending field is reported at once.
  validate: z.looseObject({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: passwordSchema,
  }),
  fields: (t) => ({
    username: t.string({ description: "Login name (tên đăng nhập)." }),
    displayName: t.string({ description: "Full name (họ tên)." }),
    password: t.string({ description: "Initial password, 10+ characters." }),
    role: t.field({ type: RoleEnum, description: "Role (vai trò)." }),
    unitId: t.globalID({ for: UnitRef, description: "Root of the account's unit subtree." }),
  }),
});

const UpdateUserInput = builder.inputType("UpdateUserInput", {
  description: "New values for an account; omitted fields stay as they are.",
  fields: (t) => ({
    id: t.globalID({ for: UserRef, description: "Account id." }),
    displayName: t.string({
      required: false,
      description: "Full name.",
      validate: displayNameSchema,
    }),
    role: t.field({ type: RoleEnum, required: false, description: "Role." }),
    unitId: t.globalID({ for: UnitRef, required: false, description: "New scope root." }),
    active: t.boolean({
      required: false,
      description: "False disables the account: sign-in and existing tokens stop working.",
    }),
  }),
});

const ResetPasswordInput = builder.inputType("ResetPasswordInput", {
  description: "A new password set by an administrator; the account's tokens are revoked.",
  fields: (t) => ({
    id: t.globalID({ for: UserRef, description: "Account id." }),
    newPassword: t.string({
      description: "New password, 10+ characters.",
      validate: passwordSchema,
    }),
  }),
});

const RevokeTokensInput = builder.inputType("RevokeTokensInput", {
  description: "Ends every session of an account.",
  fields: (t) => ({ userId: t.globalID({ for: UserRef, description: "Account id." }) }),
});

const ChangeMyPasswordInput = builder.inputType("ChangeMyPasswordInput", {
  description: "Your current and new password.",
  fields: (t) => ({
    currentPassword: t.string({
      description: "Current password.",
      validate: z.string().min(1).max(200),
    }),
    newPassword: t.string({
      description: "New password, 10+ characters.",
      validate: passwordSchema,
    }),
  }),
});

function isUsernameTaken(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

builder.mutationFields((t) => ({
  createUser: t.prismaField({
    type: "User",
    description: "Creates an account scoped inside your subtree (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: CreateUserInput, description: "The account." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const unitId = Number(input.unitId.id);
      await assertGrantableScope(ctx, unitId);
      const username = input.username.trim();
      const taken = () =>
        new InputError([issueOf(["input", "username"], "usernameTaken", { username })]);
      if (await ctx.db.prisma.user.findUnique({ where: { username }, select: { id: true } })) {
        throw taken();
      }
      const passwordHash = await hashPassword(input.password);
      let id: number;
      try {
        id = await auditedUserWrite(ctx, "createUser", async (tx) => {
          const user = await tx.user.create({
            data: {
              username,
              displayName: input.displayName.trim(),
              passwordHash,
              role: input.role,
              unitId,
            },
          });
          return { id: user.id, before: null, after: userSnapshot(user) };
        });
      } catch (error) {
        if (isUsernameTaken(error)) throw taken();
        throw error;
      }
      return ctx.db.prisma.user.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),

  updateUser: t.prismaField({
    type: "User",
    description:
      "Changes an account's name, role, scope or status (administrators, inside their subtree).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: UpdateUserInput, description: "What changes." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const user = await loadManagedUser(ctx, input.id);
      const data: Prisma.UserUncheckedUpdateInput = {};
      if (input.displayName != null) data.displayName = input.displayName.trim();
      if (input.role != null) data.role = input.role;
      if (input.active != null) data.active = input.active;
      if (input.unitId != null) {
        const unitId = Number(input.unitId.id);
        await assertGrantableScope(ctx, unitId);
        data.unitId = unitId;
      }
      if (user.id === viewer.userId) {
        // An administrator locking themselves out would need another administrator to undo it.
        const issues: FieldIssue[] = [];
        if (input.active === false) {
          issues.push(issueOf(["input", "active"], "ownAccountActive"));
        }
        if (input.role != null && input.role !== "ADMIN") {
          issues.push(issueOf(["input", "role"], "ownAdminRole"));
        }
        if (data.unitId !== undefined && data.unitId !== user.unitId) {
          issues.push(issueOf(["input", "unitId"], "ownScope"));
        }
        if (issues.length > 0) throw new InputError(issues);
      }
      await auditedUserWrite(ctx, "updateUser", async (tx) => {
        const after = await tx.user.update({ where: { id: user.id }, data });
        return { id: user.id, before: userSnapshot(user), after: userSnapshot(after) };
      });
      return ctx.db.prisma.user.findUniqueOrThrow({
        ...selectingSomething(query),
        where: { id: user.id },
      });
    },
  }),

  resetPassword: t.prismaField({
    type: "User",
    description:
      "Sets a new password for an account and ends its sessions (administrators, inside their subtree).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: ResetPasswordInput, description: "Account and password." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const user = await loadManagedUser(ctx, input.id);
      const passwordHash = await hashPassword(input.newPassword);
      await auditedUserWrite(ctx, "resetPassword", async (tx) => {
        const after = await tx.user.update({
          where: { id: user.id },
          data: { passwordHash, tokenVersion: { increment: 1 } },
        });
        return {
          id: user.id,
          before: { tokenVersion: user.tokenVersion },
          after: { passwordChanged: true, tokenVersion: after.tokenVersion },
        };
      });
      return ctx.db.prisma.user.findUniqueOrThrow({
        ...selectingSomething(query),
        where: { id: user.id },
      });
    },
  }),

  revokeTokens: t.prismaField({
    type: "User",
    description:
      "Ends every session of an account: tokens issued before stop working (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RevokeTokensInput, description: "The account." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const user = await loadManagedUser(ctx, input.userId);
      await auditedUserWrite(ctx, "revokeTokens", async (tx) => {
        const after = await tx.user.update({
          where: { id: user.id },
          data: { tokenVersion: { increment: 1 } },
        });
        return {
          id: user.id,
          before: { tokenVersion: user.tokenVersion },
          after: { tokenVersion: after.tokenVersion },
        };
      });
      return ctx.db.prisma.user.findUniqueOrThrow({
        ...selectingSomething(query),
        where: { id: user.id },
      });
    },
  }),

  changeMyPassword: t.field({
    type: SessionRef,
    description:
      "Changes your own password (đổi mật khẩu). Your other sessions end; the answer is a fresh session.",
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: ChangeMyPasswordInput, description: "Passwords." }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const user = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } });
      if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw new InputError([issueOf(["input", "currentPassword"], "wrongPassword")]);
      }
      if (input.currentPassword === input.newPassword) {
        throw new InputError([issueOf(["input", "newPassword"], "samePassword")]);
      }
      const passwordHash = await hashPassword(input.newPassword);
      let updated: User | undefined;
      await auditedUserWrite(ctx, "changeMyPassword", async (tx) => {
        updated = await tx.user.update({
          where: { id: user.id },
          data: { passwordHash, tokenVersion: { increment: 1 } },
        });
        return {
          id: user.id,
          before: { tokenVersion: user.tokenVersion },
          after: { passwordChanged: true, tokenVersion: updated.tokenVersion },
        };
      });
      const fresh = updated as User;
      const { token, expiresAt } = await issueToken(fresh, ctx.auth);
      return { token, expiresAt, userId: fresh.id };
    },
  }),
}));
