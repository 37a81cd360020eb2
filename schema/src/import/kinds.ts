import type {
  ActivityKind,
  AwardForm,
  AwardLevel,
  LeadOrganisation,
  ModelLevel,
  ModelSector,
  ModelStatus,
  RecipientKind,
} from "@d05/prisma";
import { z } from "zod";
import { defaultAwardGround, defaultEmulationYear } from "../awards/grounds";
import type { EnumLabel, EnumTable } from "../domain/enums";
import {
  type AwardGround,
  activityKinds,
  awardForms,
  awardGrounds,
  awardLevels,
  leadOrganisations,
  modelLevels,
  modelSectors,
  modelStatuses,
  recipientKinds,
} from "../domain/enums";
import { issueText, type Text } from "../domain/messages";
import {
  recordActivitySchema,
  recordAwardSchema,
  recordContributionSchema,
  registerModelSchema,
} from "../records/rules";
import {
  bigIntegerCell,
  type ColumnSpec,
  codeCell,
  dateCell,
  enumCell,
  integerCell,
  normalise,
  type Parsed,
  textCell,
  titleCell,
} from "./columns";
import { importText } from "./messages";
import type { Cell } from "./sheet";

export type ImportKind = "ACTIVITIES" | "MODELS" | "AWARDS";

/** Parsed cells of one row by field; a field whose cell failed to parse is absent. */
export type Values = Record<string, unknown>;

/** Units and themes a row points at, resolved in bulk before rows are validated. */
export interface Refs {
  unitId: number;
  themeId: number | null;
}

export interface FieldProblem {
  field: string;
  message: Text;
}

/**
 * What one import kind needs: its columns with a cell parser each, how a row becomes a record
 * (validated by the same zod schema as the single write, with unit and theme already resolved
 * to ids), and what makes two rows the same record.
 */
export interface KindSpec<R> {
  kind: ImportKind;
  entity: "Activity" | "Model" | "Award";
  columns: readonly ColumnSpec[];
  parsers: Record<string, (cell: Cell | undefined) => Parsed<unknown>>;
  build(values: Values, refs: Refs): { record: R } | { problems: FieldProblem[] };
  duplicateKey(record: R): string;
  /** What a duplicate shares, for the message. */
  duplicateOf: Text;
}

/** The common leading columns. */
const unitCodeColumn: ColumnSpec = {
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
const themeYearColumn: ColumnSpec = {
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
function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: String(issue.path[0] ?? ""),
    message: issueText(issue),
  }));
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const dmy = (d: Date) => isoDay(d).split("-").reverse().join("/");

/** A column of an enumeration describes itself by its values' names. */
function choicesText(table: EnumTable<string>): Text {
  const labels = Object.values(table.values) as EnumLabel[];
  return {
    vi: `${labels.map((l) => l.vi).join(", ")}.`,
    en: `${labels.map((l) => l.en).join(", ")}.`,
  };
}

// ─────────────── Activities ───────────────

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
    unitCode: codeCell,
    kind: enumCell(activityKinds),
    title: titleCell,
    occurredOn: dateCell,
    sessions: integerCell,
    attendance: integerCell,
    themeYear: integerCell,
    notes: textCell,
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

// ─────────────── Models ───────────────

const modelRow = registerModelSchema.safeExtend({ unitId: z.number() });
// The contribution schema wants the model's id, which does not exist yet: 0 stands in for it.
const contributionRow = recordContributionSchema.safeExtend({ modelId: z.number() });

export interface ModelRecord {
  unitId: number;
  name: string;
  sector: ModelSector;
  level: ModelLevel;
  programme: string | null;
  leadOrganisation: LeadOrganisation;
  startedOn: Date;
  status: ModelStatus;
  description: string | null;
  contribution: {
    recordedOn: Date;
    participants: number;
    landM2: number;
    landValueVnd: bigint;
    cashVnd: bigint;
    inKindVnd: bigint;
    workdays: number;
  } | null;
}

const CONTRIBUTION_FIELDS = [
  "participants",
  "landM2",
  "landValueVnd",
  "cashVnd",
  "inKindVnd",
  "workdays",
] as const;

