// One measure broken down by one dimension (models by sector, awards by level...), as bars or
// as a ring.
import { CategoryBarChart } from "../charts/CategoryBarChart";
import { ShareChart } from "../charts/ShareChart";
import { QueryChartFrame, queryFrame } from "../components/QueryChartFrame";
import { MetricsQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import type { VariablesOf } from "../graphql/tada";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import type { Dimension, Measure } from "../lib/labels";
import { formatMeasure } from "../lib/measure";
import type { PeriodInput } from "../lib/period";
import { categorySeries, total } from "../lib/shape";

export interface BreakdownProps {
  title: string;
  subtitle?: string;
  unitId: string;
  range: PeriodInput;
  measure: Measure;
  dimension: Dimension;
  labels: Record<string, { vi: string; en: string }>;
  colors: Record<string, string>;
  kind?: "bar" | "share";
  height?: number;
  big?: boolean;
  /** Narrows the figures (a drill on another chart of the page). */
  filters?: MetricsFilter;
  /** A click on a bar or slice (or its table row) narrows the view by that category. */
  onSelect?: (key: string) => void;
  /** The category the view is narrowed to. */
  selected?: string;
  /** Bar labels above their bars (a phone-sized slide). */
  stacked?: boolean;
}

export type MetricsFilter = NonNullable<VariablesOf<typeof MetricsQuery>["input"]["filters"]>;

export function BreakdownWidget({
  title,
  subtitle,
  unitId,
  range,
  measure,
  dimension,
  labels,
  colors,
  kind = "bar",
  height,
  big,
  filters,
  onSelect,
  selected,
  stacked,
}: BreakdownProps) {
  const { lang, t } = useI18n();
  const write = (v: number) => formatMeasure(measure, v, lang, { short: true });
  const query = useFreshQuery({
    query: MetricsQuery,
    variables: {
      input: {
        unitId,
        measures: [measure],
        dimensions: [dimension],
        period: range,
        ...(filters ? { filters } : {}),
      },
    },
  });
  const { value, problem } = unwrap(query[0].data?.metrics, "Metrics");
  const data = value ? categorySeries(value.rows, dimension, labels, lang) : undefined;
  const empty = !!data && total(data) === 0;
  // What the bars and the ring both take.
  const chart = { data: data ?? [], colors, lang, big, onSelect, selected, stacked };
  return (
    <QueryChartFrame
      {...queryFrame(query, problem, data, empty)}
      minHeight={height}
      title={title}
      subtitle={subtitle}
      height={height}
      table={data && { labelHead: t("chart.item"), rows: data, format: write, onSelect }}
    >
      {kind === "share" ? (
        <ShareChart {...chart} />
      ) : (
        <CategoryBarChart {...chart} name={title} format={write} />
      )}
    </QueryChartFrame>
  );
}
