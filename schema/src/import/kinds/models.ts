// The models import: one row per model, with its first contribution figures when the row has
// any, checked by the same zod schemas as registerModel and recordModelContribution.
import type { LeadOrganisation, ModelLevel, ModelSector, ModelStatus } from "@d05/prisma";
import { z } from "zod";
import { leadOrganisations, modelLevels, modelSectors, modelStatuses } from "../../domain/enums";
import { recordContributionSchema, registerModelSchema } from "../../records/rules";
import { cell, normalise } from "../columns";
import { importText } from "../messages";
import { choicesText, dmy, problemsOf, unitCodeColumn } from "./shared";
import type { KindSpec } from "./spec";

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
    unitCode: cell.code,
    name: cell.title,
    sector: cell.choice(modelSectors),
    level: cell.choice(modelLevels),
    programme: cell.text,
    leadOrganisation: cell.choice(leadOrganisations),
    startedOn: cell.date,
    status: cell.choice(modelStatuses),
    description: cell.text,
    participants: cell.integer,
    landM2: cell.integer,
    landValueVnd: cell.bigInteger,
    cashVnd: cell.bigInteger,
    inKindVnd: cell.bigInteger,
    workdays: cell.integer,
    recordedOn: cell.date,
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
