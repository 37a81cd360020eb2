// A unit of the tree (đơn vị) and its closure: the type and the reads. The writes are in
// unit-writes.ts.
import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { visibleUnitsWhere } from "../scope";
import { searchable } from "../validation";
import { searchPattern } from "./common";
import { connectionOf } from "./connections";
import { UnitKindEnum } from "./enums";

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
    descendants: t.relatedConnection(
      "descendants",
      {
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
      },
      // Made below, with the UnitDescendant type it pages through (fields are read later).
      UnitDescendantConnection,
    ),
    predecessors: t.relation("predecessors", {
      description: "Visible units merged into this one (đơn vị được sáp nhập).",
      query: (_args, ctx) => ({ where: visibleOrNothing(ctx), orderBy: { name: "asc" } }),
    }),
  }),
});

const UnitConnection = connectionOf(UnitRef, "Unit");

// Declared after UnitConnection, which needs UnitRef: inside UnitRef's fields the two would
// refer to each other and TypeScript could no longer infer the unit's shape.
builder.prismaObjectField(UnitRef, "children", (t) =>
  t.relatedConnection(
    "children",
    {
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
    },
    UnitConnection,
  ),
);

/** An edge of the closure table seen from above: a unit below another, and how far below. */
const UnitDescendantRef = builder.prismaObject("UnitClosure", {
  name: "UnitDescendant",
  description: "A unit below another (đơn vị cấp dưới), with how many levels below it is.",
  fields: (t) => ({
    distance: t.exposeInt("distance", { description: "Levels below (1 = directly below)." }),
    unit: t.relation("descendant", { description: "The unit." }),
  }),
});
const UnitDescendantConnection = connectionOf(UnitDescendantRef, "UnitDescendant");

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
  units: t.prismaConnection(
    {
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
    },
    UnitConnection,
  ),
}));
