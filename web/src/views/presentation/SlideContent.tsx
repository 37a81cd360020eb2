// What one slide shows under its title: the figure cards, the trend, a breakdown, the ranked
// comparison (one page of it) or the map, each filling the height the slide has left.
import { series } from "../../charts/config";
import { useI18n } from "../../lib/i18n";
import { BreakdownWidget } from "../../widgets/BreakdownWidget";
import { breakdowns } from "../../widgets/breakdowns";
import { ComparisonChartWidget } from "../../widgets/ComparisonWidget";
import type { ComparisonKey } from "../../widgets/comparison";
import { KpiGrid } from "../../widgets/KpiGrid";
import { MapWidget } from "../../widgets/MapWidget";
import { TrendWidget } from "../../widgets/TrendWidget";
import styles from "../Presentation.module.css";
import { RankLegend } from "./RankLegend";
import type { SlideFilters } from "./slideFilters";
import type { SlideId } from "./slides";
import type { ComparePaging } from "./useComparePaging";

/** The breakdown each breakdown slide shows. */
const slideBreakdowns = {
  sectors: "modelsBySector",
  awards: "awardsByLevel",
  recipients: "awardsByRecipient",
} as const;

interface Props {
  slide: SlideId;
  /** The comparison the slide's entry shows (its unit, period, measure, level). */
  comparison: ComparisonKey;
  compare: ComparePaging;
  laggardRule?: "UNDER_TARGET" | "BOTTOM_QUARTER";
  /** The entry's drill filters this slide applies. */
  narrowed: SlideFilters;
  chartHeight: number;
  mapHeight: number;
  stacked: boolean;
  onMapSelect: (unitId: string) => void;
}

export function SlideContent({
  slide,
  comparison,
  compare,
  laggardRule,
  narrowed,
  chartHeight,
  mapHeight,
  stacked,
  onMapSelect,
}: Props) {
  const { t } = useI18n();
  const { unitId, range } = comparison;
  switch (slide) {
    case "kpi":
      return (
        <KpiGrid
          unitId={unitId}
          range={range}
          size="huge"
          measures={[
            "SESSIONS",
            "ATTENDANCE",
            "MODELS_ACTIVE",
            "CONTRIBUTION_VND",
            "AWARDS",
            "COMMITMENTS_REGISTERED",
          ]}
        />
      );
    case "trend":
      return (
        <TrendWidget
          title={t("overview.trend")}
          unitId={unitId}
          range={range}
          measure="ATTENDANCE"
          color={series.attendance.color}
          height={chartHeight}
          big
        />
      );
    case "sectors":
    case "awards":
    case "recipients": {
      const breakdown = breakdowns[slideBreakdowns[slide]];
      return (
        <BreakdownWidget
          {...breakdown}
          title={t(breakdown.title)}
          unitId={unitId}
          range={range}
          filters={narrowed.metrics}
          selected={narrowed.selected}
          stacked={stacked}
          height={chartHeight}
          big
        />
      );
    }
    case "compare":
      return (
        <div className={styles.compare}>
          <p className={styles.pageLine} data-page={compare.index + 1} data-pages={compare.count}>
            <PageLine compare={compare} />
          </p>
          <div ref={compare.ref} className={styles.fill}>
            <ComparisonChartWidget
              {...comparison}
              height={compare.chartHeight}
              perPage={compare.perPage}
              page={compare.index}
              onTotal={compare.setTotal}
              stacked={stacked}
              big
            />
          </div>
          <RankLegend rule={laggardRule} />
        </div>
      );
    case "map":
      return <MapWidget {...comparison} height={mapHeight} onSelect={onMapSelect} big />;
  }
}

/** "Hạng 1–12/40 · Trang 1/4": which ranks this page shows. */
function PageLine({ compare: { paging, index, count } }: { compare: ComparePaging }) {
  const { t } = useI18n();
  if (!paging) return null;
  return (
    <>
      {`${t("present.ranks")} ${paging.from + 1}–${paging.to}/${paging.total}` +
        (count > 1 ? ` · ${t("present.page")} ${index + 1}/${count}` : "")}
    </>
  );
}
