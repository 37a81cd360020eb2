// Analytics (phân tích): metrics, overview, comparison and trend. Every figure is read from the
// rollup tables (kept exact by triggers in the same transaction as each write) and the unit tree,
// never by scanning records, and only for a root inside the viewer's subtree.
import type { PrismaClient, Unit, UnitKind } from "@d05/prisma";
import { type EngineQuery, type Filters, membersOn } from "../analytics/engine";
import {
  DIMENSION_DESCRIPTIONS,
  DIMENSIONS,
  type Dimension,
  MEASURE_DEFINITIONS,
  MEASURES,
  type Measure,
  measureDescription,
  SOURCE_FILTERS,
} from "../analytics/measures";
import { type DerivedRow, runMetricsDerived } from "../analytics/metrics-derived";
import { MAX_LISTED_GROUPS } from "../analytics/metrics-empty";
import { metricsInputSchema } from "../analytics/metrics-input";
import {
  type Granularity,
  type Period,
  periodProblems,
  type RelativePeriod,
  relativePeriod,
  viDate,
  vietnamToday,
} from "../analytics/periods";
import {
  type ComparisonRow,
  type Denominator,
  type Figure,
  type MetricsKey,
  type PeriodFacts,
  relativeChange,
  runComparison,
  runOverview,
  runTrend,
  type TrendPoint,
} from "../analytics/reports";
import { withComparisonTargets, withOverviewTargets } from "../analytics/targets";
import { builder } from "../builder";
import type { Context } from "../context";
import { inLanguage } from "../domain/messages";
import { type FieldIssue, InputError, issueOf, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer } from "../scope";
import { parseGlobalId, parseInput } from "./common";
import {
  ActivityKindEnum,
  AwardFormEnum,
  AwardGroundEnum,
  AwardLevelEnum,
  LeadOrganisationEnum,
  ModelLevelEnum,
  ModelSectorEnum,
  RecipientKindEnum,
  UnitKindEnum,
} from "./enums";
import { UnitRef } from "./units";

/** Analytics fields cost more than plain fields in the complexity budget. */
const ANALYTICS_COMPLEXITY = 50;

export const MeasureEnum = builder.enumType("Measure", {
  description:
    "A figure the dashboard can show (chỉ tiêu). Flows (lượng) are summed over the period; stocks (tồn) and rates are read on its last day. Each value says which dimensions and filters apply to it.",
  values: Object.fromEntries(
    MEASURES.map((m) => [m, { description: measureDescription(m) }]),
  ) as Record<Measure, { description: string }>,
});

export const DimensionEnum = builder.enumType("Dimension", {
  description: "What a figure can be split by (chiều phân tích). At most one time dimension.",
  values: Object.fromEntries(
    DIMENSIONS.map((d) => [d, { description: DIMENSION_DESCRIPTIONS[d] }]),
  ) as Record<Dimension, { description: string }>,
});

export const GranularityEnum = builder.enumType("Granularity", {
  description: "Size of a trend's time buckets (kỳ).",
  values: {
    MONTH: { description: "Tháng: calendar months." },
    QUARTER: { description: "Quý: calendar quarters." },
    YEAR: { description: "Năm: calendar years." },
  } as const,
});

const OrderDirectionEnum = builder.enumType("MetricsOrderDirection", {
  description: "Sort direction of metrics rows.",
  values: {
    ASC: { description: "Ascending (tăng dần)." },
    DESC: { description: "Descending (giảm dần)." },
  } as const,
});

export const PeriodInput = builder.inputType("Period", {
  description:
    "A period of whole months, both ends inclusive (kỳ báo cáo): `from` is the first day of a month, `to` the last day of a month, at most 240 months.",
  fields: (t) => ({
    from: t.field({ type: "Date", description: "First day (ngày 1 of a month)." }),
    to: t.field({ type: "Date", description: "Last day (last day of a month)." }),
  }),
});

const PeriodRef = builder.objectRef<Period>("PeriodRange").implement({
  description: "A period, both ends inclusive.",
  fields: (t) => ({
    from: t.expose("from", { type: "Date", description: "First day." }),
    to: t.expose("to", { type: "Date", description: "Last day." }),
  }),
});

export const RelativePeriodEnum = builder.enumType("RelativePeriod", {
  description:
    "A period named relative to today (Vietnam time), instead of `period`. Each contains today, so it is counted up to today and compared with the same span of the previous period (cùng kỳ).",
  values: {
    YEAR_TO_DATE: { description: "Từ đầu năm đến nay: this calendar year up to today." },
    QUARTER_TO_DATE: { description: "Từ đầu quý đến nay: this quarter up to today." },
    LAST_12_MONTHS: {
      description: "12 tháng gần nhất: the 12 months ending with this month, up to today.",
    },
    MONTH_TO_DATE: { description: "Tháng này: this month up to today." },
  } as const,
});

