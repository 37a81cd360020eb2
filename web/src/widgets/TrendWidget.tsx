import { TrendChart } from "../charts/TrendChart";
import { QueryChartFrame, queryFrame } from "../components/QueryChartFrame";
import { type Granularity, TrendQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import { formatChange, formatDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { Measure } from "../lib/labels";
import { formatMeasure } from "../lib/measure";
import type { PeriodInput } from "../lib/period";
import { relativeChange, type TrendSeriesPoint, trendSeries } from "../lib/shape";

interface Props {
  title: string;
  subtitle?: string;
  unitId: string;
  range: PeriodInput;
  measure: Measure;
  color: string;
  granularity?: Granularity;
  height?: number;
  big?: boolean;
  /** A click on a point (or its table row) narrows the view to that bucket's start day. */
  onSelect?: (start: string) => void;
}

export function TrendWidget({
  title,
  subtitle,
  unitId,
  range,
  measure,
  color,
  granularity = "MONTH",
  height,
  big,
  onSelect,
}: Props) {
  const { lang, t } = useI18n();
  const write = (v: number) => formatMeasure(measure, v, lang, { short: true });
  const query = useFreshQuery({
    query: TrendQuery,
    variables: { unitId, measure, granularity, period: range },
  });
  const { value, problem } = unwrap(query[0].data?.trend, "Trend");
  const data = value ? trendSeries(value.points, lang, granularity) : undefined;
  const empty = !!data && data.every((p) => !p.value && !p.running);
  const running = value?.points.find((p) => !p.complete && p.reported);
  const notes = {
    notReported: t("trend.notReported"),
    unfinished: t("trend.unfinished", { date: running ? formatDate(running.to) : "" }),
    // The same bucket a year earlier over the same span (cùng kỳ), as the API compares them.
    lastYear: ({ lastYear, value, running }: TrendSeriesPoint) => {
      const now = value ?? running;
      return t("trend.lastYear", {
        label: lastYear?.label ?? "",
        value:
          lastYear?.value === null || lastYear?.value === undefined
            ? t("trend.notReported")
            : formatMeasure(measure, lastYear.value, lang),
        change: formatChange(relativeChange(now, lastYear?.value ?? null), lang),
      });
    },
  };
  return (
    <QueryChartFrame
      {...queryFrame(query, problem, data, empty)}
      minHeight={height}
      title={title}
      subtitle={subtitle}
      height={height}
      table={
        data && {
          labelHead: t("chart.period"),
          // A running bucket is read with its note, as the tooltip says it.
          rows: data.map((point) => ({
            label: point.complete ? point.label : `${point.label} (${notes.unfinished})`,
            value: point.complete ? point.value : point.running,
            key: point.start,
          })),
          format: write,
          onSelect,
        }
      }
    >
      <TrendChart
        data={data ?? []}
        color={color}
        name={title}
        lang={lang}
        big={big}
        format={write}
        notes={notes}
        onSelect={onSelect}
      />
    </QueryChartFrame>
  );
}
