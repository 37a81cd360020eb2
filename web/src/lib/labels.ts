// Labels for the API's enums, in both languages, and how each measure is written. The enum
// tables come from the domain module the server uses too; each covers its schema enum exactly
// (SchemaEnum): a value added to the schema fails tsc here.

import * as domain from "@d05/schema/domain";
import {
  type ActivityKind,
  type AwardForm,
  type AwardLevel,
  type CommitmentKind,
  type EnumTable,
  type LeadOrganisation,
  labelOf,
  type ModelLevel,
  type ModelSector,
  type ModelStatus,
  type RecipientKind,
  type Role,
  type UnitKind,
} from "@d05/schema/domain";
import type { SchemaEnum } from "../graphql/tada";
import type { Lang } from "./format";

type Labels<K extends string> = Record<K, { vi: string; en: string }>;

export type Measure = SchemaEnum<"Measure">;

/** How a measure's value is written: a count, money, an area, a rate per 100 or a ratio. */
export type MeasureFormat = "count" | "money" | "area" | "per100" | "ratio";

export const measures = {
  SESSIONS: { vi: "Số buổi sinh hoạt, hội nghị", en: "Sessions", format: "count" },
  ATTENDANCE: { vi: "Lượt người tham dự", en: "Attendance", format: "count" },
  ACTIVITIES: { vi: "Số hoạt động", en: "Activities", format: "count" },
  ATTENDANCE_PER_100_MEMBERS: {
    vi: "Lượt tham dự / 100 đảng viên",
    en: "Attendance per 100 members",
    format: "per100",
  },
  MODELS_ACTIVE: { vi: "Mô hình đang duy trì", en: "Active models", format: "count" },
  MODELS_REPLICATED_STOCK: {
    vi: "Mô hình đang nhân rộng (tồn)",
    en: "Models replicated (stock)",
    format: "count",
  },
  MODELS_DISCONTINUED_STOCK: {
    vi: "Mô hình đã ngừng (tồn)",
    en: "Models discontinued (stock)",
    format: "count",
  },
  MODELS_STARTED: { vi: "Mô hình mới", en: "Models started", format: "count" },
  MODELS_REPLICATED: { vi: "Mô hình nhân rộng", en: "Models replicated", format: "count" },
  MODEL_PARTICIPANTS: { vi: "Người tham gia mô hình", en: "Model participants", format: "count" },
  CONTRIBUTION_VND: {
    vi: "Tổng giá trị đóng góp",
    en: "Contributions (total value)",
    format: "money",
  },
  CONTRIBUTION_LAND_M2: { vi: "Hiến đất (m²)", en: "Land donated (m²)", format: "area" },
  CONTRIBUTION_LAND_VALUE_VND: {
    vi: "Trị giá đất hiến",
    en: "Value of land donated",
    format: "money",
  },
  CONTRIBUTION_CASH_VND: { vi: "Tiền mặt đóng góp", en: "Cash contributed", format: "money" },
  CONTRIBUTION_IN_KIND_VND: {
    vi: "Hiện vật (quy ra tiền)",
    en: "In kind (valued)",
    format: "money",
  },
  CONTRIBUTION_WORKDAYS: { vi: "Ngày công", en: "Workdays", format: "count" },
  AWARDS: { vi: "Khen thưởng", en: "Awards", format: "count" },
  AWARDS_COLLECTIVE: { vi: "Tập thể được khen", en: "Collectives honoured", format: "count" },
  AWARDS_INDIVIDUAL: { vi: "Cá nhân được khen", en: "Individuals honoured", format: "count" },
  COMMITMENTS_REGISTERED: { vi: "Đăng ký làm theo", en: "Commitments registered", format: "count" },
  COMMITMENTS_COMPLETED: { vi: "Đăng ký hoàn thành", en: "Commitments completed", format: "count" },
  COMMITMENTS_IN_PROGRESS: {
    vi: "Đăng ký đang thực hiện (tồn)",
    en: "Commitments in progress (stock)",
    format: "count",
  },
  REGISTRATION_RATE: { vi: "Tỷ lệ đăng ký", en: "Registration rate", format: "ratio" },
} as const satisfies Record<Measure, { vi: string; en: string; format: MeasureFormat }>;

export const MEASURES = Object.keys(measures) as Measure[];

export type Dimension = SchemaEnum<"Dimension">;

/**
 * A domain table as the dashboard shows it: the compact Vietnamese name where there is one. The
 * tables live in `@d05/schema/domain` (one source for the server and the dashboard); `Same` fails
 * tsc when the schema's enum and Prisma's differ.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
function shown<E extends string, _Check extends true>(table: EnumTable<E>): Labels<E> {
  const out = {} as Labels<E>;
  for (const value of Object.keys(table.values) as E[]) {
    out[value] = {
      vi: labelOf(table, value, "vi", { short: true }),
      en: labelOf(table, value, "en"),
    };
  }
  return out;
}

export const unitKinds = shown<UnitKind, Same<UnitKind, SchemaEnum<"UnitKind">>>(domain.unitKinds);
export const sectors = shown<ModelSector, Same<ModelSector, SchemaEnum<"ModelSector">>>(
  domain.modelSectors,
);
export const modelStatuses = shown<ModelStatus, Same<ModelStatus, SchemaEnum<"ModelStatus">>>(
  domain.modelStatuses,
);
export const modelLevels = shown<ModelLevel, Same<ModelLevel, SchemaEnum<"ModelLevel">>>(
  domain.modelLevels,
);
export const leadOrganisations = shown<
  LeadOrganisation,
  Same<LeadOrganisation, SchemaEnum<"LeadOrganisation">>
>(domain.leadOrganisations);
export const activityKinds = shown<ActivityKind, Same<ActivityKind, SchemaEnum<"ActivityKind">>>(
  domain.activityKinds,
);
export const recipientKinds = shown<
  RecipientKind,
  Same<RecipientKind, SchemaEnum<"RecipientKind">>
>(domain.recipientKinds);
export const awardLevels = shown<AwardLevel, Same<AwardLevel, SchemaEnum<"AwardLevel">>>(
  domain.awardLevels,
);
export const awardForms = shown<AwardForm, Same<AwardForm, SchemaEnum<"AwardForm">>>(
  domain.awardForms,
);
export const commitmentKinds = shown<
  CommitmentKind,
  Same<CommitmentKind, SchemaEnum<"CommitmentKind">>
>(domain.commitmentKinds);
export const roles = shown<Role, Same<Role, SchemaEnum<"Role">>>(domain.roles);

export type {
  ActivityKind,
  AwardForm,
  AwardLevel,
  CommitmentKind,
  LeadOrganisation,
  ModelLevel,
  ModelSector,
  ModelStatus,
  RecipientKind,
  UnitKind,
};

/** The label of an enum value; an unknown value (a newer server) shows as itself. */
export function label(
  table: Record<string, { vi: string; en: string }>,
  value: string | null | undefined,
  lang: Lang,
): string {
  if (!value) return "—";
  return table[value]?.[lang] ?? value;
}