/** The period facts every period-bound answer carries (overview, comparison, trend). */
export const PeriodAnswerRef = builder.interfaceRef<PeriodFacts>("PeriodAnswer").implement({
  description:
    "An answer about a period: which days were counted, which were compared, and whether the period has ended (kỳ và kỳ so sánh).",
  fields: (t) => ({
    period: t.field({
      type: PeriodRef,
      resolve: (r) => r.period,
      description:
        "The days counted: the requested period, or from its start up to `asOf` when it has not ended (đến ngày …).",
    }),
    requestedPeriod: t.field({
      type: PeriodRef,
      resolve: (r) => r.requestedPeriod,
      description: "The whole period asked for.",
    }),
    previousPeriod: t.field({
      type: PeriodRef,
      resolve: (r) => r.previousPeriod,
      description:
        "The days previousValue and change refer to. When the period has not ended, the same span of the compared period (cùng kỳ): 01/01–02/12/2025 for 01/01–02/12/2026, never a whole period. A month end maps to the month end (28/02/2025 → 29/02/2024).",
    }),
    asOf: t.field({
      type: "Date",
      resolve: (r) => r.asOf,
      description: "Today in Vietnam: the day unfinished periods are counted up to.",
    }),
    periodEnded: t.boolean({
      resolve: (r) => r.periodEnded,
      description: "True when the requested period ended on or before asOf (đã kết thúc).",
    }),
    comparedSameSpan: t.boolean({
      resolve: (r) => r.comparedSameSpan,
      description:
        "True when the period has not ended and is compared with the same span of the previous one (so với cùng kỳ).",
    }),
    periodNote: t.string({
      resolve: (r) => periodNote(r),
      description:
        'Vietnamese note for labels: "đến ngày 02/12/2026, so với cùng kỳ (01/01/2025 – 02/12/2025)" or "so với kỳ trước (01/01/2025 – 31/12/2025)".',
    }),
  }),
});

/** "đến ngày 02/12/2026, so với cùng kỳ (01/01/2025 – 02/12/2025)". */
export function periodNote(r: PeriodFacts): string {
  const previous = `${viDate(r.previousPeriod.from)} – ${viDate(r.previousPeriod.to)}`;
  return r.comparedSameSpan
    ? `đến ngày ${viDate(r.asOf)}, so với cùng kỳ (${previous})`
    : `so với kỳ trước (${previous})`;
}

const MetricsFilterInput = builder.inputType("MetricsFilter", {
  description:
    "Narrows the records counted. Each filter applies to the measures whose records have that field (e.g. `sectors` to model and contribution measures, `themeIds` to activities and awards) and is ignored by the others.",
  fields: (t) => ({
    activityKinds: t.field({
      type: [ActivityKindEnum],
      required: false,
      description: "Activity kinds.",
    }),
    sectors: t.field({ type: [ModelSectorEnum], required: false, description: "Model sectors." }),
    awardLevels: t.field({ type: [AwardLevelEnum], required: false, description: "Award levels." }),
    awardForms: t.field({ type: [AwardFormEnum], required: false, description: "Award forms." }),
    recipientKinds: t.field({
      type: [RecipientKindEnum],
      required: false,
      description: "Collective or individual awards.",
    }),
    themeIds: t.idList({ required: false, description: "Global ids of annual themes." }),
    awardGrounds: t.field({
      type: [AwardGroundEnum],
      required: false,
      description: "Căn cứ khen thưởng: award grounds (awards only).",
    }),
    programmes: t.stringList({
      required: false,
      description:
        'Chương trình, phong trào of the models, e.g. "Dân vận khéo", matched whole and ignoring case (model and contribution measures).',
    }),
    leadOrganisations: t.field({
      type: [LeadOrganisationEnum],
      required: false,
      description:
        "Tổ chức chủ trì: lead organisations of the models (model and contribution measures).",
    }),
    modelLevels: t.field({
      type: [ModelLevelEnum],
      required: false,
      description: "Cấp mô hình: model levels (model and contribution measures).",
    }),
    awardDating: t.field({
      type: AwardDatingEnum,
      required: false,
      description: "Which year an award counts in (default EMULATION_YEAR: the year it honours).",
    }),
  }),
});

const DerivedInput = builder.inputType("MetricsDerived", {
  description:
    "Values derived from each row (giá trị suy ra), computed over every row before `limit`.",
  fields: (t) => ({
    change: t.boolean({
      required: false,
      description:
        "Give previousValues and changes against the compared period (not with a time dimension).",
    }),
    compareWith: t.field({
      type: ComparisonBaselineEnum,
      required: false,
      description: "The compared period (default PREVIOUS_PERIOD).",
    }),
    shareOfTotal: t.boolean({
      required: false,
      description: "Give shares: each row's fraction of the sum of all rows (0.25 = 25 %).",
    }),
    perHundredMembers: t.boolean({
      required: false,
      description:
        "Give perHundredMembers: the figure per 100 party members of the row's unit (or of the root without UNIT) on the period's last day.",
    }),
  }),
});

