import { Prisma } from "@d05/prisma";
import { z } from "zod";
import { isoDay } from "../analytics/periods";
import { builder } from "../builder";
import { activityKind, recordActivitySchema } from "../records/rules";
import { count, idempotencyKey, LIMITS, pastDate, text } from "../validation";
import { insertRecord } from "../writes";
import { assertThemeExists, filterIdOf, globalIdOf, textSearch } from "./common";
import { connectionOf } from "./connections";
import { ActivityKindEnum } from "./enums";
import { clearable, keep, recordWrites, writeOf } from "./record-helpers";
import { nodeInScope, recordReads, timestampFields } from "./record-reads";

export const ActivityRef = builder.prismaNode("Activity", {
  ...nodeInScope,
  description:
    "A session, or an aggregate of many sessions, with its attendance (hoạt động: hội nghị, sinh hoạt chuyên đề...).",
  fields: (t) => ({
    kind: t.expose("kind", {
      type: ActivityKindEnum,
      description: "Kind of gathering (loại hoạt động).",
    }),
    title: t.exposeString("title", { description: "Title (tên hoạt động)." }),
    occurredOn: t.expose("occurredOn", {
      type: "Date",
      description: "Day it took place, or the last day of an aggregated period (ngày tổ chức).",
    }),
    sessions: t.exposeInt("sessions", {
      description: "Number of sessions this record covers (số buổi / số cuộc).",
    }),
    attendance: t.exposeInt("attendance", {
      description: "Participant-visits over those sessions (lượt người tham dự).",
    }),
    notes: t.exposeString("notes", { nullable: true, description: "Notes (ghi chú)." }),
    unit: t.relation("unit", { description: "Unit that held it (đơn vị tổ chức)." }),
    theme: t.relation("theme", {
      nullable: true,
      description: "Annual theme it served (chuyên đề năm), if any.",
    }),
    ...timestampFields(t),
  }),
});

// ─────────────── Reads ───────────────

/** Activities page through one type, wherever they are listed (Query, Theme). */
export const ActivityConnection = connectionOf(ActivityRef, "Activity");

recordReads({
  name: "Activity",
  noun: "activity",
  listNoun: "an activity list",
  dates: {
    columns: ["occurredOn"],
    newest: "Newest first (mới nhất trước).",
    oldest: "Oldest first (cũ nhất trước).",
    filterVerb: "Occurred",
  },
  orders: {
    ATTENDANCE_DESC: {
      description: "Largest attendance first (đông nhất trước).",
      orderBy: [{ attendance: "desc" }, { id: "desc" }],
    },
    TITLE_ASC: {
      description: "By title, A to Z (theo tên).",
      orderBy: [{ title: "asc" }, { id: "asc" }],
    },
  },
  orderDescription: "Order (default newest first).",
  filterFields: (t) => ({
    kind: t.field({ type: ActivityKindEnum, required: false, description: "Only this kind." }),
    themeId: t.id({ required: false, description: "Only activities of this theme." }),
    search: t.string({
      required: false,
      description: "Case-insensitive text the title contains (tìm theo tên).",
    }),
  }),
  where: (filter): Prisma.ActivityWhereInput => ({
    kind: filter?.kind ?? undefined,
    themeId: filterIdOf("Theme", filter?.themeId),
    title: textSearch(filter?.search),
  }),
  byIdField: "activity",
  listField: "activities",
  listDescription: "Activities in your unit subtree (hoạt động), filtered and ordered.",
  connection: ActivityConnection,
  delegate: (db) => db.activity,
});

// ─────────────── Writes ───────────────

const RecordActivityInput = builder.inputType("RecordActivityInput", {
  description: "A session (or an aggregate of sessions) to record.",
  fields: (t) => ({
    unitId: t.id({ description: "Unit that held it; must be inside your scope." }),
    themeId: t.id({ required: false, description: "Annual theme it served, if any." }),
    kind: t.field({ type: ActivityKindEnum, description: "Kind of gathering." }),
    title: t.string({ description: "Title, 1..500 characters." }),
    occurredOn: t.field({ type: "Date", description: "Day it took place; not in the future." }),
    sessions: t.int({
      required: false,
      description: `Number of sessions, 1..${LIMITS.sessions} (default 1).`,
    }),
    attendance: t.int({ description: `Participant-visits, 0..${LIMITS.attendance}.` }),
    notes: t.string({ required: false, description: "Notes, at most 2,000 characters." }),
    idempotencyKey: t.string({
      required: false,
      description: "Client key: retrying with the same key returns the first result.",
    }),
  }),
});

const CorrectActivityInput = builder.inputType("CorrectActivityInput", {
  description:
    "Corrects a recorded activity. Absent fields stay as they are; `themeId` and `notes` may be set to null to clear them.",
  fields: (t) => ({
    id: t.id({ description: "The activity to correct." }),
    unitId: t.id({ required: false, description: "Move it to this unit (inside your scope)." }),
    themeId: t.id({ required: false, description: "New theme, or null for none." }),
    kind: t.field({ type: ActivityKindEnum, required: false, description: "New kind." }),
    title: t.string({ required: false, description: "New title." }),
    occurredOn: t.field({ type: "Date", required: false, description: "New day." }),
    sessions: t.int({ required: false, description: "New number of sessions." }),
    attendance: t.int({ required: false, description: "New attendance." }),
    notes: t.string({ required: false, description: "New notes, or null to clear." }),
    idempotencyKey: t.string({ required: false, description: "Client key for retries." }),
  }),
});

const correctActivitySchema = z.object({
  id: globalIdOf("Activity"),
  unitId: keep(globalIdOf("Unit")),
  themeId: globalIdOf("Theme").nullish(),
  kind: keep(activityKind),
  title: keep(text()),
  occurredOn: keep(pastDate),
  sessions: keep(count(LIMITS.sessions, 1)),
  attendance: keep(count(LIMITS.attendance)),
  notes: clearable(2000),
  idempotencyKey,
});

const activities = recordWrites("Activity", (db) => db.activity);
const deleteActivity = activities.deletion(
  "Deletes a recorded activity.",
  "The activity to delete.",
);

builder.mutationFields((t) => ({
  recordActivity: t.field({
    type: ActivityRef,
    description: "Records a session or an aggregate of sessions (ghi nhận hoạt động).",
    ...writeOf(t, RecordActivityInput, recordActivitySchema, async (input, ctx) => {
      await assertThemeExists(ctx.db.prisma, input.themeId);
      return insertRecord(
        ctx,
        {
          operation: "recordActivity",
          entity: "Activity",
          unitId: input.unitId,
          idempotencyKey: input.idempotencyKey,
          call: (userId, key) => Prisma.sql`record_activity(
            ${userId}::int, ${key}::text, ${input.unitId}::int, ${input.themeId ?? null}::int,
            ${input.kind}::"ActivityKind", ${input.title}::text,
            ${isoDay(input.occurredOn)}::date, ${input.sessions ?? 1}::int,
            ${input.attendance}::int, ${input.notes ?? null}::text)`,
        },
        activities.load(ctx),
      );
    }),
  }),
  correctActivity: t.field({
    type: ActivityRef,
    description: "Corrects a recorded activity (sửa hoạt động); the audit log keeps both versions.",
    ...writeOf(t, CorrectActivityInput, correctActivitySchema, (input, ctx) =>
      activities.correct(ctx, input, { check: (tx) => assertThemeExists(tx, input.themeId) }),
    ),
  }),
  deleteActivity: deleteActivity(t, "Deletes a recorded activity (xóa hoạt động); returns its id."),
}));
