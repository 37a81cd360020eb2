// The import's first step beside the kind: the template to fill in (built by the API for this
// account, with its units and codes) and the columns a file of the kind may have.
import { useState } from "react";
import { useClient } from "urql";
import {
  type RecordImportColumnSpec,
  type RecordImportKind,
  RecordImportTemplateQuery,
} from "../graphql/imports";
import { downloadBlob } from "../lib/csv";
import { type MessageKey, useI18n } from "../lib/i18n";
import { base64ToBlob } from "../lib/importFile";
import { columnName } from "../lib/importMapping";
import styles from "./Import.module.css";

/** The kinds a file may hold, with their names and their templates' file names. */
export const kinds: { kind: RecordImportKind; label: MessageKey; file: string }[] = [
  { kind: "ACTIVITIES", label: "import.kind.activities", file: "mau-nhap-hoat-dong.xlsx" },
  { kind: "MODELS", label: "import.kind.models", file: "mau-nhap-mo-hinh.xlsx" },
  { kind: "AWARDS", label: "import.kind.awards", file: "mau-nhap-khen-thuong.xlsx" },
];

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function TemplateHelp({
  kind,
  specs,
  fetching,
  fileName,
  kindLabel,
}: {
  kind: RecordImportKind;
  specs: RecordImportColumnSpec[] | undefined;
  fetching: boolean;
  fileName: string;
  kindLabel: string;
}) {
  const { t, lang } = useI18n();
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function download() {
    setBusy(true);
    setFailed(false);
    // Built for this account (its units and codes), so asked for on each download.
    const result = await client
      .query(RecordImportTemplateQuery, { kind }, { requestPolicy: "network-only" })
      .toPromise();
    setBusy(false);
    const file = result.data?.recordImportTemplate;
    if (file) downloadBlob(base64ToBlob(file, XLSX_TYPE), fileName);
    else setFailed(true);
  }

  return (
    <div className={styles.importTemplate}>
      <button
        type="button"
        className="button button-small"
        disabled={busy}
        onClick={() => void download()}
      >
        {busy ? t("state.loading") : `${t("import.template")}: ${kindLabel}`}
      </button>
      <span className="muted">{t("import.templateHint")}</span>
      {failed && (
        <span className="form-error" role="alert">
          {t("state.error")}
        </span>
      )}
      <details className={styles.importColumns}>
        <summary>
          {t("import.columns")}
          {specs ? ` (${specs.length})` : fetching ? ` — ${t("state.loading")}` : ""}
        </summary>
        {specs && (
          <ul>
            {specs.map((spec) => (
              <li key={spec.field}>
                <strong>{columnName(spec, lang)}</strong>
                {spec.required && (
                  <span className="badge badge-danger">{t("import.required")}</span>
                )}
                <span className="muted"> — {spec.description}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  );
}