const AwardDatingEnum = builder.enumType("AwardDating", {
  description: "Which year an award counts in.",
  values: {
    EMULATION_YEAR: {
      description:
        "Năm thi đua (default): the year it honours; a decision of 19/01/2024 for 2023 counts in 12/2023.",
    },
    DECISION_DATE: { description: "Ngày quyết định: the month of the decision itself." },
  } as const,
});

const MetricsOrderInput = builder.inputType("MetricsOrder", {
  description: "Row order: by one requested measure or one requested dimension (not both).",
  fields: (t) => ({
    measure: t.field({ type: MeasureEnum, required: false, description: "A requested measure." }),
    dimension: t.field({
      type: DimensionEnum,
      required: false,
      description: "A requested dimension.",
    }),
    direction: t.field({
      type: OrderDirectionEnum,
      required: false,
      defaultValue: "DESC",
      description: "Direction (default DESC).",
    }),
  }),
});

const MetricsInput = builder.inputType("MetricsInput", {
  description: "A generic query: measures × dimensions × filters over a period.",
  fields: (t) => ({
    unitId: t.id({
      required: false,
      description: "Root unit whose subtree is counted (default: your scope root).",
    }),
    measures: t.field({ type: [MeasureEnum], description: "1 to 10 measures." }),
    dimensions: t.field({
      type: [DimensionEnum],
      required: false,
      description: "0 to 3 dimensions (at most one of YEAR, QUARTER, MONTH).",
    }),
    unitLevel: t.field({
      type: UnitKindEnum,
      required: false,
      description:
        "Kind of the UNIT rows (any depth under the root); default: the root's direct children.",
    }),
    period: t.field({ type: PeriodInput, description: "Period counted." }),
    filters: t.field({ type: MetricsFilterInput, required: false, description: "Filters." }),
    derived: t.field({
      type: DerivedInput,
      required: false,
      description: "Derived values to add to each row.",
    }),
    orderBy: t.field({
      type: MetricsOrderInput,
      required: false,
      description: "Row order (default: by keys).",
    }),
    limit: t.int({
      required: false,
      defaultValue: 1000,
      description: "At most this many rows, 1 to 1000.",
    }),
  }),
});

const MetricsKeyRef = builder.objectRef<MetricsKey>("MetricsKey").implement({
  description: "The value of one dimension on a row.",
  fields: (t) => ({
    dimension: t.expose("dimension", { type: DimensionEnum, description: "Which dimension." }),
    key: t.exposeString("key", {
      description:
        'Stable key: a global id (UNIT, THEME; "NONE" for no theme), an enum value, or a bucket ("2024", "2024-Q3", "2024-03").',
    }),
    label: t.exposeString("label", {
      description: 'Vietnamese label, e.g. "T3/2024", "Bằng khen".',
    }),
  }),
});

const derivedList = (description: string) => ({
  type: ["Float"] as ["Float"],
  nullable: { list: true, items: true } as const,
  description,
});

const MetricsRowRef = builder.objectRef<DerivedRow>("MetricsRow").implement({
  description: "One combination of dimension values and its figures.",
  fields: (t) => ({
    keys: t.field({
      type: [MetricsKeyRef],
      resolve: (r) => r.keys,
      description: "One per dimension, in request order.",
    }),
    values: t.field({
      type: ["Float"],
      nullable: { list: false, items: true },
      resolve: (r) => r.values,
      description:
        "One per measure, in request order; null where the figure is undefined (per-100 with 0 members, a rate with no eligible unit) or the group is not reported (reported: false).",
    }),
    reported: t.exposeBoolean("reported", {
      description:
        "False for an empty group (chưa báo cáo). Every group of each dimension is a row: the units of the asked level under the root existing in the period, every bucket of the period, every value of an enumeration the filters allow, the themes of the period's years and NONE, the models under the root started by the period's end; one without any record of the asked measures' kinds matching the filters (with a sector filter: no model of that sector started or changed status) has reported false and null values, not 0.",
    }),
    previousValues: t.field({
      ...derivedList(
        "With derived.change: one per measure, the figure in the compared period (0 for a flow without records then; null when the compared group is an empty, unreported one); else null.",
      ),
      resolve: (r) => r.previousValues,
    }),
    changes: t.field({
      ...derivedList(
        "With derived.change: one per measure, (value − previous) / previous (0.25 = +25 %); null where previous is 0 or null.",
      ),
      resolve: (r) => r.changes,
    }),
    shares: t.field({
      ...derivedList(
        "With derived.shareOfTotal: one per measure, the row's fraction of all rows' sum; null for rates and per-100 measures.",
      ),
      resolve: (r) => r.shares,
    }),
    perHundredMembers: t.field({
      ...derivedList(
        "With derived.perHundredMembers: one per measure, per 100 party members on the period's last day; null for 0 members, rates and per-100 measures.",
      ),
      resolve: (r) => r.perHundredMembers,
    }),
    numerators: t.field({
      ...derivedList(
        "One per measure: for a rate (REGISTRATION_RATE) its numerator, the registered chi bộ; null for other measures.",
      ),
      resolve: (r) => r.parts.map((p) => (p ? p.num : null)),
    }),
    denominators: t.field({
      ...derivedList(
        "One per measure: for a rate its denominator, the eligible chi bộ (existing on the read day); null for other measures.",
      ),
      resolve: (r) => r.parts.map((p) => (p ? (p.den ?? 0) : null)),
    }),
    members: t.exposeInt("members", {
      nullable: true,
      description:
        "Đảng viên: party members of the row's unit (or the root without UNIT) on the period's last day, from its membership history.",
    }),
  }),
});

