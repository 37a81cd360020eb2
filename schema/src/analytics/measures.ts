// What each measure counts, which rollup it reads, and which dimensions can split it.
import {
  activityKinds,
  awardForms,
  awardGrounds,
  awardLevels,
  type EnumTable,
  modelSectors,
  recipientKinds,
} from "../domain/enums";
import type { Measure } from "../domain/measures";

export { MEASURES, type Measure } from "../domain/measures";

export const DIMENSIONS = [
  "UNIT",
  "SECTOR",
  "ACTIVITY_KIND",
  "AWARD_LEVEL",
  "AWARD_FORM",
  "RECIPIENT_KIND",
  "AWARD_GROUND",
  "MODEL",
  "THEME",
  "YEAR",
  "QUARTER",
  "MONTH",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const TIME_DIMENSIONS = ["YEAR", "QUARTER", "MONTH"] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];
export function isTimeDimension(d: Dimension): d is TimeDimension {
  return (TIME_DIMENSIONS as readonly string[]).includes(d);
}

/**
 * Where a measure's figures come from. `activity`, `award`, `contribution`, `commitment` and
 * `modelDay` are flows summed over the period's months (days for models); `modelStock`,
 * `modelStatus` and `commitmentStock` are stocks (levels) read on the last day of the period (or
 * of each time bucket); `registration` is a rate of party cells, also read on that day.
 */
export type Source =
  | "activity"
  | "award"
  | "modelDay"
  | "modelStock"
  | "modelStatus"
  | "contribution"
  | "commitment"
  | "commitmentStock"
  | "registration";

export interface MeasureDefinition {
  source: Source;
  description: string;
  /** Rollup column summed (flows) — a trusted identifier, never user input. */
  column?: string;
  /** Restricts the summed rows (AWARDS_COLLECTIVE, AWARDS_INDIVIDUAL). */
  recipientKind?: "COLLECTIVE" | "INDIVIDUAL";
  /** Figure per 100 party members of the row's unit (or the root): null for 0 members. */
  perHundredMembers?: boolean;
  /** A ratio in percent (registration rate): never summed across units or buckets. */
  isRate?: boolean;
}

