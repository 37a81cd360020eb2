// The generic `metrics` query (truy vấn số liệu) and its answer: rows of figures, one per
// combination of dimension values, with the derived values asked for.
import type { Unit, UnitKind } from "@d05/prisma";
import { type EngineQuery, type Filters, membersOn } from "../../analytics/engine";
import type { Dimension, Measure } from "../../analytics/measures";
import { type DerivedRow, runMetricsDerived } from "../../analytics/metrics-derived";
import { MAX_LISTED_GROUPS } from "../../analytics/metrics-empty";
import { metricsInputSchema } from "../../analytics/metrics-input";
import type { Period } from "../../analytics/periods";
import type { MetricsKey, PeriodFacts } from "../../analytics/reports";
import { builder } from "../../builder";
import { parseInput } from "../common";
import { UnitRef } from "../units";
import { analyticsField, answerAbout, todayOf } from "./answer";
import { DimensionEnum, MeasureEnum } from "./enums";
import { MetricsInput } from "./metrics-inputs";
import { PeriodAnswerRef, PeriodRef } from "./period";

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

/** Lists beside a row's values, one number (or null) per measure, in request order. */
const PER_MEASURE_LISTS: Record<
  string,
  { description: string; resolve: (r: DerivedRow) => (number | null)[] | null }
> = {
  previousValues: {
    description:
      "With derived.change: one per measure, the figure in the compared period (0 for a flow without records then; null when the compared group is an empty, unreported one); else null.",
    resolve: (r) => r.previousValues,
  },
  changes: {
    description:
      "With derived.change: one per measure, (value − previous) / previous (0.25 = +25 %); null where previous is 0 or null.",
    resolve: (r) => r.changes,
  },
  shares: {
    description:
      "With derived.shareOfTotal: one per measure, the row's fraction of all rows' sum; null for rates and per-100 measures.",
    resolve: (r) => r.shares,
  },
  perHundredMembers: {
    description:
      "With derived.perHundredMembers: one per measure, per 100 party members on the period's last day; null for 0 members, rates and per-100 measures.",
    resolve: (r) => r.perHundredMembers,
  },
  numerators: {
    description:
      "One per measure: for a rate (REGISTRATION_RATE) its numerator, the registered chi bộ; null for other measures.",
    resolve: (r) => r.parts.map((p) => (p ? p.num : null)),
  },
  denominators: {
    description:
      "One per measure: for a rate its denominator, the eligible chi bộ (existing on the read day); null for other measures.",
    resolve: (r) => r.parts.map((p) => (p ? (p.den ?? 0) : null)),
  },
};

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
    ...Object.fromEntries(
      Object.entries(PER_MEASURE_LISTS).map(([name, list]) => [
        name,
        t.field({ type: ["Float"], nullable: { list: true, items: true }, ...list }),
      ]),
    ),
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

builder.queryFields((t) => ({
  metrics: t.field({
    type: MetricsRef,
    description:
      "Measures × dimensions × filters over a period for a unit's subtree (truy vấn số liệu). A measure that cannot be split by a requested dimension is an InputError naming both.",
    ...analyticsField("MetricsResult"),
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
}));
