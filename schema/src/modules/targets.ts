// Targets (chỉ tiêu): an administrator sets, for the units of one level in their unit's subtree,
// the figure each should reach ("≥ 1 mô hình mỗi xã mỗi lĩnh vực") or hold ("100 % chi bộ đăng
// ký"). Comparisons and KPI cards then mark who is under it (the rules: analytics/targets.ts,
// docs/TARGETS.md). Writes go through runWrite like every domain write: scope-checked, audited,
// retry-safe with an idempotency key, and announced to the live views that show the target.
import type { Prisma, Target, UnitKind } from "@d05/prisma";
import { z } from "zod";
import { MEASURE_DEFINITIONS, SOURCE_FILTERS } from "../analytics/measures";
import { isLevelMeasure, unitsShowingTarget } from "../analytics/targets";
import { builder } from "../builder";
import type { Context } from "../context";
import { MEASURES, type Measure } from "../domain/measures";
import { InputError, issueOf, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer, unitSubtreeWhere } from "../scope";
import { idempotencyKey } from "../validation";
import { runWrite } from "../writes";
import { MeasureEnum } from "./analytics";
import { filterIdOf, globalId, parseGlobalId, selectingSomething } from "./common";
import { connectionOf } from "./connections";
import { ModelSectorEnum, UnitKindEnum } from "./enums";
import { mutationErrors } from "./errors";

export const TargetDirectionEnum = builder.enumType("TargetDirection", {
  description: "Whether a target is a floor or a ceiling (chiều chỉ tiêu).",
  values: {
    AT_LEAST: { description: "Tối thiểu: under target when the figure is below the value." },
    AT_MOST: {
      description: "Tối đa: not met when the figure is above the value (e.g. models discontinued).",
    },
  } as const,
});

/** Targets the viewer may read: set by units in their subtree, or by their unit's ancestors. */
function visibleTargetsWhere(ctx: Context): Prisma.TargetWhereInput {
  const viewer = requireViewer(ctx);
  return {
    OR: [
      { unit: unitSubtreeWhere(viewer.scopeUnitId) },
      { unit: { descendants: { some: { descendantId: viewer.scopeUnitId } } } },
    ],
  };
}

const TargetRef = builder.prismaNode("Target", {
  id: { field: "id" },
  nullable: true,
  // node(id:) answers null for a target the viewer may not read, as for a missing one.
  findUnique: (id, ctx) => ({
    id: Number(id),
    AND: [ctx.viewer ? visibleTargetsWhere(ctx) : { id: { in: [] } }],
  }),
  description:
    "A target (chỉ tiêu) a unit set for the units of one level in its subtree: a flow's figure over a calendar year, or a level a stock or rate holds. The nearest setter up the unit tree wins.",
  fields: (t) => ({
    unit: t.relation("unit", { description: "The unit that set it (đơn vị giao chỉ tiêu)." }),
    measure: t.field({
      type: MeasureEnum,
      description: "The measure it is about.",
      resolve: (target) => target.measure as Measure,
    }),
    level: t.expose("level", {
      type: UnitKindEnum,
      description: "Kind of the units it applies to (cấp áp dụng), e.g. COMMUNE.",
    }),
    sector: t.expose("sector", {
      type: ModelSectorEnum,
      nullable: true,
      description:
        "Only the figure of this model sector (theo lĩnh vực); null for the whole measure.",
    }),
    value: t.exposeFloat("value", { description: "The target value, in the measure's unit." }),
    direction: t.expose("direction", {
      type: TargetDirectionEnum,
      description: "Floor or ceiling.",
    }),
    yearly: t.boolean({
      description:
        "True for a flow: the value is the figure of one calendar year (chỉ tiêu năm). False for a stock or rate: a level to hold on the period's last day.",
      resolve: (target) => !isLevelMeasure(target.measure as Measure),
    }),
    setByName: t.string({
      description: "Display name of the account that set it last.",
      select: { setBy: { select: { displayName: true } } },
      resolve: (target) => target.setBy.displayName,
    }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "Last change." }),
  }),
});

const TargetFilter = builder.inputType("TargetFilter", {
  description: "Which targets to list.",
  fields: (t) => ({
    unitId: t.id({
      required: false,
      description:
        "Targets that bear on this unit: set by it, by its ancestors, or by units under it (default: your scope's unit).",
    }),
    measure: t.field({ type: MeasureEnum, required: false, description: "Only this measure." }),
  }),
});

const TargetConnection = connectionOf(TargetRef, "Target");

