// What targets add to the analytics answers: a comparison's laggard rule and reference line, each
// row's target and marks, each KPI figure's target. The answers are decorated by
// analytics/targets.ts after they leave the analytics cache; these fields read the decoration.
import {
  type AppliedTarget,
  basisNote,
  type CombinedTarget,
  type ComparisonTargets,
  type TargetBasis,
  type TargetMarks,
} from "../analytics/targets";
import { builder } from "../builder";
import { ComparisonRef, ComparisonRowRef, FigureRef } from "./analytics";
import { globalId } from "./common";
import { UnitKindEnum } from "./enums";
import { TargetDirectionEnum } from "./targets";

const LaggardRuleEnum = builder.enumType("LaggardRule", {
  description: "How a comparison marks the units that lag (đơn vị chậm).",
  values: {
    UNDER_TARGET: {
      description:
        "Dưới chỉ tiêu: a target applies; a unit lags when its figure misses its target (or it reported nothing).",
    },
    BOTTOM_QUARTER: {
      description: "Nhóm thấp nhất: no target applies; the lowest quarter of the ranking lags.",
    },
  } as const,
});

const TargetBasisEnum = builder.enumType("TargetBasis", {
  description: "How the period's figure meets a target.",
  values: {
    LEVEL: { description: "A stock or rate: the level on the period's last day counted." },
    YEAR: { description: "A flow over one whole calendar year: the yearly target." },
    YEAR_TO_DATE: {
      description:
        "A flow over a calendar year not yet ended: the year-to-date figure against the whole year's target.",
    },
    NOT_A_YEAR: {
      description: "A flow over a span other than one calendar year: yearly targets do not apply.",
    },
  } as const,
});

type Decorated = Partial<ComparisonTargets>;
type MarkedRow = Partial<TargetMarks>;
type TargetedFigure = {
  target?: AppliedTarget | null;
  combinedTarget?: CombinedTarget | null;
  targetBasis?: TargetBasis;
  underTarget?: boolean | null;
};

const AppliedTargetRef = builder.objectRef<AppliedTarget>("AppliedTarget").implement({
  description: "The target that applies to a figure: the nearest setter's.",
  fields: (t) => ({
    id: t.id({ description: "Global id of the Target.", resolve: (a) => globalId("Target", a.id) }),
    setterId: t.id({
      description: "Global id of the unit that set it.",
      resolve: (a) => globalId("Unit", a.unitId),
    }),
    value: t.exposeFloat("value", { description: "The target value." }),
    direction: t.expose("direction", {
      type: TargetDirectionEnum,
      description: "Floor or ceiling.",
    }),
  }),
});

const TargetCombinationEnum = builder.enumType("TargetCombination", {
  description: "How a unit's target is made of its units' targets (chỉ tiêu tổng hợp).",
  values: {
    SUM: {
      description:
        "Tổng chỉ tiêu: a count (sessions, models…); the units' targets added up, as their figures are.",
    },
    SHARED: {
      description:
        "Chỉ tiêu chung: a rate or a figure per 100 members, never summed; the one value every unit holds.",
    },
  } as const,
});

const CombinedTargetRef = builder.objectRef<CombinedTarget>("CombinedTarget").implement({
  description:
    "A unit's target made of the targets of all its units of one level (e.g. a province's from its communes'), when none is set for its own level.",
  fields: (t) => ({
    value: t.exposeFloat("value", { description: "The combined target value." }),
    direction: t.expose("direction", {
      type: TargetDirectionEnum,
      description: "Floor or ceiling (all the units' targets share it).",
    }),
    rule: t.expose("rule", {
      type: TargetCombinationEnum,
      description: "Summed (a count) or shared (a rate).",
    }),
    level: t.expose("level", {
      type: UnitKindEnum,
      description: "Kind of the units whose targets are combined, e.g. COMMUNE.",
    }),
    units: t.exposeInt("units", {
      description:
        "How many units: every one of that level in the subtree that exists on the period's last day.",
    }),
  }),
});

builder.objectFields(ComparisonRef, (t) => ({
  laggardRule: t.field({
    type: LaggardRuleEnum,
    description: "Which rule the rows' `laggard` marks follow: say it on every chart and slide.",
    resolve: (c) => (c as Decorated).laggardRule ?? "BOTTOM_QUARTER",
  }),
  target: t.field({
    type: AppliedTargetRef,
    nullable: true,
    description:
      "The target every row shares (drawn as a reference line); null when none applies or the rows' targets differ (see each row's target).",
    resolve: (c) => (c as Decorated).target ?? null,
  }),
  targetBasis: t.field({
    type: TargetBasisEnum,
    description: "How the period's figures meet targets.",
    resolve: (c) => (c as Decorated).targetBasis ?? "LEVEL",
  }),
  targetNote: t.string({
    nullable: true,
    description:
      "What to say about targets for this period (year to date against the year's target; no yearly target for another span), in the caller's language.",
    resolve: (c, _args, ctx) => {
      const note = basisNote((c as Decorated).targetBasis ?? "LEVEL");
      return note ? note[ctx.lang === "en" ? "en" : "vi"] : null;
    },
  }),
}));

builder.objectFields(ComparisonRowRef, (t) => ({
  target: t.field({
    type: AppliedTargetRef,
    nullable: true,
    description: "The target that applies to this unit (nearest setter up the tree); null if none.",
    resolve: (r) => (r as MarkedRow).target ?? null,
  }),
  underTarget: t.boolean({
    nullable: true,
    description:
      "True when the figure misses the target (below an AT_LEAST, above an AT_MOST); null without a target or without a reported figure.",
    resolve: (r) => (r as MarkedRow).underTarget ?? null,
  }),
  laggard: t.boolean({
    description: "Lags under the comparison's laggardRule (dưới chỉ tiêu, or nhóm thấp nhất).",
    resolve: (r) => (r as MarkedRow).laggard ?? r.quartile === 4,
  }),
}));

builder.objectFields(FigureRef, (t) => ({
  target: t.field({
    type: AppliedTargetRef,
    nullable: true,
    description:
      "The target that applies to the unit itself for this measure (set for its own level by it or the nearest ancestor); null if none, and for a flow over a span other than one calendar year.",
    resolve: (f) => (f as TargetedFigure).target ?? null,
  }),
  combinedTarget: t.field({
    type: CombinedTargetRef,
    nullable: true,
    description:
      "When no target is set for the unit's own level: the targets of its units of the nearest level below where every unit (existing on the period's last day) has one of the same direction, summed for a count, the shared value for a rate (none when the rates differ or some unit has none). Null when `target` applies.",
    resolve: (f) => (f as TargetedFigure).combinedTarget ?? null,
  }),
  underTarget: t.boolean({
    nullable: true,
    description:
      "True when the value misses `target`, else `combinedTarget`; null without either or without a value.",
    resolve: (f) => (f as TargetedFigure).underTarget ?? null,
  }),
  targetBasis: t.field({
    type: TargetBasisEnum,
    nullable: true,
    description: "How the value meets the target (YEAR_TO_DATE: the year has not ended).",
    resolve: (f) => (f as TargetedFigure).targetBasis ?? null,
  }),
}));
