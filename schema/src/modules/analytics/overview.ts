// The `overview` query (tổng quan): the KPI figures of a unit's subtree for a period, each with
// its value in the previous period.
import type { Unit } from "@d05/prisma";
import {
  type Denominator,
  type Figure,
  type PeriodFacts,
  runOverview,
} from "../../analytics/reports";
import { withOverviewTargets } from "../../analytics/targets";
import { builder } from "../../builder";
import { UnitRef } from "../units";
import { analyticsField, answerAbout, periodArgs, requestedPeriod, todayOf } from "./answer";
import { MeasureEnum } from "./enums";
import { DenominatorRef } from "./members-denominator";
import { PeriodAnswerRef } from "./period";

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

builder.queryFields((t) => ({
  overview: t.field({
    type: OverviewRef,
    description:
      "KPI figures of a unit's subtree for a period, with the previous period (tổng quan). A period that has not ended is counted up to today and compared with the same span of the previous one (cùng kỳ): see PeriodAnswer.",
    ...analyticsField("OverviewResult"),
    args: {
      unitId: t.arg.id({ description: "Global id of the unit." }),
      ...periodArgs,
    },
    resolve: async (_root, args, ctx) => {
      const asOf = todayOf(ctx);
      const period = requestedPeriod(args, asOf);
      // The targets are part of the cached answer: a target's change event names every unit
      // whose answers show it (modules/targets.ts, shownOn), which retires them.
      return answerAbout(ctx, args.unitId, ["overview", period, asOf], async (root, db, facts) =>
        withOverviewTargets(facts, await runOverview(db, root, period, asOf, facts)),
      );
    },
  }),
}));
