// A commitment or initiative (đăng ký làm theo): the type and the reads. The writes are in
// commitment-writes.ts.
import type { Prisma } from "@d05/prisma";
import { builder } from "../builder";
import { textSearch } from "./common";
import { connectionOf } from "./connections";
import { CommitmentKindEnum, CommitmentStatusEnum } from "./enums";
import { nodeInScope, recordReads, timestampFields } from "./record-reads";

export const CommitmentRef = builder.prismaNode("Commitment", {
  ...nodeInScope,
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
    ...timestampFields(t),
  }),
});

// ─────────────── Reads ───────────────

recordReads({
  name: "Commitment",
  noun: "commitment",
  listNoun: "a commitment list",
  dates: {
    columns: ["year", "registeredOn"],
    newest: "Latest year first, then latest registration.",
    oldest: "Earliest year first, then earliest registration.",
  },
  orders: {
    TITLE_ASC: { description: "By title, A to Z.", orderBy: [{ title: "asc" }, { id: "asc" }] },
  },
  filterFields: (t) => ({
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
  where: (filter): Prisma.CommitmentWhereInput => {
    const years: Prisma.IntFilter = {};
    if (filter?.from) years.gte = filter.from.getUTCFullYear();
    if (filter?.to) years.lte = filter.to.getUTCFullYear();
    return {
      year: filter?.year ?? (filter?.from || filter?.to ? years : undefined),
      kind: filter?.kind ?? undefined,
      status: filter?.status ?? undefined,
      title: textSearch(filter?.search),
    };
  },
  byIdField: "commitment",
  listField: "commitments",
  listDescription:
    "Commitments and initiatives in your unit subtree (đăng ký làm theo), filtered and ordered.",
  connection: connectionOf(CommitmentRef, "Commitment"),
  delegate: (db) => db.commitment,
});
