// Spreadsheet import on "Nhập liệu": pick a kind and a file, see the API's dry run (how the
// columns were understood, the first rows, every problem by row and column), and only when the
// file is clean import it for real. The commit carries an idempotency key made once per checked
// file, so a retry after a dropped connection cannot import the rows twice.
import { type DragEvent, useId, useRef, useState } from "react";
import { useClient, useQuery } from "urql";
import { Link, useSearch } from "wouter";
import { errorMessage } from "../components/DataState";
import { keep } from "../components/Layout";
import {
  ImportRecordsMutation,
  type RecordImportColumnSpec,
  RecordImportColumnsQuery,
  type RecordImportFormat,
  type RecordImportKind,
  type RecordImportReport,
} from "../graphql/imports";
import { downloadCsv } from "../lib/csv";
import { type MessageKey, useI18n } from "../lib/i18n";
import { importFormat, newImportKey, readImportContent, templateCsv } from "../lib/importFile";
import styles from "./Import.module.css";
import { ErrorTable, Mapping, Preview, Summary } from "./ImportReport";

const kinds: { kind: RecordImportKind; label: MessageKey; file: string }[] = [
  { kind: "ACTIVITIES", label: "import.kind.activities", file: "mau-nhap-hoat-dong.csv" },
  { kind: "MODELS", label: "import.kind.models", file: "mau-nhap-mo-hinh.csv" },
  { kind: "AWARDS", label: "import.kind.awards", file: "mau-nhap-khen-thuong.csv" },
];

interface PickedFile {
  name: string;
  format: RecordImportFormat;
  content: string;
  /** Made when the file (and kind) is checked, reused by every commit attempt of it. */
  key: string;
}

export type Stage =
  | { step: "empty" }
  | { step: "checking" }
  | { step: "checked"; report: RecordImportReport }
  | { step: "importing"; report: RecordImportReport }
  | { step: "imported"; report: RecordImportReport };

