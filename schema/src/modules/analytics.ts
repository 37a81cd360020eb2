// Analytics (phân tích): metrics, overview, comparison and trend. Every figure is read from the
// rollup tables (kept exact by triggers in the same transaction as each write) and the unit tree,
// never by scanning records, and only for a root inside the viewer's subtree.
import type { Unit, UnitKind } from "@d05/prisma";
import type { EngineQuery, Filters } from "../analytics/engine";
import {
  canSplit,
  DIMENSION_DESCRIPTIONS,
  DIMENSIONS,
  type Dimension,
  isTimeDimension,
  MEASURE_DEFINITIONS,
  MEASURES,
  type Measure,
} from "../analytics/measures";
import { type Granularity, type Period, periodProblems } from "../analytics/periods";
import {
  type ComparisonRow,
  type Figure,
  type MetricsKey,
  type MetricsRow,
  runComparison,
  runMetrics,
  runOverview,
  runTrend,
} from "../analytics/reports";
import { builder } from "../builder";
import type { Context } from "../context";
import { type FieldIssue, InputError, NotFoundError } from "../errors";
import { assertUnitInScope, requireViewer } from "../scope";
import { parseGlobalId } from "./common";
import {
  ActivityKindEnum,
  AwardFormEnum,
  AwardLevelEnum,
  ModelSectorEnum,
  RecipientKindEnum,
  UnitKindEnum,
} from "./enums";
import { UnitRef } from "./units";

/** Analytics fields cost more than plain fields in the complexity budget. */
const ANALYTICS_COMPLEXITY = 50;

export const MeasureEnum = builder.enumType("Measure", {
  description: "A figure the dashboard can show (chỉ tiêu). Flows are summed over the period.",
  values: Object.fromEntries(
    MEASURES.map((m) => [m, { description: MEASURE_DEFINITIONS[m].description }]),
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
  }),
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

const MetricsRowRef = builder.objectRef<MetricsRow>("MetricsRow").implement({
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
        "One per measure, in request order; null where the figure is undefined (per-100 with 0 members, a rate with no eligible unit).",
    }),
  }),
});

interface MetricsResult {
  unit: Unit;
  period: Period;
  measures: Measure[];
  dimensions: Dimension[];
  rows: MetricsRow[];
  totalRows: number;
}

const MetricsRef = builder.objectRef<MetricsResult>("Metrics").implement({
  description: "Rows of figures (bảng số liệu).",
  fields: (t) => ({
    unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "Root unit." }),
    period: t.field({ type: PeriodRef, resolve: (r) => r.period, description: "Period counted." }),
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
      description: "Rows with any record, up to `limit`.",
    }),
    totalRows: t.exposeInt("totalRows", { description: "Rows before `limit` was applied." }),
  }),
});

const FigureRef = builder.objectRef<Figure>("OverviewFigure").implement({
  description: "One KPI with its value in the previous period.",
  fields: (t) => ({
    measure: t.expose("measure", { type: MeasureEnum, description: "Which measure." }),
    value: t.exposeFloat("value", { nullable: true, description: "Value in the period." }),
    previousValue: t.exposeFloat("previousValue", {
      nullable: true,
      description: "Value in the previous period.",
    }),
    change: t.exposeFloat("change", {
      nullable: true,
      description:
        "Relative change (value − previous) / previous, e.g. 0.25 = +25%; null when previous is 0 or null.",
    }),
  }),
});

export const OverviewRef = builder
  .objectRef<{ unit: Unit; period: Period; previousPeriod: Period; figures: Figure[] }>("Overview")
  .implement({
    description: "KPI figures of a unit's subtree (tổng quan).",
    fields: (t) => ({
      unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "The unit." }),
      period: t.field({ type: PeriodRef, resolve: (r) => r.period, description: "The period." }),
      previousPeriod: t.field({
        type: PeriodRef,
        resolve: (r) => r.previousPeriod,
        description: "The same number of months immediately before.",
      }),
      figures: t.field({
        type: [FigureRef],
        resolve: (r) => r.figures,
        description: "KPIs, in dashboard order.",
      }),
    }),
  });