export const MEASURE_DEFINITIONS: Record<Measure, MeasureDefinition> = {
  SESSIONS: {
    source: "activity",
    column: "sessions",
    description: "Số buổi, cuộc sinh hoạt, hội nghị (sessions held).",
  },
  ATTENDANCE: {
    source: "activity",
    column: "attendance",
    description: "Lượt người tham dự (participant-visits over the sessions).",
  },
  ACTIVITIES: {
    source: "activity",
    column: "records",
    description: "Số bản ghi hoạt động đã báo cáo (activity records reported).",
  },
  ATTENDANCE_PER_100_MEMBERS: {
    source: "activity",
    column: "attendance",
    perHundredMembers: true,
    description:
      "Lượt người tham dự trên 100 đảng viên của đơn vị (attendance per 100 party members of the row's unit, or of the root unit when UNIT is not a dimension; null when that unit records 0 members).",
  },
  MODELS_ACTIVE: {
    source: "modelStock",
    column: "activeDelta",
    description:
      "Số mô hình đang duy trì vào ngày cuối kỳ (models whose latest status on the last day of the period, or of each time bucket, is registered, maintained or replicated).",
  },
  MODELS_REPLICATED_STOCK: {
    source: "modelStatus",
    column: "replicatedDelta",
    description:
      "Tồn: số mô hình có trạng thái nhân rộng vào ngày cuối kỳ (stock: models whose latest status on the last day of the period, or of each time bucket, is REPLICATED). The flow is MODELS_REPLICATED.",
  },
  MODELS_DISCONTINUED_STOCK: {
    source: "modelStatus",
    column: "discontinuedDelta",
    description:
      "Tồn: số mô hình đã ngừng vào ngày cuối kỳ (stock: models whose latest status on the last day of the period, or of each time bucket, is DISCONTINUED).",
  },
  MODELS_STARTED: {
    source: "modelDay",
    column: "started",
    description: "Số mô hình bắt đầu trong kỳ (models whose start date falls in the period).",
  },
  MODELS_REPLICATED: {
    source: "modelDay",
    column: "replicated",
    description:
      "Số mô hình được nhân rộng trong kỳ (models whose first REPLICATED status takes effect in the period).",
  },
  MODEL_PARTICIPANTS: {
    source: "contribution",
    column: "participants",
    description:
      "Lượt người tham gia mô hình (participants in model contributions recorded in the period).",
  },
  CONTRIBUTION_VND: {
    source: "contribution",
    column: "totalVnd",
    description:
      "Tổng giá trị đóng góp cho mô hình, đồng: trị giá đất hiến + tiền mặt + hiện vật (total contributed to models, VND: land value + cash + in kind).",
  },
  CONTRIBUTION_LAND_M2: {
    source: "contribution",
    column: "landM2",
    description: "Diện tích đất hiến, m² (land donated to models, square metres).",
  },
  CONTRIBUTION_LAND_VALUE_VND: {
    source: "contribution",
    column: "landValueVnd",
    description: "Trị giá đất hiến cho mô hình, đồng (value of the land donated to models, VND).",
  },
  CONTRIBUTION_CASH_VND: {
    source: "contribution",
    column: "cashVnd",
    description: "Tiền mặt đóng góp cho mô hình, đồng (cash contributed to models, VND).",
  },
  CONTRIBUTION_IN_KIND_VND: {
    source: "contribution",
    column: "inKindVnd",
    description:
      "Hiện vật đóng góp cho mô hình, quy ra đồng (goods and materials given to models, valued in VND).",
  },
  CONTRIBUTION_WORKDAYS: {
    source: "contribution",
    column: "workdays",
    description: "Ngày công lao động đóng góp (workdays contributed to models).",
  },
  AWARDS: {
    source: "award",
    column: "awards",
    description:
      "Số tập thể và cá nhân được khen thưởng (recipients honoured: sum of recipient counts).",
  },
  AWARDS_COLLECTIVE: {
    source: "award",
    column: "awards",
    recipientKind: "COLLECTIVE",
    description: "Số tập thể được khen thưởng (collectives honoured).",
  },
  AWARDS_INDIVIDUAL: {
    source: "award",
    column: "awards",
    recipientKind: "INDIVIDUAL",
    description: "Số cá nhân được khen thưởng (individuals honoured).",
  },
  COMMITMENTS_REGISTERED: {
    source: "commitment",
    column: "registered",
    description:
      "Số bản đăng ký, đề tài được đăng ký trong kỳ (commitments whose registration date falls in the period).",
  },
  COMMITMENTS_COMPLETED: {
    source: "commitment",
    column: "completed",
    description:
      "Số đăng ký hoàn thành trong kỳ (commitments completed or replicated, dated by completedOn, else replicatedOn, else registeredOn).",
  },
  COMMITMENTS_IN_PROGRESS: {
    source: "commitmentStock",
    description:
      "Tồn: số đăng ký đang thực hiện vào ngày cuối kỳ (stock: commitments registered by the end of the month holding the last day of the period, or of each bucket, and not completed or replicated by then; dated as COMMITMENTS_REGISTERED and COMMITMENTS_COMPLETED).",
  },
  REGISTRATION_RATE: {
    source: "registration",
    isRate: true,
    description:
      "Tỷ lệ chi bộ đăng ký làm theo, % (of the PARTY_CELL units in the subtree that exist on the last day of the period or bucket — activeFrom empty or on/before it, activeUntil empty or on/after it — the share that registered at least one commitment for that day's calendar year; null when there is no such cell).",
  },
};

/** Dimensions each source can be split by; time dimensions apply to every source. */
export const SOURCE_DIMENSIONS: Record<Source, readonly Dimension[]> = {
  activity: ["UNIT", "ACTIVITY_KIND", "THEME"],
  award: ["UNIT", "AWARD_LEVEL", "AWARD_FORM", "RECIPIENT_KIND", "AWARD_GROUND", "THEME"],
  modelDay: ["UNIT", "SECTOR", "MODEL"],
  modelStock: ["UNIT", "SECTOR", "MODEL"],
  modelStatus: ["UNIT", "SECTOR", "MODEL"],
  contribution: ["UNIT", "SECTOR", "MODEL"],
  commitment: ["UNIT"],
  commitmentStock: ["UNIT"],
  registration: ["UNIT"],
};

