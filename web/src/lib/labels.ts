// Labels for the API's enums, in both languages, and how each measure is written. Each table
// covers its schema enum exactly (SchemaEnum): a value added to the schema fails tsc here.
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
  CONTRIBUTION_VND: { vi: "Đóng góp (tiền)", en: "Contributions (money)", format: "money" },
  CONTRIBUTION_LAND_M2: { vi: "Hiến đất (m²)", en: "Land donated (m²)", format: "area" },
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

export const unitKinds = {
  PROVINCE: { vi: "Tỉnh", en: "Province" },
  DISTRICT: { vi: "Huyện", en: "District" },
  COMMUNE: { vi: "Xã, phường", en: "Commune" },
  PARTY_CELL: { vi: "Chi bộ", en: "Party cell" },
  VILLAGE: { vi: "Thôn, tổ dân phố", en: "Village" },
  AGENCY: { vi: "Cơ quan", en: "Agency" },
  MASS_ORGANISATION: { vi: "Đoàn thể", en: "Mass organisation" },
} as const satisfies Labels<SchemaEnum<"UnitKind">>;
export type UnitKind = keyof typeof unitKinds;

export const sectors = {
  ECONOMY: { vi: "Phát triển kinh tế", en: "Economy" },
  CULTURE_SOCIETY: { vi: "Văn hóa - xã hội", en: "Culture & society" },
  SECURITY_ORDER: { vi: "An ninh trật tự", en: "Security & order" },
  PARTY_BUILDING: { vi: "Xây dựng Đảng", en: "Party building" },
  ENVIRONMENT: { vi: "Môi trường, NTM", en: "Environment" },
} as const satisfies Labels<SchemaEnum<"ModelSector">>;
export type ModelSector = keyof typeof sectors;

export const modelStatuses = {
  REGISTERED: { vi: "Đăng ký", en: "Registered" },
  MAINTAINED: { vi: "Duy trì", en: "Maintained" },
  REPLICATED: { vi: "Nhân rộng", en: "Replicated" },
  DISCONTINUED: { vi: "Ngừng", en: "Discontinued" },
} as const satisfies Labels<SchemaEnum<"ModelStatus">>;
export type ModelStatus = keyof typeof modelStatuses;

export const modelLevels = {
  PARTY_CELL: { vi: "Cấp chi bộ", en: "Party cell" },
  COMMUNE: { vi: "Cấp xã", en: "Commune" },
  DISTRICT: { vi: "Cấp huyện", en: "District" },
  PROVINCE: { vi: "Cấp tỉnh", en: "Province" },
} as const satisfies Labels<SchemaEnum<"ModelLevel">>;
export type ModelLevel = keyof typeof modelLevels;

export const leadOrganisations = {
  PARTY_COMMITTEE: { vi: "Cấp ủy, chi bộ", en: "Party committee" },
  GOVERNMENT: { vi: "Chính quyền", en: "Government" },
  FATHERLAND_FRONT: { vi: "Mặt trận Tổ quốc", en: "Fatherland Front" },
  WOMEN_UNION: { vi: "Hội Phụ nữ", en: "Women's Union" },
  FARMERS_UNION: { vi: "Hội Nông dân", en: "Farmers' Union" },
  YOUTH_UNION: { vi: "Đoàn Thanh niên", en: "Youth Union" },
  VETERANS_ASSOCIATION: { vi: "Hội Cựu chiến binh", en: "Veterans" },
  OTHER: { vi: "Khác", en: "Other" },
} as const satisfies Labels<SchemaEnum<"LeadOrganisation">>;
export type LeadOrganisation = keyof typeof leadOrganisations;

export const activityKinds = {
  CONFERENCE: { vi: "Hội nghị", en: "Conference" },
  THEMATIC_SESSION: { vi: "Sinh hoạt chuyên đề", en: "Thematic session" },
  PARTY_CELL_MEETING: { vi: "Sinh hoạt chi bộ", en: "Party cell meeting" },
  STUDY_SESSION: { vi: "Học tập, bồi dưỡng", en: "Study session" },
  OUTREACH: { vi: "Tuyên truyền", en: "Outreach" },
} as const satisfies Labels<SchemaEnum<"ActivityKind">>;
export type ActivityKind = keyof typeof activityKinds;

export const recipientKinds = {
  COLLECTIVE: { vi: "Tập thể", en: "Collective" },
  INDIVIDUAL: { vi: "Cá nhân", en: "Individual" },
} as const satisfies Labels<SchemaEnum<"RecipientKind">>;
export type RecipientKind = keyof typeof recipientKinds;

export const awardLevels = {
  NATIONAL: { vi: "Trung ương", en: "National" },
  PROVINCE: { vi: "Cấp tỉnh", en: "Province" },
  DISTRICT: { vi: "Cấp huyện", en: "District" },
  COMMUNE: { vi: "Cấp xã", en: "Commune" },
} as const satisfies Labels<SchemaEnum<"AwardLevel">>;
export type AwardLevel = keyof typeof awardLevels;

export const awardForms = {
  ORDER: { vi: "Huân chương", en: "Order" },
  CERTIFICATE_OF_MERIT: { vi: "Bằng khen", en: "Certificate of merit" },
  COMMENDATION: { vi: "Giấy khen", en: "Commendation" },
  EMULATION_TITLE: { vi: "Danh hiệu thi đua", en: "Emulation title" },
  EXEMPLARY: { vi: "Điển hình tiên tiến", en: "Exemplary" },
} as const satisfies Labels<SchemaEnum<"AwardForm">>;
export type AwardForm = keyof typeof awardForms;

export const commitmentKinds = {
  INITIATIVE: { vi: "Đề tài, sáng kiến", en: "Initiative" },
  PLEDGE: { vi: "Bản đăng ký làm theo", en: "Pledge" },
} as const satisfies Labels<SchemaEnum<"CommitmentKind">>;
export type CommitmentKind = keyof typeof commitmentKinds;

export const roles = {
  ADMIN: { vi: "Quản trị", en: "Administrator" },
  REPORTER: { vi: "Cán bộ nhập liệu", en: "Reporter" },
  VIEWER: { vi: "Xem", en: "Viewer" },
  ANALYST: { vi: "Phân tích", en: "Analyst" },
} as const satisfies Labels<SchemaEnum<"Role">>;

/** The label of an enum value; an unknown value (a newer server) shows as itself. */
export function label(
  table: Record<string, { vi: string; en: string }>,
  value: string | null | undefined,
  lang: Lang,
): string {
  if (!value) return "—";
  return table[value]?.[lang] ?? value;
}
