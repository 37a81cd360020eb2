// Khen thưởng: awards of the period by level, form, ground and recipient (each chart narrowed by
// the others' drills), and the list of awards those drills narrow.
import { FilterChips } from "../components/FilterChips";
import { RecordList } from "../components/RecordList";
import { AwardsQuery } from "../graphql/records";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import type { DrillParam } from "../lib/drill";
import { type MessageKey, useI18n } from "../lib/i18n";
import {
  type AwardForm,
  type AwardGround,
  type AwardLevel,
  awardForms,
  awardLevels,
  label,
  type RecipientKind,
  recipientKinds,
} from "../lib/labels";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";
import { breakdowns } from "../widgets/breakdowns";

interface Chosen {
  level?: AwardLevel;
  form?: AwardForm;
  recipientKind?: RecipientKind;
  ground?: AwardGround;
}

/** The charts, each with the drill it sets and the filter it is narrowed by. */
const charts: {
  own: keyof Chosen;
  param: DrillParam;
  title: MessageKey;
  breakdown: keyof typeof breakdowns;
}[] = [
  { own: "level", param: "awardLevel", title: "awards.byLevel", breakdown: "awardsByLevel" },
  { own: "form", param: "awardForm", title: "awards.byForm", breakdown: "awardsByForm" },
  { own: "ground", param: "ground", title: "awards.byGround", breakdown: "awardsByGround" },
  {
    own: "recipientKind",
    param: "recipient",
    title: "awards.byRecipient",
    breakdown: "awardsByRecipient",
  },
];

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
  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.awards")} <span className="muted">· {subtitle}</span>
      </h1>
      <FilterChips filters={["awardLevel", "awardForm", "recipient", "ground"]} />
      <div className="grid grid-2">
        {/* Each chart is narrowed by the other charts' drills, not its own: its bars stay there
            to choose another value (Metabase's cross-filtering). */}
        {charts.map(({ own, param, title, breakdown }) => (
          <BreakdownWidget
            key={own}
            {...breakdowns[breakdown]}
            unitId={unitId}
            range={range}
            subtitle={subtitle}
            title={t(title)}
            filters={metricsFilter({ ...chosen, [own]: undefined })}
            selected={chosen[own]}
            onSelect={(key) => drill.narrow(param, key)}
          />
        ))}
      </div>
      <RecordList
        query={AwardsQuery}
        filter={{ underUnitId: unitId, from: range.from, to: range.to, ...chosen }}
        page={(data) => data.awards}
        title={t("awards.title")}
        kind="award"
        name={(a) => a.recipientName ?? label(recipientKinds, a.recipientKind, lang)}
        unitId={unitId}
        columns={(column) => [
          column.date("date", t("awards.date"), (a) => a.awardedOn),
          column.text("recipient", t("awards.recipient"), (a) => a.recipientName),
          column.label("kind", t("field.recipientKind"), recipientKinds, (a) => a.recipientKind),
          column.number("count", t("awards.count"), (a) => a.recipientCount),
          column.label("level", t("field.level"), awardLevels, (a) => a.level),
          column.label("form", t("field.form"), awardForms, (a) => a.form),
          column.text("unit", t("models.unit"), (a) => a.unit.name),
        ]}
      />
    </LiveFiguresProvider>
  );
}

function metricsFilter(chosen: Chosen) {
  return {
    ...(chosen.level ? { awardLevels: [chosen.level] } : {}),
    ...(chosen.form ? { awardForms: [chosen.form] } : {}),
    ...(chosen.recipientKind ? { recipientKinds: [chosen.recipientKind] } : {}),
    ...(chosen.ground ? { awardGrounds: [chosen.ground] } : {}),
  };
}
