// Mô hình: what people gave to the unit's models in the period, the models by sector and by
// status (each a drill), the filters, and the list of models; a model's name opens its page.
import { FilterChips } from "../components/FilterChips";
import { LabelFilter } from "../components/LabelFilter";
import { RecordList } from "../components/RecordList";
import { type ModelFilter, ModelsQuery } from "../graphql/records";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import { formatDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import {
  label,
  leadOrganisations,
  type ModelSector,
  type ModelStatus,
  modelLevels,
  modelStatuses,
  sectors,
} from "../lib/labels";
import { periodLabel } from "../lib/period";
import { BreakdownWidget } from "../widgets/BreakdownWidget";
import { breakdowns } from "../widgets/breakdowns";
import { ModelPage } from "./ModelPage";
import pageStyles from "./ModelPage.module.css";
import { Contributions } from "./models/Contributions";
import { ProgrammeSectorChart, StatusChart } from "./models/ModelCharts";
import { ProgrammeFilter } from "./models/ProgrammeFilter";
import { StatusBadge } from "./models/StatusBadge";

export function Models() {
  const { t, lang } = useI18n();
  const { unitId, range, period, params, setParams } = useDashboardParams();
  const drill = useDrill();
  const sector = drill.value<ModelSector>("sector");
  const status = drill.value<ModelStatus>("status");
  const programme = params.get("programme") ?? undefined;
  const subtitle = periodLabel(period, lang);
  // The list and the status chart hold the models started by the period's end, at their status
  // today: a model begun after the period does not belong on its page.
  const filter: ModelFilter = { underUnitId: unitId, sector, status, programme, to: range.to };
  const scope = t("models.scope", { date: formatDate(range.to) });
  const modelId = params.get("model");
  const open = (id: string | null) => setParams({ model: id });

  if (modelId) {
    return (
      <LiveFiguresProvider unitId={unitId}>
        <ModelPage id={modelId} onBack={() => open(null)} />
      </LiveFiguresProvider>
    );
  }
  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.models")} <span className="muted">· {subtitle}</span>
      </h1>
      <FilterChips filters={["sector", "status"]} />
      <Contributions unitId={unitId} range={range} sector={sector} status={status} />
      <div className="grid grid-2">
        {programme ? (
          <ProgrammeSectorChart
            unitId={unitId}
            programme={programme}
            to={range.to}
            subtitle={`${subtitle} · ${t("models.programme")}: ${programme}`}
            selected={sector}
            onSelect={(key) => drill.narrow("sector", key)}
          />
        ) : (
          <BreakdownWidget
            {...breakdowns.modelsBySector}
            title={t("models.bySector")}
            subtitle={subtitle}
            unitId={unitId}
            range={range}
            selected={sector}
            onSelect={(key) => drill.narrow("sector", key)}
          />
        )}
        <StatusChart
          unitId={unitId}
          programme={programme}
          sector={sector}
          to={range.to}
          subtitle={sector ? `${scope} · ${label(sectors, sector, lang)}` : scope}
          selected={status}
          onSelect={(key) => drill.narrow("status", key)}
        />
      </div>
      <div className="toolbar">
        <LabelFilter
          title={t("models.sector")}
          table={sectors}
          value={sector}
          // The same step as a click on a bar: Back undoes it, a chip shows it.
          onChange={(value) => (value ? drill.narrow("sector", value) : drill.remove("sector"))}
        />
        <LabelFilter
          title={t("models.status")}
          table={modelStatuses}
          value={status}
          onChange={(value) => (value ? drill.narrow("status", value) : drill.remove("status"))}
        />
        <ProgrammeFilter
          value={programme ?? ""}
          onChange={(value) => setParams({ programme: value || null }, { replace: true })}
        />
      </div>
      <RecordList
        query={ModelsQuery}
        filter={filter}
        page={(data) => data.models}
        title={t("models.title")}
        caption={(total) => `${t("models.count", { count: total })} · ${scope}`}
        kind="model"
        name={(m) => m.name}
        unitId={unitId}
        columns={(column) => [
          {
            ...column.text("name", t("models.name"), (m) => m.name),
            render: (m) => (
              <button
                type="button"
                className={pageStyles.linkButton}
                aria-label={t("models.open", { name: m.name })}
                onClick={() => open(m.id)}
              >
                {m.name}
              </button>
            ),
          },
          column.text("unit", t("models.unit"), (m) => m.unit.name),
          column.label("sector", t("models.sector"), sectors, (m) => m.sector),
          column.text("programme", t("models.programme"), (m) => m.programme),
          column.label("lead", t("models.lead"), leadOrganisations, (m) => m.leadOrganisation),
          column.label("level", t("models.level"), modelLevels, (m) => m.level),
          {
            ...column.label("status", t("models.status"), modelStatuses, (m) => m.status),
            render: (m) => <StatusBadge status={m.status} />,
          },
          column.date("started", t("models.started"), (m) => m.startedOn),
        ]}
      />
    </LiveFiguresProvider>
  );
}
