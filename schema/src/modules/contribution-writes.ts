// The writes of a model's contributions (đóng góp): recording, correcting and deleting one. Each
// is a change of its model (audited and announced as the model's, with the contribution before
// and after), so the model's history, its totals and the figures of its unit follow.
import type { ModelContribution, Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { InputError, issueOf } from "../errors";
import { tooEarly } from "../records/lifecycle";
import { CONTRIBUTION_AMOUNTS, recordContributionSchema } from "../records/rules";
import { count, idempotencyKey, LIMITS, pastDate, vnd } from "../validation";
import { unlessRetried } from "../writes";
import { globalIdOf, notFound, scopedUnitWhere } from "./common";
import { models, visibleModelSince } from "./model-writes";
import { ModelRef } from "./models";
import { clearable, given, keep, writeOf } from "./record-helpers";

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

type Contribution = Awaited<ReturnType<typeof visibleContribution>>;

/**
 * A change of one contribution, audited and announced as its model's. A retry is answered first
 * (the contribution may be gone by then); `check` refuses a change against the contribution as it
 * stands, and `write` changes it as read again under the model's lock, so a change racing a
 * deletion finds it gone. `write` answers the contribution after, or null when it is deleted.
 */
function changeContribution(
  ctx: Context,
  spec: { operation: string; idempotencyKey?: string | null; id: number },
  check: (current: Omit<Contribution, "model">, model: Contribution["model"]) => void,
  write: (tx: Prisma.TransactionClient) => Promise<ModelContribution | null>,
) {
  const { operation, idempotencyKey: key, id } = spec;
  return unlessRetried(ctx, operation, key, models.load(ctx), async () => {
    const { model, ...current } = await visibleContribution(ctx, id);
    check(current, model);
    return models.change(ctx, { operation, idempotencyKey: key, current: model }, async (tx) => {
      const before = await tx.modelContribution.findUnique({ where: { id } });
      if (!before) throw notFound("ModelContribution", id);
      const contribution = await write(tx);
      return {
        result: model,
        before: { contribution: before },
        after: contribution && { contribution },
      };
    });
  });
}

builder.mutationFields((t) => ({
  recordModelContribution: t.field({
    type: ModelRef,
    description:
      "Records what people gave to a model (ghi nhận đóng góp); returns the model with new totals.",
    ...writeOf(t, RecordModelContributionInput, recordContributionSchema, async (input, ctx) => {
      const { modelId, recordedOn, idempotencyKey, ...figures } = input;
      const model = await visibleModelSince(ctx, modelId, "recordedOn", recordedOn);
      const operation = "recordModelContribution";
      return models.change(ctx, { operation, idempotencyKey, current: model }, async (tx) => {
        const contribution = await tx.modelContribution.create({
          data: { modelId: model.id, recordedOn, ...figures },
        });
        return { result: model, before: null, after: { contribution } };
      });
    }),
  }),
  correctModelContribution: t.field({
    type: ModelRef,
    description:
      "Corrects a contribution (sửa đóng góp); returns the model with new totals. The audit log keeps both versions.",
    ...writeOf(
      t,
      CorrectModelContributionInput,
      correctContributionSchema,
      async ({ id, idempotencyKey, ...data }, ctx) => {
        const spec = { operation: "correctModelContribution", idempotencyKey, id };
        return changeContribution(
          ctx,
          spec,
          (current, model) => {
            const merged = { ...current, ...given(data) };
            if (merged.recordedOn < model.startedOn) throw tooEarly("recordedOn", model.startedOn);
            if (!hasSomething(merged)) {
              throw new InputError([issueOf(["input", "participants"], "nothingToRecord")]);
            }
          },
          (tx) => tx.modelContribution.update({ where: { id }, data }),
        );
      },
    ),
  }),
  deleteModelContribution: t.field({
    type: ModelRef,
    description:
      "Deletes a contribution (xóa đóng góp); returns the model with new totals. A retry with the same key answers the same.",
    ...writeOf(
      t,
      DeleteModelContributionInput,
      deleteContributionSchema,
      async ({ id, idempotencyKey }, ctx) => {
        const spec = { operation: "deleteModelContribution", idempotencyKey, id };
        return changeContribution(
          ctx,
          spec,
          () => {},
          async (tx) => {
            await tx.modelContribution.delete({ where: { id } });
            return null;
          },
        );
      },
    ),
  }),
}));
