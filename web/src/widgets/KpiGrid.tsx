import { DataState } from "../components/DataState";
import { KpiCard } from "../components/KpiCard";
import { type Figure, OverviewQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import { useI18n } from "../lib/i18n";
import type { Measure } from "../lib/labels";
import { formatMeasure, measureLabel } from "../lib/measure";
import { comparedNote, type PeriodInput } from "../lib/period";
import { relativeChange } from "../lib/shape";

/** The headline figures, in this order when the API gives them. */
export const HEADLINE: Measure[] = [
  "SESSIONS",
  "ATTENDANCE",
  "ATTENDANCE_PER_100_MEMBERS",
  "MODELS_ACTIVE",
  "MODELS_REPLICATED",
  "CONTRIBUTION_VND",
  "AWARDS",
  "COMMITMENTS_REGISTERED",
];

export function pickHeadline(figures: readonly Figure[], wanted: readonly Measure[] = HEADLINE) {
  const byMeasure = new Map(figures.map((f) => [f.measure, f]));
  const picked = wanted.map((m) => byMeasure.get(m)).filter((f): f is Figure => !!f);
  return picked.length > 0 ? picked : [...figures];
}

interface Props {
  unitId: string;
  range: PeriodInput;
  measures?: readonly Measure[];
  size?: "normal" | "huge";
}

export function KpiGrid({ unitId, range, measures, size = "normal" }: Props) {
  const { lang, t } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: OverviewQuery,
    variables: { unitId, period: range },
  });
  const { value, problem } = unwrap(result.data?.overview, "Overview");
  return (
    <DataState
      fetching={result.fetching}
      error={result.error}
      problem={problem}
      data={value?.figures}
      isEmpty={(list) => list.length === 0}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    >
      {(list) => (
        <>
          {value && (
            <p className={`kpi-period kpi-period-${size}`} data-testid="kpi-period">
              {comparedNote(value, t)}
            </p>
          )}
          <div className={`kpi-grid kpi-grid-${size}`}>
            {pickHeadline(list, measures).map((figure) => (
              <KpiCard
                key={figure.measure}
                size={size}
                label={measureLabel(figure.measure, lang)}
                value={formatMeasure(figure.measure, figure.value, lang, { short: true })}
                previous={
                  figure.previousValue === null
                    ? undefined
                    : formatMeasure(figure.measure, figure.previousValue, lang, { short: true })
                }
                change={figure.change ?? relativeChange(figure.value, figure.previousValue)}
                sameSpan={value?.comparedSameSpan ?? false}
              />
            ))}
          </div>
        </>
      )}
    </DataState>
  );
}
