// Uploaded Word templates in the report dialog: the list a unit's report may use (its own and its
// parents'), and for administrators the upload (POST /report/templates, checked by the server,
// whose Vietnamese problems are shown one per line) and deletion (DELETE /report/templates?id=).
// The chosen template is kept by ReportButton, which sends its id with the report request.
import { useCallback, useEffect, useId, useState } from "react";
import { sessionStore, useSession } from "../client";
import { formatDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import styles from "./ReportButton.module.css";

export interface ReportTemplate {
  id: number;
  name: string;
  createdAt: string;
}

interface Problem {
  message?: string;
  problems?: string[];
  issues?: { message: string }[];
}

function authHeaders(): Record<string, string> {
  const token = sessionStore.get()?.token;
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The server's sentences: each template problem or field issue, else its message. */
function linesOf(body: Problem | null, fallback: string): string[] {
  if (body?.problems?.length) return body.problems;
  if (body?.issues?.length) return body.issues.map((i) => i.message);
  return [body?.message ?? fallback];
}

/** The templates a report of `unitId` may use (undefined: the account's own unit). */
export function useReportTemplates(unitId: string | undefined, open: boolean) {
  const [templates, setTemplates] = useState<ReportTemplate[]>([]);
  const reload = useCallback(async () => {
    const query = unitId ? `?unitId=${encodeURIComponent(unitId)}` : "";
    const response = await fetch(`/report/templates${query}`, { headers: authHeaders() }).catch(
      () => null,
    );
    if (!response?.ok) return;
    const body = (await response.json()) as { templates: ReportTemplate[] };
    setTemplates(body.templates);
  }, [unitId]);
  useEffect(() => {
    if (open) void reload();
  }, [open, reload]);
  return { templates, reload };
}

interface Props {
  unitId: string | undefined;
  templates: ReportTemplate[];
  reload: () => Promise<void>;
}

/** Upload and delete: administrators only (the server refuses others anyway). */
export function ReportTemplateManager({ unitId, templates, reload }: Props) {
  const { t } = useI18n();
  const session = useSession();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  if (session?.user.role !== "ADMIN") return null;

  async function upload(form: HTMLFormElement) {
    const data = new FormData(form);
    const file = data.get("file");
    const name = String(data.get("name") ?? "").trim();
    setProblems([]);
    setDone(null);
    if (!(file instanceof File) || file.size === 0) {
      setProblems([t("reportTemplates.noFile")]);
      return;
    }
    setBusy(true);
    try {
      const query = new URLSearchParams({ name: name || file.name.replace(/\.docx$/i, "") });
      if (unitId) query.set("unitId", unitId);
      const response = await fetch(`/report/templates?${query}`, {
        method: "POST",
        headers: { "content-type": file.type || "application/octet-stream", ...authHeaders() },
        body: file,
      });
      const body = (await response.json().catch(() => null)) as
        | (Problem & { template?: ReportTemplate })
        | null;
      if (!response.ok || !body?.template) {
        setProblems(linesOf(body, t("reportTemplates.failed")));
        return;
      }
      setDone(t("reportTemplates.uploaded", { name: body.template.name }));
      form.reset();
      await reload();
    } catch {
      setProblems([t("reportTemplates.failed")]);
    } finally {
      setBusy(false);
    }
  }

  async function remove(template: ReportTemplate) {
    setProblems([]);
    setDone(null);
    setBusy(true);
    try {
      const response = await fetch(`/report/templates?id=${template.id}`, {
        method: "DELETE",
        headers: authHeaders(),
      });
      if (!response.ok) {
        setProblems(linesOf(await response.json().catch(() => null), t("reportTemplates.failed")));
        return;
      }
      setDone(t("reportTemplates.deleted", { name: template.name }));
      setConfirming(null);
      await reload();
    } catch {
      setProblems([t("reportTemplates.failed")]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className={styles.templates} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={styles.subtitle}>
        {t("reportTemplates.title")}
      </h3>
      <p className="muted">{t("reportTemplates.intro")}</p>
      <form
        className={styles.upload}
        onSubmit={(event) => {
          event.preventDefault();
          void upload(event.currentTarget);
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("reportTemplates.file")}</label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            className="input"
            accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t("reportTemplates.name")}</label>
          <input id={`${id}-name`} name="name" className="input" maxLength={200} />
        </div>
        <div className={styles.actions}>
          <button type="submit" className="button" disabled={busy}>
            {t("reportTemplates.upload")}
          </button>
        </div>
      </form>
      {problems.length > 0 && (
        <div className="form-error" role="alert">
          <ul className={styles.problems}>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p role="status" className={styles.status}>
        {done}
      </p>
      {templates.length === 0 ? (
        <p className="muted">{t("reportTemplates.none")}</p>
      ) : (
        <ul className={styles.templateList} aria-label={t("reportTemplates.list")}>
          {templates.map((template) => (
            <li key={template.id}>
              <span>
                {template.name}{" "}
                <span className="muted">
                  {t("reportTemplates.uploadedOn", { date: formatDate(template.createdAt) })}
                </span>
              </span>
              {confirming === template.id ? (
                <span className={styles.confirm}>
                  <button
                    type="button"
                    className={`button button-small ${styles.danger}`}
                    disabled={busy}
                    onClick={() => void remove(template)}
                  >
                    {t("reportTemplates.confirmDelete", { name: template.name })}
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setConfirming(null)}
                  >
                    {t("reportTemplates.cancel")}
                  </button>
                </span>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  aria-label={t("reportTemplates.deleteNamed", { name: template.name })}
                  onClick={() => setConfirming(template.id)}
                >
                  {t("reportTemplates.delete")}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
