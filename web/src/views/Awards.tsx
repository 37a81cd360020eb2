import { useState } from "react";
import { awardLevelColors, palette, recipientColors } from "../charts/config";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { type AwardNode, AwardsQuery } from "../graphql/records";
import { LiveFiguresProvider, useFreshQuery } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { formatDate, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { awardForms, awardLevels, label, recipientKinds } from "../lib/labels";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";

const PAGE = 50;
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
  const [pages, setPages] = useState(1);
  const [result, reexecute] = useFreshQuery({
    query: AwardsQuery,
    variables: { filter: { underUnitId: unitId, from, to }, first: PAGE * pages },
  });
  const connection = result.data?.awards;
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={connection}
      isEmpty={(c) => c.edges.length === 0}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(c) => (
        <DataTable<AwardNode>
          title={t("awards.title")}
          caption={t("table.records", { count: c.totalCount ?? c.edges.length })}
          rows={c.edges.map((e) => e.node)}
          rowKey={(a) => a.id}
          columns={[
            {
              key: "date",
              header: t("awards.date"),
              render: (a) => formatDate(a.awardedOn),
              csv: (a) => formatDate(a.awardedOn),
            },
            {
              key: "recipient",
              header: t("awards.recipient"),
              render: (a) => a.recipientName ?? "—",
              csv: (a) => a.recipientName,
            },
            {
              key: "kind",
              header: t("field.recipientKind"),
              render: (a) => label(recipientKinds, a.recipientKind, lang),
              csv: (a) => label(recipientKinds, a.recipientKind, lang),
            },
            {
              key: "count",
              header: t("awards.count"),
              numeric: true,
              render: (a) => formatNumber(a.recipientCount, lang),
              csv: (a) => a.recipientCount,
            },
            {
              key: "level",
              header: t("field.level"),
              render: (a) => label(awardLevels, a.level, lang),
              csv: (a) => label(awardLevels, a.level, lang),
            },
            {
              key: "form",
              header: t("field.form"),
              render: (a) => label(awardForms, a.form, lang),
              csv: (a) => label(awardForms, a.form, lang),
            },
            {
              key: "unit",
              header: t("models.unit"),
              render: (a) => a.unit.name,
              csv: (a) => a.unit.name,
            },
          ]}
          footer={
            c.pageInfo.hasNextPage ? (
              <div className="table-footer">
                <button type="button" className="button" onClick={() => setPages(pages + 1)}>
                  {t("models.more")}
                </button>
              </div>
            ) : undefined
          }
        />
      )}
    </DataState>
  );
}
