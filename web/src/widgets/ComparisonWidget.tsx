import { useEffect } from "react";
import { ChartFrame } from "../charts/ChartFrame";
import { RankedBarChart } from "../charts/RankedBarChart";
import { DataState } from "../components/DataState";
import { ComparisonQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import type { Measure, ModelSector, UnitKind } from "../lib/labels";
import { formatMeasure, measureLabel } from "../lib/measure";
import { niceCeiling, slidePage } from "../lib/paging";
import type { PeriodInput } from "../lib/period";
import { rankedBars } from "../lib/shape";
import { targetText } from "../lib/targets";

interface Props {
  unitId: string;
  range: PeriodInput;
  measure: Measure;
  childLevel: UnitKind;
  perCapita: boolean;
  /** One model sector: its figures and its per-sector targets. */
  sector?: ModelSector | null;
  subtitle?: string;
  onSelect?: (unitId: string) => void;
  height?: number;
  big?: boolean;
  /**
   * A slide shows one page of at most this many bars, each named with its rank; `page` picks it
   * and `onTotal` tells the slide how many units there are, so it can page through all of them.
   */
  perPage?: number;
  page?: number;
  onTotal?: (total: number) => void;
  /** Names above the bars (a phone-sized slide). */
  stacked?: boolean;
}

/** Units ranked by a measure, as bars; used by So sánh and by the slides. */
export function ComparisonChartWidget({
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
  perPage,
  page = 0,
  onTotal,
  stacked,
}: Props) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ComparisonQuery,
    variables: { unitId, childLevel, measure, period: range, perCapita, sector },
  });
  const { value, problem } = unwrap(result.data?.comparison, "Comparison");
  // A target is in the measure's unit: its line belongs on the raw figures, not per 100 members.
  const line =
    value?.target && (!perCapita || measure === "ATTENDANCE_PER_100_MEMBERS")
      ? {
          value: value.target.value,
          label: `${t("target.line")} ${targetText(value.target, measure, lang, t)}`,
        }
      : undefined;
  const bars = value ? rankedBars(value.rows, perCapita) : undefined;
  const total = bars?.length;
  useEffect(() => {
    if (total !== undefined) onTotal?.(total);
  }, [total, onTotal]);
  const paging = bars && perPage ? slidePage(bars.length, perPage, page) : undefined;
  const shown = paging
    ? bars
        ?.slice(paging.from, paging.to)
        .map((bar) => ({ ...bar, name: `${bar.rank ?? "–"}. ${bar.name}` }))
    : bars;
  const title = `${measureLabel(measure, lang)}${perCapita ? ` (${t("comparison.per100")})` : ""}`;
  const state =
    !shown || shown.length === 0 ? (
      <DataState
        fetching={result.fetching}
        error={result.error}
        problem={problem}
        data={shown}
        isEmpty={(list) => list.length === 0}
        onRetry={() => reexecute({ requestPolicy: "network-only" })}
        minHeight={height}
      >
        {() => null}
      </DataState>
    ) : undefined;
  const barHeight = big ? 44 : 28;
  const write = (v: number) =>
    perCapita
      ? formatMeasure("ATTENDANCE_PER_100_MEMBERS", v, lang)
      : formatMeasure(measure, v, lang, { short: true });
  return (
    <ChartFrame
      title={title}
      subtitle={subtitle}
      height={height ?? Math.max(240, (shown?.length ?? 6) * barHeight + 60)}
      state={state}
      table={
        shown && {
          labelHead: t("comparison.unit"),
          rows: shown.map((bar) => ({
            label: bar.name,
            value: bar.value,
            note: bar.status === "notReported" ? t("comparison.notReported") : undefined,
            mark:
              bar.status === "lowest"
                ? t(value?.laggardRule === "UNDER_TARGET" ? "target.under" : "comparison.lowest")
                : undefined,
          })),
          format: write,
        }
      }
    >
      <RankedBarChart
        data={shown ?? []}
        name={title}
        lang={lang}
        big={big}
        stacked={stacked}
        onSelect={onSelect}
        maxValue={
          paging ? niceCeiling(Math.max(0, ...(bars ?? []).map((bar) => bar.value))) : undefined
        }
        format={write}
        target={line}
      />
    </ChartFrame>
  );
}
