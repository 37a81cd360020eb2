// The comparison as a map: the same query and variables as ComparisonChartWidget (urql serves
// both from one request), drawn by map/ChoroplethMap. Used by So sánh and by the "map" slide.
import { DataState } from "../components/DataState";
import { useI18n } from "../lib/i18n";
import { measureLabel } from "../lib/measure";
import { ChoroplethMap } from "../map/ChoroplethMap";
import { choropleth } from "../map/choropleth";
import { type ComparisonKey, comparedFormat, useComparison } from "./comparison";

interface Props extends ComparisonKey {
  subtitle?: string;
  onSelect?: (unitId: string) => void;
  height: number;
  big?: boolean;
}

export function MapWidget({ subtitle, onSelect, height, big, ...key }: Props) {
  const { t, lang } = useI18n();
  const { measure, perCapita } = key;
  const { result, value, problem, retry } = useComparison(key);
  const title = `${t("map.title")}: ${measureLabel(measure, lang)}${perCapita ? ` (${t("comparison.per100")})` : ""}`;
  const format = comparedFormat(measure, perCapita, lang);
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
        onRetry={retry}
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
