import type { Prisma } from "@d05/prisma";
import { z } from "zod";
import { builder } from "../builder";
import type { Context } from "../context";
import { CommitmentKind } from "../domain/enums";
import { says } from "../domain/messages";
import { InputError } from "../errors";
import { campaignYear, idempotencyKey, pastDate, text } from "../validation";
import { deleteRecord, runWrite } from "../writes";
import {
  filterIdOf,
  globalIdOf,
  nodeInScopeWhere,
  notFound,
  parseGlobalId,
  parseInput,
  scopedUnitWhere,
  textSearch,
} from "./common";
import { CommitmentKindEnum, CommitmentStatusEnum } from "./enums";
import { mutationErrors } from "./errors";
import { deleteRecordInput } from "./record-helpers";

const commitmentKind = z.enum(CommitmentKind);

export const CommitmentRef = builder.prismaNode("Commitment", {
  id: { field: "id" },
  // node(id:) answers null for a record outside the viewer's subtree, as for a missing one.
  nullable: true,
  findUnique: (id, ctx) => ({ id: Number(id), ...nodeInScopeWhere(ctx) }),
  description:
    "A commitment or initiative a unit (usually a chi bộ) registers for a year (đăng ký làm theo, đề tài, sáng kiến).",
  fields: (t) => ({
    year: t.exposeInt("year", { description: "Year it is registered for (năm)." }),
    kind: t.expose("kind", {
      type: CommitmentKindEnum,
      description: "Initiative or pledge (loại).",
    }),
    title: t.exposeString("title", { description: "Title (tên đề tài / nội dung đăng ký)." }),
    status: t.expose("status", {
      type: CommitmentStatusEnum,
      description: "Progress (tình trạng).",
    }),
    registeredOn: t.expose("registeredOn", {
      type: "Date",
      description: "Day registered (ngày đăng ký).",
    }),
    completedOn: t.expose("completedOn", {
      type: "Date",
      nullable: true,
      description: "Day completed (ngày hoàn thành), if it is.",
    }),
    replicatedOn: t.expose("replicatedOn", {
      type: "Date",
      nullable: true,
      description: "Day it was reviewed and replicated (ngày tổng kết nhân rộng), if it was.",
    }),
    unit: t.relation("unit", { description: "Unit that registered it (đơn vị)." }),
    createdAt: t.expose("createdAt", { type: "DateTime", description: "When it was recorded." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime", description: "When it last changed." }),
  }),
});

// ─────────────── Reads ───────────────

const CommitmentOrderEnum = builder.enumType("CommitmentOrder", {
  description: "Order of a commitment list; ties are broken by id so pages are stable.",
  values: {
    DATE_DESC: { description: "Latest year first, then latest registration." },
    DATE_ASC: { description: "Earliest year first, then earliest registration." },
    TITLE_ASC: { description: "By title, A to Z." },
  } as const,
});

const COMMITMENT_ORDER: Record<
  "DATE_DESC" | "DATE_ASC" | "TITLE_ASC",
  Prisma.CommitmentOrderByWithRelationInput[]
> = {
  DATE_DESC: [{ year: "desc" }, { registeredOn: "desc" }, { id: "desc" }],
  DATE_ASC: [{ year: "asc" }, { registeredOn: "asc" }, { id: "asc" }],
  TITLE_ASC: [{ title: "asc" }, { id: "asc" }],
};

const CommitmentFilter = builder.inputType("CommitmentFilter", {
  description:
    "Narrows a commitment list. Everything is also limited to the caller's unit subtree.",
  fields: (t) => ({
    underUnitId: t.id({
      required: false,
      description: "Only units under this one, itself included (default: the caller's scope root).",
    }),
    year: t.int({ required: false, description: "Only this year." }),
    from: t.field({
      type: "Date",
      required: false,
      description: "Only years from the year of this day on.",
    }),
    to: t.field({
      type: "Date",
      required: false,
      description: "Only years up to the year of this day.",
    }),
    kind: t.field({ type: CommitmentKindEnum, required: false, description: "Only this kind." }),
    status: t.field({
      type: CommitmentStatusEnum,
      required: false,
      description: "Only this status.",
    }),
    search: t.string({ required: false, description: "Title contains this, case-insensitive." }),
  }),
});

function commitmentWhere(
  ctx: Context,
  filter: typeof CommitmentFilter.$inferInput | null | undefined,
): Prisma.CommitmentWhereInput {
  const years: Prisma.IntFilter = {};
  if (filter?.from) years.gte = filter.from.getUTCFullYear();
  if (filter?.to) years.lte = filter.to.getUTCFullYear();
  return {
    ...scopedUnitWhere(ctx, filterIdOf("Unit", filter?.underUnitId)),
    year: filter?.year ?? (filter?.from || filter?.to ? years : undefined),
    kind: filter?.kind ?? undefined,
    status: filter?.status ?? undefined,
    title: textSearch(filter?.search),
  };
}

builder.queryFields((t) => ({
  commitment: t.prismaField({
    type: "Commitment",
    nullable: true,
    description: "One commitment by id, or null if it does not exist or is outside your scope.",
    args: { id: t.arg.id({ description: "Global id of the commitment." }) },
    resolve: (query, _root, args, ctx) => {
      const id = parseGlobalId(args.id, "Commitment");
      if (id === null) return null;
      return ctx.db.prisma.commitment.findFirst({
        ...query,
        where: { id, ...scopedUnitWhere(ctx) },
      });
    },
  }),
  commitments: t.prismaConnection({
    type: "Commitment",
    cursor: "id",
    description:
      "Commitments and initiatives in your unit subtree (đăng ký làm theo), filtered and ordered.",
    args: {
      filter: t.arg({
        type: CommitmentFilter,
        required: false,
        description: "Which records (default: all in your scope).",
      }),
      orderBy: t.arg({
        type: CommitmentOrderEnum,
        defaultValue: "DATE_DESC",
        description: "Order.",
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.db.prisma.commitment.findMany({
        ...query,
        where: commitmentWhere(ctx, args.filter),
        orderBy: COMMITMENT_ORDER[args.orderBy ?? "DATE_DESC"],
      }),
    totalCount: (_conn, args, ctx) =>
      ctx.db.prisma.commitment.count({ where: commitmentWhere(ctx, args.filter) }),
  }),
}));

// ─────────────── Writes ───────────────

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
  .refine(
    (c) => {
      const y = c.registeredOn.getUTCFullYear();
      return y === c.year || (y === c.year - 1 && c.registeredOn.getUTCMonth() === 11);
    },
    { ...says("registeredOnOutsideYear"), path: ["registeredOn"] },
  );

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

const { input: DeleteCommitmentInput, schema: deleteCommitmentSchema } = deleteRecordInput(
  "Commitment",
  "Deletes a commitment.",
  "The commitment to delete.",
);

async function visibleCommitment(ctx: Context, id: number) {
  const row = await ctx.db.prisma.commitment.findFirst({ where: { id, ...scopedUnitWhere(ctx) } });
  if (!row) throw notFound("Commitment", id);
  return row;
}

const loadCommitment = (ctx: Context) => (id: number) =>
  ctx.db.prisma.commitment.findUniqueOrThrow({ where: { id } });

builder.mutationFields((t) => ({
  registerCommitment: t.field({
    type: CommitmentRef,
    description: "Registers a commitment or initiative for a year (đăng ký làm theo).",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: RegisterCommitmentInput, description: "What to write." }) },
    resolve: (_root, args, ctx) => {
      const { idempotencyKey: key, ...data } = parseInput(registerCommitmentSchema, args.input);
      return runWrite(
        ctx,
        {
          operation: "registerCommitment",
          entity: "Commitment",
          action: "created",
          unitIds: [data.unitId],
          idempotencyKey: key,
        },
        async (tx) => {
          const row = await tx.commitment.create({
            data: { ...data, status: "REGISTERED", createdById: ctx.viewer?.userId ?? null },
          });
          return { result: row, id: row.id, unitId: row.unitId, before: null, after: row };
        },
        loadCommitment(ctx),
      );
    },
  }),
  completeCommitment: t.field({
    type: CommitmentRef,
    description:
      "Marks a commitment completed, or replicated (hoàn thành / nhân rộng). A completed one may later be marked replicated.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: CompleteCommitmentInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(completeCommitmentSchema, args.input);
      const current = await visibleCommitment(ctx, input.id);
      const replicated = input.replicated ?? false;
      const issue = (message: string, field = "completedOn") =>
        new InputError([{ path: ["input", field], message }]);
      if (input.completedOn < current.registeredOn) {
        throw issue("Trước ngày đăng ký: must not be before the registration day.");
      }
      if (current.status === "REPLICATED") throw issue("Đã nhân rộng: already replicated.", "id");
      if (current.status === "COMPLETED" && !replicated)
        throw issue("Đã hoàn thành: already completed.", "id");
      if (current.completedOn && input.completedOn < current.completedOn) {
        throw issue("Trước ngày hoàn thành: replication cannot precede completion.");
      }
      const data: Prisma.CommitmentUpdateInput = replicated
        ? {
            status: "REPLICATED",
            completedOn: current.completedOn ?? input.completedOn,
            replicatedOn: input.completedOn,
          }
        : { status: "COMPLETED", completedOn: input.completedOn };
      return runWrite(
        ctx,
        {
          operation: "completeCommitment",
          entity: "Commitment",
          action: "updated",
          unitIds: [current.unitId],
          idempotencyKey: input.idempotencyKey,
          recordId: current.id,
        },
        async (tx) => {
          const row = await tx.commitment.update({ where: { id: current.id }, data });
          return { result: row, id: row.id, unitId: row.unitId, before: current, after: row };
        },
        loadCommitment(ctx),
      );
    },
  }),
  deleteCommitment: t.field({
    type: "ID",
    description: "Deletes a commitment (xóa đăng ký); returns its id.",
    authScopes: { canWrite: true },
    errors: { types: [...mutationErrors] },
    args: { input: t.arg({ type: DeleteCommitmentInput, description: "What to write." }) },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(deleteCommitmentSchema, args.input);
      const current = await visibleCommitment(ctx, input.id);
      return deleteRecord(
        ctx,
        {
          operation: "deleteCommitment",
          entity: "Commitment",
          unitId: current.unitId,
          idempotencyKey: input.idempotencyKey,
        },
        (tx) => tx.commitment.delete({ where: { id: current.id } }),
      );
    },
  }),
}));
