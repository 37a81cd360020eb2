import type { Prisma, Unit } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { InputError, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer, visibleUnitsWhere } from "../scope";
import {
  partyMembersSchema,
  populationSchema,
  unitCodeSchema,
  unitNameSchema,
} from "../units/rules";
import {
  dayBefore,
  insertUnit,
  isInSubtree,
  moveSubtree,
  parentKindProblem,
  rebuildRollupsIfPresent,
} from "../units/tree";
import { searchable } from "../validation";
import { runWrite } from "../writes";
import { searchPattern, selectingSomething } from "./common";
import { UnitKindEnum } from "./enums";
import { mutationErrors } from "./errors";

/** Today in Vietnam (UTC+7, no daylight saving), as a Date at UTC midnight like the Date scalar. */
export function todayInVietnam(now = Date.now()): Date {
  const local = new Date(now + 7 * 60 * 60 * 1000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function activeOnWhere(day: Date): Prisma.UnitWhereInput {
  return {
    AND: [
      { OR: [{ activeFrom: null }, { activeFrom: { lte: day } }] },
      { OR: [{ activeUntil: null }, { activeUntil: { gte: day } }] },
    ],
  };
}

/**
 * Like visibleUnitsWhere, for fields that may be reached without a viewer (the units under the
 * `login` answer): nothing is visible then, instead of an error.
 */
function visibleOrNothing(ctx: Context): Prisma.UnitWhereInput {
  return ctx.viewer ? visibleUnitsWhere(ctx) : { id: { in: [] } };
}

/** True when a loaded unit lies inside the viewer's subtree (its path lists every ancestor id). */
function isVisible(ctx: Context, unit: { path: string } | null | undefined): boolean {
  return !!unit && !!ctx.viewer && unit.path.includes(`/${ctx.viewer.scopeUnitId}/`);
}

export const UnitRef = builder.prismaNode("Unit", {
  id: { field: "id" },
  // node(id:) answers null, not an error, for a unit that is missing or out of scope.
  nullable: true,
  // Loading by global id (node/nodes) stays inside the viewer's subtree like every other read.
  findUnique: (id, ctx) => ({ id: Number(id), AND: [visibleOrNothing(ctx)] }),
  description: "A node of the unit tree (đơn vị): province, commune, chi bộ, mass organisation...",
  fields: (t) => ({
    code: t.exposeString("code", { description: "Official or internal code (mã đơn vị)." }),
    name: t.exposeString("name", { description: "Name (tên đơn vị)." }),
    kind: t.expose("kind", { type: UnitKindEnum, description: "Kind of unit." }),
    depth: t.exposeInt("depth", { description: "Depth in the tree; a root is 0." }),
    partyMembers: t.exposeInt("partyMembers", { description: "Party members (số đảng viên)." }),
    population: t.exposeInt("population", {
      nullable: true,
      description: "Population (dân số), when known.",
    }),
    activeFrom: t.expose("activeFrom", {
      type: "Date",
      nullable: true,
      description: "First day the unit existed (ngày thành lập), when known.",
    }),
    activeUntil: t.expose("activeUntil", {
      type: "Date",
      nullable: true,
      description: "Last day the unit existed (e.g. the day before a merger); null while active.",
    }),
    isActive: t.boolean({
      description: "True when the unit exists today (đang hoạt động).",
      resolve: (unit) => {
        const today = todayInVietnam();
        return (
          (unit.activeFrom === null || unit.activeFrom <= today) &&
          (unit.activeUntil === null || unit.activeUntil >= today)
        );
      },
    }),
    breadcrumb: t.string({
      description: 'Names of the visible ancestors and the unit, e.g. "Tỉnh A › Xã B".',
      select: (_args, ctx) => ({
        name: true,
        ancestors: {
          where: { distance: { gt: 0 }, ancestor: visibleOrNothing(ctx) },
          orderBy: { distance: "desc" },
          select: { ancestor: { select: { name: true } } },
        },
      }),
      resolve: (unit) => [...unit.ancestors.map((a) => a.ancestor.name), unit.name].join(" › "),
    }),
    childCount: t.relationCount("children", { description: "Units directly below." }),
    children: t.relatedConnection("children", {
      cursor: "id",
      description: "Units directly below (đơn vị trực thuộc), by name.",
      args: {
        kind: t.arg({ type: UnitKindEnum, required: false, description: "Only this kind." }),
      },
      // No `where` at all without a kind: an empty one would differ from childCount's selection
      // of the same relation count, and Pothos would then load each unit's children separately.
      query: (args) => ({
        ...(args.kind ? { where: { kind: args.kind } } : {}),
        orderBy: [{ name: "asc" }, { id: "asc" }],
      }),
      totalCount: true,
    }),
    descendants: t.relatedConnection("descendants", {
      cursor: "ancestorId_descendantId",
      description:
        "Units of one kind anywhere below this one (e.g. every chi bộ of a province), in tree order. Batched with the units around it, so a list of units asking for this costs no extra query per unit.",
      args: {
        kind: t.arg({ type: UnitKindEnum, description: "Kind of the units to list." }),
      },
      query: (args) => ({
        where: { distance: { gt: 0 }, descendant: { kind: args.kind } },
        orderBy: [{ descendant: { path: "asc" } }, { descendantId: "asc" }],
      }),
      totalCount: true,
    }),
    predecessors: t.relation("predecessors", {
      description: "Visible units merged into this one (đơn vị được sáp nhập).",
      query: (_args, ctx) => ({ where: visibleOrNothing(ctx), orderBy: { name: "asc" } }),
    }),
  }),
});

/** An edge of the closure table seen from above: a unit below another, and how far below. */
builder.prismaObject("UnitClosure", {
  name: "UnitDescendant",
  description: "A unit below another (đơn vị cấp dưới), with how many levels below it is.",
  fields: (t) => ({
    distance: t.exposeInt("distance", { description: "Levels below (1 = directly below)." }),
    unit: t.relation("descendant", { description: "The unit." }),
  }),
});

// Fields whose type is Unit itself are added once UnitRef exists (a self-reference inside its
// own initializer would leave it untyped).
builder.prismaObjectFields(UnitRef, (t) => ({
  parent: t.field({
    type: UnitRef,
    nullable: true,
    description: "The unit above (đơn vị cấp trên); null for a root or above the viewer's scope.",
    select: (_args, _ctx, nested) => ({ parent: nested(true) }),
    resolve: (unit, _args, ctx) => (isVisible(ctx, unit.parent) ? unit.parent : null),
  }),
  ancestors: t.field({
    type: [UnitRef],
    description:
      "Breadcrumb from the top of the viewer's scope down to the unit's parent, root first.",
    select: (_args, ctx, nested) => ({
      ancestors: {
        where: { distance: { gt: 0 }, ancestor: visibleOrNothing(ctx) },
        orderBy: { distance: "desc" },
        select: { ancestor: nested(true) },
      },
    }),
    resolve: (unit) => unit.ancestors.map((row) => row.ancestor),
  }),
  successor: t.field({
    type: UnitRef,
    nullable: true,
    description: "The unit this one was merged into (đơn vị kế thừa), if visible.",
    select: (_args, _ctx, nested) => ({ successor: nested(true) }),
    resolve: (unit, _args, ctx) => (isVisible(ctx, unit.successor) ? unit.successor : null),
  }),
}));

// ───────────────────────────── Reads ─────────────────────────────

const UnitOrderEnum = builder.enumType("UnitOrder", {
  description: "Order of a unit list.",
  values: {
    NAME_ASC: { description: "By name, A to Z." },
    CODE_ASC: { description: "By code." },
    PARTY_MEMBERS_DESC: { description: "Most party members first." },
  } as const,
});

const UnitFilter = builder.inputType("UnitFilter", {
  description: "Which units to list; always within the viewer's subtree.",
  fields: (t) => ({
    kind: t.field({ type: UnitKindEnum, required: false, description: "Only this kind." }),
    underUnitId: t.globalID({
      for: UnitRef,
      required: false,
      description: "Only units below this one (itself excluded).",
    }),
    search: t.string({
      required: false,
      description: "Part of the name (case-insensitive) or the start of the code.",
      validate: z.string().max(200),
    }),
    activeOn: t.field({
      type: "Date",
      required: false,
      description: "Only units that existed on this day.",
    }),
    includeInactive: t.boolean({
      required: false,
      description:
        "Also list units that no longer exist (merged, dissolved). Ignored with activeOn.",
    }),
  }),
});

const UNIT_ORDER: Record<
  "NAME_ASC" | "CODE_ASC" | "PARTY_MEMBERS_DESC",
  Prisma.UnitOrderByWithRelationInput[]
> = {
  NAME_ASC: [{ name: "asc" }, { id: "asc" }],
  CODE_ASC: [{ code: "asc" }, { id: "asc" }],
  PARTY_MEMBERS_DESC: [{ partyMembers: "desc" }, { id: "asc" }],
};

function unitsWhere(
  ctx: Context,
  filter: typeof UnitFilter.$inferInput | null | undefined,
): Prisma.UnitWhereInput {
  const and: Prisma.UnitWhereInput[] = [visibleUnitsWhere(ctx)];
  if (filter?.kind) and.push({ kind: filter.kind });
  if (filter?.underUnitId) {
    and.push({
      ancestors: {
        some: {
          ancestorId: Number(filter.underUnitId.id),
          distance: { gt: 0 },
          // An out-of-scope unit filters everything out, rather than confirming it is above.
          ancestor: visibleUnitsWhere(ctx),
        },
      },
    });
  }
  const search = searchPattern(filter?.search);
  if (search) {
    and.push({
      OR: [{ name: { contains: search, mode: "insensitive" } }, { code: { startsWith: search } }],
    });
  }
  if (filter?.activeOn) and.push(activeOnWhere(filter.activeOn));
  else if (!filter?.includeInactive) and.push(activeOnWhere(todayInVietnam()));
  return { AND: and };
}

builder.queryFields((t) => ({
  unit: t.prismaField({
    type: "Unit",
    nullable: true,
    description: "One unit by global id; null when it does not exist or is outside your scope.",
    args: { id: t.arg.globalID({ for: UnitRef, description: "Global id of the unit." }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.db.prisma.unit.findFirst({
        ...query,
        where: { ...visibleUnitsWhere(ctx), id: Number(id.id) },
      }),
  }),
  unitByCode: t.prismaField({
    type: "Unit",
    nullable: true,
    description: "One unit by code (mã đơn vị); null when unknown or outside your scope.",
    args: { code: t.arg.string({ description: "Unit code.", validate: z.string().max(64) }) },
    resolve: (query, _root, { code }, ctx) =>
      ctx.db.prisma.unit.findFirst({
        ...query,
        where: { ...visibleUnitsWhere(ctx), code: searchable(code).trim() },
      }),
  }),
  units: t.prismaConnection({
    type: "Unit",
    cursor: "id",
    description: "Units in your subtree (đơn vị), filtered and ordered; active today by default.",
    args: {
      filter: t.arg({ type: UnitFilter, required: false, description: "Which units." }),
      orderBy: t.arg({
        type: UnitOrderEnum,
        required: false,
        defaultValue: "NAME_ASC",
        description: "Order; by name unless said otherwise.",
      }),
    },
    totalCount: (_root, args, ctx) =>
      ctx.db.prisma.unit.count({ where: unitsWhere(ctx, args.filter) }),
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.unit.findMany({
        ...query,
        where: unitsWhere(ctx, args.filter),
        orderBy: UNIT_ORDER[args.orderBy ?? "NAME_ASC"],
      }),
  }),
}));

// ───────────────────────────── Writes ─────────────────────────────

const idempotencyKeySchema = z.string().min(8).max(100);

const CreateUnitInput = builder.inputType("CreateUnitInput", {
  description: "A new unit under an existing one.",
  // One schema for the whole input, so every offending field is reported at once.
  validate: z.looseObject({
    code: unitCodeSchema,
    name: unitNameSchema,
    partyMembers: partyMembersSchema.nullish(),
    population: populationSchema.nullish(),
  }),
  fields: (t) => ({
    parentId: t.globalID({ for: UnitRef, description: "The unit above (đơn vị cấp trên)." }),
    code: t.string({ description: "Unique code (mã đơn vị)." }),
    name: t.string({ description: "Name (tên đơn vị)." }),
    kind: t.field({ type: UnitKindEnum, description: "Kind of unit." }),
    partyMembers: t.int({
      required: false,
      description: "Party members (số đảng viên); 0 when omitted.",
    }),
    population: t.int({
      required: false,
      description: "Population (dân số).",
    }),
    activeFrom: t.field({
      type: "Date",
      required: false,
      description: "First day of existence (ngày thành lập).",
    }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: a retry with the same key creates nothing twice.",
      validate: idempotencyKeySchema,
    }),
  }),
});

const UpdateUnitInput = builder.inputType("UpdateUnitInput", {
  description: "New values for a unit's name and figures; omitted fields stay as they are.",
  validate: z.looseObject({
    name: unitNameSchema.nullish(),
    partyMembers: partyMembersSchema.nullish(),
    population: populationSchema.nullish(),
  }),
  fields: (t) => ({
    id: t.globalID({ for: UnitRef, description: "The unit." }),
    name: t.string({ required: false, description: "Name." }),
    partyMembers: t.int({
      required: false,
      description: "Party members.",
    }),
    population: t.int({ required: false, description: "Population." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key for retries.",
      validate: idempotencyKeySchema,
    }),
  }),
});

const MoveUnitInput = builder.inputType("MoveUnitInput", {
  description: "Moves a unit, with everything below it, under another parent.",
  fields: (t) => ({
    id: t.globalID({ for: UnitRef, description: "The unit to move." }),
    newParentId: t.globalID({ for: UnitRef, description: "Its new parent." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key for retries.",
      validate: idempotencyKeySchema,
    }),
  }),
});

const MergeUnitInput = builder.inputType("MergeUnitInput", {
  description:
    "Records that a unit merged into another (sáp nhập): it ceases the day before `effectiveOn` and keeps its records.",
  fields: (t) => ({
    id: t.globalID({ for: UnitRef, description: "The unit that ceases." }),
    intoUnitId: t.globalID({ for: UnitRef, description: "The unit that succeeds it." }),
    effectiveOn: t.field({ type: "Date", description: "First day of the merged unit." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key for retries.",
      validate: idempotencyKeySchema,
    }),
  }),
});

function unitSnapshot(unit: Unit) {
  const { createdAt: _c, updatedAt: _u, ...rest } = unit;
  return rest;
}

/** Loads a unit the admin may manage, or NotFoundError naming the input field's id. */
async function loadManagedUnit(ctx: Context, id: number): Promise<Unit> {
  await assertUnitInScope(ctx, id);
  const unit = await ctx.db.prisma.unit.findUnique({ where: { id } });
  if (!unit) throw new NotFoundError("Unit", String(id));
  return unit;
}

/** A unique-index violation; on Unit inside createUnit the only unique column written is code. */
function isCodeConflict(error: unknown): boolean {
  return (error as { code?: string })?.code === "P2002";
}

builder.mutationFields((t) => ({
  createUnit: t.prismaField({
    type: "Unit",
    description: "Creates a unit under one in your subtree (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: CreateUnitInput, description: "The new unit." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const parent = await loadManagedUnit(ctx, Number(input.parentId.id));
      const problem = parentKindProblem(input.kind, parent.kind);
      if (problem) throw new InputError([{ path: ["input", "kind"], message: problem }]);
      const code = input.code.trim();
      // A taken code is refused by the unique index inside the write (below), not by a lookup
      // here: a retry with the same idempotency key must get the first result, not an error.
      try {
        const unit = await runWrite(
          ctx,
          {
            operation: "createUnit",
            entity: "Unit",
            action: "created",
            unitIds: [parent.id],
            idempotencyKey: input.idempotencyKey,
          },
          async (tx) => {
            const created = await insertUnit(tx, {
              parentId: parent.id,
              code,
              name: input.name.trim(),
              kind: input.kind,
              partyMembers: input.partyMembers ?? 0,
              population: input.population ?? null,
              activeFrom: input.activeFrom ?? null,
            });
            return {
              result: created,
              id: created.id,
              unitId: created.id,
              before: null,
              after: unitSnapshot(created),
            };
          },
          (id) => ctx.db.prisma.unit.findUniqueOrThrow({ where: { id } }),
        );
        return ctx.db.prisma.unit.findUniqueOrThrow({
          ...selectingSomething(query),
          where: { id: unit.id },
        });
      } catch (error) {
        // The unique index on code (a retry with the same key was already answered by runWrite).
        if (isCodeConflict(error)) {
          throw new InputError([
            { path: ["input", "code"], message: `code "${code}" is already used` },
          ]);
        }
        throw error;
      }
    },
  }),

  updateUnit: t.prismaField({
    type: "Unit",
    description: "Renames a unit or corrects its figures (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: UpdateUnitInput, description: "What changes." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = Number(input.id.id);
      await loadManagedUnit(ctx, id);
      const data: Prisma.UnitUpdateInput = {};
      if (input.name != null) data.name = input.name.trim();
      if (input.partyMembers != null) data.partyMembers = input.partyMembers;
      if (input.population != null) data.population = input.population;
      await runWrite(
        ctx,
        {
          operation: "updateUnit",
          entity: "Unit",
          action: "updated",
          unitIds: [id],
          idempotencyKey: input.idempotencyKey,
        },
        async (tx) => {
          const before = await tx.unit.findUniqueOrThrow({ where: { id } });
          const after = await tx.unit.update({ where: { id }, data });
          return {
            result: after.id,
            id,
            unitId: id,
            before: unitSnapshot(before),
            after: unitSnapshot(after),
          };
        },
        async (unitId) => unitId,
      );
      return ctx.db.prisma.unit.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),

  moveUnit: t.prismaField({
    type: "Unit",
    description:
      "Moves a unit and its whole subtree under another parent in your subtree (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: MoveUnitInput, description: "Which unit, and where to." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const id = Number(input.id.id);
      const newParentId = Number(input.newParentId.id);
      const unit = await loadManagedUnit(ctx, id);
      const newParent = await loadManagedUnit(ctx, newParentId);
      if (id === viewer.scopeUnitId) {
        throw new InputError([
          { path: ["input", "id"], message: "the root of your own scope cannot be moved" },
        ]);
      }
      if (await isInSubtree(ctx.db.prisma, id, newParentId)) {
        throw new InputError([
          {
            path: ["input", "newParentId"],
            message: "a unit cannot move under itself or its own descendants",
          },
        ]);
      }
      const problem = parentKindProblem(unit.kind, newParent.kind);
      if (problem) throw new InputError([{ path: ["input", "newParentId"], message: problem }]);
      if (unit.parentId !== newParentId) {
        await runWrite(
          ctx,
          {
            operation: "moveUnit",
            entity: "Unit",
            action: "updated",
            // The former parent too: its path hears of the subtree leaving.
            unitIds: unit.parentId === null ? [id, newParentId] : [id, newParentId, unit.parentId],
            idempotencyKey: input.idempotencyKey,
          },
          async (tx) => {
            await moveSubtree(tx, id, newParentId);
            // Rollups keyed by ancestor unit are stale once the subtree changes ancestors.
            await rebuildRollupsIfPresent(tx);
            const moved = await tx.unit.findUniqueOrThrow({ where: { id } });
            return {
              result: id,
              id,
              unitId: id,
              before: { parentId: unit.parentId, path: unit.path, depth: unit.depth },
              after: { parentId: moved.parentId, path: moved.path, depth: moved.depth },
            };
          },
          async (unitId) => unitId,
        );
      }
      return ctx.db.prisma.unit.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),

  mergeUnit: t.prismaField({
    type: "Unit",
    description:
      "Merges a unit into another (sáp nhập): it ceases the day before effectiveOn and points at its successor; its records stay where they happened (administrators).",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: MergeUnitInput, description: "Which unit, into which, when." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const id = Number(input.id.id);
      const intoId = Number(input.intoUnitId.id);
      const unit = await loadManagedUnit(ctx, id);
      const into = await loadManagedUnit(ctx, intoId);
      const issues: { path: string[]; message: string }[] = [];
      const effectiveOn = input.effectiveOn;
      const lastDay = dayBefore(effectiveOn);
      // The same merger recorded again (a retry): nothing to do, same answer.
      if (unit.successorId === intoId && unit.activeUntil?.getTime() === lastDay.getTime()) {
        return ctx.db.prisma.unit.findUniqueOrThrow({
          ...selectingSomething(query),
          where: { id },
        });
      }
      if (id === viewer.scopeUnitId) {
        issues.push({
          path: ["input", "id"],
          message: "the root of your own scope cannot be merged",
        });
      }
      if (unit.successorId !== null || unit.activeUntil !== null) {
        issues.push({ path: ["input", "id"], message: "the unit has already ceased or merged" });
      }
      if (unit.kind !== into.kind) {
        issues.push({
          path: ["input", "intoUnitId"],
          message: `a ${unit.kind} can only merge into another ${unit.kind}, not a ${into.kind}`,
        });
      }
      if (id === intoId || (await isInSubtree(ctx.db.prisma, id, intoId))) {
        issues.push({
          path: ["input", "intoUnitId"],
          message: "a unit cannot merge into itself or one of its descendants",
        });
      }
      if (into.activeUntil !== null && into.activeUntil < effectiveOn) {
        issues.push({
          path: ["input", "intoUnitId"],
          message: "the successor has itself ceased before the merger takes effect",
        });
      }
      if (unit.activeFrom !== null && lastDay < unit.activeFrom) {
        issues.push({
          path: ["input", "effectiveOn"],
          message: "the merger cannot take effect before the day after the unit was founded",
        });
      }
      if (issues.length > 0) throw new InputError(issues);
      await runWrite(
        ctx,
        {
          operation: "mergeUnit",
          entity: "Unit",
          action: "updated",
          unitIds: [id, intoId],
          idempotencyKey: input.idempotencyKey,
        },
        async (tx) => {
          const merged = await tx.unit.update({
            where: { id },
            data: { activeUntil: lastDay, successorId: intoId },
          });
          // Rollups that count active units (or carry a unit's figures to its successor) change.
          await rebuildRollupsIfPresent(tx);
          return {
            result: id,
            id,
            unitId: id,
            before: { activeUntil: unit.activeUntil, successorId: unit.successorId },
            after: { activeUntil: merged.activeUntil, successorId: merged.successorId },
          };
        },
        async (unitId) => unitId,
      );
      return ctx.db.prisma.unit.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
    },
  }),
}));
