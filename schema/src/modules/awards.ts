import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import {
  awardGround,
  defaultAwardGround,
  defaultEmulationYear,
  emulationYear,
} from "../awards/grounds";
import { builder } from "../builder";
import type { Context } from "../context";
import { InputError, issueOf } from "../errors";
import {
  awardForm,
  awardLevel,
  namedIndividualIsOne,
  recipientKind,
  recordAwardSchema,
} from "../records/rules";
import { count, idempotencyKey, LIMITS, pastDate } from "../validation";
import {
  assertThemeExists,
  filterIdOf,
  globalIdOf,
  notFound,
  scopedUnitWhere,
  textSearch,
} from "./common";
import { connectionOf } from "./connections";
import { AwardFormEnum, AwardGroundEnum, AwardLevelEnum, RecipientKindEnum } from "./enums";
import { clearable, given, keep, recordWrites, writeOf } from "./record-helpers";
import { nodeInScope, recordReads, timestampFields } from "./record-reads";

export const AwardRef = builder.prismaNode("Award", {
  ...nodeInScope,
  description:
    'An award decision (khen thưởng). One record may honour several recipients of one kind ("khen thưởng 07 tập thể").',
  fields: (t) => ({
    recipientKind: t.expose("recipientKind", {
      type: RecipientKindEnum,
      description: "Collective or individual (tập thể / cá nhân).",
    }),
    recipientName: t.exposeString("recipientName", {
      nullable: true,
      description: "Who was honoured, when one named recipient (tên tập thể / cá nhân).",
    }),
    recipientCount: t.exposeInt("recipientCount", {
      description: "How many recipients (số lượng).",
    }),
    level: t.expose("level", { type: AwardLevelEnum, description: "Issuing level (cấp khen)." }),
    form: t.expose("form", { type: AwardFormEnum, description: "Form (hình thức khen)." }),
    issuer: t.exposeString("issuer", {
      nullable: true,
      description: 'Issuing authority, e.g. "UBND tỉnh" (cơ quan khen thưởng).',
    }),
    awardedOn: t.expose("awardedOn", { type: "Date", description: "Decision day (ngày khen)." }),
    emulationYear: t.exposeInt("emulationYear", {
      description:
        "Năm thi đua: the year the award honours (a decision of 19/01/2024 for 2023 honours 2023). Analytics count awards in this year.",
    }),
    ground: t.expose("ground", {
      type: AwardGroundEnum,
      description: "Căn cứ khen thưởng: what the award honours.",
    }),
    reason: t.exposeString("reason", { nullable: true, description: "What for (thành tích)." }),
    unit: t.relation("unit", { description: "Unit that reports the award (đơn vị)." }),
    theme: t.relation("theme", {
      nullable: true,
      description: "Annual theme it is tied to, if any.",
    }),
    model: t.relation("model", {
      nullable: true,
      description: "Model it is tied to, if any (always in the award's unit subtree).",
    }),
    ...timestampFields(t),
  }),
});

// ─────────────── Reads ───────────────

/** Awards page through one type, wherever they are listed (Query, Model, Theme). */
export const AwardConnection = connectionOf(AwardRef, "Award");

