// The writes of a model (mô hình): registering, correcting, its lifecycle and deleting (its
// contributions: contribution-writes.ts). The types and the reads are in models.ts; the field rules in records/rules.ts.
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
  registerModelSchema,
} from "../records/rules";
import { idempotencyKey, optionalText, pastDate, text } from "../validation";
import { globalIdOf } from "./common";
import { LeadOrganisationEnum, ModelLevelEnum, ModelSectorEnum, ModelStatusEnum } from "./enums";
import { ModelRef } from "./models";
import { clearable, keep, recordWrites, writeOf } from "./record-helpers";

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

/** The model's lookups and write paths; its contributions' writes (contribution-writes.ts) use them too. */
export const models = recordWrites("Model", (db) => db.model);
const deleteModel = models.deletion(
  "Deletes a model with its history and contributions; awards tied to it are kept, untied.",
  "The model to delete.",
);

/** The model in the caller's scope, refusing a day (the input's `field`) before it started. */
export async function visibleModelSince(ctx: Context, modelId: number, field: string, day: Date) {
  const model = await models.visible(ctx, modelId);
  if (day < model.startedOn) throw tooEarly(field, model.startedOn);
  return model;
}

builder.mutationFields((t) => ({
  registerModel: t.field({
    type: ModelRef,
    description: "Registers a model (đăng ký mô hình) with the first step of its lifecycle.",
    ...writeOf(t, RegisterModelInput, registerModelSchema, (input, ctx) => {
      const status = input.status ?? "REGISTERED";
      const spec = {
        operation: "registerModel",
        idempotencyKey: input.idempotencyKey,
        unitId: input.unitId,
      };
      return models.create(ctx, spec, (tx) =>
        tx.model.create({
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
        }),
      );
    }),
  }),
  correctModel: t.field({
    type: ModelRef,
    description: "Corrects a model's details (sửa thông tin mô hình).",
    ...writeOf(t, CorrectModelInput, correctModelSchema, (input, ctx) =>
      models.correct(ctx, input),
    ),
  }),
  changeModelStatus: t.field({
    type: ModelRef,
    description:
      "Appends a step to a model's lifecycle (duy trì, nhân rộng, ngừng); the current status follows the latest step.",
    ...writeOf(t, ChangeModelStatusInput, changeModelStatusSchema, async (input, ctx) => {
      const model = await visibleModelSince(ctx, input.modelId, "effectiveOn", input.effectiveOn);
      if (input.status === "REGISTERED") {
        throw new InputError([issueOf(["input", "status"], "registeredOnlyFirst")]);
      }
      const spec = { idempotencyKey: input.idempotencyKey, current: model };
      return models.change(ctx, { operation: "changeModelStatus", ...spec }, async (tx) => {
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
          before: { status: model.status },
          after: { status: row.status, change },
        };
      });
    }),
  }),
  deleteModel: deleteModel(
    t,
    "Deletes a model with its history and contributions (xóa mô hình); returns its id.",
    async (tx, id) => {
      await tx.award.updateMany({ where: { modelId: id }, data: { modelId: null } });
      return tx.model.delete({ where: { id } });
    },
  ),
}));
