// The writes of a model (mô hình): registering, correcting, its lifecycle, contributions and
// deleting. The types and the reads are in models.ts; the field rules in records/rules.ts.
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { InputError, issueOf } from "../errors";
import { statusOnDay, syncCurrentStatus, tooEarly } from "../records/lifecycle";
import {
  leadOrganisation,
  modelLevel,
  modelSector,
  modelStatus,
  recordContributionSchema,
  registerModelSchema,
} from "../records/rules";
import { idempotencyKey, LIMITS, optionalText, pastDate, text } from "../validation";
import { deleteRecord, runWrite } from "../writes";
import { globalIdOf, notFound, parseInput, scopedUnitWhere } from "./common";
import { LeadOrganisationEnum, ModelLevelEnum, ModelSectorEnum, ModelStatusEnum } from "./enums";
import { mutationErrors } from "./errors";
import { ModelRef } from "./models";
import { deleteRecordInput } from "./record-helpers";

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
    // Counts are Float here and checked whole by the rule, so "1,5 ngày công" is an InputError
    // in the caller's language naming the field, not a GraphQL coercion error.
    participants: t.float({
      required: false,
      description: `People taking part, a whole number 0..${LIMITS.participants}.`,
    }),
    landM2: t.float({
      required: false,
      description: `Land donated (hiến đất), m², a whole number 0..${LIMITS.landM2}.`,
    }),
    landValueVnd: t.field({
      type: "Vnd",
      required: false,
      description: "Value of the land donated (trị giá đất), whole đồng, 0..10^15.",
    }),
    cashVnd: t.field({
      type: "Vnd",
      required: false,
      description: "Cash given (tiền mặt), whole đồng, 0..10^15.",
    }),
    inKindVnd: t.field({
      type: "Vnd",
      required: false,
      description: "Goods and materials given, valued in whole đồng (hiện vật), 0..10^15.",
    }),
    workdays: t.float({
      required: false,
      description: `Workdays (ngày công), a whole number 0..${LIMITS.workdays}.`,
    }),
    note: t.string({ required: false, description: "Notes, at most 500 characters." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const { input: DeleteModelInput, schema: deleteModelSchema } = deleteRecordInput(
  "Model",
  "Deletes a model with its history and contributions; awards tied to it are kept, untied.",
  "The model to delete.",
);

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
        throw new InputError([issueOf(["input", "status"], "registeredOnlyFirst")]);
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
            throw new InputError([issueOf(["input", "status"], "discontinuedOnlyRevived")]);
          }
          if (then === input.status) {
            throw new InputError([issueOf(["input", "status"], "statusUnchanged")]);
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
              landM2: input.landM2,
              landValueVnd: input.landValueVnd,
              cashVnd: input.cashVnd,
              inKindVnd: input.inKindVnd,
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