interface MetricsResult extends PeriodFacts {
  unit: Unit;
  measures: Measure[];
  dimensions: Dimension[];
  rows: DerivedRow[];
  totalRows: number;
  emptyGroupsOmitted: boolean;
  comparedPeriod: Period | null;
}

const MetricsRef = builder.objectRef<MetricsResult>("Metrics").implement({
  description:
    "Rows of figures (bảng số liệu). A period that has not ended is counted up to today and compared (derived.change) with the same span of the compared period (cùng kỳ), as overview does.",
  interfaces: [PeriodAnswerRef],
  fields: (t) => ({
    unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "Root unit." }),
    measures: t.field({
      type: [MeasureEnum],
      resolve: (r) => r.measures,
      description: "Measures, as requested.",
    }),
    dimensions: t.field({
      type: [DimensionEnum],
      resolve: (r) => r.dimensions,
      description: "Dimensions, as requested.",
    }),
    rows: t.field({
      type: [MetricsRowRef],
      resolve: (r) => r.rows,
      description:
        "Every group of the asked dimensions, up to `limit`: groups without records are rows too (reported: false), unless there are too many combinations to list (emptyGroupsOmitted).",
    }),
    totalRows: t.exposeInt("totalRows", { description: "Rows before `limit` was applied." }),
    emptyGroupsOmitted: t.exposeBoolean("emptyGroupsOmitted", {
      description: `True when the asked dimensions have more than ${MAX_LISTED_GROUPS.toLocaleString("vi-VN")} combinations of groups (e.g. UNIT × MODEL × MONTH): the groups without records (chưa báo cáo) are then not listed, only the rows with records are, and totalRows counts those. Narrow the dimensions, filters or period to list them. False: every group is a row.`,
    }),
    comparedPeriod: t.field({
      type: PeriodRef,
      nullable: true,
      resolve: (r) => r.comparedPeriod,
      description:
        "With derived.change: the period previousValues refer to (the same span while the period runs); else null.",
    }),
  }),
});

const DenominatorRef = builder.objectRef<Denominator>("MembersDenominator").implement({
  description:
    "Mẫu số: the party members a per-100-members figure divides by, read on one day from the unit's membership history (never today's figure for a past period).",
  fields: (t) => ({
    on: t.expose("on", {
      type: "Date",
      description: "The day read: the last day counted (the period's end, or today while it runs).",
    }),
    partyMembers: t.exposeInt("partyMembers", {
      nullable: true,
      description:
        "Đảng viên on that day: of the unit, plus those of its merged predecessors that still existed then; null when none has a membership entry on or before that day.",
    }),
    note: t.string({
      nullable: true,
      resolve: (d, _args, ctx) => (d.note ? inLanguage(d.note, ctx.lang ?? "vi") : null),
      description:
        "Why per-100 figures are null (no membership recorded for the day, or 0 members), in the caller's language; null when they are not.",
    }),
  }),
});

export const FigureRef = builder.objectRef<Figure>("OverviewFigure").implement({
  description: "One KPI with its value in the previous period.",
  fields: (t) => ({
    measure: t.expose("measure", { type: MeasureEnum, description: "Which measure." }),
    value: t.exposeFloat("value", { nullable: true, description: "Value in the period." }),
    previousValue: t.exposeFloat("previousValue", {
      nullable: true,
      description:
        "Value in previousPeriod: the same span of the previous period while this one has not ended (cùng kỳ).",
    }),
    change: t.exposeFloat("change", {
      nullable: true,
      description:
        "Relative change (value − previous) / previous, e.g. 0.25 = +25%; null when previous is 0 or null.",
    }),
  }),
});

export type OverviewAnswer = PeriodFacts & {
  unit: Unit;
  members: Denominator;
  previousMembers: Denominator;
  figures: Figure[];
};