export function ImportPanel({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const client = useClient();
  const search = useSearch();
  const inputId = useId();
  const hintId = useId();
  const [kind, setKind] = useState<RecordImportKind>("ACTIVITIES");
  const [file, setFile] = useState<PickedFile | null>(null);
  const [stage, setStage] = useState<Stage>({ step: "empty" });
  const [problem, setProblem] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  // Only the answer to the latest check may land: a slow dry run of an earlier file is dropped.
  const latest = useRef(0);
  const [columnsResult] = useQuery({ query: RecordImportColumnsQuery, variables: { kind } });
  const specs = columnsResult.data?.recordImportColumns;

  async function send(
    picked: PickedFile,
    importKind: RecordImportKind,
    dryRun: boolean,
  ): Promise<{ report?: RecordImportReport; problem?: string }> {
    const result = await client
      .mutation(ImportRecordsMutation, {
        input: {
          kind: importKind,
          format: picked.format,
          content: picked.content,
          dryRun,
          ...(dryRun ? {} : { idempotencyKey: picked.key }),
        },
      })
      .toPromise();
    const answer = result.data?.importRecords;
    if (answer?.__typename === "MutationImportRecordsSuccess") return { report: answer.data };
    if (answer && "message" in answer) {
      const issues =
        answer.__typename === "InputError" ? answer.issues.map((i) => i.message).join(" ") : "";
      return { problem: [answer.message, issues].filter(Boolean).join(" — ") };
    }
    return { problem: result.error ? errorMessage(result.error, t) : t("state.error") };
  }

  async function check(picked: PickedFile, importKind: RecordImportKind) {
    const request = ++latest.current;
    setProblem(null);
    setStage({ step: "checking" });
    const outcome = await send(picked, importKind, true);
    if (request !== latest.current) return;
    if (outcome.report) setStage({ step: "checked", report: outcome.report });
    else {
      setStage({ step: "empty" });
      setProblem(outcome.problem ?? t("state.error"));
    }
  }

  async function pick(chosen: File | undefined) {
    if (!chosen) return;
    const format = importFormat(chosen.name);
    if (!format) {
      latest.current++;
      setFile(null);
      setStage({ step: "empty" });
      setProblem(t("import.badFormat"));
      return;
    }
    const content = await readImportContent(chosen, format);
    const picked = { name: chosen.name, format, content, key: newImportKey() };
    setFile(picked);
    await check(picked, kind);
  }

  function changeKind(next: RecordImportKind) {
    setKind(next);
    if (file && stage.step !== "importing") {
      // Same file, different meaning: a new check, and a new key for its import.
      const picked = { ...file, key: newImportKey() };
      setFile(picked);
      void check(picked, next);
    }
  }

  async function commit() {
    if (!file || stage.step !== "checked" || !stage.report.ok) return;
    const checked = stage.report;
    setProblem(null);
    setStage({ step: "importing", report: checked });
    const outcome = await send(file, kind, false);
    if (outcome.report?.ok) setStage({ step: "imported", report: outcome.report });
    else if (outcome.report) setStage({ step: "checked", report: outcome.report });
    else {
      // Nothing is known to be written: keep the checked report and the key, so "Import" again
      // is a retry the server recognises.
      setStage({ step: "checked", report: checked });
      setProblem(outcome.problem ?? t("state.error"));
    }
  }

  function reset() {
    latest.current++;
    setFile(null);
    setStage({ step: "empty" });
    setProblem(null);
  }

  function onDrop(event: DragEvent<HTMLElement>) {
    event.preventDefault();
    setDragging(false);
    void pick(event.dataTransfer.files[0]);
  }

  const report = stage.step === "empty" || stage.step === "checking" ? null : stage.report;
  const kindLabel = t(kinds.find((k) => k.kind === kind)?.label ?? "import.kind.activities");
  const ready = stage.step === "checked" && stage.report.ok && stage.report.dryRun;

  return (
    <section className={styles.import} aria-label={t("entry.import")}>
      <div className={`card ${styles.importSetup}`}>
        <div className={styles.importStep}>
          <h2 className="card-title">{t("import.step.kind")}</h2>
          <fieldset className="segmented">
            <legend className="sr-only">{t("import.kind")}</legend>
            {kinds.map((k) => (
              <button
                key={k.kind}
                type="button"
                aria-pressed={kind === k.kind}
                className={`chip ${kind === k.kind ? "chip-active" : ""}`}
                disabled={stage.step === "importing"}
                onClick={() => changeKind(k.kind)}
              >
                {t(k.label)}
              </button>
            ))}
          </fieldset>
          <TemplateHelp
            specs={specs}
            fetching={columnsResult.fetching}
            fileName={kinds.find((k) => k.kind === kind)?.file ?? "mau-nhap.csv"}
            kindLabel={kindLabel}
          />
        </div>
        <div className={styles.importStep}>
          <h2 className="card-title">{t("import.step.file")}</h2>
          <label
            className={`${styles.dropzone} ${dragging ? styles.dropzoneActive : ""}`}
            htmlFor={inputId}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <span className={styles.dropzoneTitle}>{t("import.choose")}</span>
            <span className="muted" id={hintId}>
              {file ? file.name : t("import.chooseHint")}
            </span>
          </label>
          <input
            id={inputId}
            className="sr-only"
            type="file"
            aria-describedby={hintId}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            disabled={!canWrite || stage.step === "importing"}
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              // Cleared so that picking the same (corrected) file again is a change too.
              event.target.value = "";
              void pick(chosen);
            }}
          />
        </div>
      </div>

      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {stage.step === "checking" && (
        <div className="state state-loading" role="status" aria-live="polite">
          <span className="spinner" aria-hidden="true" />
          {t("import.checking")}
        </div>
      )}

      {report && file && (
        <>
          <Summary report={report} stage={stage.step} fileName={file.name} />
          {stage.step === "imported" ? (
            <div className={styles.importActions}>
              <Link className="button button-primary" href={`/${keep(search)}`}>
                {t("import.toOverview")}
              </Link>
              <button type="button" className="button" onClick={reset}>
                {t("import.another")}
              </button>
            </div>
          ) : (
            <div className={styles.importActions}>
              <button
                type="button"
                className="button button-primary"
                disabled={!ready || !canWrite}
                aria-describedby={ready ? undefined : `${hintId}-why`}
                onClick={() => void commit()}
              >
                {stage.step === "importing" ? t("import.importing") : t("import.commit")}
              </button>
              {!ready && stage.step !== "importing" && (
                <span className="muted" id={`${hintId}-why`}>
                  {t("import.fixFirst")}
                </span>
              )}
            </div>
          )}
          {report.errors.length > 0 && <ErrorTable report={report} />}
          <div className={`grid ${styles.importGrid}`}>
            <Preview report={report} />
            <Mapping report={report} specs={specs} />
          </div>
        </>
      )}
      {!report && stage.step === "empty" && !problem && (
        <p className={`muted ${styles.importEmpty}`}>{t("import.intro")}</p>
      )}
    </section>
  );
}

function TemplateHelp({
  specs,
  fetching,
  fileName,
  kindLabel,
}: {
  specs: RecordImportColumnSpec[] | undefined;
  fetching: boolean;
  fileName: string;
  kindLabel: string;
}) {
  const { t, lang } = useI18n();
  return (
    <div className={styles.importTemplate}>
      <button
        type="button"
        className="button button-small"
        disabled={!specs}
        onClick={() => specs && downloadCsv(templateCsv(specs), fileName)}
      >
        {t("import.template")}: {kindLabel}
      </button>
      <details className={styles.importColumns}>
        <summary>
          {t("import.columns")}
          {specs ? ` (${specs.length})` : fetching ? ` — ${t("state.loading")}` : ""}
        </summary>
        {specs && (
          <ul>
            {specs.map((spec) => (
              <li key={spec.field}>
                <strong>{lang === "vi" ? spec.header : spec.english}</strong>
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
