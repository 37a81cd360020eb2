// Accounts (tài khoản) an administrator can list: the users query, filtered and always inside
// the administrator's subtree. Creating and changing accounts is in user-writes.ts.
import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Viewer } from "../context";
import { requireViewer, unitSubtreeWhere } from "../scope";
import { UserRef } from "./auth";
import { searchPattern } from "./common";
import { connectionOf } from "./connections";
import { RoleEnum } from "./enums";
import { UnitRef } from "./units";

/** Accounts an administrator manages: those scoped inside their subtree. */
export function managedUsersWhere(viewer: Viewer): Prisma.UserWhereInput {
  return { unit: unitSubtreeWhere(viewer.scopeUnitId) };
}

const UserFilter = builder.inputType("UserFilter", {
  description: "Which accounts to list.",
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: false, description: "Only this role." }),
    unitId: t.globalID({
      for: UnitRef,
      required: false,
      description: "Only accounts scoped to this unit or below it.",
    }),
    search: t.string({
      required: false,
      description: "Part of the username or display name (case-insensitive).",
      validate: z.string().max(200),
    }),
    active: t.boolean({ required: false, description: "Only enabled (true) or disabled (false)." }),
  }),
});

function usersWhere(viewer: Viewer, filter: typeof UserFilter.$inferInput | null | undefined) {
  const and: Prisma.UserWhereInput[] = [managedUsersWhere(viewer)];
  if (filter?.role) and.push({ role: filter.role });
  if (filter?.unitId) and.push({ unit: unitSubtreeWhere(Number(filter.unitId.id)) });
  if (filter?.active != null) and.push({ active: filter.active });
  const search = searchPattern(filter?.search);
  if (search) {
    and.push({
      OR: [
        { username: { contains: search, mode: "insensitive" } },
        { displayName: { contains: search, mode: "insensitive" } },
      ],
    });
  }
  return { AND: and };
}

const UserConnection = connectionOf(UserRef, "User");

builder.queryFields((t) => ({
  users: t.prismaConnection(
    {
      type: "User",
      cursor: "id",
      authScopes: { admin: true },
      description: "Accounts scoped inside your subtree, by username (administrators).",
      args: {
        filter: t.arg({ type: UserFilter, required: false, description: "Which accounts." }),
      },
      totalCount: (_root, args, ctx) =>
        ctx.db.prisma.user.count({ where: usersWhere(requireViewer(ctx), args.filter) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.prisma.user.findMany({
          ...query,
          where: usersWhere(requireViewer(ctx), args.filter),
          orderBy: [{ username: "asc" }, { id: "asc" }],
        }),
    },
    UserConnection,
  ),
  user: t.prismaField({
    type: "User",
    nullable: true,
    authScopes: { admin: true },
    description: "One account by id; null when unknown or outside your subtree (administrators).",
    args: { id: t.arg.globalID({ for: UserRef, description: "Account id." }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.db.prisma.user.findFirst({
        ...query,
        where: { id: Number(id.id), ...managedUsersWhere(requireViewer(ctx)) },
      }),
  }),
}));