/** The MetricsFilter fields each source applies (the others it ignores). */
export const SOURCE_FILTERS: Record<Source, readonly string[]> = {
  activity: ["activityKinds", "themeIds"],
  award: ["awardLevels", "awardForms", "recipientKinds", "awardGrounds", "themeIds"],
  modelDay: ["sectors", "programmes", "leadOrganisations", "modelLevels"],
  modelStock: ["sectors", "programmes", "leadOrganisations", "modelLevels"],
  modelStatus: ["sectors", "programmes", "leadOrganisations", "modelLevels"],
  contribution: ["sectors", "programmes", "leadOrganisations", "modelLevels"],
  commitment: [],
  commitmentStock: [],
  registration: [],
};

/** Whether a source is a stock (read on a day), not summed over the period. */
export function isStockSource(s: Source): boolean {
  return s === "modelStock" || s === "modelStatus" || s === "commitmentStock";
}

/** Whether a measure is a flow (summed over the period) or a stock (read on a day). */
export function isStock(m: Measure): boolean {
  return isStockSource(MEASURE_DEFINITIONS[m].source);
}

/**
 * A measure's enum description as GraphiQL shows it: what it counts, whether it is a flow or a
 * stock, and which dimensions and filters apply to it, so no one learns that from errors.
 */
export function measureDescription(m: Measure): string {
  const def = MEASURE_DEFINITIONS[m];
  const dims = [...SOURCE_DIMENSIONS[def.source], ...TIME_DIMENSIONS].join(", ");
  const filters = SOURCE_FILTERS[def.source];
  const kind = isStock(m)
    ? "Tồn (stock), read on the last day."
    : def.isRate
      ? "Tỷ lệ (rate), read on the last day."
      : "Lượng (flow), summed over the period.";
  return `${def.description} ${kind} Dimensions: ${dims}. Filters: ${filters.length ? filters.join(", ") : "none"}.`;
}

export function canSplit(measure: Measure, dimension: Dimension): boolean {
  return (
    isTimeDimension(dimension) ||
    SOURCE_DIMENSIONS[MEASURE_DEFINITIONS[measure].source].includes(dimension)
  );
}

export const DIMENSION_DESCRIPTIONS: Record<Dimension, string> = {
  UNIT: "Đơn vị: one row per unit of `unitLevel` under the root (default: its direct children).",
  SECTOR: "Lĩnh vực của mô hình (model sector).",
  ACTIVITY_KIND: "Loại hoạt động (activity kind).",
  AWARD_LEVEL: "Cấp khen thưởng (award level).",
  AWARD_FORM: "Hình thức khen thưởng (award form).",
  RECIPIENT_KIND: "Tập thể / cá nhân (recipient kind).",
  AWARD_GROUND:
    "Căn cứ khen thưởng (award ground: year's theme, model or programme, emulation targets, other).",
  MODEL:
    "Mô hình: one row per model (key: its global id, label: its name); for “top 10” order by a measure and set limit.",
  THEME: 'Chuyên đề năm (annual theme); key "NONE" for records without a theme.',
  YEAR: 'Năm (calendar year), key "2024".',
  QUARTER: 'Quý (calendar quarter), key "2024-Q3", label "Q3/2024".',
  MONTH: 'Tháng (month), key "2024-03", label "T3/2024".',
};

/** The enumeration whose values a dimension's rows carry (labels from domain/enums.ts). */
export const DIMENSION_ENUMS: Partial<Record<Dimension, EnumTable<string>>> = {
  SECTOR: modelSectors,
  ACTIVITY_KIND: activityKinds,
  AWARD_LEVEL: awardLevels,
  AWARD_FORM: awardForms,
  RECIPIENT_KIND: recipientKinds,
  AWARD_GROUND: awardGrounds,
};

/** The figures `overview` shows, in order. */
export const KPI_MEASURES: Measure[] = [
  "SESSIONS",
  "ATTENDANCE",
  "ACTIVITIES",
  "ATTENDANCE_PER_100_MEMBERS",
  "MODELS_ACTIVE",
  "MODELS_STARTED",
  "MODELS_REPLICATED",
  "MODEL_PARTICIPANTS",
  "CONTRIBUTION_VND",
  "AWARDS",
  "COMMITMENTS_REGISTERED",
  "REGISTRATION_RATE",
];
