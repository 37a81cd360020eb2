// The enumerations several analytics answers share: what is measured, what it is split by, and
// which period it is compared with.
import {
  DIMENSION_DESCRIPTIONS,
  DIMENSIONS,
  type Dimension,
  MEASURES,
  type Measure,
  measureDescription,
} from "../../analytics/measures";
import { builder } from "../../builder";

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

export const ComparisonBaselineEnum = builder.enumType("ComparisonBaseline", {
  description: "Which period a comparison's previousValue and change refer to (kỳ so sánh).",
  values: {
    PREVIOUS_PERIOD: { description: "The same number of months immediately before (kỳ trước)." },
    SAME_PERIOD_LAST_YEAR: {
      description:
        "The same months one year earlier (cùng kỳ năm trước), e.g. Q3 2023 for Q3 2024.",
    },
  } as const,
});
