// The activities import: one row per session (or aggregate of sessions) and its attendance,
// checked by the same zod schema as recordActivity.
import type { ActivityKind } from "@d05/prisma";
import { z } from "zod";
import { activityKinds } from "../../domain/enums";
import { recordActivitySchema } from "../../records/rules";
import { cell, normalise } from "../columns";
import { choicesText, isoDay, problemsOf, themeYearColumn, unitCodeColumn } from "./shared";
import type { KindSpec } from "./spec";

const activityRow = recordActivitySchema.safeExtend({
  unitId: z.number(),
  themeId: z.number().nullish(),
});

export interface ActivityRecord {
  unitId: number;
  themeId: number | null;
  kind: ActivityKind;
  title: string;
  occurredOn: Date;
  sessions: number;
  attendance: number;
  notes: string | null;
}

export const activitiesSpec: KindSpec<ActivityRecord> = {
  kind: "ACTIVITIES",
  entity: "Activity",
  columns: [
    unitCodeColumn,
    {
      field: "kind",
      header: "Loại",
      english: "Kind",
      aliases: ["loai hoat dong", "hinh thuc"],
      required: true,
      description: choicesText(activityKinds),
      choices: activityKinds,
    },
    {
      field: "title",
      header: "Tiêu đề",
      english: "Title",
      aliases: ["ten hoat dong", "noi dung"],
      required: true,
      description: {
        vi: "Tiêu đề, 1 đến 500 ký tự.",
        en: "Title, 1 to 500 characters.",
      },
    },
    {
      field: "occurredOn",
      header: "Ngày",
      english: "Date",
      aliases: ["ngay to chuc", "occurred on"],
      required: true,
      description: {
        vi: "Ngày tổ chức: dd/mm/yyyy hoặc yyyy-mm-dd (hay ô ngày của Excel); không sau hôm nay.",
        en: "Day it took place: dd/MM/yyyy or YYYY-MM-DD (or an Excel date); not in the future.",
      },
    },
    {
      field: "sessions",
      header: "Số buổi",
      english: "Sessions",
      aliases: ["so cuoc"],
      required: false,
      description: {
        vi: "Số buổi, 1 đến 10.000 (để trống: 1).",
        en: "Number of sessions, 1 to 10,000 (blank: 1).",
      },
      numeric: true,
    },
    {
      field: "attendance",
      header: "Lượt người",
      english: "Attendance",
      aliases: ["luot nguoi tham du", "so luot nguoi"],
      required: true,
      description: {
        vi: "Lượt người tham dự, 0 đến 1.000.000 (16.940 hoặc 16940).",
        en: "Participant-visits, 0 to 1,000,000 (16.940 or 16940).",
      },
      numeric: true,
    },
    themeYearColumn,
    {
      field: "notes",
      header: "Ghi chú",
      english: "Notes",
      required: false,
      description: {
        vi: "Ghi chú, tối đa 2.000 ký tự.",
        en: "Notes, at most 2,000 characters.",
      },
    },
  ],
  parsers: {
    unitCode: cell.code,
    kind: cell.choice(activityKinds),
    title: cell.title,
    occurredOn: cell.date,
    sessions: cell.integer,
    attendance: cell.integer,
    themeYear: cell.integer,
    notes: cell.text,
  },
  build(values, refs) {
    const parsed = activityRow.safeParse({ ...values, ...refs });
    if (!parsed.success) return { problems: problemsOf(parsed.error) };
    const a = parsed.data;
    return {
      record: {
        unitId: a.unitId,
        themeId: a.themeId ?? null,
        kind: a.kind,
        title: a.title,
        occurredOn: a.occurredOn,
        sessions: a.sessions ?? 1,
        attendance: a.attendance,
        notes: a.notes,
      },
    };
  },
  duplicateKey: (a) => [a.unitId, isoDay(a.occurredOn), a.kind, normalise(a.title)].join("|"),
  duplicateOf: {
    vi: "cùng đơn vị, ngày, loại và tiêu đề",
    en: "same unit, date, kind and title",
  },
};
