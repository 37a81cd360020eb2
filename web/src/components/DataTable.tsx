// A plain, accessible table with CSV export: the server's file of the same answer when there is one
// (`download`, analytics), else exactly what it shows (record lists).
import { type ReactNode, useEffect, useRef, useState } from "react";
import { downloadCsv, slug, toCsv } from "../lib/csv";
import { useI18n } from "../lib/i18n";
import styles from "./DataTable.module.css";

export interface Column<Row> {
  key: string;
  header: string;
  render: (row: Row) => ReactNode;
  /** Value written to CSV without `download`; raw numbers, not formatted text. */
  csv?: (row: Row) => string | number | null | undefined;
  numeric?: boolean;
  /** On screen only, never in the CSV (a row's buttons). */
  screenOnly?: boolean;
}

interface Props<Row> {
  title: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClass?: (row: Row) => string | undefined;
  caption?: ReactNode;
  footer?: ReactNode;
  actions?: ReactNode;
  /** Downloads the server's file of this answer instead of writing the rows in the browser. */
  download?: (filename: string) => Promise<void>;
}

export function DataTable<Row>({
  title,
  columns,
  rows,
  rowKey,
  rowClass,
  caption,
  footer,
  actions,
  download,
}: Props<Row>) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const { ref: scroller, more } = useColumnsHidden();
  const filename = `${slug(title)}.csv`;
  async function exportCsv() {
    setFailed(false);
    if (!download) {
      const csvColumns = columns
        .filter((c) => !c.screenOnly)
        .map((c) => ({ header: c.header, value: c.csv ?? (() => null) }));
      downloadCsv(toCsv(csvColumns, rows), filename);
      return;
    }
    await download(filename).catch(() => setFailed(true));
  }
  return (
    <section className="card table-card" aria-label={title}>
      <header className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {caption && <p className="card-subtitle">{caption}</p>}
        </div>
        <div className="card-actions">
          {actions}
          {failed && <span role="alert">{t("export.failed")}</span>}
          <button
            type="button"
            className="button button-small"
            onClick={exportCsv}
            aria-label={`${t("export.csv")}: ${title}`}
          >
            CSV
          </button>
        </div>
      </header>
      {more && <p className={`table-scroll-hint ${styles.scrollHint}`}>{t("table.scrollHint")}</p>}
      {/* Focusable, so a keyboard can scroll a table wider than a phone (WCAG 2.1.1). A shade on
          the right edge and the hint above say columns lie beyond it (1.017,6 is not "1.01"). The
          plain names table-scroll-frame and -hint, unstyled, are the end-to-end tests'. */}
      <div
        className={`table-scroll-frame ${styles.scrollFrame}`}
        data-more={more ? "right" : undefined}
      >
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus */}
        <section className="table-scroll" tabIndex={0} aria-label={title} ref={scroller}>
          <table className="table">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col" className={column.numeric ? "num" : undefined}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={rowKey(row)} className={rowClass?.(row)}>
                  {columns.map((column) => (
                    <td key={column.key} className={column.numeric ? "num" : undefined}>
                      {column.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      {footer && <div className={styles.footer}>{footer}</div>}
    </section>
  );
}

/** Whether the table's scrolling region hides columns to its right (re-read on resize and scroll). */
function useColumnsHidden() {
  const ref = useRef<HTMLElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const check = () => setMore(element.scrollLeft + element.clientWidth < element.scrollWidth - 1);
    check();
    element.addEventListener("scroll", check, { passive: true });
    // The region's size changes with the window, the table's with its rows and columns.
    const observer = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(check);
    observer?.observe(element);
    if (element.firstElementChild) observer?.observe(element.firstElementChild);
    return () => {
      element.removeEventListener("scroll", check);
      observer?.disconnect();
    };
  }, []);
  return { ref, more };
}
