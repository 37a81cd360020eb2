// The rules of a record's fields, below the GraphQL modules: the single writes (modules/*) and
// the spreadsheet import (import/kinds/) check rows with these same schemas.
import { z } from "zod";
import { awardGround, emulationYear } from "../awards/grounds";
import {
  ActivityKind,
  AwardForm,
  AwardLevel,
  LeadOrganisation,
  ModelLevel,
  ModelSector,
  ModelStatus,
  RecipientKind,
} from "../domain/enums";
import { says } from "../domain/messages";
import { count, idempotencyKey, LIMITS, optionalText, pastDate, text, vnd } from "../domain/rules";
import { globalIdOf } from "../ids";

export const activityKind = z.enum(ActivityKind);
export const modelSector = z.enum(ModelSector);
export const modelLevel = z.enum(ModelLevel);
export const leadOrganisation = z.enum(LeadOrganisation);
export const modelStatus = z.enum(ModelStatus);
export const recipientKind = z.enum(RecipientKind);
export const awardLevel = z.enum(AwardLevel);
export const awardForm = z.enum(AwardForm);

export const recordActivitySchema = z.object({
  unitId: globalIdOf("Unit"),
  themeId: globalIdOf("Theme").nullish(),
  kind: activityKind,
  title: text(),
  occurredOn: pastDate,
  sessions: count(LIMITS.sessions, 1).nullish(),
  attendance: count(LIMITS.attendance),
  notes: optionalText(2000),
  idempotencyKey,
});

export const namedIndividualIsOne = {
  ...says("namedIndividualOne"),
  path: ["recipientCount"],
};

export const recordAwardSchema = z
  .object({
    unitId: globalIdOf("Unit"),
    recipientKind,
    recipientName: optionalText(),
    recipientCount: count(LIMITS.recipientCount, 1)
      .nullish()
      .transform((v) => v ?? 1),
    level: awardLevel,
    form: awardForm,
    issuer: optionalText(200),
    awardedOn: pastDate,
    emulationYear: emulationYear.nullish(),
    ground: awardGround.nullish(),
    reason: optionalText(2000),
    themeId: globalIdOf("Theme").nullish(),
    modelId: globalIdOf("Model").nullish(),
    idempotencyKey,
  })
  .refine(
    (a) => !(a.recipientKind === "INDIVIDUAL" && a.recipientName && a.recipientCount !== 1),
    // A copy: zod 4 rewrites the params object it is given (message → error), which would leave
    // correctAward's InputError below without a message.
    { ...namedIndividualIsOne, path: [...namedIndividualIsOne.path] },
  );
export const registerModelSchema = z.object({
  unitId: globalIdOf("Unit"),
  name: text(),
  sector: modelSector,
  level: modelLevel,
  programme: optionalText(200),
  leadOrganisation,
  startedOn: pastDate,
  status: modelStatus.nullish(),
  description: optionalText(2000),
  idempotencyKey,
});

/** The amounts of a contribution in đồng, kept apart as reports give them; their sum is the total. */
export const CONTRIBUTION_AMOUNTS = ["landValueVnd", "cashVnd", "inKindVnd"] as const;

const optionalCount = (max: number) =>
  count(max)
    .nullish()
    .transform((v) => v ?? 0);
const optionalVnd = vnd.nullish().transform((v) => v ?? 0n);

export const recordContributionSchema = z
  .object({
    modelId: globalIdOf("Model"),
    recordedOn: pastDate,
    participants: optionalCount(LIMITS.participants),
    landM2: optionalCount(LIMITS.landM2),
    landValueVnd: optionalVnd,
    cashVnd: optionalVnd,
    inKindVnd: optionalVnd,
    workdays: optionalCount(LIMITS.workdays),
    note: optionalText(),
    idempotencyKey,
  })
  .refine(
    (c) =>
      c.participants > 0 ||
      c.landM2 > 0 ||
      c.workdays > 0 ||
      CONTRIBUTION_AMOUNTS.some((k) => c[k] > 0n),
    { ...says("nothingToRecord"), path: ["participants"] },
  );
