// Which rule marks the laggards of a comparison: "dưới chỉ tiêu (≥ 3)" when a target applies,
// "25% thấp nhất" otherwise. Every comparison legend and every slide says it, so a leader never
// reads an orange bar without knowing why it is orange. It asks the comparison the chart asks
// (same variables: one request, from urql's cache).
import { useI18n } from "../lib/i18n";
import { laggardRuleText } from "../lib/targets";
import { type ComparisonKey, useComparison } from "./comparison";

/** The rule's line and the API's note on the period (year to date, or no yearly target). */
export function useLaggardRule(key: ComparisonKey) {
  const { t, lang } = useI18n();
  const { value } = useComparison(key);
  if (!value) return null;
  return {
    rule: value.laggardRule,
    text: laggardRuleText(value, key.measure, lang, t),
    note: value.targetNote,
  };
}

/** The rule as a quiet line (with the period's note), e.g. under a slide's title. */
export function LaggardRuleNote({ className, ...key }: ComparisonKey & { className?: string }) {
  const rule = useLaggardRule(key);
  if (!rule) return null;
  return (
    <p className={className} data-laggard-rule={rule.rule}>
      {rule.text}
      {rule.note ? ` · ${rule.note}` : ""}
    </p>
  );
}
