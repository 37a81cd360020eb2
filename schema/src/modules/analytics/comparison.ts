// The `comparison` query (so sánh): the units of one kind under a root, ranked by one measure.
import type { Unit, UnitKind } from "@d05/prisma";
import { MEASURE_DEFINITIONS, type Measure, SOURCE_FILTERS } from "../../analytics/measures";
import { type ComparisonRow, type PeriodFacts, runComparison } from "../../analytics/reports";
import { withComparisonTargets } from "../../analytics/targets";
import { builder } from "../../builder";
import { issueOf } from "../../errors";
import { ModelSectorEnum, UnitKindEnum } from "../enums";
import { UnitRef } from "../units";
import { analyticsField, answerAbout, fail, periodArgs, requestedPeriod, todayOf } from "./answer";
import { ComparisonBaselineEnum, MeasureEnum } from "./enums";
import { DenominatorRef } from "./members-denominator";
import { PeriodAnswerRef } from "./period";

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

/** Whether a measure's figures can be narrowed to one model sector. */
function canFilterBySector(measure: Measure): boolean {
  return SOURCE_FILTERS[MEASURE_DEFINITIONS[measure].source].includes("sectors");
}

builder.queryFields((t) => ({
  comparison: t.field({
    type: ComparisonRef,
    description:
      "Ranks the units of one kind under a root by a measure (so sánh). Lists the units that exist on the last day of the period; a merged unit's figures count toward its successor (the first unit along its successor chain that exists then), so years stay comparable.",
    ...analyticsField("ComparisonResult"),
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
        (root, db, facts) => {
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
            facts,
          ).then((answer) => withComparisonTargets(facts, answer, sector));
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
}));