recordReads({
  name: "Award",
  noun: "award",
  listNoun: "an award list",
  dates: {
    columns: ["awardedOn"],
    newest: "Newest first.",
    oldest: "Oldest first.",
    filterVerb: "Awarded",
  },
  orders: {
    RECIPIENTS_DESC: {
      description: "Most recipients first.",
      orderBy: [{ recipientCount: "desc" }, { id: "desc" }],
    },
  },
  filterFields: (t) => ({
    recipientKind: t.field({
      type: RecipientKindEnum,
      required: false,
      description: "Only this kind of recipient.",
    }),
    level: t.field({ type: AwardLevelEnum, required: false, description: "Only this level." }),
    form: t.field({ type: AwardFormEnum, required: false, description: "Only this form." }),
    themeId: t.id({ required: false, description: "Only awards tied to this theme." }),
    modelId: t.id({ required: false, description: "Only awards tied to this model." }),
    search: t.string({
      required: false,
      description: "Recipient name or reason contains this, case-insensitive.",
    }),
    ground: t.field({
      type: AwardGroundEnum,
      required: false,
      description: "Only this ground (căn cứ khen thưởng).",
    }),
  }),
  where: (filter): Prisma.AwardWhereInput => {
    const search = textSearch(filter?.search);
    return {
      recipientKind: filter?.recipientKind ?? undefined,
      level: filter?.level ?? undefined,
      form: filter?.form ?? undefined,
      ground: filter?.ground ?? undefined,
      themeId: filterIdOf("Theme", filter?.themeId),
      modelId: filterIdOf("Model", filter?.modelId),
      ...(search ? { OR: [{ recipientName: search }, { reason: search }] } : {}),
    };
  },
  byIdField: "award",
  listField: "awards",
  listDescription: "Awards in your unit subtree (khen thưởng), filtered and ordered.",
  connection: AwardConnection,
  delegate: (db) => db.award,
});

// ─────────────── Writes ───────────────

