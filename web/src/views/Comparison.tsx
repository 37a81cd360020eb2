import { useQuery } from "urql";
import { DataState } from "../components/DataState";
import { DataTable } from "../components/DataTable";
import { SelectField } from "../components/SelectField";
import { TargetsPanel } from "../components/TargetsPanel";
import type { ComparisonRow } from "../graphql/analytics";
import { UnitContextQuery } from "../graphql/units";
import { LiveFiguresProvider } from "../hooks/live";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { downloadAnswer } from "../lib/exportFile";
import { formatChange, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import {
  label,
  MEASURES,
  type Measure,
  type ModelSector,
  sectors,
  type UnitKind,
  unitKinds,
} from "../lib/labels";
import { CONTRIBUTION_MEASURES, formatMeasure, measureLabel } from "../lib/measure";
import { comparedNote, periodLabel } from "../lib/period";
import { rankStatus } from "../lib/shape";
import { targetText } from "../lib/targets";
import { ComparisonChartWidget } from "../widgets/ComparisonWidget";
import { type ComparisonKey, useComparison } from "../widgets/comparison";
import { useLaggardRule } from "../widgets/LaggardRule";
import { MapWidget } from "../widgets/MapWidget";
import styles from "./Comparison.module.css";

/**
 * A row's ground by its rank: red not reported, amber among the lowest. The row keeps the plain
 * name rank-<status> too, unstyled: the end-to-end tests read a unit's rank by it.
 */
const rankRow = {
  notReported: `rank-notReported ${styles.rankNotReported}`,
  lowest: `rank-lowest ${styles.rankLowest}`,
  normal: "rank-normal",
} as const;

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

/** Measures a sector narrows: those about models (their figures and per-sector targets). */
const BY_SECTOR: ReadonlySet<Measure> = new Set<Measure>([
  ...MEASURES.filter((m) => m.startsWith("MODELS_")),
  ...CONTRIBUTION_MEASURES,
]);

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
  const bySector = BY_SECTOR.has(measure);
  const sector = bySector ? ((params.get("sector") as ModelSector | null) ?? null) : null;
  const subtitle = `${unitData?.unit?.name ?? ""} · ${periodLabel(period, lang)}${
    sector ? ` · ${label(sectors, sector, lang)}` : ""
  }`;
  const key = { unitId, range, measure, childLevel, perCapita, sector };

  return (
    <LiveFiguresProvider unitId={unitId}>
      <h1 className="page-title">{t("comparison.title")}</h1>
      <div className="toolbar">
        <SelectField
          title={t("comparison.measure")}
          value={measure}
          options={MEASURES.map((m) => ({ value: m, label: measureLabel(m, lang) }))}
          onChange={(m) => setParams({ m }, { replace: true })}
        />
        <SelectField
          title={t("comparison.level")}
          value={childLevel}
          options={LEVELS.map((kind) => ({ value: kind, label: label(unitKinds, kind, lang) }))}
          onChange={(level) => setParams({ level }, { replace: true })}
        />
        {bySector && (
          <SelectField
            title={t("target.sector")}
            value={sector ?? ""}
            none={t("target.allSectors")}
            options={(Object.keys(sectors) as ModelSector[]).map((s) => ({
              value: s,
              label: label(sectors, s, lang),
            }))}
            onChange={(value) => setParams({ sector: value || null }, { replace: true })}
          />
        )}
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
      <ComparisonLegend {...key} />
      <div className={`grid grid-2 ${styles.gridComparison}`}>
        <ComparisonChartWidget {...key} subtitle={subtitle} onSelect={setUnit} />
        <MapWidget {...key} subtitle={subtitle} onSelect={setUnit} height={520} />
        {/* The table under both, in the same grid (one column on a phone). */}
        <div style={{ gridColumn: "1 / -1", minWidth: 0 }}>
          <ComparisonTable {...key} subtitle={subtitle} onSelect={setUnit} />
        </div>
        <div style={{ gridColumn: "1 / -1", minWidth: 0 }}>
          <TargetsPanel
            unitId={unitId}
            unitName={unitData?.unit?.name ?? ""}
            measure={measure}
            level={childLevel}
            sector={sector}
          />
        </div>
      </div>
    </LiveFiguresProvider>
  );
}

/**
 * What each mark means, and which rule makes a unit a laggard: two communes at 0 may be marked
 * differently (one sent nothing, the other reported and lags), and "lags" is under target when
 * one applies, the lowest quarter otherwise.
 */
function ComparisonLegend(key: ComparisonKey) {
  const { t } = useI18n();
  const rule = useLaggardRule(key);
  const underTarget = rule?.rule === "UNDER_TARGET";
  return (
    <>
      <ul className={styles.legendNote} aria-label={t("comparison.legendTitle")}>
        <li>
          <span className={`${styles.swatch} ${styles.swatchNotReported}`} />{" "}
          <strong>{t("comparison.notReported")}</strong>: {t("comparison.notReportedMeaning")}
        </li>
        <li>
          <span className={`${styles.swatch} ${styles.swatchLowest}`} />{" "}
          <strong>{t(underTarget ? "target.under" : "comparison.lowest")}</strong>:{" "}
          {t(underTarget ? "target.underMeaning" : "comparison.lowestMeaning")}
        </li>
      </ul>
      {rule && (
        <p className={styles.rule} data-laggard-rule={rule.rule}>
          {rule.text}
          {rule.note ? ` · ${rule.note}` : ""}
        </p>
      )}
    </>
  );
}

function ComparisonTable({
  subtitle,
  onSelect,
  ...key
}: ComparisonKey & { subtitle: string; onSelect: (id: string) => void }) {
  const { t, lang } = useI18n();
  const { unitId, range, measure, childLevel, perCapita } = key;
  const { result, value, problem, retry } = useComparison(key);
  const underTarget = value?.laggardRule === "UNDER_TARGET";
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      problem={problem}
      data={value?.rows}
      isEmpty={(list) => list.length === 0}
      onRetry={retry}
    >
      {(list) => (
        <DataTable<ComparisonRow>
          title={`${measureLabel(measure, lang)} — ${label(unitKinds, childLevel, lang)}`}
          caption={value ? `${subtitle} · ${comparedNote(value, t)}` : subtitle}
          rows={[...list].sort((a, b) => a.rank - b.rank)}
          rowKey={(row) => row.unit.id}
          rowClass={(row) => rankRow[rankStatus(row)]}
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
            ...(underTarget
              ? [
                  {
                    key: "target",
                    header: t("target.column"),
                    numeric: true,
                    render: (row: ComparisonRow) =>
                      row.target ? targetText(row.target, measure, lang, t) : "–",
                  },
                ]
              : []),
            {
              key: "status",
              header: "",
              render: (row) =>
                !row.reported ? (
                  <span className="badge badge-danger">{t("comparison.notReported")}</span>
                ) : row.underTarget ? (
                  <span className="badge badge-warning" data-under-target>
                    {t("target.under")}
                  </span>
                ) : rankStatus(row) === "lowest" ? (
                  <span className="badge badge-warning">{t("comparison.lowest")}</span>
                ) : null,
            },
          ]}
        />
      )}
    </DataState>
  );
}
