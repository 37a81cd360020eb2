import { awardLevelColors, palette, recipientColors } from "../charts/config";
import { columnsOf } from "../components/columns";
import { RecordActions } from "../components/RecordActions";
import { RecordList } from "../components/RecordList";
import { type AwardNode, AwardsQuery } from "../graphql/records";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useI18n } from "../lib/i18n";
import { awardForms, awardLevels, label, recipientKinds } from "../lib/labels";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";

const formColors = {
  ORDER: palette.red,
  CERTIFICATE_OF_MERIT: palette.gold,
  COMMENDATION: palette.blue,
  EMULATION_TITLE: palette.teal,
  EXEMPLARY: palette.purple,
};

export function Awards() {
  const { t, lang } = useI18n();
  const { unitId, range, period } = useDashboardParams();
  const subtitle = periodLabel(period, lang);
  const common = { unitId, range, subtitle, measure: "AWARDS" as const };
  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.awards")} <span className="muted">· {subtitle}</span>
      </h1>
      <div className="grid grid-3">
        <BreakdownWidget
          {...common}
          title={t("awards.byLevel")}
          dimension="AWARD_LEVEL"
          labels={awardLevels}
          colors={awardLevelColors}
        />
        <BreakdownWidget
          {...common}
          title={t("awards.byForm")}
          dimension="AWARD_FORM"
          labels={awardForms}
          colors={formColors}
        />
        <BreakdownWidget
          {...common}
          title={t("awards.byRecipient")}
          dimension="RECIPIENT_KIND"
          labels={recipientKinds}
          colors={recipientColors}
          kind="share"
        />
      </div>
      <AwardList unitId={unitId} from={range.from} to={range.to} />
    </LiveFiguresProvider>
  );
}

function AwardList({ unitId, from, to }: { unitId: string; from: string; to: string }) {
  const { t, lang } = useI18n();
  const column = columnsOf<AwardNode>(lang);
  return (
    <RecordList
      query={AwardsQuery}
      variables={{ filter: { underUnitId: unitId, from, to } }}
      page={(data) => data.awards}
      title={t("awards.title")}
      rowKey={(a) => a.id}
      columns={[
        column.date("date", t("awards.date"), (a) => a.awardedOn),
        column.text("recipient", t("awards.recipient"), (a) => a.recipientName),
        column.label("kind", t("field.recipientKind"), recipientKinds, (a) => a.recipientKind),
        column.number("count", t("awards.count"), (a) => a.recipientCount),
        column.label("level", t("field.level"), awardLevels, (a) => a.level),
        column.label("form", t("field.form"), awardForms, (a) => a.form),
        column.text("unit", t("models.unit"), (a) => a.unit.name),
      ]}
      actions={(a, refresh) => (
        <RecordActions
          kind="award"
          row={a}
          name={a.recipientName ?? label(recipientKinds, a.recipientKind, lang)}
          unitId={unitId}
          onChanged={refresh}
        />
      )}
    />
  );
}
