import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { InputError } from "../errors";
import { HISTORY_ORDER, statusOnDay, syncCurrentStatus, tooEarly } from "../records/lifecycle";
import {
  leadOrganisation,
  modelLevel,
  modelSector,
  modelStatus,
  recordContributionSchema,
  registerModelSchema,
} from "../records/rules";
import { visibleUnitsWhere } from "../scope";
import { idempotencyKey, LIMITS, optionalText, pastDate, text } from "../validation";
import { deleteRecord, runWrite } from "../writes";
import {
  batchLoader,
  dateRangeWhere,
  filterIdOf,
  globalIdOf,
  nodeInScopeWhere,
  notFound,
  parseGlobalId,
  parseInput,
  scopedUnitWhere,
  textSearch,
} from "./common";
import { LeadOrganisationEnum, ModelLevelEnum, ModelSectorEnum, ModelStatusEnum } from "./enums";
import { mutationErrors } from "./errors";

export const ModelStatusChangeRef = builder.prismaNode("ModelStatusChange", {
  id: { field: "id" },
  // node(id:) answers null for a record outside the viewer's subtree, as for a missing one.
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), model: nodeInScopeWhere(ctx) }),
  description: "One step of a model's lifecycle, effective from a given day (mốc trạng thái).",
  fields: (t) => ({
    status: t.expose("status", { type: ModelStatusEnum, description: "Status from that day on." }),
    effectiveOn: t.expose("effectiveOn", {
      type: "Date",
      description: "First day the status applies (ngày hiệu lực).",
    }),
    note: t.exposeString("note", { nullable: true, description: "Why it changed (ghi chú)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was entered." }),
  }),
});

export const ModelContributionRef = builder.prismaNode("ModelContribution", {
  id: { field: "id" },
  // node(id:) answers null for a record outside the viewer's subtree, as for a missing one.
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), model: nodeInScopeWhere(ctx) }),
  description:
    "What people gave to a model over a period (đóng góp): participants, money, land, workdays.",
  fields: (t) => ({
    recordedOn: t.expose("recordedOn", {
      type: "Date",
      description: "Day recorded (ngày ghi nhận).",
    }),
    participants: t.exposeInt("participants", { description: "People taking part (lượt người)." }),
    moneyVnd: t.expose("moneyVnd", { type: "Vnd", description: "Money given, in đồng (tiền)." }),
    landM2: t.exposeInt("landM2", { description: "Land donated, m² (hiến đất)." }),
    workdays: t.exposeInt("workdays", { description: "Workdays given (ngày công)." }),
    note: t.exposeString("note", { nullable: true, description: "Notes (ghi chú)." }),
    model: t.relation("model", { description: "The model given to." }),
  }),
});

interface ContributionTotals {
  records: number;
  participants: number;
  moneyVnd: bigint;
  landM2: number;
  workdays: number;
}

const NO_CONTRIBUTIONS: ContributionTotals = {
  records: 0,
  participants: 0,
  moneyVnd: 0n,
  landM2: 0,
  workdays: 0,
};

const ContributionTotalsRef = builder
  .objectRef<ContributionTotals>("ContributionTotals")
  .implement({
    description: "Sums over every contribution to a model (tổng đóng góp).",
    fields: (t) => ({
      records: t.exposeInt("records", { description: "Contribution records summed." }),
      participants: t.exposeInt("participants", {
        description: "People taking part (lượt người).",
      }),
      moneyVnd: t.expose("moneyVnd", { type: "Vnd", description: "Money, in đồng (tiền)." }),
      landM2: t.exposeInt("landM2", { description: "Land donated, m² (đất hiến)." }),
      workdays: t.exposeInt("workdays", { description: "Workdays (ngày công)." }),
    }),
  });

/** One GROUP BY for every model of a page. */
const loadContributionTotals = batchLoader<number, ContributionTotals>(async (ctx, modelIds) => {
  const rows = await ctx.db.prisma.modelContribution.groupBy({
    by: ["modelId"],
    where: { modelId: { in: modelIds } },
    _count: { _all: true },
    _sum: { participants: true, moneyVnd: true, landM2: true, workdays: true },
  });
  return new Map(
    rows.map((r) => [
      r.modelId,
      {
        records: r._count._all,
        participants: r._sum.participants ?? 0,
        moneyVnd: r._sum.moneyVnd ?? 0n,
        landM2: r._sum.landM2 ?? 0,
        workdays: r._sum.workdays ?? 0,
      },
    ]),
  );
}, NO_CONTRIBUTIONS);

