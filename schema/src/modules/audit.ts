import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Viewer } from "../context";
import { accountIdOf } from "../ids";
import { requireViewer, unitSubtreeWhere } from "../scope";
import { searchable } from "../validation";

builder.prismaObject("AuditLog", {
  description: "One audited write (nhật ký thao tác): who changed what, and when.",
  fields: (t) => ({
    id: t.id({ description: "Entry id.", resolve: (entry) => entry.id.toString() }),
    at: t.expose("at", { type: "DateTime", description: "When the write committed." }),
    user: t.relation("user", {
      nullable: true,
      description: "Who wrote (null for system writes such as migrations or seeds).",
    }),
    action: t.exposeString("action", {
      description: 'The operation, e.g. "recordActivity", "moveUnit", "createUser".',
    }),
    entity: t.exposeString("entity", { description: 'Kind of record, e.g. "Unit", "User".' }),
    entityId: t.exposeString("entityId", { nullable: true, description: "Id of the record." }),
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
    entityId: t.string({
      required: false,
      description: "Id of the record.",
      validate: z.string().max(50),
    }),
    userId: t.id({ required: false, description: "Account that wrote." }),
    from: t.field({ type: "DateTime", required: false, description: "From this instant on." }),
    to: t.field({ type: "DateTime", required: false, description: "Before this instant." }),
  }),
});

function auditWhere(
  viewer: Viewer,
  filter: typeof AuditLogFilter.$inferInput | null | undefined,
): Prisma.AuditLogWhereInput {
  // Entries written by accounts scoped inside the administrator's subtree.
  const and: Prisma.AuditLogWhereInput[] = [
    { user: { unit: unitSubtreeWhere(viewer.scopeUnitId) } },
  ];
  if (filter?.entity) and.push({ entity: searchable(filter.entity) });
  if (filter?.entityId) and.push({ entityId: searchable(filter.entityId) });
  if (filter?.userId != null) {
    and.push({ userId: accountIdOf(filter.userId) });
  }
  if (filter?.from) and.push({ at: { gte: filter.from } });
  if (filter?.to) and.push({ at: { lt: filter.to } });
  return { AND: and };
}

builder.queryField("auditLog", (t) =>
  t.prismaConnection({
    type: "AuditLog",
    cursor: "id",
    authScopes: { admin: true },
    description: "Audited writes by accounts in your subtree, newest first (administrators).",
    args: {
      filter: t.arg({ type: AuditLogFilter, required: false, description: "Which entries." }),
    },
    totalCount: (_root, args, ctx) =>
      ctx.db.prisma.auditLog.count({ where: auditWhere(requireViewer(ctx), args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.auditLog.findMany({
        ...query,
        where: auditWhere(requireViewer(ctx), args.filter),
        orderBy: [{ id: "desc" }],
      }),
  }),
);
