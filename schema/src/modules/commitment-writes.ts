// The writes of a commitment (đăng ký làm theo): registering, correcting, completing and
// deleting. The type and the reads are in commitments.ts.
import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import { CommitmentKind } from "../domain/enums";
import { says } from "../domain/messages";
import { InputError, issueOf } from "../errors";
import { campaignYear, idempotencyKey, pastDate, text } from "../validation";
import { unlessRetried } from "../writes";
import { CommitmentRef } from "./commitments";
import { globalIdOf } from "./common";
import { CommitmentKindEnum } from "./enums";
import { given, keep, recordWrites, writeOf } from "./record-helpers";

const commitmentKind = z.enum(CommitmentKind);

/** A registration day falls in the year registered for, or in the December before. */
const inRegisteredYear = (c: { year: number; registeredOn: Date }) => {
  const y = c.registeredOn.getUTCFullYear();
  return y === c.year || (y === c.year - 1 && c.registeredOn.getUTCMonth() === 11);
};

const RegisterCommitmentInput = builder.inputType("RegisterCommitmentInput", {
  description: "A commitment or initiative to register for a year (đăng ký).",
  fields: (t) => ({
    unitId: t.id({ description: "Registering unit; must be inside your scope." }),
    year: t.int({ description: "Year it is for: 1990 to the current year." }),
    kind: t.field({ type: CommitmentKindEnum, description: "Initiative or pledge." }),
    title: t.string({ description: "Title, 1..500 characters." }),
    registeredOn: t.field({
      type: "Date",
      description: "Day registered: in that year or the December before, not in the future.",
    }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const registerCommitmentSchema = z
  .object({
    unitId: globalIdOf("Unit"),
    year: campaignYear,
    kind: commitmentKind,
    title: text(),
    registeredOn: pastDate,
    idempotencyKey,
  })
  .refine(inRegisteredYear, { ...says("registeredOnOutsideYear"), path: ["registeredOn"] });

const CorrectCommitmentInput = builder.inputType("CorrectCommitmentInput", {
  description:
    "Corrects a registered commitment. Absent fields stay as they are; its progress changes only through completeCommitment.",
  fields: (t) => ({
    id: t.id({ description: "The commitment to correct." }),
    unitId: t.id({ required: false, description: "Move it to this unit (inside your scope)." }),
    year: t.int({ required: false, description: "New year: 1990 to the current year." }),
    kind: t.field({ type: CommitmentKindEnum, required: false, description: "New kind." }),
    title: t.string({ required: false, description: "New title, 1..500 characters." }),
    registeredOn: t.field({
      type: "Date",
      required: false,
      description: "New registration day: in the (new) year or the December before.",
    }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const correctCommitmentSchema = z.object({
  id: globalIdOf("Commitment"),
  unitId: keep(globalIdOf("Unit")),
  year: keep(campaignYear),
  kind: keep(commitmentKind),
  title: keep(text()),
  registeredOn: keep(pastDate),
  idempotencyKey,
});

const CompleteCommitmentInput = builder.inputType("CompleteCommitmentInput", {
  description: "Marks a commitment completed (hoàn thành), and possibly replicated (nhân rộng).",
  fields: (t) => ({
    id: t.id({ description: "The commitment." }),
    completedOn: t.field({
      type: "Date",
      description: "Day completed (or replicated): not before registration, not in the future.",
    }),
    replicated: t.boolean({
      required: false,
      description: "True when it was also reviewed and replicated (được tổng kết nhân rộng).",
    }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const completeCommitmentSchema = z.object({
  id: globalIdOf("Commitment"),
  completedOn: pastDate,
  replicated: z.boolean().nullish(),
  idempotencyKey,
});

const commitments = recordWrites("Commitment", (db) => db.commitment);
const deleteCommitment = commitments.deletion("Deletes a commitment.", "The commitment to delete.");

type CommitmentRow = Awaited<ReturnType<typeof commitments.visible>>;

/** A completion's refusals, against the commitment as it stands; nothing when it may go ahead. */
function completionIssue(current: CommitmentRow, completedOn: Date, replicated: boolean) {
  if (completedOn < current.registeredOn)
    return issueOf(["input", "completedOn"], "completedBeforeRegistered");
  if (current.status === "REPLICATED") return issueOf(["input", "id"], "alreadyReplicated");
  if (current.status === "COMPLETED" && !replicated)
    return issueOf(["input", "id"], "alreadyCompleted");
  if (current.completedOn && completedOn < current.completedOn) {
    return issueOf(["input", "completedOn"], "replicatedBeforeCompleted");
  }
  return null;
}

builder.mutationFields((t) => ({
  registerCommitment: t.field({
    type: CommitmentRef,
    description: "Registers a commitment or initiative for a year (đăng ký làm theo).",
    ...writeOf(
      t,
      RegisterCommitmentInput,
      registerCommitmentSchema,
      ({ idempotencyKey: key, ...data }, ctx) => {
        const spec = { operation: "registerCommitment", idempotencyKey: key, unitId: data.unitId };
        return commitments.create(ctx, spec, (tx) =>
          tx.commitment.create({
            data: { ...data, status: "REGISTERED", createdById: ctx.viewer?.userId ?? null },
          }),
        );
      },
    ),
  }),
  correctCommitment: t.field({
    type: CommitmentRef,
    description:
      "Corrects a commitment (sửa đăng ký); the audit log keeps both versions. Moving it to another unit moves its figures.",
    ...writeOf(t, CorrectCommitmentInput, correctCommitmentSchema, (input, ctx) => {
      const { id, idempotencyKey: key, ...data } = input;
      return unlessRetried(ctx, "correctCommitment", key, commitments.load(ctx), async () => {
        const current = await commitments.visible(ctx, id);
        const merged = { ...current, ...given(data) };
        if (!inRegisteredYear(merged)) {
          throw new InputError([issueOf(["input", "registeredOn"], "registeredOnOutsideYear")]);
        }
        if (merged.completedOn && merged.registeredOn > merged.completedOn) {
          throw new InputError([issueOf(["input", "registeredOn"], "completedBeforeRegistered")]);
        }
        return commitments.correct(ctx, input, { current });
      });
    }),
  }),
  completeCommitment: t.field({
    type: CommitmentRef,
    description:
      "Marks a commitment completed, or replicated (hoàn thành / nhân rộng). A completed one may later be marked replicated.",
    ...writeOf(t, CompleteCommitmentInput, completeCommitmentSchema, async (input, ctx) => {
      const { id, completedOn, idempotencyKey: key } = input;
      const replicated = input.replicated ?? false;
      // A retry is answered first: the commitment it completed would now read "already completed".
      return unlessRetried(ctx, "completeCommitment", key, commitments.load(ctx), async () => {
        const current = await commitments.visible(ctx, id);
        const issue = completionIssue(current, completedOn, replicated);
        if (issue) throw new InputError([issue]);
        const data: Prisma.CommitmentUpdateInput = replicated
          ? {
              status: "REPLICATED",
              completedOn: current.completedOn ?? completedOn,
              replicatedOn: completedOn,
            }
          : { status: "COMPLETED", completedOn };
        return commitments.change(
          ctx,
          { operation: "completeCommitment", idempotencyKey: key, current },
          async (tx) => {
            const row = await tx.commitment.update({ where: { id: current.id }, data });
            return { result: row, before: current, after: row };
          },
        );
      });
    }),
  }),
  deleteCommitment: deleteCommitment(t, "Deletes a commitment (xóa đăng ký); returns its id."),
}));