export const OverviewRef = builder.objectRef<OverviewAnswer>("Overview").implement({
  description: "KPI figures of a unit's subtree (tổng quan).",
  interfaces: [PeriodAnswerRef],
  fields: (t) => ({
    unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "The unit." }),
    members: t.field({
      type: DenominatorRef,
      resolve: (r) => r.members,
      description: "What per-100-members values divide by: the unit's members on period.to.",
    }),
    previousMembers: t.field({
      type: DenominatorRef,
      resolve: (r) => r.previousMembers,
      description:
        "What per-100-members previousValues divide by: the unit's members on previousPeriod.to.",
    }),
    figures: t.field({
      type: [FigureRef],
      resolve: (r) => r.figures,
      description: "KPIs, in dashboard order.",
    }),
  }),
});

export const ComparisonRowRef = builder.objectRef<ComparisonRow>("ComparisonRow").implement({
  description: "One unit of a comparison.",
  fields: (t) => ({
    unit: t.field({
      type: UnitRef,
      resolve: (r) => r.unit,
      description: "The unit (active at the end of the period).",
    }),
    value: t.exposeFloat("value", {
      nullable: true,
      description: "Its figure, merged predecessors included.",
    }),
    perHundredMembers: t.exposeFloat("perHundredMembers", {
      nullable: true,
      description:
        "The figure per 100 party members of the unit on the period's last day counted (see members); null without members then (members.note says why) and for REGISTRATION_RATE.",
    }),
    members: t.field({
      type: DenominatorRef,
      resolve: (r) => r.members,
      description:
        "What perHundredMembers divides by: members on period.to, merged predecessors that still existed then included.",
    }),
    previousMembers: t.field({
      type: DenominatorRef,
      resolve: (r) => r.previousMembers,
      description:
        "What previousPerHundredMembers divides by: members on previousPeriod.to (a commune merged later counts with its own members then).",
    }),
    previousValue: t.exposeFloat("previousValue", {
      nullable: true,
      description: "Figure in previousPeriod (the same span when the period has not ended).",
    }),
    previousPerHundredMembers: t.exposeFloat("previousPerHundredMembers", {
      nullable: true,
      description:
        "previousValue per 100 party members on previousPeriod.to (see previousMembers), not today's.",
    }),
    change: t.exposeFloat("change", {
      nullable: true,
      description:
        "Relative change from previousPeriod of the figure ranked: per 100 party members when perCapita is true, else the value.",
    }),
    rank: t.exposeInt("rank", { description: "1 = best; equal figures share a rank." }),
    quartile: t.exposeInt("quartile", {
      description: "1 (top quarter) to 4 (lowest quarter, and units without a figure).",
    }),
    reported: t.exposeBoolean("reported", {
      description:
        "False when the unit (and its merged predecessors) reported no record of the measure's kind in the period (chưa báo cáo): no activity for activity measures, no award for award measures, and so on; value is then 0 or null because nothing was reported, not a reported 0.",
    }),
    mergedUnits: t.field({
      type: [UnitRef],
      resolve: (r) => r.includes.filter((u) => u.id !== r.unit.id),
      description: "Merged predecessors whose figures count toward this unit.",
    }),
  }),
});

const ComparisonBaselineEnum = builder.enumType("ComparisonBaseline", {
  description: "Which period a comparison's previousValue and change refer to (kỳ so sánh).",
  values: {
    PREVIOUS_PERIOD: { description: "The same number of months immediately before (kỳ trước)." },
    SAME_PERIOD_LAST_YEAR: {
      description:
        "The same months one year earlier (cùng kỳ năm trước), e.g. Q3 2023 for Q3 2024.",
    },
  } as const,
});

const ComparisonOrderEnum = builder.enumType("ComparisonOrder", {
  description: "Which end of the ranking comes first.",
  values: {
    BEST_FIRST: { description: "Rank 1 first (dẫn đầu trước)." },
    LOWEST_FIRST: {
      description:
        "Lowest first (thấp nhất trước): the units that lag; units without a figure first.",
    },
  } as const,
});

export const ComparisonRef = builder
  .objectRef<
    PeriodFacts & {
      unit: Unit;
      childLevel: UnitKind;
      measure: Measure;
      perCapita: boolean;
      rows: ComparisonRow[];
    }
  >("Comparison")
  .implement({
    description: "Units of one level under a root, ranked by one measure (so sánh).",
    interfaces: [PeriodAnswerRef],
    fields: (t) => ({
      unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "Root unit." }),
      childLevel: t.expose("childLevel", {
        type: UnitKindEnum,
        description: "Kind of the units compared.",
      }),
      measure: t.expose("measure", { type: MeasureEnum, description: "Measure compared." }),
      perCapita: t.exposeBoolean("perCapita", {
        description: "True when ranked per 100 party members.",
      }),
      rows: t.field({
        type: [ComparisonRowRef],
        resolve: (r) => r.rows,
        description: "Rows ordered by rank.",
      }),
    }),
  });