const ComparisonRowRef = builder.objectRef<ComparisonRow>("ComparisonRow").implement({
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
        "The figure per 100 party members of the unit; null for 0 members and for REGISTRATION_RATE.",
    }),
    previousValue: t.exposeFloat("previousValue", {
      nullable: true,
      description: "Figure in the previous period.",
    }),
    change: t.exposeFloat("change", {
      nullable: true,
      description: "Relative change from the previous period.",
    }),
    rank: t.exposeInt("rank", { description: "1 = best; equal figures share a rank." }),
    quartile: t.exposeInt("quartile", {
      description: "1 (top quarter) to 4 (lowest quarter, and units without a figure).",
    }),
    reported: t.exposeBoolean("reported", {
      description:
        "False when the unit (and its merged predecessors) has no record of any kind in the period (chưa báo cáo).",
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

const ComparisonRef = builder
  .objectRef<{
    unit: Unit;
    childLevel: UnitKind;
    measure: Measure;
    perCapita: boolean;
    period: Period;
    previousPeriod: Period;
    rows: ComparisonRow[];
  }>("Comparison")
  .implement({
    description: "Units of one level under a root, ranked by one measure (so sánh).",
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
      period: t.field({ type: PeriodRef, resolve: (r) => r.period, description: "The period." }),
      previousPeriod: t.field({
        type: PeriodRef,
        resolve: (r) => r.previousPeriod,
        description: "The period previousValue and change refer to (see compareWith).",
      }),
      rows: t.field({
        type: [ComparisonRowRef],
        resolve: (r) => r.rows,
        description: "Rows ordered by rank.",
      }),
    }),
  });

const TrendPointRef = builder
  .objectRef<{ start: Date; key: string; label: string; value: number | null }>("TrendPoint")
  .implement({
    description: "One time bucket of a trend.",
    fields: (t) => ({
      start: t.expose("start", { type: "Date", description: "First day of the bucket." }),
      key: t.exposeString("key", { description: 'Bucket key: "2024", "2024-Q3", "2024-03".' }),
      label: t.exposeString("label", { description: 'Label: "2024", "Q3/2024", "T3/2024".' }),
      value: t.exposeFloat("value", {
        nullable: true,
        description: "Figure in the bucket (0 without records; levels and rates at its last day).",
      }),
    }),
  });

