// Spreadsheet import on "Nhập liệu": pick a kind and a file, see the API's dry run (how the
// columns were matched, the first rows, every problem by row and column), change the mapping of
// the columns where needed (each change checked again), and only when the file is clean import
// it for real. The commit carries an idempotency key made once per checked file and mapping, so
// a retry after a dropped connection cannot import the rows twice. A mapping that imported is
// remembered for the next file with the same headers (lib/importMapping.ts).
import { type DragEvent, useId, useRef, useState } from "react";
import { useClient, useQuery } from "urql";
import { Link, useSearch } from "wouter";
import { errorMessage } from "../components/DataState";
import { keep } from "../components/Layout";
import {
  ImportRecordsMutation,
  RecordImportColumnsQuery,
  type RecordImportFormat,
  type RecordImportKind,
  type RecordImportReport,
} from "../graphql/imports";
import { useI18n } from "../lib/i18n";
import { importFormat, newImportKey, readImportContent } from "../lib/importFile";
import {
  choiceFromColumns,
  choiceFromMapping,
  type FieldMappingInput,
  type MappingChoice,
  mappingInput,
} from "../lib/importMapping";
import styles from "./Import.module.css";
import { MappingEditor } from "./ImportMapping";
import { ErrorTable, Preview, Summary } from "./ImportReport";
import { kinds, TemplateHelp } from "./ImportTemplate";

interface PickedFile {
  name: string;
  format: RecordImportFormat;
  content: string;
  /** Made when the file (kind, mapping) is checked, reused by every commit attempt of it. */
  key: string;
  /** The mapping step's choice; null until the automatic matching has been seen. */
  choice: MappingChoice | null;
  /** What the last check sent as `mapping` (null: matched by headers); the commit sends it too. */
  mapping: FieldMappingInput[] | null;
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
  const fields = specs?.map((s) => s.field) ?? [];

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
          ...(picked.mapping ? { mapping: picked.mapping } : {}),
        },
      })
      .toPromise();
    const answer = result.data?.importRecords;
    if (answer?.__typename === "MutationImportRecordsSuccess") return { report: answer.data };
    if (answer && "message" in answer) {
      // An input error's issues say it all; its summary repeats them behind a field path.
      const issues =
        answer.__typename === "InputError" ? answer.issues.map((i) => i.message).join(" ") : "";
      return { problem: issues || answer.message };
    }
    return { problem: result.error ? errorMessage(result.error, t) : t("state.error") };
  }

  async function check(picked: PickedFile, importKind: RecordImportKind) {
    const request = ++latest.current;
    setProblem(null);
    setStage({ step: "checking" });
    const outcome = await send(picked, importKind, true);
    if (request !== latest.current) return;
    const report = outcome.report;
    if (!report) {
      setStage({ step: "empty" });
      setProblem(outcome.problem ?? t("state.error"));
      return;
    }
    if (picked.choice === null) {
      // First look at this file: the automatic matching, or the mapping this account used last
      // time for the same headers (the server keeps it; checked again with it).
      const recalled = report.rememberedMapping
        ? choiceFromMapping(report.rememberedMapping, report.columns.length)
        : null;
      if (recalled && fields.length > 0) {
        const next = { ...picked, choice: recalled, mapping: mappingInput(recalled, fields) };
        setFile(next);
        await check(next, importKind);
        return;
      }
      const next = { ...picked, choice: choiceFromColumns(report.columns) };
      setFile(next);
    }
    setStage({ step: "checked", report });
  }

  function changeMapping(choice: MappingChoice, settled: boolean) {
    if (!file) return;
    if (!settled) {
      setFile({ ...file, choice });
      return;
    }
    // A new mapping is a new request: a new key for its import.
    const next = { ...file, choice, mapping: mappingInput(choice, fields), key: newImportKey() };
    setFile(next);
    void check(next, kind);
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
    const picked = {
      name: chosen.name,
      format,
      content,
      key: newImportKey(),
      choice: null,
      mapping: null,
    };
    setFile(picked);
    await check(picked, kind);
  }

  function changeKind(next: RecordImportKind) {
    setKind(next);
    if (file && stage.step !== "importing") {
      // Same file, different meaning: a new check (from the automatic matching), a new key.
      const picked = { ...file, key: newImportKey(), choice: null, mapping: null };
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
    if (outcome.report?.ok) {
      // The server keeps the mapping of a successful import for the next file with these headers.
      setStage({ step: "imported", report: outcome.report });
    } else if (outcome.report) setStage({ step: "checked", report: outcome.report });
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
            kind={kind}
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
          {stage.step !== "imported" && specs && file.choice && (
            <MappingEditor
              report={report}
              specs={specs}
              choice={file.choice}
              disabled={!canWrite || stage.step === "importing"}
              onChange={changeMapping}
            />
          )}
          {report.errors.length > 0 && <ErrorTable report={report} />}
          <Preview report={report} />
        </>
      )}
      {!report && stage.step === "empty" && !problem && (
        <p className={`muted ${styles.importEmpty}`}>{t("import.intro")}</p>
      )}
    </section>
  );
}
