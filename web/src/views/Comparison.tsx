import { useQuery } from "urql";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { ComparisonQuery, type ComparisonRow } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { UnitContextQuery } from "../graphql/units";
import { LiveFiguresProvider, useFreshQuery } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { downloadAnswer } from "../lib/exportFile";
import { formatChange, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { label, MEASURES, type Measure, type UnitKind, unitKinds } from "../lib/labels";
import { formatMeasure, measureLabel } from "../lib/measure";
import { comparedNote, periodLabel } from "../lib/period";
import { rankStatus } from "../lib/shape";
import { ComparisonChartWidget } from "../widgets/ComparisonWidget";
import { MapWidget } from "../widgets/MapWidget";
import styles from "./Comparison.module.css";

/** The level usually compared below a unit of each kind. */
export function defaultChildLevel(kind: UnitKind | undefined): UnitKind {
  switch (kind) {
    case "PROVINCE":
      return "COMMUNE";
    case "DISTRICT":
      return "COMMUNE";
    case "COMMUNE":
      return "PARTY_CELL";
    default:
      return "PARTY_CELL";
  }
}

const LEVELS: UnitKind[] = [
  "PROVINCE",
  "DISTRICT",
  "COMMUNE",
  "PARTY_CELL",
  "VILLAGE",
  "MASS_ORGANISATION",
  "AGENCY",
];

export function Comparison() {
  const { t, lang } = useI18n();
  const { unitId, range, period, params, setParams, setUnit } = useDashboardParams();
  const [{ data: unitData }] = useQuery({ query: UnitContextQuery, variables: { id: unitId } });
  const measure = (params.get("m") as Measure | null) ?? "ATTENDANCE";
  const childLevel =
    (params.get("level") as UnitKind | null) ?? defaultChildLevel(unitData?.unit?.kind);
  const perCapita = params.get("pc") === "1";
  const subtitle = `${unitData?.unit?.name ?? ""} · ${periodLabel(period, lang)}`;

  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">{t("comparison.title")}</h1>
      <div className="toolbar">
        <label className="field-inline">
          <span>{t("comparison.measure")}</span>
          <select
            className="select"
            value={measure}
            onChange={(e) => setParams({ m: e.target.value }, { replace: true })}
          >
            {MEASURES.map((m) => (
              <option key={m} value={m}>
                {measureLabel(m, lang)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t("comparison.level")}</span>
          <select
            className="select"
            value={childLevel}
            onChange={(e) => setParams({ level: e.target.value }, { replace: true })}
          >
            {LEVELS.map((kind) => (
              <option key={kind} value={kind}>
                {label(unitKinds, kind, lang)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend className="sr-only">{t("comparison.perCapita")}</legend>
          <button
            type="button"
            className={`chip ${!perCapita ? "chip-active" : ""}`}
            aria-pressed={!perCapita}
            onClick={() => setParams({ pc: null }, { replace: true })}
          >
            {t("comparison.raw")}
          </button>
          <button
            type="button"
            className={`chip ${perCapita ? "chip-active" : ""}`}
            aria-pressed={perCapita}
            onClick={() => setParams({ pc: "1" }, { replace: true })}
          >
            {t("comparison.perCapita")}
          </button>
        </fieldset>
      </div>
      {/* Two communes at 0 may be marked differently: one sent nothing (unknown), the other
          reported and is among the lowest. The legend says what each mark means. */}
      <ul className={styles.legendNote} aria-label={t("comparison.legendTitle")}>
        <li>
          <span className={`${styles.swatch} ${styles.swatchNotReported}`} />{" "}
          <strong>{t("comparison.notReported")}</strong>: {t("comparison.notReportedMeaning")}
        </li>
        <li>
          <span className={`${styles.swatch} ${styles.swatchLowest}`} />{" "}
          <strong>{t("comparison.lowest")}</strong>: {t("comparison.lowestMeaning")}
        </li>
      </ul>
      <div className={`grid grid-2 ${styles.gridComparison}`}>
        <ComparisonChartWidget
          unitId={unitId}
          range={range}
          measure={measure}
          childLevel={childLevel}
          perCapita={perCapita}
          subtitle={subtitle}
          onSelect={setUnit}
        />
        <MapWidget
          unitId={unitId}
          range={range}
          measure={measure}
          childLevel={childLevel}
          perCapita={perCapita}
          subtitle={subtitle}
          onSelect={setUnit}
          height={520}
        />
        {/* The table under both, in the same grid (one column on a phone). */}
        <div style={{ gridColumn: "1 / -1", minWidth: 0 }}>
          <ComparisonTable
            unitId={unitId}
            measure={measure}
            childLevel={childLevel}
            perCapita={perCapita}
            subtitle={subtitle}
            onSelect={setUnit}
          />
        </div>
      </div>
    </LiveFiguresProvider>
  );
}

function ComparisonTable({
  unitId,
  measure,
  childLevel,
  perCapita,
  subtitle,
  onSelect,
}: {
  unitId: string;
  measure: Measure;
  childLevel: UnitKind;
  perCapita: boolean;
  subtitle: string;
  onSelect: (id: string) => void;
}) {
  const { t, lang } = useI18n();
  const { range } = useDashboardParams();
  const [result, reexecute] = useFreshQuery({
    query: ComparisonQuery,
    variables: { unitId, childLevel, measure, period: range, perCapita },
  });
  const { value, problem } = unwrap(result.data?.comparison, "Comparison");
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      problem={problem}
      data={value?.rows}
      isEmpty={(list) => list.length === 0}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(list) => (
        <DataTable<ComparisonRow>
          title={`${measureLabel(measure, lang)} — ${label(unitKinds, childLevel, lang)}`}
          caption={value ? `${subtitle} · ${comparedNote(value, t)}` : subtitle}
          rows={[...list].sort((a, b) => a.rank - b.rank)}
          rowKey={(row) => row.unit.id}
          rowClass={(row) => `rank-${rankStatus(row)}`}
          download={(filename) =>
            downloadAnswer(
              "comparison",
              { unitId, childLevel, measure, period: range, perCapita },
              filename,
            )
          }
          columns={[
            {
              key: "rank",
              header: t("comparison.rank"),
              numeric: true,
              render: (row) => row.rank,
            },
            {
              key: "unit",
              header: t("comparison.unit"),
              render: (row) => (
                <button
                  type="button"
                  className="link"
                  onClick={() => onSelect(row.unit.id)}
                  aria-label={`${t("comparison.drill")}: ${row.unit.name}`}
                >
                  {row.unit.name}
                </button>
              ),
            },
            {
              key: "value",
              header: measureLabel(measure, lang),
              numeric: true,
              // Chưa báo cáo is not 0: a unit that reported nothing shows a dash, not a figure.
              render: (row) => (row.reported ? formatMeasure(measure, row.value, lang) : "–"),
            },
            {
              key: "per100",
              header: t("comparison.per100"),
              numeric: true,
              render: (row) => (row.reported ? formatNumber(row.perHundredMembers, lang, 1) : "–"),
            },
            {
              key: "members",
              header: t("comparison.members"),
              numeric: true,
              // The members the period's rate divides by (its last day), not today's.
              render: (row) => formatNumber(row.members.partyMembers, lang),
            },
            {
              key: "change",
              header: t("comparison.change"),
              numeric: true,
              render: (row) => formatChange(row.change, lang),
            },
            {
              key: "status",
              header: "",
              render: (row) =>
                !row.reported ? (
                  <span className="badge badge-danger">{t("comparison.notReported")}</span>
                ) : row.quartile === 4 ? (
                  <span className="badge badge-warning">{t("comparison.lowest")}</span>
                ) : null,
            },
          ]}
        />
      )}
    </DataState>
  );
}
