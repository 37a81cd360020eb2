import { MEASURES_READ_ON_A_DAY } from "@d05/schema/domain";
import { DataState } from "../components/DataState";
import { KpiCard, KpiRow } from "../components/KpiCard";
import styles from "../components/KpiCard.module.css";
import { type Figure, OverviewQuery } from "../graphql/analytics";
import { unwrap } from "../graphql/answers";
import { useFreshQuery } from "../hooks/live";
import { formatDate, formatNumber } from "../lib/format";
import { useI18n } from "../lib/i18n";
import type { Measure } from "../lib/labels";
import { formatMeasure, measureLabel } from "../lib/measure";
import { comparedNote, type PeriodInput } from "../lib/period";
import { relativeChange } from "../lib/shape";
import { figureTarget } from "../lib/targets";

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
            <p
              className={`${styles.period} ${size === "huge" ? styles.periodHuge : ""}`}
              data-testid="kpi-period"
            >
              {comparedNote(value, t)}
            </p>
          )}
          <KpiRow size={size}>
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
                basis={value ? figureBasis(figure.measure, value, t, lang) : undefined}
                target={figureTarget(figure, t, lang)}
              />
            ))}
          </KpiRow>
        </>
      )}
    </DataState>
  );
}

/** Measures read on a day (tồn, and the registration rate): the rest are summed over the period. */
const READ_ON_A_DAY: ReadonlySet<Measure> = new Set(MEASURES_READ_ON_A_DAY);

type Translate = ReturnType<typeof useI18n>["t"];

/**
 * What a card counts over, so it reads one way: a flow summed in the period ("Mô hình nhân rộng"
 * 2 in the year) is not the stock on a day (26 replicated models on the Models page), and a rate
 * per 100 members names the members it divides by and their day.
 */
export function figureBasis(
  measure: Measure,
  answer: { period: { to: string }; members: { on: string; partyMembers: number | null } },
  t: Translate,
  lang: Parameters<typeof formatNumber>[1],
): string {
  if (measure === "ATTENDANCE_PER_100_MEMBERS") {
    const date = formatDate(answer.members.on);
    return answer.members.partyMembers === null
      ? t("kpi.noMembers", { date })
      : t("kpi.perMembers", { members: formatNumber(answer.members.partyMembers, lang), date });
  }
  const date = formatDate(answer.period.to);
  return READ_ON_A_DAY.has(measure) ? t("kpi.stockOn", { date }) : t("kpi.flow");
}
