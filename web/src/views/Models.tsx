import { useState } from "react";
import type { CombinedError } from "urql";
import { CategoryBarChart } from "../charts/CategoryBarChart";
import { ChartFrame } from "../charts/ChartFrame";
import { sectorColors, statusColors } from "../charts/config";
import { columnsOf } from "../components/columns";
import { DataState } from "../components/DataState";
import { FilterChips } from "../components/FilterChips";
import { KpiCard } from "../components/KpiCard";
import { LabelFilter } from "../components/LabelFilter";
import { RecordActions } from "../components/RecordActions";
import { RecordList } from "../components/RecordList";
import { MetricsQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import {
  activeBySector,
  ModelSectorCountsQuery,
  ModelStatusCountsQuery,
} from "../graphql/model-counts";
import { type ModelFilter, type ModelNode, ModelsQuery } from "../graphql/records";
import { LiveFiguresProvider, useFreshQuery } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import { formatDate, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import {
  label,
  leadOrganisations,
  type Measure,
  type ModelSector,
  type ModelStatus,
  modelLevels,
  modelStatuses,
  sectors,
} from "../lib/labels";
import { formatMeasure, measureLabel } from "../lib/measure";
import { type PeriodInput, periodLabel } from "../lib/period";
import type { Category } from "../lib/shape";
import { BreakdownWidget } from "../widgets/BreakdownWidget";
import { ModelPage } from "./ModelPage";
import pageStyles from "./ModelPage.module.css";

// As reports give them: the total, then land (m² and its value), cash and in kind apart.
const CONTRIBUTIONS: Measure[] = [
  "MODEL_PARTICIPANTS",
  "CONTRIBUTION_VND",
  "CONTRIBUTION_LAND_M2",
  "CONTRIBUTION_LAND_VALUE_VND",
  "CONTRIBUTION_CASH_VND",
  "CONTRIBUTION_IN_KIND_VND",
  "CONTRIBUTION_WORKDAYS",
];

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
            title={t("models.bySector")}
            subtitle={subtitle}
            unitId={unitId}
            range={range}
            measure="MODELS_ACTIVE"
            dimension="SECTOR"
            labels={sectors}
            colors={sectorColors}
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
      <ModelList filter={filter} scope={scope} onOpen={open} />
    </LiveFiguresProvider>
  );
}

function Contributions({
  unitId: id,
  range,
  sector,
  status,
}: {
  unitId: string;
  range: PeriodInput;
  sector?: ModelSector;
  status?: ModelStatus;
}) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: MetricsQuery,
    variables: {
      input: {
        unitId: id,
        measures: CONTRIBUTIONS,
        dimensions: [],
        period: range,
        ...(sector ? { filters: { sectors: [sector] } } : {}),
      },
    },
  });
  const { value, problem } = unwrap(result.data?.metrics, "Metrics");
  return (
    <section aria-label={t("models.contributions")}>
      <h2 className="section-title">{t("models.contributions")}</h2>
      {/* The analytics count contributions by sector, not by a model's status today: say so
          rather than let a status chip seem to narrow these figures. */}
      {status && (
        <p className="muted">
          {t("drill.notNarrowed", {
            filter: `${t("models.status")}: ${label(modelStatuses, status, lang)}`,
          })}
        </p>
      )}
      <DataState
        fetching={result.fetching}
        error={result.error}
        problem={problem}
        data={value ? (value.rows[0]?.values ?? CONTRIBUTIONS.map(() => 0)) : undefined}
        onRetry={() => reexecute({ requestPolicy: "network-only" })}
      >
        {(list) => (
          <div className="kpi-grid">
            {CONTRIBUTIONS.map((measure, index) => (
              <KpiCard
                key={measure}
                label={measureLabel(measure, lang)}
                // Money in its short form ("1,33 tỷ đ"), the exact figure in the title: a card's
                // figure does not wrap, and the exact one is wider than a phone's card.
                value={formatMeasure(measure, list[index] ?? 0, lang, { short: true })}
                exact={formatMeasure(measure, list[index] ?? 0, lang)}
              />
            ))}
          </div>
        )}
      </DataState>
    </section>
  );
}

function ProgrammeFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  return (
    <form
      className="field-inline"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(text.trim());
      }}
    >
      <label htmlFor="programme-filter">{t("models.programme")}</label>
      <input
        id="programme-filter"
        className="input"
        list="programmes"
        value={text}
        placeholder="Dân vận khéo"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => onChange(text.trim())}
      />
      <datalist id="programmes">
        <option value="Dân vận khéo" />
        <option value="Mô hình điểm học tập và làm theo Bác" />
      </datalist>
    </form>
  );
}

