import { useEffect } from "react";
import { RankedBarChart } from "../charts/RankedBarChart";
import { QueryChartFrame } from "../components/QueryChartFrame";
import { useI18n } from "../lib/i18n";
import { measureLabel } from "../lib/measure";
import { niceCeiling, slidePage } from "../lib/paging";
import { rankedBars } from "../lib/shape";
import { targetText } from "../lib/targets";
import { type ComparisonKey, comparedFormat, useComparison } from "./comparison";

interface Props extends ComparisonKey {
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
  subtitle,
  onSelect,
  height,
  big,
  perPage,
  page = 0,
  onTotal,
  stacked,
  ...key
}: Props) {
  const { t, lang } = useI18n();
  const { measure, perCapita } = key;
  const { result, value, problem, retry } = useComparison(key);
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
  const barHeight = big ? 44 : 28;
  const write = comparedFormat(measure, perCapita, lang);
  return (
    <QueryChartFrame
      result={result}
      problem={problem}
      data={shown}
      empty={shown?.length === 0}
      onRetry={retry}
      minHeight={height}
      title={title}
      subtitle={subtitle}
      height={height ?? Math.max(240, (shown?.length ?? 6) * barHeight + 60)}
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
    </QueryChartFrame>
  );
}