export const ModelRef = builder.prismaNode("Model", {
  id: { field: "id" },
  // node(id:) answers null for a record outside the viewer's subtree, as for a missing one.
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), ...nodeInScopeWhere(ctx) }),
  description:
    "A model (mô hình) a unit maintains, with its lifecycle and what people contributed to it.",
  fields: (t) => ({
    name: t.exposeString("name", { description: "Name (tên mô hình)." }),
    sector: t.expose("sector", { type: ModelSectorEnum, description: "Sector (lĩnh vực)." }),
    level: t.expose("level", { type: ModelLevelEnum, description: "Recognition level (cấp)." }),
    programme: t.exposeString("programme", {
      nullable: true,
      description: 'Programme it belongs to, e.g. "Dân vận khéo" (phong trào).',
    }),
    leadOrganisation: t.expose("leadOrganisation", {
      type: LeadOrganisationEnum,
      description: "Organisation leading it (đơn vị chủ trì).",
    }),
    startedOn: t.expose("startedOn", { type: "Date", description: "Start day (ngày bắt đầu)." }),
    status: t.expose("status", {
      type: ModelStatusEnum,
      description: "Current status: the latest entry of the history (tình trạng hiện tại).",
    }),
    description: t.exposeString("description", {
      nullable: true,
      description: "Description (mô tả).",
    }),
    unit: t.relation("unit", { description: "Unit that owns it (đơn vị)." }),
    statusHistory: t.relation("statusHistory", {
      description: "Lifecycle, oldest first (lịch sử trạng thái).",
      query: { orderBy: HISTORY_ORDER },
    }),
    statusOn: t.field({
      type: ModelStatusEnum,
      nullable: true,
      description:
        "Status in effect on a day, from the history; null before the model started (tình trạng tại ngày).",
      args: { date: t.arg({ type: "Date", description: "The day asked about." }) },
      select: { statusHistory: { orderBy: HISTORY_ORDER } },
      resolve: (model, args) => statusOnDay(model.statusHistory, args.date),
    }),
    contributionTotals: t.field({
      type: ContributionTotalsRef,
      description: "Sums over all its contributions (tổng đóng góp).",
      resolve: (model, _args, ctx) => loadContributionTotals(ctx, model.id),
    }),
    contributions: t.relatedConnection("contributions", {
      cursor: "id",
      totalCount: true,
      description: "Contributions, newest first (các lần đóng góp).",
      query: { orderBy: [{ recordedOn: "desc" }, { id: "desc" }] },
    }),
    awards: t.relatedConnection("awards", {
      cursor: "id",
      totalCount: true,
      description: "Awards tied to it, within your unit subtree, newest first.",
      query: (_args, ctx) => ({
        where: { unit: visibleUnitsWhere(ctx) },
        orderBy: [{ awardedOn: "desc" }, { id: "desc" }],
      }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was registered." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

// ─────────────── Reads ───────────────

const ModelOrderEnum = builder.enumType("ModelOrder", {
  description: "Order of a model list; ties are broken by id so pages are stable.",
  values: {
    DATE_DESC: { description: "Most recently started first." },
    DATE_ASC: { description: "Earliest started first." },
    NAME_ASC: { description: "By name, A to Z (theo tên)." },
  } as const,
});

const MODEL_ORDER: Record<
  "DATE_DESC" | "DATE_ASC" | "NAME_ASC",
  Prisma.ModelOrderByWithRelationInput[]
> = {
  DATE_DESC: [{ startedOn: "desc" }, { id: "desc" }],
  DATE_ASC: [{ startedOn: "asc" }, { id: "asc" }],
  NAME_ASC: [{ name: "asc" }, { id: "asc" }],
};

const ModelFilter = builder.inputType("ModelFilter", {
  description: "Narrows a model list. Everything is also limited to the caller's unit subtree.",
  fields: (t) => ({
    underUnitId: t.id({
      required: false,
      description: "Only units under this one, itself included (default: the caller's scope root).",
    }),
    from: t.field({ type: "Date", required: false, description: "Started on or after this day." }),
    to: t.field({ type: "Date", required: false, description: "Started on or before this day." }),
    sector: t.field({ type: ModelSectorEnum, required: false, description: "Only this sector." }),
    level: t.field({ type: ModelLevelEnum, required: false, description: "Only this level." }),
    status: t.field({
      type: ModelStatusEnum,
      required: false,
      description: "Only this current status.",
    }),
    leadOrganisation: t.field({
      type: LeadOrganisationEnum,
      required: false,
      description: "Only models led by this organisation.",
    }),
    programme: t.string({
      required: false,
      description: 'Programme name contains this, case-insensitive (e.g. "dân vận khéo").',
    }),
    search: t.string({ required: false, description: "Name contains this, case-insensitive." }),
  }),
});

function modelWhere(
  ctx: Context,
  filter: typeof ModelFilter.$inferInput | null | undefined,
): Prisma.ModelWhereInput {
  return {
    ...scopedUnitWhere(ctx, filterIdOf("Unit", filter?.underUnitId)),
    startedOn: dateRangeWhere(filter?.from, filter?.to),
    sector: filter?.sector ?? undefined,
    level: filter?.level ?? undefined,
    status: filter?.status ?? undefined,
    leadOrganisation: filter?.leadOrganisation ?? undefined,
    programme: textSearch(filter?.programme),
    name: textSearch(filter?.search),
  };
}

builder.queryFields((t) => ({
  model: t.prismaField({
    type: "Model",
    nullable: true,
    description: "One model by id, or null if it does not exist or is outside your scope.",
    args: { id: t.arg.id({ description: "Global id of the model." }) },
    resolve: (query, _root, args, ctx) => {
      const id = parseGlobalId(args.id, "Model");
      if (id === null) return null;
      return ctx.db.prisma.model.findFirst({ ...query, where: { id, ...scopedUnitWhere(ctx) } });
    },
  }),
  models: t.prismaConnection({
    type: "Model",
    cursor: "id",
    description: "Models in your unit subtree (mô hình), filtered and ordered.",
    args: {
      filter: t.arg({
        type: ModelFilter,
        required: false,
        description: "Which records (default: all in your scope).",
      }),
      orderBy: t.arg({ type: ModelOrderEnum, defaultValue: "DATE_DESC", description: "Order." }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.model.findMany({
        ...query,
        where: modelWhere(ctx, args.filter),
        orderBy: MODEL_ORDER[args.orderBy ?? "DATE_DESC"],
      }),
    totalCount: (_conn, args, ctx) =>
      ctx.db.prisma.model.count({ where: modelWhere(ctx, args.filter) }),
  }),
}));

// ─────────────── Writes ───────────────

const RegisterModelInput = builder.inputType("RegisterModelInput", {
  description:
    "A new model (đăng ký mô hình); its history starts with the initial status at startedOn.",
  fields: (t) => ({
    unitId: t.id({ description: "Owner unit; must be inside your scope." }),
    name: t.string({ description: "Name, 1..500 characters." }),
    sector: t.field({ type: ModelSectorEnum, description: "Sector." }),
    level: t.field({ type: ModelLevelEnum, description: "Recognition level." }),
    programme: t.string({ required: false, description: 'Programme, e.g. "Dân vận khéo".' }),
    leadOrganisation: t.field({ type: LeadOrganisationEnum, description: "Leading organisation." }),
    startedOn: t.field({ type: "Date", description: "Start day; not in the future." }),
    status: t.field({
      type: ModelStatusEnum,
      required: false,
      description: "Initial status (default REGISTERED), effective at startedOn.",
    }),
    description: t.string({
      required: false,
      description: "Description, at most 2,000 characters.",
    }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const CorrectModelInput = builder.inputType("CorrectModelInput", {
  description:
    "Corrects a model's details. Absent fields stay; programme/description may be set to null. The lifecycle changes only through changeModelStatus.",
  fields: (t) => ({
    id: t.id({ description: "The model to correct." }),
    unitId: t.id({ required: false, description: "Move it to this unit (inside your scope)." }),
    name: t.string({ required: false, description: "New name." }),
    sector: t.field({ type: ModelSectorEnum, required: false, description: "New sector." }),
    level: t.field({ type: ModelLevelEnum, required: false, description: "New level." }),
    programme: t.string({ required: false, description: "New programme, or null for none." }),
    leadOrganisation: t.field({
      type: LeadOrganisationEnum,
      required: false,
      description: "New lead.",
    }),
    description: t.string({ required: false, description: "New description, or null." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const keep = <T>(schema: z.ZodType<T>) => schema.nullish().transform((v) => v ?? undefined);
const clearable = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Quá dài: at most ${max} characters.`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v || null));

const correctModelSchema = z.object({
  id: globalIdOf("Model"),
  unitId: keep(globalIdOf("Unit")),
  name: keep(text()),
  sector: keep(modelSector),
  level: keep(modelLevel),
  programme: clearable(200),
  leadOrganisation: keep(leadOrganisation),
  description: clearable(2000),
  idempotencyKey,
});

const ChangeModelStatusInput = builder.inputType("ChangeModelStatusInput", {
  description:
    "A step of a model's lifecycle (chuyển trạng thái). REGISTERED is only the first step; a DISCONTINUED model may only come back as MAINTAINED.",
  fields: (t) => ({
    modelId: t.id({ description: "The model." }),
    status: t.field({ type: ModelStatusEnum, description: "The new status." }),
    effectiveOn: t.field({
      type: "Date",
      description: "First day of the new status: not before the model started, not in the future.",
    }),
    note: t.string({ required: false, description: "Why, at most 500 characters." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const changeModelStatusSchema = z.object({
  modelId: globalIdOf("Model"),
  status: modelStatus,
  effectiveOn: pastDate,
  note: optionalText(),
  idempotencyKey,
});

const RecordModelContributionInput = builder.inputType("RecordModelContributionInput", {
  description:
    "What people gave to a model (ghi nhận đóng góp). At least one figure must be positive.",
  fields: (t) => ({
    modelId: t.id({ description: "The model." }),
    recordedOn: t.field({
      type: "Date",
      description: "Day recorded; not before the model started, not in the future.",
    }),
    participants: t.int({
      required: false,
      description: `People taking part, 0..${LIMITS.participants}.`,
    }),
    moneyVnd: t.field({
      type: "Vnd",
      required: false,
      description: "Money in whole đồng, 0..10^15.",
    }),
    landM2: t.int({ required: false, description: `Land donated in m², 0..${LIMITS.landM2}.` }),
    workdays: t.int({ required: false, description: `Workdays, 0..${LIMITS.workdays}.` }),
    note: t.string({ required: false, description: "Notes, at most 500 characters." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const DeleteModelInput = builder.inputType("DeleteModelInput", {
  description:
    "Deletes a model with its history and contributions; awards tied to it are kept, untied.",
  fields: (t) => ({
    id: t.id({ description: "The model to delete." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const deleteModelSchema = z.object({ id: globalIdOf("Model"), idempotencyKey });

async function visibleModel(ctx: Context, id: number) {
  const row = await ctx.db.prisma.model.findFirst({ where: { id, ...scopedUnitWhere(ctx) } });
  if (!row) throw notFound("Model", id);
  return row;
}

const loadModel = (ctx: Context) => (id: number) =>
  ctx.db.prisma.model.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  registerModel: t.field({
    type: ModelRef,
    description: "Registers a model (đăng ký mô hình) with the first step of its lifecycle.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RegisterModelInput, description: "What to write." }) },
    resolve: (_root, args, ctx) => {
      const input = parseInput(registerModelSchema, args.input);
      const status = input.status ?? "REGISTERED";
      return runWrite(
        ctx,
        {
          operation: "registerModel",
          entity: "Model",
          action: "created",
          unitIds: [input.unitId],
          idempotencyKey: input.idempotencyKey,
        },
        async (tx) => {
          const row = await tx.model.create({
            data: {
              unitId: input.unitId,
              name: input.name,
              sector: input.sector,
              level: input.level,
              programme: input.programme,
              leadOrganisation: input.leadOrganisation,
              startedOn: input.startedOn,
              status,
              description: input.description,
              createdById: ctx.viewer?.userId ?? null,
              statusHistory: {
                create: { status, effectiveOn: input.startedOn, note: "Đăng ký (registered)" },
              },
            },
          });
          return { result: row, id: row.id, unitId: row.unitId, before: null, after: row };
        },
        loadModel(ctx),
      );
    },
  }),
  correctModel: t.field({
    type: ModelRef,
    description: "Corrects a model's details (sửa thông tin mô hình).",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: CorrectModelInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const { id, idempotencyKey: key, ...changes } = parseInput(correctModelSchema, args.input);
      const current = await visibleModel(ctx, id);
      return runWrite(
        ctx,
        {
          operation: "correctModel",
          entity: "Model",
          action: "updated",
          unitIds: [current.unitId, changes.unitId ?? current.unitId],
          idempotencyKey: key,
          recordId: id,
        },
        async (tx) => {
          const before = await tx.model.findUniqueOrThrow({ where: { id } });
          const row = await tx.model.update({ where: { id }, data: changes });
          return { result: row, id, unitId: row.unitId, before, after: row };
        },
        loadModel(ctx),
      );
    },
  }),
  changeModelStatus: t.field({
    type: ModelRef,
    description:
      "Appends a step to a model's lifecycle (duy trì, nhân rộng, ngừng); the current status follows the latest step.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: ChangeModelStatusInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(changeModelStatusSchema, args.input);
      const model = await visibleModel(ctx, input.modelId);
      if (input.effectiveOn < model.startedOn) throw tooEarly("effectiveOn", model.startedOn);
      if (input.status === "REGISTERED") {
        throw new InputError([
          {
            path: ["input", "status"],
            message: "REGISTERED is only the first step of a lifecycle (chỉ dùng khi đăng ký).",
          },
        ]);
      }
      return runWrite(
        ctx,
        {
          operation: "changeModelStatus",
          entity: "Model",
          action: "updated",
          unitIds: [model.unitId],
          idempotencyKey: input.idempotencyKey,
          recordId: model.id,
        },
        async (tx) => {
          const history = await tx.modelStatusChange.findMany({ where: { modelId: model.id } });
          const then = statusOnDay(history, input.effectiveOn);
          // A discontinued model may be revived (back to MAINTAINED), not jump to REPLICATED.
          if (then === "DISCONTINUED" && input.status !== "MAINTAINED") {
            throw new InputError([
              {
                path: ["input", "status"],
                message: "Mô hình đã ngừng: a discontinued model can only become MAINTAINED again.",
              },
            ]);
          }
          if (then === input.status) {
            throw new InputError([
              {
                path: ["input", "status"],
                message: `Already ${input.status} on that day (không đổi).`,
              },
            ]);
          }
          const change = await tx.modelStatusChange.create({
            data: {
              modelId: model.id,
              status: input.status,
              effectiveOn: input.effectiveOn,
              note: input.note,
            },
          });
          const row = await syncCurrentStatus(tx, model.id);
          return {
            result: row,
            id: row.id,
            unitId: row.unitId,
            before: { status: model.status },
            after: { status: row.status, change },
          };
        },
        loadModel(ctx),
      );
    },
  }),
  recordModelContribution: t.field({
    type: ModelRef,
    description:
      "Records what people gave to a model (ghi nhận đóng góp); returns the model with new totals.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RecordModelContributionInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(recordContributionSchema, args.input);
      const model = await visibleModel(ctx, input.modelId);
      if (input.recordedOn < model.startedOn) throw tooEarly("recordedOn", model.startedOn);
      return runWrite(
        ctx,
        {
          operation: "recordModelContribution",
          entity: "Model",
          action: "updated",
          unitIds: [model.unitId],
          idempotencyKey: input.idempotencyKey,
          recordId: model.id,
        },
        async (tx) => {
          const contribution = await tx.modelContribution.create({
            data: {
              modelId: model.id,
              recordedOn: input.recordedOn,
              participants: input.participants,
              moneyVnd: input.moneyVnd,
              landM2: input.landM2,
              workdays: input.workdays,
              note: input.note,
            },
          });
          return {
            result: model,
            id: model.id,
            unitId: model.unitId,
            before: null,
            after: { contribution },
          };
        },
        loadModel(ctx),
      );
    },
  }),
  deleteModel: t.field({
    type: "ID",
    description:
      "Deletes a model with its history and contributions (xóa mô hình); returns its id.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: DeleteModelInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(deleteModelSchema, args.input);
      const model = await visibleModel(ctx, input.id);
      return deleteRecord(
        ctx,
        {
          operation: "deleteModel",
          entity: "Model",
          unitId: model.unitId,
          idempotencyKey: input.idempotencyKey,
        },
        async (tx) => {
          await tx.award.updateMany({ where: { modelId: model.id }, data: { modelId: null } });
          return tx.model.delete({ where: { id: model.id } });
        },
      );
    },
  }),
}));
