import { awardLevelColors, recipientColors, sectorColors, series } from "../charts/config";
import { FilterChips } from "../components/FilterChips";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import { monthOf } from "../lib/drill";
import { useI18n } from "../lib/i18n";
import { awardLevels, recipientKinds, sectors } from "../lib/labels";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";
import { KpiGrid } from "../widgets/KpiGrid";
import { TrendWidget } from "../widgets/TrendWidget";

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
        <BreakdownWidget
          title={t("overview.modelsBySector")}
          subtitle={subtitle}
          unitId={unitId}
          range={range}
          measure="MODELS_ACTIVE"
          dimension="SECTOR"
          labels={sectors}
          colors={sectorColors}
          onSelect={(key) => drill.narrow("sector", key, "/mo-hinh")}
        />
        <BreakdownWidget
          title={t("overview.awardsByLevel")}
          subtitle={subtitle}
          unitId={unitId}
          range={range}
          measure="AWARDS"
          dimension="AWARD_LEVEL"
          labels={awardLevels}
          colors={awardLevelColors}
          onSelect={(key) => drill.narrow("awardLevel", key, "/khen-thuong")}
        />
        <BreakdownWidget
          title={t("overview.awardsByRecipient")}
          subtitle={subtitle}
          unitId={unitId}
          range={range}
          measure="AWARDS"
          dimension="RECIPIENT_KIND"
          labels={recipientKinds}
          colors={recipientColors}
          kind="share"
          onSelect={(key) => drill.narrow("recipient", key, "/khen-thuong")}
        />
      </div>
    </LiveFiguresProvider>
  );
}