const TrendPointRef = builder.objectRef<TrendPoint>("TrendPoint").implement({
  description: "One time bucket of a trend.",
  fields: (t) => ({
    start: t.expose("start", { type: "Date", description: "First day of the bucket." }),
    to: t.expose("to", {
      type: "Date",
      description: "Last day counted: the bucket's end, or asOf for the bucket still running.",
    }),
    key: t.exposeString("key", { description: 'Bucket key: "2024", "2024-Q3", "2024-03".' }),
    label: t.exposeString("label", { description: 'Label: "2024", "Q3/2024", "T3/2024".' }),
    value: t.exposeFloat("value", {
      nullable: true,
      description:
        "Figure in the bucket; null when not reported (chưa báo cáo: no record of the measure's kind, or the bucket has not started), never a made-up 0. Levels (models active, registration rate) are read on the bucket's last day counted.",
    }),
    reported: t.exposeBoolean("reported", {
      description:
        "False when nothing of the measure's kind was reported in the bucket (chưa báo cáo), or the bucket lies after asOf.",
    }),
    complete: t.exposeBoolean("complete", {
      description:
        "False for the bucket still running on asOf (chưa hết kỳ: draw it as unfinished) and the buckets after it.",
    }),
    members: t.field({
      type: DenominatorRef,
      nullable: true,
      resolve: (p) => p.members,
      description:
        "What a per-100-members value divides by: the root's members on `to`; null for a bucket not started.",
    }),
    previousLabel: t.string({
      nullable: true,
      resolve: (p) => p.previous?.label ?? null,
      description:
        'Cùng kỳ năm trước: label of the same bucket one year earlier ("T3/2025" for "T3/2026"); null for a bucket not started.',
    }),
    previousTo: t.field({
      type: "Date",
      nullable: true,
      resolve: (p) => p.previous?.to ?? null,
      description:
        "Last day counted in that bucket: its end, or the same day a year before `to` while this bucket runs.",
    }),
    previousValue: t.float({
      nullable: true,
      resolve: (p) => p.previous?.value ?? null,
      description:
        "The figure of the same bucket one year earlier over the same span (for per-100 measures: per 100 members on previousTo); null when nothing of the measure's kind was reported then, or the bucket has not started.",
    }),
    change: t.float({
      nullable: true,
      resolve: (p) => relativeChange(p.value, p.previous?.value ?? null),
      description:
        "(value − previousValue) / previousValue, e.g. 0.25 = +25 %; null when either is null or previousValue is 0.",
    }),
  }),
});

export type TrendAnswer = PeriodFacts & {
  unit: Unit;
  measure: Measure;
  granularity: Granularity;
  points: TrendPoint[];
};

const TrendRef = builder.objectRef<TrendAnswer>("Trend").implement({
  description: "A measure over time (xu hướng), every bucket of the period present.",
  interfaces: [PeriodAnswerRef],
  fields: (t) => ({
    unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "Root unit." }),
    measure: t.expose("measure", { type: MeasureEnum, description: "The measure." }),
    granularity: t.expose("granularity", { type: GranularityEnum, description: "Bucket size." }),
    points: t.field({
      type: [TrendPointRef],
      resolve: (r) => r.points,
      description: "Buckets in order.",
    }),
  }),
});

// ───────────────────────────── Resolvers ─────────────────────────────

/**
 * The answer to an analytics question about a root unit's subtree. The root must exist inside the
 * viewer's subtree, else NotFoundError (nothing leaks); that is checked for every request. The
 * answer itself is the same for every viewer, so it comes from the analytics cache while nothing
 * under the root has changed (`question` names everything else the answer depends on).
 */
async function answerAbout<T>(
  ctx: Context,
  unitId: string | number | null | undefined,
  question: unknown,
  compute: (root: Unit, db: PrismaClient) => Promise<T>,
  rowsOf?: (answer: T) => number,
): Promise<T> {
  const viewer = requireViewer(ctx);
  const id =
    unitId === null || unitId === undefined ? viewer.scopeUnitId : parseGlobalId(unitId, "Unit");
  if (id === null) throw new NotFoundError("Unit", String(unitId));
  await assertUnitInScope(ctx, id);
  const load = async () => {
    const root = await ctx.db.prisma.unit.findUniqueOrThrow({ where: { id } });
    // The figures themselves may come from a read replica that has seen every write so far.
    const { replicas } = ctx.db;
    return replicas ? replicas.read((db) => compute(root, db)) : compute(root, ctx.db.prisma);
  };
  return ctx.reads ? ctx.reads.answer(id, JSON.stringify(question), load, rowsOf) : load();
}

export function checkPeriod(period: Period, path: string[]): FieldIssue[] {
  return periodProblems(period).map((p) => ({
    path: [...path, p.field],
    message: p.text.vi,
    en: p.text.en,
  }));
}

export function fail(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new InputError(issues);
}