builder.queryFields((t) => ({
  targets: t.prismaConnection(
    {
      type: "Target",
      cursor: "id",
      authScopes: { signedIn: true },
      description:
        "Targets (chỉ tiêu) that bear on a unit: set by it, its ancestors or the units under it, by measure and level.",
      args: { filter: t.arg({ type: TargetFilter, required: false, description: "Which." }) },
      totalCount: async (_root, args, ctx) =>
        ctx.db.prisma.target.count({ where: await targetsWhere(ctx, args.filter) }),
      resolve: async (query, _root, args, ctx) =>
        ctx.db.prisma.target.findMany({
          ...query,
          where: await targetsWhere(ctx, args.filter),
          orderBy: [{ measure: "asc" }, { level: "asc" }, { unitId: "asc" }, { id: "asc" }],
        }),
    },
    TargetConnection,
  ),
}));

async function targetsWhere(
  ctx: Context,
  filter: typeof TargetFilter.$inferInput | null | undefined,
): Promise<Prisma.TargetWhereInput> {
  const viewer = requireViewer(ctx);
  const unitId = filterIdOf("Unit", filter?.unitId) ?? viewer.scopeUnitId;
  const and: Prisma.TargetWhereInput[] = [
    visibleTargetsWhere(ctx),
    {
      OR: [
        { unit: unitSubtreeWhere(unitId) },
        { unit: { descendants: { some: { descendantId: unitId } } } },
      ],
    },
  ];
  if (filter?.measure) and.push({ measure: filter.measure });
  return { AND: and };
}

// ───────────────────────────── Writes ─────────────────────────────

const measureSchema = z.enum(MEASURES);

const SetTargetInput = builder.inputType("SetTargetInput", {
  description:
    "A target to set (đặt chỉ tiêu), replacing the unit's target for the same measure, level and sector.",
  validate: z.looseObject({ measure: measureSchema }),
  fields: (t) => ({
    unitId: t.id({ description: "The setter: a unit in your scope." }),
    measure: t.field({ type: MeasureEnum, description: "The measure." }),
    level: t.field({
      type: UnitKindEnum,
      description: "Kind of the units it applies to: the setter's own or one below it.",
    }),
    sector: t.field({
      type: ModelSectorEnum,
      required: false,
      description: "One model sector (model measures only); omit for the whole measure.",
    }),
    value: t.float({
      description: "Yearly figure for a flow; level for a stock; percent (0..100) for a rate.",
    }),
    direction: t.field({
      type: TargetDirectionEnum,
      required: false,
      defaultValue: "AT_LEAST",
      description: "AT_LEAST (default) or AT_MOST.",
    }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: retrying with the same key returns the first result.",
      validate: idempotencyKey,
    }),
  }),
});

const RemoveTargetInput = builder.inputType("RemoveTargetInput", {
  description: "A target to remove (bỏ chỉ tiêu).",
  fields: (t) => ({
    id: t.id({ description: "Global id of the target." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: retrying with the same key answers as the first time.",
      validate: idempotencyKey,
    }),
  }),
});

function snapshot(target: Target) {
  const { id, unitId, measure, level, sector, value, direction } = target;
  return { id, unitId, measure, level, sector, value, direction };
}

/** The input's problems in both languages, each naming its field; none when it is sound. */
function targetProblems(
  input: typeof SetTargetInput.$inferInput,
  setter: { name: string; kind: UnitKind },
  aboveKinds: UnitKind[],
) {
  const measure = input.measure as Measure;
  const issues = [];
  if (!Number.isFinite(input.value) || input.value < 0) {
    issues.push(issueOf(["input", "value"], "targetNotNegative"));
  } else if (MEASURE_DEFINITIONS[measure].isRate && input.value > 100) {
    issues.push(issueOf(["input", "value"], "targetRateAbove100"));
  }
  if (input.sector && !SOURCE_FILTERS[MEASURE_DEFINITIONS[measure].source].includes("sectors")) {
    issues.push(issueOf(["input", "sector"], "targetNoSector", { measure }));
  }
  // A unit sets targets for its own level and those below it, never for its ancestors' levels.
  if (input.level !== setter.kind && aboveKinds.includes(input.level as UnitKind)) {
    issues.push(
      issueOf(["input", "level"], "targetLevelAbove", { level: input.level, unit: setter.name }),
    );
  }
  return issues;
}

/** The units whose open views show a target of `setterId` for `level`. */
function shownOn(ctx: Context, setterId: number, level: UnitKind) {
  return unitsShowingTarget(ctx.db.prisma, setterId, level);
}

