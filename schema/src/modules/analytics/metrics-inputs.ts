// The inputs of the generic `metrics` query: measures × dimensions × filters over a period, the
// derived values and the row order.
import { builder } from "../../builder";
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
} from "../enums";
import { ComparisonBaselineEnum, DimensionEnum, MeasureEnum } from "./enums";
import { PeriodInput } from "./period";

const OrderDirectionEnum = builder.enumType("MetricsOrderDirection", {
  description: "Sort direction of metrics rows.",
  values: {
    ASC: { description: "Ascending (tăng dần)." },
    DESC: { description: "Descending (giảm dần)." },
  } as const,
});

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

export const MetricsInput = builder.inputType("MetricsInput", {
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
