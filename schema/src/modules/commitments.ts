// A commitment or initiative (đăng ký làm theo): the type and the reads. The writes are in
// commitment-writes.ts.
import type { Prisma } from "@d05/prisma";
import { builder } from "../builder";
import type { Context } from "../context";
import { filterIdOf, nodeInScopeWhere, parseGlobalId, scopedUnitWhere, textSearch } from "./common";
import { CommitmentKindEnum, CommitmentStatusEnum } from "./enums";

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