builder.mutationFields((t) => ({
  setTarget: t.prismaField({
    type: "Target",
    description:
      "Sets a target (đặt chỉ tiêu) for the units of a level under a unit of your scope; administrators only. Setting the same value again changes nothing.",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: SetTargetInput, description: "The target." }) },
    resolve: async (query, _root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      const unitId = parseGlobalId(input.unitId, "Unit");
      if (unitId === null) throw new NotFoundError("Unit", input.unitId);
      await assertUnitInScope(ctx, unitId);
      const setter = await ctx.db.prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
      const above = await ctx.db.prisma.unitClosure.findMany({
        where: { descendantId: unitId, distance: { gt: 0 } },
        select: { ancestor: { select: { kind: true } } },
      });
      const issues = targetProblems(
        input,
        setter,
        above.map((a) => a.ancestor.kind),
      );
      if (issues.length > 0) throw new InputError(issues);
      const level = input.level as UnitKind;
      const key = {
        unitId,
        measure: input.measure as string,
        level,
        sector: input.sector ?? null,
      };
      const data = { value: input.value, direction: input.direction ?? "AT_LEAST" } as const;
      const load = (id: number) =>
        ctx.db.prisma.target.findUniqueOrThrow({ ...selectingSomething(query), where: { id } });
      const current = await ctx.db.prisma.target.findFirst({ where: key });
      // The same target again (a retry without a key, or a form sent twice): nothing to write.
      if (current && current.value === data.value && current.direction === data.direction) {
        return load(current.id);
      }
      return runWrite(
        ctx,
        {
          operation: "setTarget",
          entity: "Target",
          action: current ? "updated" : "created",
          unitIds: [unitId],
          idempotencyKey: input.idempotencyKey,
          shownOn: await shownOn(ctx, unitId, level),
        },
        async (tx) => {
          // One writer per setter at a time, so two racing first settings of the same key (a
          // null sector is never equal to another in a unique index) cannot both create one.
          // NO KEY: records of the unit (which lock it FOR KEY SHARE) are not held up.
          await tx.$queryRaw`SELECT "id" FROM "Unit" WHERE "id" = ${unitId} FOR NO KEY UPDATE`;
          const before = await tx.target.findFirst({ where: key });
          const after = before
            ? await tx.target.update({
                where: { id: before.id },
                data: { ...data, setById: viewer.userId },
              })
            : await tx.target.create({ data: { ...key, ...data, setById: viewer.userId } });
          return {
            result: after.id,
            id: after.id,
            unitId,
            before: before && snapshot(before),
            after: snapshot(after),
          };
        },
        async (id) => id,
      ).then(load);
    },
  }),

  removeTarget: t.field({
    type: "ID",
    description:
      "Removes a target (bỏ chỉ tiêu) set by a unit of your scope; administrators only. Returns its id.",
    authScopes: { admin: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RemoveTargetInput, description: "The target." }) },
    resolve: async (_root, { input }, ctx) => {
      const id = parseGlobalId(input.id, "Target");
      const previous =
        id === null ? null : await ctx.db.prisma.target.findUnique({ where: { id } });
      // A target set above the caller's scope reads as a missing one (writes never reach up).
      const inScope =
        previous !== null &&
        (await ctx.db.prisma.unitClosure.findUnique({
          where: {
            ancestorId_descendantId: {
              ancestorId: requireViewer(ctx).scopeUnitId,
              descendantId: previous.unitId,
            },
          },
          select: { distance: true },
        })) !== null;
      // Already removed: a retry with its key answers as the first time did (runWrite's lookup).
      const unitId = previous?.unitId ?? requireViewer(ctx).scopeUnitId;
      if (!previous || !inScope) {
        if (!input.idempotencyKey) throw new NotFoundError("Target", input.id);
      }
      return runWrite(
        ctx,
        {
          operation: "removeTarget",
          entity: "Target",
          action: "deleted",
          unitIds: [unitId],
          idempotencyKey: input.idempotencyKey,
          shownOn: previous ? await shownOn(ctx, previous.unitId, previous.level) : [],
        },
        async (tx) => {
          if (!previous || !inScope) throw new NotFoundError("Target", input.id);
          // A removal racing this one got there first: the target is missing, not a failure.
          const { count } = await tx.target.deleteMany({ where: { id: previous.id } });
          if (count === 0) throw new NotFoundError("Target", input.id);
          return {
            result: globalId("Target", previous.id),
            id: previous.id,
            unitId: previous.unitId,
            before: snapshot(previous),
            after: null,
          };
        },
        async (removedId) => globalId("Target", removedId),
      );
    },
  }),
}));
