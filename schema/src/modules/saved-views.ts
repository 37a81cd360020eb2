// Saved views (góc nhìn đã lưu): a dashboard address kept under a name, as Grafana's saved
// dashboards and Metabase's saved questions are. A view belongs to its owner and is shared with
// every account whose scope holds its unit, so a commune's officers see the province's views of
// their commune but never another commune's. Writes are audited and retry-safe: creating takes an
// idempotency key; renaming to the current name and deleting an already deleted view with the
// same key answer as the first time did.
import type { Prisma, SavedView } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { says, textOf } from "../domain/messages";
import { ForbiddenError, InputError, issueOf, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer, unitSubtreeWhere } from "../scope";
import { hasVisibleText, idempotencyKey, isStorableText, requiredTrimmed } from "../validation";
import { toJson } from "../writes";
import { filterIdOf, globalId, parseGlobalId, selectingSomething } from "./common";
import { connectionOf } from "./connections";
import { mutationErrors } from "./errors";

/** The dashboard's pages a view can open (web/src/components/Layout.tsx `views`). */
export const SAVED_VIEW_PATHS = [
  "/",
  "/so-sanh",
  "/mo-hinh",
  "/khen-thuong",
  "/hoat-dong",
  "/trinh-chieu",
] as const;

const nameSchema = requiredTrimmed()
  .max(100)
  .refine(isStorableText, says("unstorable"))
  .refine(hasVisibleText, says("invisible"));
const pathSchema = z.enum(SAVED_VIEW_PATHS);
const querySchema = z.string().max(2000).refine(isStorableText, says("unstorable"));

/** The address's parameters without the unit (kept apart) and in a stable order. */
export function normalisedQuery(query: string): string {
  const params = new URLSearchParams(query.startsWith("?") ? query.slice(1) : query);
  params.delete("unit");
  params.sort();
  return params.toString();
}

/** Views the viewer may read: those of units in their subtree, and their own. */
function visibleViewsWhere(ctx: Context): Prisma.SavedViewWhereInput {
  const viewer = requireViewer(ctx);
  return { OR: [{ unit: unitSubtreeWhere(viewer.scopeUnitId) }, { ownerId: viewer.userId }] };
}

export const SavedViewRef = builder.prismaNode("SavedView", {
  id: { field: "id" },
  nullable: true,
  // node(id:) answers null for a view the viewer may not see, as for a missing one.
  findUnique: (id, ctx) => ({
    id: Number(id),
    AND: [ctx.viewer ? visibleViewsWhere(ctx) : { id: { in: [] } }],
  }),
  description:
    "A dashboard view saved under a name (góc nhìn đã lưu): its unit, page, period and filters. Shared with every account whose scope holds its unit.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "Name given by its owner (tên góc nhìn)." }),
    unit: t.relation("unit", { description: "Unit the view looks at." }),
    path: t.exposeString("path", { description: 'Dashboard page, e.g. "/mo-hinh".' }),
    query: t.exposeString("query", {
      description:
        'The page\'s address parameters other than the unit: period, filters, measure, e.g. "p=2025&sector=ECONOMY".',
    }),
    ownerName: t.string({
      description: "Display name of the account that saved it.",
      select: { owner: { select: { displayName: true } } },
      resolve: (view) => view.owner.displayName,
    }),
    mine: t.boolean({
      description: "True when you saved it (you may rename and delete it).",
      resolve: (view, _args, ctx) => view.ownerId === ctx.viewer?.userId,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was saved." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Last change." }),
  }),
});

const SavedViewFilter = builder.inputType("SavedViewFilter", {
  description: "Which saved views to list.",
  fields: (t) => ({
    underUnitId: t.id({
      required: false,
      description: "Only views of this unit or the units under it.",
    }),
    mine: t.boolean({ required: false, description: "Only yours (true) or only others' (false)." }),
  }),
});

const SavedViewConnection = connectionOf(SavedViewRef, "SavedView");

