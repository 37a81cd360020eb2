// A chart's figures as a table (WCAG 1.1.1, 1.3.1): the same rows and the same vi-VN formatting
// as the chart, always in the page for screen readers, shown on demand for everyone else.
import type { ReactNode } from "react";
import { useI18n } from "../lib/i18n";
import styles from "./charts.module.css";

export interface ChartTableRow {
  label: string;
  value: number | null;
  /** Said instead of the figure (a unit that has not reported). */
  note?: string;
  /** Said beside the row's name, the figure kept ("Nhóm thấp nhất", "Dưới chỉ tiêu"). */
  mark?: string;
  /** What a drill on this row narrows by (a sector, a month…). */
  key?: string;
}

export interface ChartTableData {
  /** The head of the first column: "Tháng", "Đơn vị", "Lĩnh vực"… */
  labelHead: string;
  rows: ChartTableRow[];
  format: (value: number) => string;
  /**
   * Drills by a row's key: the chart's click, for the keyboard (rows become buttons while the
   * table is shown; an invisible focusable button would be a trap for sighted keyboard users).
   */
  onSelect?: (key: string) => void;
}

/** "Lượt người tham dự theo tháng, cao nhất T9/2026: 10.512": the chart in one sentence. */
export function chartSummary(
  title: string,
  table: ChartTableData,
  t: ReturnType<typeof useI18n>["t"],
): string {
  const top = table.rows.reduce<ChartTableRow | undefined>(
    (best, row) =>
      row.value !== null && !row.note && (!best || row.value > (best.value ?? 0)) ? row : best,
    undefined,
  );
  if (!top || top.value === null) return title;
  return t("chart.summary", { title, label: top.label, value: table.format(top.value) });
}

export function ChartTable({
  id,
  title,
  table,
  shown,
}: {
  id: string;
  title: string;
  table: ChartTableData;
  shown: boolean;
}): ReactNode {
  const { t } = useI18n();
  const select = shown ? table.onSelect : undefined;
  return (
    <section
      id={id}
      // "chart-table", unstyled: the end-to-end tests find a chart's figures by it.
      className={shown ? `table-scroll chart-table ${styles.chartTable}` : "sr-only"}
      tabIndex={shown ? 0 : undefined}
      aria-label={shown ? title : undefined}
    >
      <table className="table" data-chart-table="">
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr>
            <th scope="col">{table.labelHead}</th>
            <th scope="col" className="num">
              {title}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">
                {select && row.key ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={t("drill.by", { label: row.label })}
                    onClick={() => select(row.key as string)}
                  >
                    {row.label}
                  </button>
                ) : (
                  row.label
                )}
                {row.mark ? ` (${row.mark})` : null}
              </th>
              <td className="num">
                {row.note ?? (row.value === null ? "—" : table.format(row.value))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
