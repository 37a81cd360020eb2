// The comparison as a map: the same query and variables as ComparisonChartWidget (urql serves
// both from one request), drawn by map/ChoroplethMap. Used by So sánh and by the "map" slide.
import { DataState } from "../components/DataState";
import { ComparisonQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import type { Measure, ModelSector, UnitKind } from "../lib/labels";
import { formatMeasure, measureLabel } from "../lib/measure";
import type { PeriodInput } from "../lib/period";
import { ChoroplethMap } from "../map/ChoroplethMap";
import { choropleth } from "../map/choropleth";

interface Props {
  unitId: string;
  range: PeriodInput;
  measure: Measure;
  childLevel: UnitKind;
  perCapita: boolean;
  /** One model sector, as the comparison beside it. */
  sector?: ModelSector | null;
  subtitle?: string;
  onSelect?: (unitId: string) => void;
  height: number;
  big?: boolean;
}

export function MapWidget({
  unitId,
  range,
  measure,
  childLevel,
  perCapita,
  sector = null,
  subtitle,
  onSelect,
  height,
  big,
}: Props) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ComparisonQuery,
    variables: { unitId, childLevel, measure, period: range, perCapita, sector },
  });
  const { value, problem } = unwrap(result.data?.comparison, "Comparison");
  const title = `${t("map.title")}: ${measureLabel(measure, lang)}${perCapita ? ` (${t("comparison.per100")})` : ""}`;
  const format = (v: number) =>
    perCapita
      ? formatMeasure("ATTENDANCE_PER_100_MEMBERS", v, lang)
      : formatMeasure(measure, v, lang, { short: true });
  return (
    <figure className="card chart map-card" aria-label={title}>
      <figcaption className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {subtitle && <p className="card-subtitle">{subtitle}</p>}
        </div>
      </figcaption>
      <DataState
        fetching={result.fetching}
        error={result.error}
        problem={problem}
        data={value?.rows}
        isEmpty={(rows) => rows.length === 0}
        onRetry={() => reexecute({ requestPolicy: "network-only" })}
        minHeight={height}
      >
        {(rows) => (
          <ChoroplethMap
            data={choropleth(rows, perCapita)}
            format={format}
            onSelect={onSelect}
            big={big}
            height={height}
            underTarget={value?.laggardRule === "UNDER_TARGET"}
          />
        )}
      </DataState>
    </figure>
  );
}