const TrendRef = builder
  .objectRef<{
    unit: Unit;
    measure: Measure;
    granularity: Granularity;
    period: Period;
    points: { start: Date; key: string; label: string; value: number | null }[];
  }>("Trend")
  .implement({
    description: "A measure over time (xu hướng), every bucket of the period present.",
    fields: (t) => ({
      unit: t.field({ type: UnitRef, resolve: (r) => r.unit, description: "Root unit." }),
      measure: t.expose("measure", { type: MeasureEnum, description: "The measure." }),
      granularity: t.expose("granularity", { type: GranularityEnum, description: "Bucket size." }),
      period: t.field({ type: PeriodRef, resolve: (r) => r.period, description: "The period." }),
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
  compute: (root: Unit) => Promise<T>,
  rowsOf?: (answer: T) => number,
): Promise<T> {
  const viewer = requireViewer(ctx);
  const id =
    unitId === null || unitId === undefined ? viewer.scopeUnitId : parseGlobalId(unitId, "Unit");
  if (id === null) throw new NotFoundError("Unit", String(unitId));
  await assertUnitInScope(ctx, id);
  const load = async () => compute(await ctx.db.prisma.unit.findUniqueOrThrow({ where: { id } }));
  return ctx.reads ? ctx.reads.answer(id, JSON.stringify(question), load, rowsOf) : load();
}

export function checkPeriod(period: Period, path: string[]): FieldIssue[] {
  return periodProblems(period).map((p) => ({ path: [...path, p.field], message: p.message }));
}

export function fail(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new InputError(issues);
}

const errorTypes = [InputError, NotFoundError];

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
    resolve: async (_root, { input }, ctx) => {
      const issues: FieldIssue[] = [];
      const measures = input.measures as Measure[];
      const dimensions = (input.dimensions ?? []) as Dimension[];
      if (measures.length < 1 || measures.length > 10) {
        issues.push({
          path: ["input", "measures"],
          message: "Cần 1 đến 10 chỉ tiêu: give 1 to 10 measures.",
        });
      }
      if (new Set(measures).size !== measures.length) {
        issues.push({
          path: ["input", "measures"],
          message: "Chỉ tiêu trùng lặp: a measure is repeated.",
        });
      }
      if (dimensions.length > 3) {
        issues.push({
          path: ["input", "dimensions"],
          message: "Tối đa 3 chiều: at most 3 dimensions.",
        });
      }
      if (new Set(dimensions).size !== dimensions.length) {
        issues.push({
          path: ["input", "dimensions"],
          message: "Chiều trùng lặp: a dimension is repeated.",
        });
      }
      if (dimensions.filter(isTimeDimension).length > 1) {
        issues.push({
          path: ["input", "dimensions"],
          message: "Chỉ một chiều thời gian: at most one of YEAR, QUARTER, MONTH.",
        });
      }
      dimensions.forEach((d, i) => {
        for (const m of measures) {
          if (!canSplit(m, d)) {
            issues.push({
              path: ["input", "dimensions", String(i)],
              message: `Chỉ tiêu ${m} không phân theo ${d} được: measure ${m} cannot be split by dimension ${d}.`,
            });
          }
        }
      });
      const limit = input.limit ?? 1000;
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        issues.push({
          path: ["input", "limit"],
          message: "Giới hạn từ 1 đến 1000: limit must be 1..1000.",
        });
      }
      const order = input.orderBy;
      if (order?.measure && order.dimension) {
        issues.push({
          path: ["input", "orderBy"],
          message: "Chọn chỉ tiêu hoặc chiều: give measure or dimension, not both.",
        });
      } else if (order?.measure && !measures.includes(order.measure as Measure)) {
        issues.push({
          path: ["input", "orderBy", "measure"],
          message: "Not one of the requested measures.",
        });
      } else if (order?.dimension && !dimensions.includes(order.dimension as Dimension)) {
        issues.push({
          path: ["input", "orderBy", "dimension"],
          message: "Not one of the requested dimensions.",
        });
      }
      issues.push(...checkPeriod(input.period, ["input", "period"]));
      const themeIds: number[] = [];
      for (const [i, raw] of (input.filters?.themeIds ?? []).entries()) {
        const id = parseGlobalId(raw, "Theme");
        if (id === null) {
          issues.push({
            path: ["input", "filters", "themeIds", String(i)],
            message: "Not the id of a Theme.",
          });
        } else themeIds.push(id);
      }
      fail(issues);
      const f = input.filters;
      const filters: Filters = {
        activityKinds: f?.activityKinds,
        sectors: f?.sectors,
        awardLevels: f?.awardLevels,
        awardForms: f?.awardForms,
        recipientKinds: f?.recipientKinds,
        themeIds,
      };
      const orderBy = order
        ? {
            measure: order.measure as Measure | null | undefined,
            dimension: order.dimension as Dimension | null | undefined,
            direction: order.direction ?? "DESC",
          }
        : null;
      const unitLevel = input.unitLevel ?? null;
      return answerAbout(
        ctx,
        input.unitId,
        ["metrics", measures, dimensions, unitLevel, input.period, filters, orderBy, limit],
        async (root) => {
          const q: EngineQuery = {
            rootId: root.id,
            measures,
            dimensions,
            unitLevel,
            period: input.period,
            filters,
          };
          const { rows, totalRows } = await runMetrics(
            ctx.db.prisma,
            q,
            root.partyMembers,
            orderBy,
            limit,
          );
          return { unit: root, period: input.period, measures, dimensions, rows, totalRows };
        },
        (answer) => answer.rows.length,
      );
    },
  }),

  overview: t.field({
    type: OverviewRef,
    description:
      "KPI figures of a unit's subtree for a period, with the previous period (tổng quan).",
    complexity: ANALYTICS_COMPLEXITY,
    errors: { types: errorTypes, directResult: true, union: { name: "OverviewResult" } },
    args: {
      unitId: t.arg.id({ description: "Global id of the unit." }),
      period: t.arg({ type: PeriodInput, description: "The period." }),
    },
    resolve: async (_root, args, ctx) => {
      fail(checkPeriod(args.period, ["period"]));
      return answerAbout(ctx, args.unitId, ["overview", args.period], (root) =>
        runOverview(ctx.db.prisma, root, args.period),
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
      period: t.arg({ type: PeriodInput, description: "The period." }),
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
          "Period for previousValue and change (default: the period immediately before).",
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
    },
    resolve: async (_root, args, ctx) => {
      fail(checkPeriod(args.period, ["period"]));
      if (args.limit != null && (args.limit < 1 || args.limit > 5000)) {
        fail([{ path: ["limit"], message: "Giới hạn từ 1 đến 5000: limit must be 1..5000." }]);
      }
      const perCapita = args.perCapita ?? false;
      const baseline = args.compareWith ?? "PREVIOUS_PERIOD";
      const result = await answerAbout(
        ctx,
        args.unitId,
        ["comparison", args.childLevel, args.measure, args.period, perCapita, baseline],
        (root) =>
          runComparison(
            ctx.db.prisma,
            root,
            args.childLevel,
            args.measure as Measure,
            args.period,
            perCapita,
            baseline,
          ),
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
    description: "A measure of a unit's subtree bucket by bucket, zero-filled (xu hướng).",
    complexity: ANALYTICS_COMPLEXITY,
    errors: { types: errorTypes, directResult: true, union: { name: "TrendResult" } },
    args: {
      unitId: t.arg.id({ description: "Global id of the unit." }),
      measure: t.arg({ type: MeasureEnum, description: "The measure." }),
      granularity: t.arg({ type: GranularityEnum, description: "Bucket size." }),
      period: t.arg({ type: PeriodInput, description: "The period." }),
    },
    resolve: async (_root, args, ctx) => {
      fail(checkPeriod(args.period, ["period"]));
      return answerAbout(
        ctx,
        args.unitId,
        ["trend", args.measure, args.granularity, args.period],
        (root) =>
          runTrend(ctx.db.prisma, root, args.measure as Measure, args.granularity, args.period),
        (answer) => answer.points.length,
      );
    },
  }),
}));
