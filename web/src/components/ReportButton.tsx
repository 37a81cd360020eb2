// "Báo cáo" next to the period picker: a dialog that downloads the periodic report of the unit and
// period on screen as Word (editable) or PDF, from POST /report with the session's token. The
// parts the figures cannot write (assessment, shortcomings, directions) may be typed here; left
// empty, they stay marked placeholders in the file. A Word report may fill an uploaded template
// instead of the default layout (ReportTemplates.tsx: the list, upload and deletion).
import { useRef, useState } from "react";
import { sessionStore } from "../client";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useI18n } from "../lib/i18n";
import styles from "./ReportButton.module.css";
import { ReportTemplateManager, useReportTemplates } from "./ReportTemplates";

/** The file name the server gave (Content-Disposition), else a plain one. */
function fileNameOf(response: Response, format: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return encoded ? decodeURIComponent(encoded) : `bao-cao.${format}`;
}

export function ReportButton() {
  const { t } = useI18n();
  const { unitId, range } = useDashboardParams();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const { templates, reload } = useReportTemplates(unitId, open);

  async function download(form: HTMLFormElement) {
    const data = new FormData(form);
    const value = (name: string) => String(data.get(name) ?? "").trim() || undefined;
    const format = value("format") ?? "docx";
    setBusy(true);
    setError(null);
    try {
      const token = sessionStore.get()?.token;
      const response = await fetch("/report", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({
          unitId,
          from: range.from,
          to: range.to,
          format,
          assessment: value("assessment"),
          limitations: value("limitations"),
          directions: value("directions"),
          signerName: value("signerName"),
          templateId: value("templateId"),
        }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? t("report.failed"));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement("a");
      link.href = url;
      link.download = fileNameOf(response, format);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch {
      setError(t("report.failed"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          setError(null);
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        {t("report.open")}
      </button>
      <dialog
        ref={dialog}
        className={styles.dialog}
        aria-labelledby="report-dialog-title"
        onClose={() => setOpen(false)}
      >
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void download(event.currentTarget);
          }}
        >
          <h2 id="report-dialog-title" className="card-title">
            {t("report.title")}
          </h2>
          <p className="muted">{t("report.intro")}</p>
          <fieldset className="field">
            <legend>{t("report.format")}</legend>
            <label className="field-inline">
              <input type="radio" name="format" value="docx" defaultChecked /> {t("report.docx")}
            </label>
            <label className="field-inline">
              <input type="radio" name="format" value="pdf" /> {t("report.pdf")}
            </label>
          </fieldset>
          <div className="field">
            <label htmlFor="report-template">{t("report.template")}</label>
            <select
              id="report-template"
              name="templateId"
              className="input"
              aria-describedby="report-template-hint"
            >
              <option value="">{t("report.defaultTemplate")}</option>
              {templates.map((template) => (
                <option key={template.id} value={String(template.id)}>
                  {template.name}
                </option>
              ))}
            </select>
            <span id="report-template-hint" className="muted">
              {t("report.templateHint")}
            </span>
          </div>
          {(["assessment", "limitations", "directions"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`report-${name}`}>{t(`report.${name}`)}</label>
              <textarea id={`report-${name}`} name={name} className="input" rows={2} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="report-signer">{t("report.signer")}</label>
            <input id="report-signer" name="signerName" className="input" maxLength={200} />
          </div>
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          <div className={styles.actions}>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t("report.busy") : t("report.download")}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              {t("report.close")}
            </button>
          </div>
        </form>
        <ReportTemplateManager unitId={unitId} templates={templates} reload={reload} />
      </dialog>
    </>
  );
}