function StatusChart({
  unitId,
  programme,
  sector,
  to,
  subtitle,
  selected,
  onSelect,
}: {
  unitId: string;
  programme?: string;
  sector?: ModelSector;
  to: string;
  subtitle: string;
  selected?: string;
  onSelect: (key: string) => void;
}) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ModelStatusCountsQuery,
    variables: { underUnitId: unitId, programme: programme ?? null, sector: sector ?? null, to },
  });
  const data = result.data
    ? (["REGISTERED", "MAINTAINED", "REPLICATED", "DISCONTINUED"] as const).map((key) => ({
        key,
        label: modelStatuses[key][lang],
        value: result.data?.[key.toLowerCase() as "registered"].totalCount ?? 0,
      }))
    : undefined;
  return (
    <CountsChart
      title={t("models.byStatus")}
      subtitle={subtitle}
      result={result}
      data={data}
      colors={statusColors}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
      selected={selected}
      onSelect={onSelect}
    />
  );
}

/** Models by sector when the list is narrowed to a programme (the analytics cannot narrow so). */
function ProgrammeSectorChart({
  unitId,
  programme,
  to,
  subtitle,
  selected,
  onSelect,
}: {
  unitId: string;
  programme: string;
  to: string;
  subtitle: string;
  selected?: string;
  onSelect: (key: string) => void;
}) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ModelSectorCountsQuery,
    variables: { underUnitId: unitId, programme, to },
  });
  const data = result.data
    ? activeBySector(result.data).map(({ key, value }) => ({
        key,
        label: sectors[key][lang],
        value,
      }))
    : undefined;
  return (
    <CountsChart
      title={t("models.bySector")}
      subtitle={subtitle}
      result={result}
      data={data}
      colors={sectorColors}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
      selected={selected}
      onSelect={onSelect}
    />
  );
}

/** A bar chart of model counts, with the loading, error and empty states in its frame. */
function CountsChart({
  title,
  subtitle,
  result,
  data,
  colors,
  onRetry,
  selected,
  onSelect,
}: {
  title: string;
  subtitle: string;
  result: { fetching: boolean; error?: CombinedError | undefined };
  data: Category[] | undefined;
  colors: Record<string, string>;
  onRetry: () => void;
  selected?: string;
  onSelect: (key: string) => void;
}) {
  const { lang, t } = useI18n();
  const empty = !!data && data.every((d) => d.value === 0);
  return (
    <ChartFrame
      title={title}
      subtitle={subtitle}
      table={
        data && {
          labelHead: t("chart.item"),
          rows: data,
          format: (v) => formatNumber(v, lang),
          onSelect,
        }
      }
      state={
        !data || empty ? (
          <DataState
            fetching={result.fetching}
            error={result.error}
            data={data}
            isEmpty={() => empty}
            onRetry={onRetry}
          >
            {() => null}
          </DataState>
        ) : undefined
      }
    >
      <CategoryBarChart
        data={data ?? []}
        colors={colors}
        name={title}
        lang={lang}
        selected={selected}
        onSelect={onSelect}
      />
    </ChartFrame>
  );
}

function ModelList({
  filter,
  scope,
  onOpen,
}: {
  filter: ModelFilter;
  scope: string;
  onOpen: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const column = columnsOf<ModelNode>(lang);
  return (
    <RecordList
      query={ModelsQuery}
      variables={{ filter }}
      page={(data) => data.models}
      title={t("models.title")}
      caption={(total) => `${t("models.count", { count: total })} · ${scope}`}
      rowKey={(m) => m.id}
      columns={[
        {
          ...column.text("name", t("models.name"), (m) => m.name),
          render: (m) => (
            <button
              type="button"
              className={pageStyles.linkButton}
              aria-label={t("models.open", { name: m.name })}
              onClick={() => onOpen(m.id)}
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
          render: (m) => (
            <span className={`badge badge-status-${m.status.toLowerCase()}`}>
              {label(modelStatuses, m.status, lang)}
            </span>
          ),
        },
        column.date("started", t("models.started"), (m) => m.startedOn),
      ]}
      actions={(m, refresh) => (
        <RecordActions
          kind="model"
          row={m}
          name={m.name}
          unitId={filter.underUnitId ?? m.unit.id}
          onChanged={refresh}
        />
      )}
    />
  );
}
