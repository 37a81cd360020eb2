import { useState } from "react";
import { CategoryBarChart } from "../charts/CategoryBarChart";
import { ChartFrame } from "../charts/ChartFrame";
import { sectorColors, statusColors } from "../charts/config";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { KpiCard } from "../components/KpiCard";
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
import { formatDate } from "../lib/format";
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

const PAGE = 50;
const CONTRIBUTIONS: Measure[] = [
  "MODEL_PARTICIPANTS",
  "CONTRIBUTION_VND",
  "CONTRIBUTION_LAND_M2",
  "CONTRIBUTION_WORKDAYS",
];

export function Models() {
  const { t, lang } = useI18n();
  const { unitId, range, period, params, setParams } = useDashboardParams();
  const sector = (params.get("sector") as ModelSector | null) ?? undefined;
  const status = (params.get("status") as ModelStatus | null) ?? undefined;
  const programme = params.get("programme") ?? undefined;
  const subtitle = periodLabel(period, lang);
  // The list and the status chart hold the models started by the period's end, at their status
  // today: a model begun after the period does not belong on its page.
  const filter: ModelFilter = { underUnitId: unitId, sector, status, programme, to: range.to };
  const scope = t("models.scope", { date: formatDate(range.to) });

  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">
        {t("nav.models")} <span className="muted">· {subtitle}</span>
      </h1>
      <Contributions unitId={unitId} range={range} />
      <div className="grid grid-2">
        {programme ? (
          <ProgrammeSectorChart
            unitId={unitId}
            programme={programme}
            to={range.to}
            subtitle={`${subtitle} · ${t("models.programme")}: ${programme}`}
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
          />
        )}
        <StatusChart unitId={unitId} programme={programme} to={range.to} subtitle={scope} />
      </div>
      <div className="toolbar">
        <label className="field-inline">
          <span>{t("models.sector")}</span>
          <select
            className="select"
            value={sector ?? ""}
            onChange={(e) => setParams({ sector: e.target.value || null }, { replace: true })}
          >
            <option value="">{t("models.all")}</option>
            {Object.entries(sectors).map(([key, value]) => (
              <option key={key} value={key}>
                {value[lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t("models.status")}</span>
          <select
            className="select"
            value={status ?? ""}
            onChange={(e) => setParams({ status: e.target.value || null }, { replace: true })}
          >
            <option value="">{t("models.all")}</option>
            {Object.entries(modelStatuses).map(([key, value]) => (
              <option key={key} value={key}>
                {value[lang]}
              </option>
            ))}
          </select>
        </label>
        <ProgrammeFilter
          value={programme ?? ""}
          onChange={(value) => setParams({ programme: value || null }, { replace: true })}
        />
      </div>
      <ModelList filter={filter} scope={scope} />
    </LiveFiguresProvider>
  );
}

function Contributions({ unitId: id, range }: { unitId: string; range: PeriodInput }) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: MetricsQuery,
    variables: {
      input: { unitId: id, measures: CONTRIBUTIONS, dimensions: [], period: range },
    },
  });
  const { value, problem } = unwrap(result.data?.metrics, "Metrics");
  return (
    <section aria-label={t("models.contributions")}>
      <h2 className="section-title">{t("models.contributions")}</h2>
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
                value={formatMeasure(measure, list[index] ?? 0, lang)}
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
  to,
  subtitle,
}: {
  unitId: string;
  programme?: string;
  to: string;
  subtitle: string;
}) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ModelStatusCountsQuery,
    variables: { underUnitId: unitId, programme: programme ?? null, to },
  });
  const data: Category[] | undefined = result.data
    ? (["REGISTERED", "MAINTAINED", "REPLICATED", "DISCONTINUED"] as const).map((key) => ({
        key,
        label: modelStatuses[key][lang],
        value: result.data?.[key.toLowerCase() as "registered"].totalCount ?? 0,
      }))
    : undefined;
  const empty = !!data && data.every((d) => d.value === 0);
  return (
    <ChartFrame
      title={t("models.byStatus")}
      subtitle={subtitle}
      state={
        !data || empty ? (
          <DataState
            fetching={result.fetching}
            error={result.error}
            data={data}
            isEmpty={() => empty}
            onRetry={() => reexecute({ requestPolicy: "network-only" })}
          >
            {() => null}
          </DataState>
        ) : undefined
      }
    >
      <CategoryBarChart
        data={data ?? []}
        colors={statusColors}
        name={t("models.byStatus")}
        lang={lang}
      />
    </ChartFrame>
  );
}

