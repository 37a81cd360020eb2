// The `trend` query (xu hướng): one measure of a unit's subtree bucket by bucket, each bucket
// with the same bucket one year earlier.
import type { Unit } from "@d05/prisma";
import type { Measure } from "../../analytics/measures";
import type { Granularity } from "../../analytics/periods";
import {
  type PeriodFacts,
  relativeChange,
  runTrend,
  type TrendPoint,
} from "../../analytics/reports";
import { builder } from "../../builder";
import { UnitRef } from "../units";
import { analyticsField, answerAbout, periodArgs, requestedPeriod, todayOf } from "./answer";
import { MeasureEnum } from "./enums";
import { DenominatorRef } from "./members-denominator";
import { PeriodAnswerRef } from "./period";

export const GranularityEnum = builder.enumType("Granularity", {
  description: "Size of a trend's time buckets (kỳ).",
  values: {
    MONTH: { description: "Tháng: calendar months." },
    QUARTER: { description: "Quý: calendar quarters." },
    YEAR: { description: "Năm: calendar years." },
  } as const,
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

builder.queryFields((t) => ({
  trend: t.field({
    type: TrendRef,
    description:
      "A measure of a unit's subtree bucket by bucket (xu hướng). Every bucket is present; a bucket without a record of the measure's kind is not reported (value null), not 0; the bucket holding today is marked incomplete.",
    ...analyticsField("TrendResult"),
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
        (root, db, facts) =>
          runTrend(db, root, args.measure as Measure, args.granularity, period, asOf, facts),
        (answer) => answer.points.length,
      );
    },
  }),
}));
