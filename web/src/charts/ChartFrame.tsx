// The one container around every chart: title, PNG export, fixed height, and the loading / error /
// empty states of the data behind it.
import { type ReactNode, useRef, useState } from "react";
import { ResponsiveContainer } from "recharts";
import { downloadBlob, slug } from "../lib/csv";
import { useI18n } from "../lib/i18n";
import { svgToPng } from "../lib/png";
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
}

export function ChartFrame({
  title,
  subtitle,
  height = 300,
  children,
  state,
  actions,
  className,
}: Props) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const [exporting, setExporting] = useState(false);

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
      <div ref={body} className={styles.chartBody} style={{ height }} role="img" aria-label={title}>
        {state ?? (
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            {children as never}
          </ResponsiveContainer>
        )}
      </div>
    </figure>
  );
}