builder.queryFields((t) => ({
  savedViews: t.prismaConnection(
    {
      type: "SavedView",
      cursor: "id",
      authScopes: { signedIn: true },
      description: "Saved views you may open (those of units in your scope, and yours), by name.",
      args: {
        filter: t.arg({ type: SavedViewFilter, required: false, description: "Which views." }),
      },
      totalCount: (_root, args, ctx) =>
        ctx.db.prisma.savedView.count({ where: viewsWhere(ctx, args.filter) }),
      resolve: (query, _root, args, ctx) =>
        ctx.db.prisma.savedView.findMany({
          ...query,
          where: viewsWhere(ctx, args.filter),
          orderBy: [{ name: "asc" }, { id: "asc" }],
        }),
    },
    SavedViewConnection,
  ),
}));

function viewsWhere(
  ctx: Context,
  filter: typeof SavedViewFilter.$inferInput | null | undefined,
): Prisma.SavedViewWhereInput {
  const viewer = requireViewer(ctx);
  const and: Prisma.SavedViewWhereInput[] = [visibleViewsWhere(ctx)];
  const under = filterIdOf("Unit", filter?.underUnitId);
  if (under !== undefined) and.push({ unit: unitSubtreeWhere(under) });
  if (filter?.mine != null) {
    and.push(filter.mine ? { ownerId: viewer.userId } : { NOT: { ownerId: viewer.userId } });
  }
  return { AND: and };
}

// ───────────────────────────── Writes ─────────────────────────────

const SaveViewInput = builder.inputType("SaveViewInput", {
  description: "The current view to keep under a name (lưu góc nhìn).",
  validate: z.looseObject({ name: nameSchema, path: pathSchema, query: querySchema }),
  fields: (t) => ({
    name: t.string({ description: "Name, 1..100 characters, unique among your views." }),
    unitId: t.id({ description: "Unit the view looks at; must be inside your scope." }),
    path: t.string({ description: `Dashboard page: ${SAVED_VIEW_PATHS.join(", ")}.` }),
    query: t.string({
      description: 'Address parameters other than the unit, e.g. "p=2025&sector=ECONOMY".',
    }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: retrying with the same key returns the first result.",
      validate: idempotencyKey,
    }),
  }),
});

const RenameViewInput = builder.inputType("RenameViewInput", {
  description: "A new name for one of your saved views.",
  validate: z.looseObject({ name: nameSchema }),
  fields: (t) => ({
    id: t.id({ description: "Global id of the view." }),
    name: t.string({ description: "New name, 1..100 characters." }),
  }),
});

const DeleteViewInput = builder.inputType("DeleteViewInput", {
  description: "A saved view to delete: yours, or (administrators) any in your scope.",
  fields: (t) => ({
    id: t.id({ description: "Global id of the view." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: retrying with the same key answers as the first time.",
      validate: idempotencyKey,
    }),
  }),
});

function snapshot(view: SavedView) {
  return {
    id: view.id,
    name: view.name,
    unitId: view.unitId,
    path: view.path,
    query: view.query,
    ownerId: view.ownerId,
  };
}

