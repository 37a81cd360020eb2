// Which rule marks the laggards of a comparison: "dưới chỉ tiêu (≥ 3)" when a target applies,
// "25% thấp nhất" otherwise. Every comparison legend and every slide says it, so a leader never
// reads an orange bar without knowing why it is orange. It asks the comparison the chart asks
// (same variables: one request, from urql's cache).
import { ComparisonQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import type { Measure, ModelSector, UnitKind } from "../lib/labels";
import type { PeriodInput } from "../lib/period";
import { laggardRuleText } from "../lib/targets";

export interface ComparisonKey {
  unitId: string;
  range: PeriodInput;
  measure: Measure;
  childLevel: UnitKind;
  perCapita: boolean;
  sector?: ModelSector | null;
}

/** The rule's line and the API's note on the period (year to date, or no yearly target). */
export function useLaggardRule(key: ComparisonKey) {
  const { t, lang } = useI18n();
  const [result] = useFreshQuery({
    query: ComparisonQuery,
    variables: {
      unitId: key.unitId,
      childLevel: key.childLevel,
      measure: key.measure,
      period: key.range,
      perCapita: key.perCapita,
      sector: key.sector ?? null,
    },
  });
  const { value } = unwrap(result.data?.comparison, "Comparison");
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
