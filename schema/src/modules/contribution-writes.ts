// The writes of a model's contributions (đóng góp): recording, correcting and deleting one. Each
// is a change of its model (audited and announced as the model's, with the contribution before
// and after), so the model's history, its totals and the figures of its unit follow.
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { InputError, issueOf } from "../errors";
import { tooEarly } from "../records/lifecycle";
import { CONTRIBUTION_AMOUNTS, recordContributionSchema } from "../records/rules";
import { count, idempotencyKey, LIMITS, pastDate, vnd } from "../validation";
import { runWrite, unlessRetried } from "../writes";
import { globalIdOf, notFound, parseInput, scopedUnitWhere } from "./common";
import { mutationErrors } from "./errors";
import { loadModel, visibleModel } from "./model-writes";
import { ModelRef } from "./models";
import { clearable, given, keep } from "./record-helpers";

type FieldBuilder = Parameters<Parameters<typeof builder.inputType>[1]["fields"]>[0];

/** The figures of a contribution, alike on a new one and on a correction (all optional). */
const figureFields = (t: FieldBuilder) => ({
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
    ...figureFields(t),
  }),
});

const CorrectModelContributionInput = builder.inputType("CorrectModelContributionInput", {
  description:
    "Corrects a contribution (sửa đóng góp). Absent fields stay as they are; `note` may be set to null. At least one figure must stay positive.",
  fields: (t) => ({
    id: t.id({ description: "The contribution to correct." }),
    recordedOn: t.field({
      type: "Date",
      required: false,
      description: "New day: not before the model started, not in the future.",
    }),
    ...figureFields(t),
  }),
});

const correctContributionSchema = z.object({
  id: globalIdOf("ModelContribution"),
  recordedOn: keep(pastDate),
  participants: keep(count(LIMITS.participants)),
  landM2: keep(count(LIMITS.landM2)),
  landValueVnd: keep(vnd),
  cashVnd: keep(vnd),
  inKindVnd: keep(vnd),
  workdays: keep(count(LIMITS.workdays)),
  note: clearable(500),
  idempotencyKey,
});

const DeleteModelContributionInput = builder.inputType("DeleteModelContributionInput", {
  description: "Deletes a contribution; the model's totals and its unit's figures follow.",
  fields: (t) => ({
    id: t.id({ description: "The contribution to delete." }),
    idempotencyKey: t.string({
      required: false,
      description:
        "Client key for retries: a retry answers as the first did, even though the contribution is gone.",
    }),
  }),
});

const deleteContributionSchema = z.object({
  id: globalIdOf("ModelContribution"),
  idempotencyKey,
});

/** A contribution to a model inside the caller's scope, with its model; NotFoundError otherwise. */
async function visibleContribution(ctx: Context, id: number) {
  const row = await ctx.db.prisma.modelContribution.findFirst({
    where: { id, model: scopedUnitWhere(ctx) },
    include: { model: true },
  });
  if (!row) throw notFound("ModelContribution", id);
  return row;
}

/** At least one figure above 0, as on a new contribution. */
function hasSomething(
  c: Record<"participants" | "landM2" | "workdays", number> &
    Record<(typeof CONTRIBUTION_AMOUNTS)[number], bigint>,
) {
  return (
    c.participants > 0 ||
    c.landM2 > 0 ||
    c.workdays > 0 ||
    CONTRIBUTION_AMOUNTS.some((k) => c[k] > 0n)
  );
}

builder.mutationFields((t) => ({
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
  correctModelContribution: t.field({
    type: ModelRef,
    description:
      "Corrects a contribution (sửa đóng góp); returns the model with new totals. The audit log keeps both versions.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: {
      input: t.arg({ type: CorrectModelContributionInput, description: "What to write." }),
    },
    resolve: async (_root, args, ctx) => {
      const {
        id,
        idempotencyKey: key,
        ...changes
      } = parseInput(correctContributionSchema, args.input);
      return unlessRetried(ctx, "correctModelContribution", key, loadModel(ctx), async () => {
        const { model, ...current } = await visibleContribution(ctx, id);
        const merged = { ...current, ...given(changes) };
        if (merged.recordedOn < model.startedOn) throw tooEarly("recordedOn", model.startedOn);
        if (!hasSomething(merged)) {
          throw new InputError([issueOf(["input", "participants"], "nothingToRecord")]);
        }
        return runWrite(
          ctx,
          {
            operation: "correctModelContribution",
            entity: "Model",
            action: "updated",
            unitIds: [model.unitId],
            idempotencyKey: key,
            recordId: model.id,
          },
          async (tx) => {
            // Read again under the model's lock: a correction racing a deletion finds it gone.
            const before = await tx.modelContribution.findUnique({ where: { id } });
            if (!before) throw notFound("ModelContribution", id);
            const contribution = await tx.modelContribution.update({
              where: { id },
              data: changes,
            });
            return {
              result: model,
              id: model.id,
              unitId: model.unitId,
              before: { contribution: before },
              after: { contribution },
            };
          },
          loadModel(ctx),
        );
      });
    },
  }),
  deleteModelContribution: t.field({
    type: ModelRef,
    description:
      "Deletes a contribution (xóa đóng góp); returns the model with new totals. A retry with the same key answers the same.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: {
      input: t.arg({ type: DeleteModelContributionInput, description: "What to write." }),
    },
    resolve: async (_root, args, ctx) => {
      const { id, idempotencyKey: key } = parseInput(deleteContributionSchema, args.input);
      return unlessRetried(ctx, "deleteModelContribution", key, loadModel(ctx), async () => {
        const { model } = await visibleContribution(ctx, id);
        return runWrite(
          ctx,
          {
            operation: "deleteModelContribution",
            entity: "Model",
            action: "updated",
            unitIds: [model.unitId],
            idempotencyKey: key,
            recordId: model.id,
          },
          async (tx) => {
            const before = await tx.modelContribution.findUnique({ where: { id } });
            if (!before) throw notFound("ModelContribution", id);
            await tx.modelContribution.delete({ where: { id } });
            return {
              result: model,
              id: model.id,
              unitId: model.unitId,
              before: { contribution: before },
              after: null,
            };
          },
          loadModel(ctx),
        );
      });
    },
  }),
}));