export const modelsSpec: KindSpec<ModelRecord> = {
  kind: "MODELS",
  entity: "Model",
  columns: [
    unitCodeColumn,
    {
      field: "name",
      header: "Tên mô hình",
      english: "Name",
      aliases: ["ten", "mo hinh", "model name"],
      required: true,
      description: {
        vi: "Tên mô hình, 1 đến 500 ký tự.",
        en: "Name of the model, 1 to 500 characters.",
      },
    },
    {
      field: "sector",
      header: "Lĩnh vực",
      english: "Sector",
      required: true,
      description: choicesText(modelSectors),
      choices: modelSectors,
    },
    {
      field: "level",
      header: "Cấp",
      english: "Level",
      aliases: ["cap mo hinh", "cap cong nhan"],
      required: true,
      description: choicesText(modelLevels),
      choices: modelLevels,
    },
    {
      field: "programme",
      header: "Phong trào",
      english: "Programme",
      aliases: ["chuong trinh", "program"],
      required: false,
      description: {
        vi: 'Phong trào mà mô hình thuộc về, ví dụ "Dân vận khéo"; tối đa 200 ký tự.',
        en: 'Programme it belongs to, e.g. "Dân vận khéo"; at most 200 characters.',
      },
    },
    {
      field: "leadOrganisation",
      header: "Đơn vị chủ trì",
      english: "Lead organisation",
      aliases: ["chu tri", "lead organization", "lead"],
      required: true,
      description: choicesText(leadOrganisations),
      choices: leadOrganisations,
    },
    {
      field: "startedOn",
      header: "Ngày bắt đầu",
      english: "Started on",
      aliases: ["start date", "ngay xay dung", "ngay dang ky"],
      required: true,
      description: {
        vi: "Ngày bắt đầu: dd/mm/yyyy hoặc yyyy-mm-dd; không sau hôm nay.",
        en: "Start day: dd/MM/yyyy or YYYY-MM-DD; not in the future.",
      },
    },
    {
      field: "status",
      header: "Tình trạng",
      english: "Status",
      aliases: ["trang thai"],
      required: false,
      description: choicesText(modelStatuses),
      choices: modelStatuses,
    },
    {
      field: "description",
      header: "Mô tả",
      english: "Description",
      required: false,
      description: {
        vi: "Mô tả, tối đa 2.000 ký tự.",
        en: "Description, at most 2,000 characters.",
      },
    },
    {
      field: "participants",
      header: "Lượt người tham gia",
      english: "Participants",
      aliases: ["so nguoi tham gia", "nguoi tham gia", "luot nguoi"],
      required: false,
      description: {
        vi: "Lượt người tham gia đóng góp, 0 đến 1.000.000.",
        en: "People taking part (contribution), 0 to 1,000,000.",
      },
      numeric: true,
    },
    {
      field: "landM2",
      header: "Đất hiến (m²)",
      english: "Land (m²)",
      aliases: ["dat hien", "hien dat", "hien dat m2", "dien tich dat", "land", "land m2"],
      required: false,
      description: {
        vi: "Diện tích đất hiến, m², 0 đến 100.000.000.",
        en: "Land donated, m², 0 to 100,000,000.",
      },
      numeric: true,
    },
    {
      field: "landValueVnd",
      header: "Trị giá đất hiến (đồng)",
      english: "Land value (VND)",
      aliases: ["tri gia dat", "gia tri dat", "tri gia dat hien", "land value"],
      required: false,
      description: {
        vi: "Trị giá đất hiến, đồng: 1.051.980.000 hoặc 1051980000.",
        en: "Value of the land donated, whole đồng: 1.051.980.000 or 1051980000.",
      },
      numeric: true,
    },
    {
      field: "cashVnd",
      header: "Tiền mặt (đồng)",
      english: "Cash (VND)",
      // "Số tiền (đồng)" was the single money column's header: older files still import.
      aliases: [
        "tien mat",
        "so tien",
        "Số tiền (đồng)",
        "tien",
        "tien dong gop",
        "cash",
        "money",
        "vnd",
      ],
      required: false,
      description: {
        vi: "Tiền mặt đóng góp, đồng: 282.000.000 hoặc 282000000. Nhiều cột tiền có thể cộng vào đây ở bước ghép cột.",
        en: "Cash contributed, whole đồng: 282.000.000 or 282000000. Several money columns can be summed into it in the mapping step.",
      },
      numeric: true,
    },
    {
      field: "inKindVnd",
      header: "Hiện vật quy ra tiền (đồng)",
      english: "In kind (VND)",
      aliases: ["hien vat", "gia tri hien vat", "in kind"],
      required: false,
      description: {
        vi: "Hiện vật (vật liệu, hàng hóa) quy ra tiền, đồng.",
        en: "Goods and materials given, valued in whole đồng.",
      },
      numeric: true,
    },
    {
      field: "workdays",
      header: "Ngày công",
      english: "Workdays",
      aliases: ["so ngay cong"],
      required: false,
      description: {
        vi: "Ngày công đóng góp, 0 đến 10.000.000.",
        en: "Workdays given, 0 to 10,000,000.",
      },
      numeric: true,
    },
    {
      field: "recordedOn",
      header: "Ngày ghi nhận đóng góp",
      english: "Contribution recorded on",
      aliases: ["ngay ghi nhan", "recorded on"],
      required: false,
      description: {
        vi: "Ngày ghi nhận số liệu đóng góp (để trống: ngày bắt đầu); không trước ngày bắt đầu.",
        en: "Day of the contribution figures (blank: the start day); not before it.",
      },
    },
  ],
  parsers: {
    unitCode: codeCell,
    name: titleCell,
    sector: enumCell(modelSectors),
    level: enumCell(modelLevels),
    programme: textCell,
    leadOrganisation: enumCell(leadOrganisations),
    startedOn: dateCell,
    status: enumCell(modelStatuses),
    description: textCell,
    participants: integerCell,
    landM2: integerCell,
    landValueVnd: bigIntegerCell,
    cashVnd: bigIntegerCell,
    inKindVnd: bigIntegerCell,
    workdays: integerCell,
    recordedOn: dateCell,
  },
  build(values, refs) {
    const parsed = modelRow.safeParse({ ...values, unitId: refs.unitId });
    const problems = parsed.success ? [] : problemsOf(parsed.error);
    // The same rules as recordModelContribution, when the row carries any figure.
    const given = CONTRIBUTION_FIELDS.some((f) => values[f] !== null && values[f] !== undefined);
    let contribution: ModelRecord["contribution"] = null;
    if (given) {
      const startedOn = values.startedOn as Date | null | undefined;
      const recordedOn = (values.recordedOn as Date | null | undefined) ?? startedOn;
      const c = contributionRow.safeParse({
        modelId: 0,
        recordedOn,
        participants: values.participants,
        landM2: values.landM2,
        landValueVnd: values.landValueVnd,
        cashVnd: values.cashVnd,
        inKindVnd: values.inKindVnd,
        workdays: values.workdays,
      });
      if (!c.success) {
        // recordedOn falls back to the start day, whose problems are already reported.
        const own = problemsOf(c.error).filter(
          (p) => p.field !== "recordedOn" || values.recordedOn,
        );
        problems.push(...own);
      } else if (startedOn && c.data.recordedOn < startedOn) {
        problems.push({
          field: "recordedOn",
          message: importText("beforeStart", { day: dmy(startedOn) }),
        });
      } else {
        const { recordedOn, participants, landM2, landValueVnd, cashVnd, inKindVnd, workdays } =
          c.data;
        contribution = {
          recordedOn,
          participants,
          landM2,
          landValueVnd,
          cashVnd,
          inKindVnd,
          workdays,
        };
      }
    }
    if (!parsed.success || problems.length > 0) return { problems };
    const m = parsed.data;
    return {
      record: {
        unitId: m.unitId,
        name: m.name,
        sector: m.sector,
        level: m.level,
        programme: m.programme,
        leadOrganisation: m.leadOrganisation,
        startedOn: m.startedOn,
        status: m.status ?? "REGISTERED",
        description: m.description,
        contribution,
      },
    };
  },
  duplicateKey: (m) => [m.unitId, normalise(m.name)].join("|"),
  duplicateOf: {
    vi: "cùng đơn vị và tên mô hình",
    en: "same unit and model name",
  },
};

// ─────────────── Awards ───────────────

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
    unitCode: codeCell,
    recipientKind: enumCell(recipientKinds),
    recipientName: titleCell,
    recipientCount: integerCell,
    level: enumCell(awardLevels),
    form: enumCell(awardForms),
    issuer: textCell,
    awardedOn: dateCell,
    emulationYear: integerCell,
    ground: enumCell(awardGrounds),
    reason: textCell,
    themeYear: integerCell,
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

export const KIND_SPECS = {
  ACTIVITIES: activitiesSpec,
  MODELS: modelsSpec,
  AWARDS: awardsSpec,
} as const;
