// Targets on screen: "≥ 3" for a target, which laggard rule a comparison follows (said on every
// chart, table and slide), and how far a KPI has come towards its target.
import type { Lang } from "./format";
import type { useI18n } from "./i18n";
import type { Measure } from "./labels";
import { formatMeasure } from "./measure";

type Translate = ReturnType<typeof useI18n>["t"];

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
