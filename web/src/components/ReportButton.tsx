import "./ReportButton.css";
// "Báo cáo" next to the period picker: a dialog that downloads the periodic report of the unit and
// period on screen as Word (editable) or PDF, from POST /report with the session's token. The
// parts the figures cannot write (assessment, shortcomings, directions) may be typed here; left
// empty, they stay marked placeholders in the file.
import { useRef, useState } from "react";
import { sessionStore } from "../client";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useI18n } from "../lib/i18n";

// The dialog's own words, Vietnamese first (kept beside it until the shared message table is
// reorganised; the keys follow its "area.name" style).
const TEXT = {
  vi: {
    open: "Báo cáo",
    title: "Tải báo cáo định kỳ",
    intro:
      "Báo cáo theo thể thức Nghị định 30/2020/NĐ-CP, số liệu của đơn vị và kỳ đang chọn, so sánh với cùng kỳ năm trước.",
    format: "Định dạng",
    docx: "Word (.docx, sửa được)",
    pdf: "PDF",
    assessment: "Ưu điểm (không bắt buộc)",
    limitations: "Hạn chế, nguyên nhân (không bắt buộc)",
    directions: "Phương hướng, nhiệm vụ (không bắt buộc)",
    signer: "Người ký (không bắt buộc)",
    download: "Tải báo cáo",
    busy: "Đang lập báo cáo…",
    close: "Đóng",
    failed: "Không lập được báo cáo.",
  },
  en: {
    open: "Report",
    title: "Download the periodic report",
    intro:
      "A report in the layout of Decree 30/2020/NĐ-CP with the figures of the unit and period shown, compared with the same span a year earlier.",
    format: "Format",
    docx: "Word (.docx, editable)",
    pdf: "PDF",
    assessment: "Strengths (optional)",
    limitations: "Shortcomings and causes (optional)",
    directions: "Directions and tasks (optional)",
    signer: "Signed by (optional)",
    download: "Download",
    busy: "Preparing the report…",
    close: "Close",
    failed: "The report could not be made.",
  },
} as const;

/** The file name the server gave (Content-Disposition), else a plain one. */
function fileNameOf(response: Response, format: string): string {
  const header = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(header)?.[1];
  return encoded ? decodeURIComponent(encoded) : `bao-cao.${format}`;
}

export function ReportButton() {
  const { lang } = useI18n();
  const text = TEXT[lang];
  const { unitId, range } = useDashboardParams();
  const dialog = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

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
        }),
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { message?: string } | null;
        setError(body?.message ?? text.failed);
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
      setError(text.failed);
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
          dialog.current?.showModal();
        }}
      >
        {text.open}
      </button>
      <dialog ref={dialog} className="report-dialog" aria-labelledby="report-dialog-title">
        <form
          method="dialog"
          onSubmit={(event) => {
            event.preventDefault();
            void download(event.currentTarget);
          }}
        >
          <h2 id="report-dialog-title" className="card-title">
            {text.title}
          </h2>
          <p className="muted">{text.intro}</p>
          <fieldset className="field">
            <legend>{text.format}</legend>
            <label className="field-inline">
              <input type="radio" name="format" value="docx" defaultChecked /> {text.docx}
            </label>
            <label className="field-inline">
              <input type="radio" name="format" value="pdf" /> {text.pdf}
            </label>
          </fieldset>
          {(["assessment", "limitations", "directions"] as const).map((name) => (
            <div className="field" key={name}>
              <label htmlFor={`report-${name}`}>{text[name]}</label>
              <textarea id={`report-${name}`} name={name} className="input" rows={2} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="report-signer">{text.signer}</label>
            <input id="report-signer" name="signerName" className="input" maxLength={200} />
          </div>
          {error && (
            <div className="form-error" role="alert">
              {error}
            </div>
          )}
          <div className="report-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? text.busy : text.download}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              {text.close}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
