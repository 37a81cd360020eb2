import { awardLevelColors, recipientColors, sectorColors, series } from "../charts/config";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
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
  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.overview")} <span className="muted">· {subtitle}</span>
      </h1>
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
        />
      </div>
    </LiveFiguresProvider>
  );
}
