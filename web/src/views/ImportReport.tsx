// What the API's dry run or import said about a file, on "Nhập liệu": the summary line, the
// problems by row and column, and the first rows (the mapping step is ImportMapping.tsx).
import type { RecordImportReport } from "../graphql/imports";
import { useI18n } from "../lib/i18n";
import type { Stage } from "./Import";
import styles from "./Import.module.css";
export function Summary({
  report,
  stage,
  fileName,
}: {
  report: RecordImportReport;
  stage: Stage["step"];
  fileName: string;
}) {
  const { t } = useI18n();
  if (stage === "imported") {
    return (
      <p className={`form-success ${styles.importSummary}`} role="status">
        <strong>{t("import.done", { count: report.created })}</strong>{" "}
        {t("import.doneFrom", { file: fileName })}
      </p>
    );
  }
  if (report.ok) {
    return (
      <p className={`form-success ${styles.importSummary}`} role="status">
        <strong>{t("import.clean")}</strong>{" "}
        {t("import.cleanDetail", { rows: report.rowsRead, count: report.created })}
      </p>
    );
  }
  return (
    <p className={`form-error ${styles.importSummary}`} role="status">
      <strong>{t("import.hasErrors", { errors: report.errorCount, rows: report.rowsRead })}</strong>{" "}
      {t("import.nothingWritten")}
    </p>
  );
}

export function ErrorTable({ report }: { report: RecordImportReport }) {
  const { t } = useI18n();
  const title = t("import.errors");
  return (
    <section className="card table-card" aria-label={title}>
      <header className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {report.errorCount > report.errors.length && (
            <p className="card-subtitle">
              {t("import.errorsFirst", {
                shown: report.errors.length,
                total: report.errorCount,
              })}
            </p>
          )}
        </div>
      </header>
      <div className={`table-scroll ${styles.importErrors}`}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col" className={`num ${styles.importColRow}`}>
                {t("import.row")}
              </th>
              <th scope="col" className={styles.importColColumn}>
                {t("import.column")}
              </th>
              <th scope="col">{t("import.message")}</th>
            </tr>
          </thead>
          <tbody>
            {report.errors.map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one row can have several problems in one column
              <tr key={`${issue.row}-${issue.column ?? ""}-${index}`}>
                <td className="num">{issue.row}</td>
                <td>{issue.column ?? "—"}</td>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function Preview({ report }: { report: RecordImportReport }) {
  const { t } = useI18n();
  const title = t("import.preview");
  const bad = new Set(report.errors.map((e) => `${e.row}|${e.column ?? ""}`));
  return (
    <section className="card table-card" aria-label={title}>
      <header className="card-header">
        <div>
          <h2 className="card-title">{title}</h2>
          {report.preview.length > 0 && (
            <p className="card-subtitle">
              {report.preview.length < report.rowsRead
                ? t("import.previewFirst", { shown: report.preview.length, rows: report.rowsRead })
                : t("import.previewAll", { rows: report.rowsRead })}
            </p>
          )}
        </div>
      </header>
      {report.preview.length === 0 ? (
        // Rows exist but the columns are not settled yet: say so, not that the file is empty.
        <div className="state state-empty">
          {report.rowsRead > 0
            ? t("import.previewAfterMapping", { rows: report.rowsRead })
            : t("import.noRows")}
        </div>
      ) : (
        <div className={`table-scroll ${styles.importPreview}`}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("import.row")}
                </th>
                {report.columns.map((column, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a header may repeat (reported)
                  <th scope="col" key={`${column.header}-${index}`}>
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.preview.map((row) => (
                <tr
                  key={row.row}
                  className={row.ok ? undefined : `import-row-bad ${styles.rowBad}`}
                >
                  <td className="num">
                    {row.ok ? (
                      row.row
                    ) : (
                      <span title={t("import.rowHasErrors")}>
                        {row.row} <span aria-hidden="true">⚠</span>
                        <span className="sr-only">{t("import.rowHasErrors")}</span>
                      </span>
                    )}
                  </td>
                  {report.columns.map((column, index) => (
                    <td
                      // biome-ignore lint/suspicious/noArrayIndexKey: cells follow the columns
                      key={index}
                      className={
                        bad.has(`${row.row}|${column.header}`) ? styles.importCellBad : undefined
                      }
                    >
                      {row.cells[index] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