/** Today in Vietnam, or the day the server was told to take as today (tests). */
export function todayOf(ctx: Context): Date {
  return ctx.today ? ctx.today() : vietnamToday();
}

/**
 * The whole-month period an answer is about: `period`, or `relativePeriod` resolved on asOf.
 * Exactly one of them; problems are typed InputErrors naming the argument.
 */
export function requestedPeriod(
  args: { period?: Period | null; relativePeriod?: RelativePeriod | null },
  asOf: Date,
): Period {
  if (args.period && args.relativePeriod) {
    fail([issueOf(["relativePeriod"], "periodTwice")]);
  }
  if (args.relativePeriod) return relativePeriod(args.relativePeriod, asOf);
  if (!args.period) {
    fail([issueOf(["period"], "periodMissing")]);
  }
  const period = args.period as Period;
  fail(checkPeriod(period, ["period"]));
  return period;
}

const errorTypes = [InputError, NotFoundError];

/** Whether a measure's figures can be narrowed to one model sector. */
function canFilterBySector(measure: Measure): boolean {
  return SOURCE_FILTERS[MEASURE_DEFINITIONS[measure].source].includes("sectors");
}

/** `period` or `relativePeriod`: the two ways to name the period of an answer. */
export const periodArgs = builder.args((t) => ({
  period: t.field({
    type: PeriodInput,
    required: false,
    description:
      "The period (whole months). When it has not ended it is counted up to today and compared with the same span of the compared period (cùng kỳ). Give this or relativePeriod.",
  }),
  relativePeriod: t.field({
    type: RelativePeriodEnum,
    required: false,
    description: "A period relative to today (Vietnam time), instead of `period`.",
  }),
}));

