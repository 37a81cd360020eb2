import { series } from "../charts/config";
import { FilterChips } from "../components/FilterChips";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import { type DrillParam, monthOf } from "../lib/drill";
import { useI18n } from "../lib/i18n";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";
import { breakdowns } from "../widgets/breakdowns";
import { KpiGrid } from "../widgets/KpiGrid";
import { TrendWidget } from "../widgets/TrendWidget";

/** The breakdowns beside the trend, each leading to the page whose list its category narrows. */
const drills: { breakdown: keyof typeof breakdowns; param: DrillParam; page: string }[] = [
  { breakdown: "modelsBySector", param: "sector", page: "/mo-hinh" },
  { breakdown: "awardsByLevel", param: "awardLevel", page: "/khen-thuong" },
  { breakdown: "awardsByRecipient", param: "recipient", page: "/khen-thuong" },
];

export function Overview() {
  const { t, lang } = useI18n();
  const { unitId, range, period } = useDashboardParams();
  const subtitle = periodLabel(period, lang);
  const drill = useDrill();
  // A month narrows this page's figures; a sector or an award category leads to its own page,
  // whose list it narrows (a Grafana data link).
  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.overview")} <span className="muted">· {subtitle}</span>
      </h1>
      <FilterChips filters={[]} />
      <section aria-label={t("overview.figures")}>
        <KpiGrid unitId={unitId} range={range} />
      </section>
      <div className="grid grid-2">
        <TrendWidget
          title={t("overview.trend")}
          subtitle={subtitle}
          unitId={unitId}
          range={range}
          measure="ATTENDANCE"
          color={series.attendance.color}
          onSelect={(start) => {
            const month = monthOf(start);
            if (month) drill.narrowToMonth(month);
          }}
        />
        {drills.map(({ breakdown, param, page }) => (
          <BreakdownWidget
            key={breakdown}
            {...breakdowns[breakdown]}
            title={t(breakdowns[breakdown].title)}
            subtitle={subtitle}
            unitId={unitId}
            range={range}
            onSelect={(key) => drill.narrow(param, key, page)}
          />
        ))}
      </div>
    </LiveFiguresProvider>
  );
}
