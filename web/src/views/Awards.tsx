import { awardLevelColors, palette, recipientColors } from "../charts/config";
import { columnsOf } from "../components/columns";
import { FilterChips } from "../components/FilterChips";
import { RecordActions } from "../components/RecordActions";
import { RecordList } from "../components/RecordList";
import { type AwardNode, AwardsQuery } from "../graphql/records";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import type { DrillParam } from "../lib/drill";
import { useI18n } from "../lib/i18n";
import {
  type AwardForm,
  type AwardGround,
  type AwardLevel,
  awardForms,
  awardGrounds,
  awardLevels,
  label,
  type RecipientKind,
  recipientKinds,
} from "../lib/labels";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";

const formColors = {
  ORDER: palette.red,
  CERTIFICATE_OF_MERIT: palette.gold,
  COMMENDATION: palette.blue,
  EMULATION_TITLE: palette.teal,
  EXEMPLARY: palette.purple,
};

const groundColors = {
  YEAR_THEME: palette.red,
  MODEL_PROGRAMME: palette.teal,
  EMULATION_TARGETS: palette.blue,
  OTHER: palette.purple,
};

export function Awards() {
  const { t, lang } = useI18n();
  const { unitId, range, period } = useDashboardParams();
  const drill = useDrill();
  const chosen: Chosen = {
    level: drill.value<AwardLevel>("awardLevel"),
    form: drill.value<AwardForm>("awardForm"),
    recipientKind: drill.value<RecipientKind>("recipient"),
    ground: drill.value<AwardGround>("ground"),
  };
  const subtitle = periodLabel(period, lang);
  const common = { unitId, range, subtitle, measure: "AWARDS" as const };
  // Each chart is narrowed by the other charts' drills, not its own: its bars stay there to
  // choose another value (Metabase's cross-filtering).
  const chart = (own: keyof Chosen, param: DrillParam) => ({
    filters: metricsFilter({ ...chosen, [own]: undefined }),
    selected: chosen[own],
    onSelect: (key: string) => drill.narrow(param, key),
  });
  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.awards")} <span className="muted">· {subtitle}</span>
      </h1>
      <FilterChips filters={["awardLevel", "awardForm", "recipient", "ground"]} />
      <div className="grid grid-2">
        <BreakdownWidget
          {...common}
          {...chart("level", "awardLevel")}
          title={t("awards.byLevel")}
          dimension="AWARD_LEVEL"
          labels={awardLevels}
          colors={awardLevelColors}
        />
        <BreakdownWidget
          {...common}
          {...chart("form", "awardForm")}
          title={t("awards.byForm")}
          dimension="AWARD_FORM"
          labels={awardForms}
          colors={formColors}
        />
        <BreakdownWidget
          {...common}
          {...chart("ground", "ground")}
          title={t("awards.byGround")}
          dimension="AWARD_GROUND"
          labels={awardGrounds}
          colors={groundColors}
        />
        <BreakdownWidget
          {...common}
          {...chart("recipientKind", "recipient")}
          title={t("awards.byRecipient")}
          dimension="RECIPIENT_KIND"
          labels={recipientKinds}
          colors={recipientColors}
          kind="share"
        />
      </div>
      <AwardList unitId={unitId} from={range.from} to={range.to} chosen={chosen} />
    </LiveFiguresProvider>
  );
}

interface Chosen {
  level?: AwardLevel;
  form?: AwardForm;
  recipientKind?: RecipientKind;
  ground?: AwardGround;
}

function metricsFilter(chosen: Chosen) {
  return {
    ...(chosen.level ? { awardLevels: [chosen.level] } : {}),
    ...(chosen.form ? { awardForms: [chosen.form] } : {}),
    ...(chosen.recipientKind ? { recipientKinds: [chosen.recipientKind] } : {}),
    ...(chosen.ground ? { awardGrounds: [chosen.ground] } : {}),
  };
}

function AwardList({
  unitId,
  from,
  to,
  chosen,
}: {
  unitId: string;
  from: string;
  to: string;
  chosen: Chosen;
}) {
  const { t, lang } = useI18n();
  const column = columnsOf<AwardNode>(lang);
  return (
    <RecordList
      query={AwardsQuery}
      variables={{ filter: { underUnitId: unitId, from, to, ...chosen } }}
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