builder.queryFields((t) => ({
  metrics: t.field({
    type: MetricsRef,
    description:
      "Measures × dimensions × filters over a period for a unit's subtree (truy vấn số liệu). A measure that cannot be split by a requested dimension is an InputError naming both.",
    complexity: ANALYTICS_COMPLEXITY,
    errors: { types: errorTypes, directResult: true, union: { name: "MetricsResult" } },
    args: {
      input: t.arg({ type: MetricsInput, description: "What to count and how to split it." }),
    },
    resolve: async (_root, args, ctx) => {
      const input = parseInput(metricsInputSchema, args.input);
      const measures = input.measures as Measure[];
      const dimensions = input.dimensions as Dimension[];
      const f = input.filters;
      const filters: Filters = {
        activityKinds: f?.activityKinds,
        sectors: f?.sectors,
        awardLevels: f?.awardLevels,
        awardForms: f?.awardForms,
        recipientKinds: f?.recipientKinds,
        awardGrounds: f?.awardGrounds,
        themeIds: f?.themeIds ?? [],
        programmes: f?.programmes,
        leadOrganisations: f?.leadOrganisations,
        modelLevels: f?.modelLevels,
        awardsByDecisionDate: f?.awardDating === "DECISION_DATE",
      };
      const order = input.orderBy;
      const orderBy = order
        ? {
            measure: order.measure,
            dimension: order.dimension,
            direction: order.direction ?? "DESC",
          }
        : null;
      const derived = {
        change: input.derived?.change ?? false,
        compareWith: input.derived?.compareWith ?? "PREVIOUS_PERIOD",
        shareOfTotal: input.derived?.shareOfTotal ?? false,
        perHundredMembers: input.derived?.perHundredMembers ?? false,
      } as const;
      const unitLevel = (input.unitLevel ?? null) as UnitKind | null;
      const { limit, period } = input;
      const asOf = todayOf(ctx);
      return answerAbout(
        ctx,
        input.unitId,
        [
          "metrics",
          measures,
          dimensions,
          unitLevel,
          period,
          filters,
          orderBy,
          limit,
          derived,
          asOf,
        ],
        async (root, db) => {
          const q: EngineQuery = {
            rootId: root.id,
            measures,
            dimensions,
            unitLevel,
            period,
            filters,
          };
          const { facts, ...answer } = await runMetricsDerived(
            db,
            q,
            asOf,
            (day) => membersOn(db, root.id, day),
            orderBy,
            limit,
            derived,
          );
          return { unit: root, ...facts, measures, dimensions, ...answer };
        },
        (answer) => answer.rows.length,
      );
    },
  }),

  overview: t.field({
    type: OverviewRef,
    description:
      "KPI figures of a unit's subtree for a period, with the previous period (tổng quan). A period that has not ended is counted up to today and compared with the same span of the previous one (cùng kỳ): see PeriodAnswer.",
    complexity: ANALYTICS_COMPLEXITY,
    errors: { types: errorTypes, directResult: true, union: { name: "OverviewResult" } },
    args: {
      unitId: t.arg.id({ description: "Global id of the unit." }),
      ...periodArgs,
    },
    resolve: async (_root, args, ctx) => {
      const asOf = todayOf(ctx);
      const period = requestedPeriod(args, asOf);
      // The targets are part of the cached answer: a target's change event names every unit
      // whose answers show it (modules/targets.ts, shownOn), which retires them.
      return answerAbout(ctx, args.unitId, ["overview", period, asOf], async (root, db) =>
        withOverviewTargets(db, await runOverview(db, root, period, asOf)),
      );
    },
  }),

  comparison: t.field({
    type: ComparisonRef,
    description:
      "Ranks the units of one kind under a root by a measure (so sánh). Lists the units that exist on the last day of the period; a merged unit's figures count toward its successor (the first unit along its successor chain that exists then), so years stay comparable.",
    complexity: ANALYTICS_COMPLEXITY,
    errors: { types: errorTypes, directResult: true, union: { name: "ComparisonResult" } },
    args: {
      unitId: t.arg.id({ description: "Global id of the root unit." }),
      childLevel: t.arg({ type: UnitKindEnum, description: "Kind of the units to compare." }),
      measure: t.arg({ type: MeasureEnum, description: "Measure to rank by." }),
      ...periodArgs,
      perCapita: t.arg.boolean({
        required: false,
        defaultValue: false,
        description: "Rank by the figure per 100 party members.",
      }),
      compareWith: t.arg({
        type: ComparisonBaselineEnum,
        required: false,
        defaultValue: "PREVIOUS_PERIOD",
        description:
          "Period for previousValue and change (default: the period immediately before; its same span while the period has not ended).",
      }),
      order: t.arg({
        type: ComparisonOrderEnum,
        required: false,
        defaultValue: "BEST_FIRST",
        description: "Which end of the ranking comes first.",
      }),
      limit: t.arg.int({
        required: false,
        description: "At most this many rows (1..5000), after ordering: e.g. the 5 lowest.",
      }),
      sector: t.arg({
        type: ModelSectorEnum,
        required: false,
        description:
          "Only models of this sector (model measures): the figures and the per-sector targets (chỉ tiêu theo lĩnh vực).",
      }),
    },
    resolve: async (_root, args, ctx) => {
      const asOf = todayOf(ctx);
      const period = requestedPeriod(args, asOf);
      if (args.limit != null && (args.limit < 1 || args.limit > 5000)) {
        fail([issueOf(["limit"], "limitBetween", { max: 5000 })]);
      }
      const perCapita = args.perCapita ?? false;
      const baseline = args.compareWith ?? "PREVIOUS_PERIOD";
      const sector = args.sector ?? null;
      if (sector && !canFilterBySector(args.measure as Measure)) {
        fail([issueOf(["sector"], "targetNoSector", { measure: args.measure })]);
      }
      const result = await answerAbout(
        ctx,
        args.unitId,
        ["comparison", args.childLevel, args.measure, period, perCapita, baseline, asOf, sector],
        (root, db) => {
          if (root.kind === args.childLevel) {
            fail([issueOf(["childLevel"], "noLowerLevel", { unit: root.name, level: root.kind })]);
          }
          // The laggard marks need every row (before the limit); targets as in the overview.
          return runComparison(
            db,
            root,
            args.childLevel,
            args.measure as Measure,
            period,
            perCapita,
            baseline,
            asOf,
            sector ? { sectors: [sector] } : {},
          ).then((answer) => withComparisonTargets(db, answer, sector));
        },
        (answer) => answer.rows.length,
      );
      // Lowest first: by rank from the bottom (units without a figure rank last, so come first);
      // ties keep their alphabetical order.
      const ordered =
        args.order === "LOWEST_FIRST"
          ? result.rows
              .map((row, index) => ({ row, index }))
              .sort((a, b) => b.row.rank - a.row.rank || a.index - b.index)
              .map(({ row }) => row)
          : result.rows;
      return { ...result, rows: ordered.slice(0, args.limit ?? undefined) };
    },
  }),

  trend: t.field({
    type: TrendRef,
    description:
      "A measure of a unit's subtree bucket by bucket (xu hướng). Every bucket is present; a bucket without a record of the measure's kind is not reported (value null), not 0; the bucket holding today is marked incomplete.",
    complexity: ANALYTICS_COMPLEXITY,
    errors: { types: errorTypes, directResult: true, union: { name: "TrendResult" } },
    args: {
      unitId: t.arg.id({ description: "Global id of the unit." }),
      measure: t.arg({ type: MeasureEnum, description: "The measure." }),
      granularity: t.arg({ type: GranularityEnum, description: "Bucket size." }),
      ...periodArgs,
    },
    resolve: async (_root, args, ctx) => {
      const asOf = todayOf(ctx);
      const period = requestedPeriod(args, asOf);
      return answerAbout(
        ctx,
        args.unitId,
        ["trend", args.measure, args.granularity, period, asOf],
        (root, db) => runTrend(db, root, args.measure as Measure, args.granularity, period, asOf),
        (answer) => answer.points.length,
      );
    },
  }),
}));
