// The Models page's count charts that the analytics cannot draw: models by their status today,
// and by sector within one programme. Both count the models started by the period's end.
import type { CombinedError } from "urql";
import { CategoryBarChart } from "../../charts/CategoryBarChart";
import { sectorColors, statusColors } from "../../charts/config";
import { QueryChartFrame } from "../../components/QueryChartFrame";
import {
  activeBySector,
  ModelSectorCountsQuery,
  ModelStatusCountsQuery,
} from "../../graphql/model-counts";
import { useFreshQuery } from "../../hooks/live";
import { formatNumber } from "../../lib/format";
import { useI18n } from "../../lib/i18n";
import { type ModelSector, modelStatuses, sectors } from "../../lib/labels";
import type { Category } from "../../lib/shape";

/** How a chart is shown and drilled. */
interface Shown {
  subtitle: string;
  selected?: string;
  onSelect: (key: string) => void;
}

/** Which models are counted: under the unit, started by `to`. */
interface Counted extends Shown {
  unitId: string;
  to: string;
}

const STATUSES = ["REGISTERED", "MAINTAINED", "REPLICATED", "DISCONTINUED"] as const;

export function StatusChart({
  unitId,
  to,
  programme,
  sector,
  ...shown
}: Counted & { programme?: string; sector?: ModelSector }) {
  const { t, lang } = useI18n();
  const [result, reexecute] = useFreshQuery({
    query: ModelStatusCountsQuery,
    variables: { underUnitId: unitId, programme: programme ?? null, sector: sector ?? null, to },
  });
  const data = result.data
    ? STATUSES.map((key) => ({
        key,
        label: modelStatuses[key][lang],
        value: result.data?.[key.toLowerCase() as "registered"].totalCount ?? 0,
      }))
    : undefined;
  return (
    <CountsChart
      {...shown}
      title={t("models.byStatus")}
      result={result}
      data={data}
      colors={statusColors}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
    />
  );
}

/** Models by sector when the list is narrowed to a programme (the analytics cannot narrow so). */
export function ProgrammeSectorChart({
  unitId,
  to,
  programme,
  ...shown
}: Counted & { programme: string }) {
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
      {...shown}
      title={t("models.bySector")}
      result={result}
      data={data}
      colors={sectorColors}
      onRetry={() => reexecute({ requestPolicy: "network-only" })}
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
}: Shown & {
  title: string;
  result: { fetching: boolean; error?: CombinedError | undefined };
  data: Category[] | undefined;
  colors: Record<string, string>;
  onRetry: () => void;
}) {
  const { lang, t } = useI18n();
  const empty = !!data && data.every((d) => d.value === 0);
  return (
    <QueryChartFrame
      result={result}
      data={data}
      empty={empty}
      onRetry={onRetry}
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
    >
      <CategoryBarChart
        data={data ?? []}
        colors={colors}
        name={title}
        lang={lang}
        selected={selected}
        onSelect={onSelect}
      />
    </QueryChartFrame>
  );
}
