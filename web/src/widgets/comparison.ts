// The comparison of a unit's children by one measure, as every view of it asks (the ranked bars,
// the map, the laggard rule): the same variables, so urql answers all of them from one request.
import { ComparisonQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import type { Lang } from "../lib/format";
import type { Measure, ModelSector, UnitKind } from "../lib/labels";
import { formatMeasure } from "../lib/measure";
import type { PeriodInput } from "../lib/period";

export interface ComparisonKey {
  unitId: string;
  range: PeriodInput;
  measure: Measure;
  childLevel: UnitKind;
  perCapita: boolean;
  /** One model sector: its figures and its per-sector targets. */
  sector?: ModelSector | null;
}

/** The comparison's answer (or the API's typed problem) and how to ask again. */
export function useComparison(key: ComparisonKey) {
  const [result, reexecute] = useFreshQuery({
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
  const { value, problem } = unwrap(result.data?.comparison, "Comparison");
  return { result, value, problem, retry: () => reexecute({ requestPolicy: "network-only" }) };
}

/** How a compared figure is written: per 100 members as a rate, else the measure's short form. */
export function comparedFormat(measure: Measure, perCapita: boolean, lang: Lang) {
  return (v: number) =>
    perCapita
      ? formatMeasure("ATTENDANCE_PER_100_MEMBERS", v, lang)
      : formatMeasure(measure, v, lang, { short: true });
}