/** Models by sector when the list is narrowed to a programme (the analytics cannot narrow so). */
function ProgrammeSectorChart({
  unitId,
  programme,
  to,
  subtitle,
}: {
  unitId: string;
  programme: string;
  to: string;
  subtitle: string;
}) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ModelSectorCountsQuery,
    variables: { underUnitId: unitId, programme, to },
  });
  const data: Category[] | undefined = result.data
    ? activeBySector(result.data).map(({ key, value }) => ({
        key,
        label: sectors[key][lang],
        value,
      }))
    : undefined;
  const empty = !!data && data.every((d) => d.value === 0);
  return (
    <ChartFrame
      title={t("models.bySector")}
      subtitle={subtitle}
      state={
        !data || empty ? (
          <DataState
            fetching={result.fetching}
            error={result.error}
            data={data}
            isEmpty={() => empty}
            onRetry={() => reexecute({ requestPolicy: "network-only" })}
          >
            {() => null}
          </DataState>
        ) : undefined
      }
    >
      <CategoryBarChart
        data={data ?? []}
        colors={sectorColors}
        name={t("models.bySector")}
        lang={lang}
      />
    </ChartFrame>
  );
}

function ModelList({ filter, scope }: { filter: ModelFilter; scope: string }) {
  const { t, lang } = useI18n();
  const [pages, setPages] = useState(1);
  const [result, reexecute] = useFreshQuery({
    query: ModelsQuery,
    variables: { filter, first: PAGE * pages },
  });
  const connection = result.data?.models;
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      data={connection}
      isEmpty={(c) => c.edges.length === 0}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(c) => (
        <DataTable<ModelNode>
          title={t("models.title")}
          caption={`${t("models.count", { count: c.totalCount ?? c.edges.length })} · ${scope}`}
          rows={c.edges.map((e) => e.node)}
          rowKey={(m) => m.id}
          columns={[
            { key: "name", header: t("models.name"), render: (m) => m.name, csv: (m) => m.name },
            {
              key: "unit",
              header: t("models.unit"),
              render: (m) => m.unit.name,
              csv: (m) => m.unit.name,
            },
            {
              key: "sector",
              header: t("models.sector"),
              render: (m) => label(sectors, m.sector, lang),
              csv: (m) => label(sectors, m.sector, lang),
            },
            {
              key: "programme",
              header: t("models.programme"),
              render: (m) => m.programme ?? "—",
              csv: (m) => m.programme,
            },
            {
              key: "lead",
              header: t("models.lead"),
              render: (m) => label(leadOrganisations, m.leadOrganisation, lang),
              csv: (m) => label(leadOrganisations, m.leadOrganisation, lang),
            },
            {
              key: "level",
              header: t("models.level"),
              render: (m) => label(modelLevels, m.level, lang),
              csv: (m) => label(modelLevels, m.level, lang),
            },
            {
              key: "status",
              header: t("models.status"),
              render: (m) => (
                <span className={`badge badge-status-${m.status.toLowerCase()}`}>
                  {label(modelStatuses, m.status, lang)}
                </span>
              ),
              csv: (m) => label(modelStatuses, m.status, lang),
            },
            {
              key: "started",
              header: t("models.started"),
              render: (m) => formatDate(m.startedOn),
              csv: (m) => formatDate(m.startedOn),
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
