// The measures and their names, once: the schema's enum, the /export files' headers and the
// dashboard's labels all read this table (pure TypeScript, so the browser bundle imports it).

export const MEASURES = [
  "SESSIONS",
  "ATTENDANCE",
  "ACTIVITIES",
  "ATTENDANCE_PER_100_MEMBERS",
  "MODELS_ACTIVE",
  "MODELS_REPLICATED_STOCK",
  "MODELS_DISCONTINUED_STOCK",
  "MODELS_STARTED",
  "MODELS_REPLICATED",
  "MODEL_PARTICIPANTS",
  "CONTRIBUTION_VND",
  "CONTRIBUTION_LAND_M2",
  "CONTRIBUTION_LAND_VALUE_VND",
  "CONTRIBUTION_CASH_VND",
  "CONTRIBUTION_IN_KIND_VND",
  "CONTRIBUTION_WORKDAYS",
  "AWARDS",
  "AWARDS_COLLECTIVE",
  "AWARDS_INDIVIDUAL",
  "COMMITMENTS_REGISTERED",
  "COMMITMENTS_COMPLETED",
  "COMMITMENTS_IN_PROGRESS",
  "REGISTRATION_RATE",
] as const;
export type Measure = (typeof MEASURES)[number];

/** How a measure's value is written: a count, money, an area, a rate per 100 or a ratio. */
export type MeasureFormat = "count" | "money" | "area" | "per100" | "ratio";

/** Vietnamese and English name of each measure, and how its value is written. */
export const measureLabels = {
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

/**
 * Measures read on a day (tồn: a stock, or a rate of what exists that day); every other measure
 * is a flow summed over the period (lượng). The dashboard says which under each KPI card, so
 * "Mô hình nhân rộng" in a year (a flow) is not read as the replicated models on a day (a stock).
 */
export const MEASURES_READ_ON_A_DAY = [
  "MODELS_ACTIVE",
  "MODELS_REPLICATED_STOCK",
  "MODELS_DISCONTINUED_STOCK",
  "COMMITMENTS_IN_PROGRESS",
  "REGISTRATION_RATE",
] as const satisfies readonly Measure[];
