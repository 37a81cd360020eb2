// The period of an analytics answer: the `Period` input, the `PeriodRange` it is answered with,
// the relative periods, and the `PeriodAnswer` interface every period-bound answer implements.
import { type Period, viDate } from "../../analytics/periods";
import type { PeriodFacts } from "../../analytics/reports";
import { builder } from "../../builder";

export const PeriodInput = builder.inputType("PeriodInput", {
  description:
    "A period of whole months, both ends inclusive (kỳ báo cáo): `from` is the first day of a month, `to` the last day of a month, at most 240 months.",
  fields: (t) => ({
    from: t.field({ type: "Date", description: "First day (ngày 1 of a month)." }),
    to: t.field({ type: "Date", description: "Last day (last day of a month)." }),
  }),
});

export const PeriodRef = builder.objectRef<Period>("Period").implement({
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
