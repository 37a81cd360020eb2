// A model (mô hình) and its history and contributions: the types and the reads. The writes are
// in model-writes.ts.
import type { ModelContribution, Prisma } from "@d05/prisma";
import { builder } from "../builder";
import { HISTORY_ORDER, statusOnDay } from "../records/lifecycle";
import { visibleUnitsWhere } from "../scope";
import { AwardConnection } from "./awards";
import { batchLoader, textSearch } from "./common";
import { connectionOf } from "./connections";
import { LeadOrganisationEnum, ModelLevelEnum, ModelSectorEnum, ModelStatusEnum } from "./enums";
import { modelPartInScope, nodeInScope, recordReads, timestampFields } from "./record-reads";

export const ModelStatusChangeRef = builder.prismaNode("ModelStatusChange", {
  ...modelPartInScope,
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

/** The figures of one contribution, and of a model's sums of them. */
type ContributionFigures = Pick<
  ModelContribution,
  "participants" | "landM2" | "landValueVnd" | "cashVnd" | "inKindVnd" | "workdays"
>;

/** What contributionFigureFields needs of a field builder: both object kinds' `t` have it. */
interface FigureFieldBuilder<Ref> {
  int(options: { description: string; resolve: (k: ContributionFigures) => number }): Ref;
  field(options: {
    type: "Vnd";
    description: string;
    resolve: (k: ContributionFigures) => bigint;
  }): Ref;
}

/**
 * The figure fields, alike on one contribution (`ModelContribution`) and on a model's sums of
 * them (`ContributionTotals`), with their total in đồng.
 */
function contributionFigureFields<Ref>(t: FigureFieldBuilder<Ref>) {
  const vnd = (description: string, resolve: (k: ContributionFigures) => bigint) =>
    t.field({ type: "Vnd", description, resolve });
  return {
    participants: t.int({
      description: "People taking part (lượt người).",
      resolve: (k) => k.participants,
    }),
    landM2: t.int({ description: "Land donated, m² (hiến đất).", resolve: (k) => k.landM2 }),
    landValueVnd: vnd("Value of the land donated, đồng (trị giá đất hiến).", (k) => k.landValueVnd),
    cashVnd: vnd("Cash given, đồng (tiền mặt).", (k) => k.cashVnd),
    inKindVnd: vnd("Goods and materials given, valued in đồng (hiện vật).", (k) => k.inKindVnd),
    workdays: t.int({ description: "Workdays given (ngày công).", resolve: (k) => k.workdays }),
    totalVnd: vnd(
      "Total in đồng (tổng giá trị): land value + cash + in kind.",
      (k) => k.landValueVnd + k.cashVnd + k.inKindVnd,
    ),
  };
}

export const ModelContributionRef = builder.prismaNode("ModelContribution", {
  ...modelPartInScope,
  description:
    "What people gave to a model over a period (đóng góp): participants, money, land, workdays.",
  fields: (t) => ({
    recordedOn: t.expose("recordedOn", {
      type: "Date",
      description: "Day recorded (ngày ghi nhận).",
    }),
    ...contributionFigureFields(t),
    note: t.exposeString("note", { nullable: true, description: "Notes (ghi chú)." }),
    model: t.relation("model", { description: "The model given to." }),
  }),
});

interface ContributionTotals extends ContributionFigures {
  records: number;
}

const NO_CONTRIBUTIONS: ContributionTotals = {
  records: 0,
  participants: 0,
  landM2: 0,
  landValueVnd: 0n,
  cashVnd: 0n,
  inKindVnd: 0n,
  workdays: 0,
};

const ContributionTotalsRef = builder
  .objectRef<ContributionTotals>("ContributionTotals")
  .implement({
    description: "Sums over every contribution to a model (tổng đóng góp).",
    fields: (t) => ({
      records: t.exposeInt("records", { description: "Contribution records summed." }),
      ...contributionFigureFields(t),
    }),
  });

/** One GROUP BY for every model of a page. */
const loadContributionTotals = batchLoader<number, ContributionTotals>(async (ctx, modelIds) => {
  const rows = await ctx.db.prisma.modelContribution.groupBy({
    by: ["modelId"],
    where: { modelId: { in: modelIds } },
    _count: { _all: true },
    _sum: {
      participants: true,
      landM2: true,
      landValueVnd: true,
      cashVnd: true,
      inKindVnd: true,
      workdays: true,
    },
  });
  return new Map(
    rows.map((r) => [
      r.modelId,
      {
        records: r._count._all,
        participants: r._sum.participants ?? 0,
        landM2: r._sum.landM2 ?? 0,
        landValueVnd: r._sum.landValueVnd ?? 0n,
        cashVnd: r._sum.cashVnd ?? 0n,
        inKindVnd: r._sum.inKindVnd ?? 0n,
        workdays: r._sum.workdays ?? 0,
      },
    ]),
  );
}, NO_CONTRIBUTIONS);

const ModelContributionConnection = connectionOf(ModelContributionRef, "ModelContribution");

export const ModelRef = builder.prismaNode("Model", {
  ...nodeInScope,
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
    contributions: t.relatedConnection(
      "contributions",
      {
        cursor: "id",
        totalCount: true,
        description: "Contributions, newest first (các lần đóng góp).",
        query: { orderBy: [{ recordedOn: "desc" }, { id: "desc" }] },
      },
      ModelContributionConnection,
    ),
    awards: t.relatedConnection(
      "awards",
      {
        cursor: "id",
        totalCount: true,
        description: "Awards tied to it, within your unit subtree, newest first.",
        query: (_args, ctx) => ({
          where: { unit: visibleUnitsWhere(ctx) },
          orderBy: [{ awardedOn: "desc" }, { id: "desc" }],
        }),
      },
      // Made in awards.ts; fields are read when the schema is built, once every module is loaded.
      AwardConnection,
    ),
    ...timestampFields(t, "registered"),
  }),
});

// ─────────────── Reads ───────────────

recordReads({
  name: "Model",
  noun: "model",
  listNoun: "a model list",
  dates: {
    columns: ["startedOn"],
    newest: "Most recently started first.",
    oldest: "Earliest started first.",
    filterVerb: "Started",
  },
  orders: {
    NAME_ASC: {
      description: "By name, A to Z (theo tên).",
      orderBy: [{ name: "asc" }, { id: "asc" }],
    },
  },
  filterFields: (t) => ({
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
  where: (filter): Prisma.ModelWhereInput => ({
    sector: filter?.sector ?? undefined,
    level: filter?.level ?? undefined,
    status: filter?.status ?? undefined,
    leadOrganisation: filter?.leadOrganisation ?? undefined,
    programme: textSearch(filter?.programme),
    name: textSearch(filter?.search),
  }),
  byIdField: "model",
  listField: "models",
  listDescription: "Models in your unit subtree (mô hình), filtered and ordered.",
  connection: connectionOf(ModelRef, "Model"),
  delegate: (db) => db.model,
});