const RecordAwardInput = builder.inputType("RecordAwardInput", {
  description: "An award decision to record (ghi nhận khen thưởng).",
  fields: (t) => ({
    unitId: t.id({ description: "Unit reporting it; must be inside your scope." }),
    recipientKind: t.field({ type: RecipientKindEnum, description: "Collective or individual." }),
    recipientName: t.string({
      required: false,
      description: "Recipient's name, when one is named.",
    }),
    recipientCount: t.int({
      required: false,
      description: `How many recipients, 1..${LIMITS.recipientCount} (default 1; 1 for a named individual).`,
    }),
    level: t.field({ type: AwardLevelEnum, description: "Issuing level." }),
    form: t.field({ type: AwardFormEnum, description: "Form of recognition." }),
    issuer: t.string({ required: false, description: "Issuing authority." }),
    awardedOn: t.field({ type: "Date", description: "Decision day; not in the future." }),
    emulationYear: t.int({
      required: false,
      description:
        "Năm thi đua honoured, 2000..2100 (default: the theme's year when tied to a theme, else the decision's year).",
    }),
    ground: t.field({
      type: AwardGroundEnum,
      required: false,
      description:
        "Căn cứ khen thưởng (default: YEAR_THEME when tied to a theme, MODEL_PROGRAMME when tied to a model, else OTHER).",
    }),
    reason: t.string({ required: false, description: "What for, at most 2,000 characters." }),
    themeId: t.id({ required: false, description: "Annual theme it is tied to." }),
    modelId: t.id({
      required: false,
      description:
        "Model it is tied to: in your scope, owned by the award's unit or a unit under it.",
    }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const CorrectAwardInput = builder.inputType("CorrectAwardInput", {
  description:
    "Corrects an award. Absent fields stay; nullable ones may be set to null to clear them.",
  fields: (t) => ({
    id: t.id({ description: "The award to correct." }),
    unitId: t.id({ required: false, description: "Move it to this unit (inside your scope)." }),
    recipientKind: t.field({ type: RecipientKindEnum, required: false, description: "New kind." }),
    recipientName: t.string({ required: false, description: "New name, or null." }),
    recipientCount: t.int({ required: false, description: "New count." }),
    level: t.field({ type: AwardLevelEnum, required: false, description: "New level." }),
    form: t.field({ type: AwardFormEnum, required: false, description: "New form." }),
    issuer: t.string({ required: false, description: "New issuer, or null." }),
    awardedOn: t.field({ type: "Date", required: false, description: "New day." }),
    emulationYear: t.int({ required: false, description: "New năm thi đua (2000..2100)." }),
    ground: t.field({ type: AwardGroundEnum, required: false, description: "New ground." }),
    reason: t.string({ required: false, description: "New reason, or null." }),
    themeId: t.id({ required: false, description: "New theme, or null." }),
    modelId: t.id({ required: false, description: "New model, or null." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const correctAwardSchema = z.object({
  id: globalIdOf("Award"),
  unitId: keep(globalIdOf("Unit")),
  recipientKind: keep(recipientKind),
  recipientName: clearable(500),
  recipientCount: keep(count(LIMITS.recipientCount, 1)),
  level: keep(awardLevel),
  form: keep(awardForm),
  issuer: clearable(200),
  awardedOn: keep(pastDate),
  emulationYear: keep(emulationYear),
  ground: keep(awardGround),
  reason: clearable(2000),
  themeId: globalIdOf("Theme").nullish(),
  modelId: globalIdOf("Model").nullish(),
  idempotencyKey,
});

const awards = recordWrites("Award", (db) => db.award);
const deleteAward = awards.deletion("Deletes an award.", "The award to delete.");

/**
 * A tied model must be visible to the writer and owned by the award's unit or a unit under it:
 * then whoever may read the award may read its model too.
 */
async function assertModelFits(
  ctx: Context,
  tx: Prisma.TransactionClient,
  modelId: number | null | undefined,
  unitId: number,
) {
  if (modelId === null || modelId === undefined) return;
  const model = await tx.model.findFirst({
    where: { id: modelId, ...scopedUnitWhere(ctx) },
    select: { unitId: true },
  });
  if (!model) throw notFound("Model", modelId);
  const under = await tx.unitClosure.findUnique({
    where: { ancestorId_descendantId: { ancestorId: unitId, descendantId: model.unitId } },
  });
  if (!under) {
    throw new InputError([issueOf(["input", "modelId"], "modelOutsideUnit")]);
  }
}

builder.mutationFields((t) => ({
  recordAward: t.field({
    type: AwardRef,
    description: "Records an award decision (ghi nhận khen thưởng).",
    ...writeOf(t, RecordAwardInput, recordAwardSchema, ({ idempotencyKey: key, ...data }, ctx) => {
      const spec = { operation: "recordAward", idempotencyKey: key, unitId: data.unitId };
      return awards.create(ctx, spec, async (tx) => {
        await assertThemeExists(tx, data.themeId);
        await assertModelFits(ctx, tx, data.modelId, data.unitId);
        const theme = data.themeId
          ? await tx.theme.findUnique({ where: { id: data.themeId }, select: { year: true } })
          : null;
        return tx.award.create({
          data: {
            ...data,
            emulationYear:
              data.emulationYear ?? defaultEmulationYear(data.awardedOn, theme?.year ?? null),
            ground: data.ground ?? defaultAwardGround(data.themeId, data.modelId),
            createdById: ctx.viewer?.userId ?? null,
          },
        });
      });
    }),
  }),
  correctAward: t.field({
    type: AwardRef,
    description: "Corrects an award (sửa khen thưởng); the audit log keeps both versions.",
    ...writeOf(t, CorrectAwardInput, correctAwardSchema, async (input, ctx) => {
      const current = await awards.visible(ctx, input.id);
      // The award as corrected: the rules hold for the whole, not only for the given fields.
      const merged = { ...current, ...given(input) };
      if (
        merged.recipientKind === "INDIVIDUAL" &&
        merged.recipientName &&
        merged.recipientCount !== 1
      ) {
        throw new InputError([
          issueOf(["input", ...namedIndividualIsOne.path], "namedIndividualOne"),
        ]);
      }
      return awards.correct(ctx, input, {
        current,
        check: async (tx) => {
          await assertThemeExists(tx, input.themeId);
          await assertModelFits(ctx, tx, merged.modelId, merged.unitId);
        },
      });
    }),
  }),
  deleteAward: deleteAward(t, "Deletes an award (xóa khen thưởng); returns its id."),
}));
