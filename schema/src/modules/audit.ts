import type { Prisma } from "@d05/prisma";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { rowIdOf } from "../ids";
import { requireViewer, unitAncestors } from "../scope";
import { searchable } from "../validation";
import { UserRef } from "./auth";
import { connectionOf } from "./connections";

const AuditLogRef = builder.prismaObject("AuditLog", {
  description: "One audited write (nhật ký thao tác): who changed what, and when.",
  fields: (t) => ({
    id: t.globalID({
      description: "Entry id.",
      resolve: (entry) => ({ type: "AuditLog", id: entry.id }),
    }),
    at: t.expose("at", { type: "DateTime", description: "When the write committed." }),
    user: t.relation("user", {
      nullable: true,
      description:
        "Who wrote (null for system writes such as migrations or seeds, and for sign-in attempts).",
    }),
    action: t.exposeString("action", {
      description: 'The operation, e.g. "recordActivity", "moveUnit", "createUser".',
    }),
    entity: t.exposeString("entity", { description: 'Kind of record, e.g. "Unit", "User".' }),
    entityId: t.id({
      nullable: true,
      description:
        "Global id of the record (what `node(id:)` takes; the record may since have been deleted). Null for entries about no one record, such as an import of many.",
      resolve: (entry) =>
        entry.entityId && rowIdOf(entry.entityId) !== null
          ? encodeGlobalID(entry.entity, entry.entityId)
          : null,
    }),
    before: t.expose("before", {
      type: "JSON",
      nullable: true,
      description: "The record before the write (passwords are never recorded).",
    }),
    after: t.expose("after", {
      type: "JSON",
      nullable: true,
      description: "The record after the write.",
    }),
  }),
});

const AuditLogFilter = builder.inputType("AuditLogFilter", {
  description: "Which audit entries to list.",
  fields: (t) => ({
    entity: t.string({
      required: false,
      description: 'Kind of record, e.g. "Unit".',
      validate: z.string().max(50),
    }),
    entityId: t.globalID({
      required: false,
      description: "Global id of the record (any kind); implies its kind.",
    }),
    userId: t.globalID({ for: UserRef, required: false, description: "Account that wrote." }),
    from: t.field({ type: "DateTime", required: false, description: "From this instant on." }),
    to: t.field({ type: "DateTime", required: false, description: "Before this instant." }),
  }),
});

/**
 * Entries about records (and accounts) in the administrator's subtree as it stood when each write
 * happened: `unitPath` holds the record's unit and its ancestors then (see the audit_scope
 * migration). Not by the account that wrote: moving that account must not move its history.
 * Entries with no unit (sign-in attempts for unknown usernames) belong to no subtree: only the
 * administrators of a top-level unit read them.
 */
async function auditWhere(
  ctx: Context,
  filter: typeof AuditLogFilter.$inferInput | null | undefined,
): Promise<Prisma.AuditLogWhereInput> {
  const viewer = requireViewer(ctx);
  const topLevel = (await unitAncestors(ctx, viewer.scopeUnitId)).length === 1;
  // `has` is `"unitPath" @> ARRAY[id]`, which the GIN index on unitPath serves.
  const inScope: Prisma.AuditLogWhereInput = { unitPath: { has: viewer.scopeUnitId } };
  const and: Prisma.AuditLogWhereInput[] = [
    topLevel ? { OR: [inScope, { unitPath: { isEmpty: true } }] } : inScope,
  ];
  if (filter?.entity) and.push({ entity: searchable(filter.entity) });
  if (filter?.entityId) {
    and.push({ entity: filter.entityId.typename, entityId: filter.entityId.id });
  }
  if (filter?.userId != null) and.push({ userId: Number(filter.userId.id) });
  if (filter?.from) and.push({ at: { gte: filter.from } });
  if (filter?.to) and.push({ at: { lt: filter.to } });
  return { AND: and };
}

const AuditLogConnection = connectionOf(AuditLogRef, "AuditLog");

builder.queryField("auditLog", (t) =>
  t.prismaConnection(
    {
      type: "AuditLog",
      cursor: "id",
      authScopes: { admin: true },
      description:
        "Audited writes to records and accounts of your subtree (as it was at each write), and refused sign-ins to its accounts, newest first (administrators).",
      args: {
        filter: t.arg({ type: AuditLogFilter, required: false, description: "Which entries." }),
      },
      totalCount: async (_root, args, ctx) =>
        ctx.db.prisma.auditLog.count({ where: await auditWhere(ctx, args.filter) }),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.prisma.auditLog.findMany({
          ...query,
          where: await auditWhere(ctx, args.filter),
          orderBy: [{ id: "desc" }],
        }),
    },
    AuditLogConnection,
  ),
);
