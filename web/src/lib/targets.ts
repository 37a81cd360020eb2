// Targets on screen: "≥ 3" for a target, which laggard rule a comparison follows (said on every
// chart, table and slide), and how far a KPI has come towards its target.
import { formatNumber, type Lang } from "./format";
import type { Translate } from "./i18n";
import { label, type Measure, unitKinds } from "./labels";
import { formatMeasure } from "./measure";

export interface TargetValue {
  value: number;
  direction: "AT_LEAST" | "AT_MOST";
}

/** "≥ 3", "≤ 150", in the measure's own format. */
export function targetText(target: TargetValue, measure: Measure, lang: Lang, t: Translate) {
  const value = formatMeasure(measure, target.value, lang);
  return t(target.direction === "AT_MOST" ? "target.atMost" : "target.atLeast", { value });
}

/** One line naming the rule behind the laggard marks. */
export function laggardRuleText(
  answer: { laggardRule: "UNDER_TARGET" | "BOTTOM_QUARTER"; target: TargetValue | null },
  measure: Measure,
  lang: Lang,
  t: Translate,
): string {
  if (answer.laggardRule === "BOTTOM_QUARTER") return t("target.ruleQuartile");
  return answer.target
    ? t("target.ruleUnder", { target: targetText(answer.target, measure, lang, t) })
    : t("target.ruleUnderMixed");
}

/**
 * How much of an AT_LEAST target the value reaches, 0..1 for the bar (a value past the target
 * fills it); null for a ceiling, where "how much" is not a progress.
 */
export function targetProgress(value: number | null, target: TargetValue): number | null {
  if (target.direction === "AT_MOST" || value === null) return null;
  if (target.value <= 0) return 1;
  return Math.max(0, Math.min(1, value / target.value));
}

/** A KPI figure's targets as the overview answers them (own level, else its units' combined). */
export interface FigureTargets {
  measure: Measure;
  value: number | null;
  underTarget: boolean | null;
  targetBasis: "LEVEL" | "YEAR" | "YEAR_TO_DATE" | "NOT_A_YEAR" | null;
  target: TargetValue | null;
  combinedTarget: (TargetValue & { rule: "SUM" | "SHARED"; level: string; units: number }) | null;
}

/** What a KPI card shows of its target: the line, the bar, the mark, and where it comes from. */
export interface CardTarget {
  text: string;
  progress: number | null;
  under: boolean | null;
  /** How a combined target is made ("Chỉ tiêu: tổng chỉ tiêu của 168 xã, phường"). */
  rule?: string;
}

/**
 * The KPI card's target, when one applies to the unit's figure: its own level's, else the one
 * combined from its units' (a province's from its communes'), which the card says.
 */
export function figureTarget(
  figure: FigureTargets,
  t: Translate,
  lang: Lang,
): CardTarget | undefined {
  const applied = figure.target ?? figure.combinedTarget;
  if (!applied) return undefined;
  const target = targetText(applied, figure.measure, lang, t);
  const progress = targetProgress(figure.value, applied);
  const line =
    progress === null
      ? t("target.progressCeiling", { target })
      : t("target.progress", {
          // The share itself, past 100% when exceeded (the bar stops at full).
          percent: `${formatNumber(((figure.value ?? 0) / (applied.value || 1)) * 100, lang, 0)}%`,
          target,
        });
  const text = figure.targetBasis === "YEAR_TO_DATE" ? `${line} (${t("target.ytd")})` : line;
  const combined = figure.target ? null : figure.combinedTarget;
  return {
    text,
    progress,
    under: figure.underTarget,
    ...(combined && {
      rule: t(combined.rule === "SUM" ? "target.combinedSum" : "target.combinedShared", {
        units: formatNumber(combined.units, lang),
        level: label(unitKinds, combined.level, lang).toLocaleLowerCase(lang),
      }),
    }),
  };
}
