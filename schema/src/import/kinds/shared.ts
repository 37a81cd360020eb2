// Columns and helpers more than one import kind uses, so each kind's file keeps only its own.
import type { z } from "zod";
import type { EnumLabel, EnumTable } from "../../domain/enums";
import { issueText, type Text } from "../../domain/messages";
import type { ColumnSpec } from "../columns";
import type { FieldProblem } from "./spec";

/** The unit a row belongs to: every kind's first column. */
export const unitCodeColumn: ColumnSpec = {
  field: "unitCode",
  header: "Mã đơn vị",
  english: "Unit code",
  aliases: [
    "ma dv",
    "unit",
    "don vi",
    "ten don vi",
    "ma hoac ten don vi",
    "don vi thuc hien",
    "chi bo",
    "ap",
    "thon",
    "unit name",
  ],
  required: true,
  description: {
    vi: 'Mã đơn vị, hoặc tên đơn vị ("Ấp Phú Trung" tìm được "Chi bộ ấp Phú Trung"), trong phạm vi của bạn.',
    en: 'Code of the unit, or its name ("Ấp Phú Trung" finds "Chi bộ ấp Phú Trung"), inside your scope.',
  },
};

export const themeYearColumn: ColumnSpec = {
  field: "themeYear",
  header: "Chuyên đề năm",
  english: "Theme year",
  aliases: ["nam chuyen de", "chuyen de"],
  required: false,
  description: {
    vi: "Năm của chuyên đề năm mà hoạt động phục vụ, ví dụ 2025; để trống nếu không có.",
    en: "Year of the annual theme it served, e.g. 2025; blank for none.",
  },
};

/** zod issues as field problems, the field being the first path element. */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: String(issue.path[0] ?? ""),
    message: issueText(issue),
  }));
}

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const dmy = (d: Date) => isoDay(d).split("-").reverse().join("/");

/** A column of an enumeration describes itself by its values' names. */
export function choicesText(table: EnumTable<string>): Text {
  const labels = Object.values(table.values) as EnumLabel[];
  return {
    vi: `${labels.map((l) => l.vi).join(", ")}.`,
    en: `${labels.map((l) => l.en).join(", ")}.`,
  };
}