function nameTaken(name: string): InputError {
  return new InputError([issueOf(["input", "name"], "viewNameTaken", { name })]);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

/**
 * One audited write with an optional idempotency key: the write, its audit entry and its key in
 * one transaction, as runWrite does for records (saved views raise no figure change to publish).
 */
async function auditedViewWrite(
  ctx: Context,
  operation: string,
  key: string | null | undefined,
  write: (tx: Prisma.TransactionClient) => Promise<{ id: number; before: unknown; after: unknown }>,
): Promise<number> {
  const viewer = requireViewer(ctx);
  if (key) {
    const previous = await previousResult(ctx, key, operation);
    if (previous !== null) return previous;
  }
  try {
    return await ctx.db.prisma.$transaction(async (tx) => {
      const done = await write(tx);
      await tx.auditLog.create({
        data: {
          userId: viewer.userId,
          action: operation,
          entity: "SavedView",
          entityId: String(done.id),
          before: toJson(done.before) ?? undefined,
          after: toJson(done.after) ?? undefined,
        },
      });
      if (key) {
        await tx.idempotentWrite.create({
          data: { userId: viewer.userId, key, operation, result: { id: done.id } },
        });
      }
      return done.id;
    });
  } catch (error) {
    // Two retries racing: the second rolled back on the key; answer with the first's result.
    if (key && isUniqueViolation(error)) {
      const previous = await previousResult(ctx, key, operation);
      if (previous !== null) return previous;
    }
    throw error;
  }
}

async function previousResult(ctx: Context, key: string, operation: string) {
  const viewer = requireViewer(ctx);
  const row = await ctx.db.prisma.idempotentWrite.findUnique({
    where: { userId_key: { userId: viewer.userId, key } },
  });
  if (!row) return null;
  if (row.operation !== operation) throw new ForbiddenError(textOf("keyReused", { key }));
  return (row.result as { id: number }).id;
}

/** A view the viewer may see, or NotFoundError (a view out of scope reads as a missing one). */
async function visibleView(ctx: Context, rawId: string): Promise<SavedView> {
  const id = parseGlobalId(rawId, "SavedView");
  const view =
    id === null
      ? null
      : await ctx.db.prisma.savedView.findFirst({ where: { id, ...visibleViewsWhere(ctx) } });
  if (!view) throw new NotFoundError("SavedView", rawId);
  return view;
}

builder.mutationFields((t) => ({
  saveView: t.prismaField({
    type: "SavedView",
    description:
      "Saves a view under a name (lưu góc nhìn), shared with the accounts whose scope holds its unit.",
    authScopes: { signedIn: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: SaveViewInput, description: "The view." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const unitId = parseGlobalId(input.unitId, "Unit");
      if (unitId === null) throw new NotFoundError("Unit", input.unitId);
      await assertUnitInScope(ctx, unitId);
      const name = input.name.trim();
      const data = {
        name,
        unitId,
        path: input.path,
        query: normalisedQuery(input.query),
        ownerId: viewer.userId,
      };
      let id: number;
      try {
        id = await auditedViewWrite(ctx, "saveView", input.idempotencyKey, async (tx) => {
          const view = await tx.savedView.create({ data });
          return { id: view.id, before: null, after: snapshot(view) };
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw nameTaken(name);
        throw error;
      }
      return ctx.db.prisma.savedView.findUniqueOrThrow({
        ...selectingSomething(query),
        where: { id },
      });
    },
  }),

  renameView: t.prismaField({
    type: "SavedView",
    description: "Renames one of your saved views (đổi tên).",
    authScopes: { signedIn: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RenameViewInput, description: "View and name." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const view = await visibleView(ctx, input.id);
      if (view.ownerId !== viewer.userId) throw new ForbiddenError(textOf("notOwnView"));
      const name = input.name.trim();
      // Renaming to the current name changes nothing (a retry lands here): no audit entry.
      if (name !== view.name) {
        try {
          await auditedViewWrite(ctx, "renameView", null, async (tx) => {
            const after = await tx.savedView.update({ where: { id: view.id }, data: { name } });
            return { id: view.id, before: snapshot(view), after: snapshot(after) };
          });
        } catch (error) {
          if (isUniqueViolation(error)) throw nameTaken(name);
          throw error;
        }
      }
      return ctx.db.prisma.savedView.findUniqueOrThrow({
        ...selectingSomething(query),
        where: { id: view.id },
      });
    },
  }),

  deleteView: t.field({
    type: "ID",
    description:
      "Deletes a saved view (xóa góc nhìn): yours, or as an administrator any view of a unit in your scope; returns its id.",
    authScopes: { signedIn: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: DeleteViewInput, description: "The view." }) },
    resolve: async (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const key = input.idempotencyKey;
      if (key) {
        const previous = await previousResult(ctx, key, "deleteView");
        if (previous !== null) return globalId("SavedView", previous);
      }
      const view = await visibleView(ctx, input.id);
      const mayDelete =
        view.ownerId === viewer.userId ||
        (viewer.role === "ADMIN" &&
          (await ctx.db.prisma.unitClosure.findUnique({
            where: {
              ancestorId_descendantId: {
                ancestorId: viewer.scopeUnitId,
                descendantId: view.unitId,
              },
            },
            select: { distance: true },
          })) !== null);
      if (!mayDelete) throw new ForbiddenError(textOf("notOwnView"));
      const id = await auditedViewWrite(ctx, "deleteView", key, async (tx) => {
        await tx.savedView.delete({ where: { id: view.id } });
        return { id: view.id, before: snapshot(view), after: null };
      });
      return globalId("SavedView", id);
    },
  }),
}));
