// What people gave to the models of the unit in the period, as figure cards: the total, then
// land (m² and its value), cash and in kind apart, as reports give them.
import { DataState } from "../../components/DataState";
import { KpiCard, KpiRow } from "../../components/KpiCard";
import { MetricsQuery } from "../../graphql/analytics";
import { unwrap } from "../../graphql/answers";
import { useFreshQuery } from "../../hooks/live";
import { useI18n } from "../../lib/i18n";
import { label, type ModelSector, type ModelStatus, modelStatuses } from "../../lib/labels";
import { CONTRIBUTION_MEASURES, formatMeasure, measureLabel } from "../../lib/measure";
import type { PeriodInput } from "../../lib/period";

export function Contributions({
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
        measures: [...CONTRIBUTION_MEASURES],
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
        data={value ? (value.rows[0]?.values ?? CONTRIBUTION_MEASURES.map(() => 0)) : undefined}
        onRetry={() => reexecute({ requestPolicy: "network-only" })}
      >
        {(list) => (
          <KpiRow>
            {CONTRIBUTION_MEASURES.map((measure, index) => (
              <KpiCard
                key={measure}
                label={measureLabel(measure, lang)}
                // Money in its short form ("1,33 tỷ đ"), the exact figure in the title: a card's
                // figure does not wrap, and the exact one is wider than a phone's card.
                value={formatMeasure(measure, list[index] ?? 0, lang, { short: true })}
                exact={formatMeasure(measure, list[index] ?? 0, lang)}
              />
            ))}
          </KpiRow>
        )}
      </DataState>
    </section>
  );
}
