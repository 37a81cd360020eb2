// The one container around every chart: title, PNG export, fixed height, the loading / error /
// empty states of the data behind it, and the chart's figures as a table with a one-sentence
// summary as its name, for readers who cannot see the drawing.
import { type ReactNode, useId, useRef, useState } from "react";
import { ResponsiveContainer } from "recharts";
import { downloadBlob, slug } from "../lib/csv";
import { useI18n } from "../lib/i18n";
import { svgToPng } from "../lib/png";
import { ChartTable, type ChartTableData, chartSummary } from "./ChartTable";
import styles from "./charts.module.css";

interface Props {
  title: string;
  /** Short text under the title: unit and period. */
  subtitle?: string;
  height?: number;
  children: ReactNode;
  /** Replaces the chart (loading, error, empty). */
  state?: ReactNode;
  actions?: ReactNode;
  className?: string;
  /** The figures drawn, for the data table and the summary. */
  table?: ChartTableData;
}

export function ChartFrame({
  title,
  subtitle,
  height = 300,
  children,
  state,
  actions,
  className,
  table,
}: Props) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();
  const withTable = !state && table && table.rows.length > 0 ? table : undefined;

  async function exportPng() {
    const svg = body.current?.querySelector<SVGSVGElement>("svg.recharts-surface");
    if (!svg) return;
    setExporting(true);
    try {
      const blob = await svgToPng(svg, {
        title: subtitle ? `${title} — ${subtitle}` : title,
        background: getComputedStyle(body.current!).getPropertyValue("--surface").trim(),
      });
      downloadBlob(blob, `${slug(title)}.png`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <figure className={`card chart ${className ?? ""}`}>
      <figcaption className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {subtitle && <p className="card-subtitle">{subtitle}</p>}
        </div>
        <div className="card-actions">
          {actions}
          {withTable && (
            <button
              type="button"
              className="button button-small chart-table-toggle"
              aria-expanded={tableShown}
              aria-controls={tableId}
              aria-label={`${t("chart.table")}: ${title}`}
              onClick={() => setTableShown((shown) => !shown)}
            >
              {t("chart.table")}
            </button>
          )}
          {!state && (
            <button
              type="button"
              className="button button-small"
              onClick={exportPng}
              disabled={exporting}
              aria-label={`${t("export.png")}: ${title}`}
            >
              PNG
            </button>
          )}
        </div>
      </figcaption>
      <div
        ref={body}
        className={styles.chartBody}
        style={{ height }}
        role="img"
        aria-label={withTable ? chartSummary(title, withTable, t) : title}
      >
        {state ?? (
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            {children as never}
          </ResponsiveContainer>
        )}
      </div>
      {withTable && <ChartTable id={tableId} title={title} table={withTable} shown={tableShown} />}
    </figure>
  );
}
