// The awards import: one row per decision for a collective or individuals (or a count of them),
// checked by the same zod schema as recordAward; the emulation year and ground get the same
// defaults as the single write.
import type { AwardForm, AwardLevel, RecipientKind } from "@d05/prisma";
import { z } from "zod";
import { defaultAwardGround, defaultEmulationYear } from "../../awards/grounds";
import {
  type AwardGround,
  awardForms,
  awardGrounds,
  awardLevels,
  recipientKinds,
} from "../../domain/enums";
import { recordAwardSchema } from "../../records/rules";
import { cell, normalise } from "../columns";
import { choicesText, isoDay, problemsOf, themeYearColumn, unitCodeColumn } from "./shared";
import type { KindSpec } from "./spec";

const awardRow = recordAwardSchema.safeExtend({
  unitId: z.number(),
  themeId: z.number().nullish(),
  modelId: z.number().nullish(),
});

export interface AwardRecord {
  unitId: number;
  recipientKind: RecipientKind;
  recipientName: string | null;
  recipientCount: number;
  level: AwardLevel;
  form: AwardForm;
  issuer: string | null;
  awardedOn: Date;
  emulationYear: number;
  ground: AwardGround;
  reason: string | null;
  themeId: number | null;
}

export const awardsSpec: KindSpec<AwardRecord> = {
  kind: "AWARDS",
  entity: "Award",
  columns: [
    unitCodeColumn,
    {
      field: "recipientKind",
      header: "Đối tượng",
      english: "Recipient kind",
      aliases: ["tap the ca nhan", "loai doi tuong", "doi tuong khen"],
      required: true,
      description: choicesText(recipientKinds),
      choices: recipientKinds,
    },
    {
      field: "recipientName",
      header: "Tên tập thể, cá nhân",
      english: "Recipient name",
      aliases: ["ten", "ho ten", "ten tap the ca nhan", "nguoi duoc khen"],
      required: false,
      description: {
        vi: "Tên tập thể hoặc cá nhân được khen, khi có tên.",
        en: "Who was honoured, when one is named.",
      },
    },
    {
      field: "recipientCount",
      header: "Số lượng",
      english: "Count",
      aliases: ["recipient count", "so luong khen"],
      required: false,
      description: {
        vi: "Số tập thể, cá nhân được khen, 1 đến 10.000 (để trống: 1; một cá nhân có tên: 1).",
        en: "How many recipients, 1 to 10,000 (blank: 1; 1 for a named individual).",
      },
      numeric: true,
    },
    {
      field: "level",
      header: "Cấp khen",
      english: "Level",
      aliases: ["cap", "cap khen thuong"],
      required: true,
      description: choicesText(awardLevels),
      choices: awardLevels,
    },
    {
      field: "form",
      header: "Hình thức",
      english: "Form",
      aliases: ["hinh thuc khen", "hinh thuc khen thuong"],
      required: true,
      description: choicesText(awardForms),
      choices: awardForms,
    },
    {
      field: "issuer",
      header: "Cơ quan khen",
      english: "Issuer",
      aliases: ["co quan khen thuong", "noi khen"],
      required: false,
      description: {
        vi: 'Cơ quan khen, ví dụ "UBND tỉnh"; tối đa 200 ký tự.',
        en: 'Issuing authority, e.g. "UBND tỉnh"; at most 200 characters.',
      },
    },
    {
      field: "awardedOn",
      header: "Ngày khen",
      english: "Date",
      aliases: ["ngay", "ngay quyet dinh", "awarded on"],
      required: true,
      description: {
        vi: "Ngày quyết định khen: dd/mm/yyyy hoặc yyyy-mm-dd; không sau hôm nay.",
        en: "Decision day: dd/MM/yyyy or YYYY-MM-DD; not in the future.",
      },
    },
    {
      field: "emulationYear",
      header: "Năm thi đua",
      english: "Emulation year",
      aliases: ["nam khen thuong", "thi dua nam", "khen cho nam"],
      required: false,
      description: {
        vi: "Năm được khen, ví dụ 2023 cho quyết định ngày 19/01/2024 (để trống: năm của chuyên đề, nếu không thì năm của quyết định).",
        en: "Year the award honours, e.g. 2023 for a decision of 19/01/2024 (blank: the theme's year, else the decision's).",
      },
    },
    {
      field: "ground",
      header: "Căn cứ khen",
      english: "Ground",
      aliases: ["can cu", "can cu khen thuong", "khen ve", "loai thanh tich"],
      required: false,
      description: {
        vi: "Căn cứ khen; để trống: Chuyên đề năm khi có năm chuyên đề, nếu không thì Khác.",
        en: "Ground of the award; blank: the year's theme when a theme year is given, else Other.",
      },
      choices: awardGrounds,
    },
    {
      field: "reason",
      header: "Thành tích",
      english: "Reason",
      aliases: ["ly do", "noi dung khen"],
      required: false,
      description: {
        vi: "Thành tích được khen, tối đa 2.000 ký tự.",
        en: "What for, at most 2,000 characters.",
      },
    },
    themeYearColumn,
  ],
  parsers: {
    unitCode: cell.code,
    recipientKind: cell.choice(recipientKinds),
    recipientName: cell.title,
    recipientCount: cell.integer,
    level: cell.choice(awardLevels),
    form: cell.choice(awardForms),
    issuer: cell.text,
    awardedOn: cell.date,
    emulationYear: cell.integer,
    ground: cell.choice(awardGrounds),
    reason: cell.text,
    themeYear: cell.integer,
  },
  build(values, refs) {
    const parsed = awardRow.safeParse({ ...values, ...refs });
    if (!parsed.success) return { problems: problemsOf(parsed.error) };
    const a = parsed.data;
    return {
      record: {
        unitId: a.unitId,
        recipientKind: a.recipientKind,
        recipientName: a.recipientName,
        recipientCount: a.recipientCount,
        level: a.level,
        form: a.form,
        issuer: a.issuer,
        awardedOn: a.awardedOn,
        emulationYear:
          a.emulationYear ??
          defaultEmulationYear(a.awardedOn, (values.themeYear as number | null) ?? null),
        ground: a.ground ?? defaultAwardGround(a.themeId, null),
        reason: a.reason,
        themeId: a.themeId ?? null,
      },
    };
  },
  duplicateKey: (a) =>
    [
      a.unitId,
      a.recipientKind,
      normalise(a.recipientName ?? ""),
      a.recipientCount,
      a.level,
      a.form,
      normalise(a.issuer ?? ""),
      isoDay(a.awardedOn),
    ].join("|"),
  duplicateOf: {
    vi: "cùng đơn vị, đối tượng, tên, số lượng, cấp, hình thức, cơ quan và ngày khen",
    en: "the same award",
  },
};
