// A data-entry form driven by a list of fields, typed the Vietnamese way: numbers as 1.250 or
// 1.333.980.000, days as dd/mm/yyyy. Each field is checked as the reporter types (once it has
// been left, or after a first save) and its message sits under it (aria-invalid,
// aria-describedby); the API stays the judge of the rest, and its InputError issues come back
// onto the fields they name. A read-only account sees the form disabled, with the reason.
import { type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from "react";
import { formatNumber, type Lang, parseDate, parseInteger } from "../lib/format";
import { type FormErrors, mapIssues, NO_ERRORS } from "../lib/formErrors";
import { type MessageKey, type Translate, useI18n } from "../lib/i18n";
import type { WriteOutcome } from "../lib/sendWrite";
import styles from "./RecordForm.module.css";

export type FieldSpec =
  | {
      name: string;
      label: MessageKey;
      type: "text" | "textarea" | "date" | "password";
      required?: boolean;
    }
  | {
      name: string;
      label: MessageKey;
      type: "number";
      required?: boolean;
      defaultValue?: number;
      /** Smallest value allowed (0 unless said: counts and money are never negative). */
      min?: number;
      /** false for a year: 2026, not 2.026. */
      grouped?: boolean;
    }
  | {
      name: string;
      label: MessageKey;
      type: "select";
      required?: boolean;
      options: { value: string; label: string }[];
      defaultValue?: string;
    };

/** What a form's save leads to: a write's outcome, or "queued" when it waits for the network. */
export type SubmitOutcome = WriteOutcome | { ok: true; queued: true };

interface Props {
  title: string;
  fields: FieldSpec[];
  submit: (input: Record<string, unknown>) => Promise<SubmitOutcome>;
  /** Values shown at first (a record being corrected), as the API gives them. */
  initial?: Record<string, unknown>;
  /** Why this account may only look (the form is disabled and says so). */
  readOnlyReason?: string;
  /** A correction keeps what it shows after saving; a new entry clears the form. */
  mode?: "create" | "correct";
  /** After a save; `queued` when it waits in the outbox (nothing changed on the server yet). */
  onSaved?: (queued: boolean) => void;
  /** Buttons beside Lưu (e.g. Hủy in a dialog). */
  extraActions?: ReactNode;
  /** In a dialog that already says what the form is: the title is for screen readers only. */
  quietTitle?: boolean;
}

function newKey(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  );
}

/** A value of the API as the field shows it: 1250 → "1.250", "2024-01-19" → "19/01/2024". */
export function displayValue(field: FieldSpec, value: unknown, lang: Lang): string {
  if (value === null || value === undefined) return "";
  if (field.type === "number" && typeof value === "number") {
    return field.grouped === false ? String(value) : formatNumber(value, lang);
  }
  if (field.type === "date" && typeof value === "string") {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
  }
  return String(value);
}

/** What is wrong with one field's text, in the interface's language; null when nothing. */
export function fieldProblem(field: FieldSpec, raw: string, t: Translate, lang: Lang) {
  const text = raw.trim();
  if (text === "") return field.required ? t("form.required") : null;
  if (field.type === "number") {
    const value = parseInteger(text, lang);
    if (value === null) return t("form.wholeNumber");
    const min = field.min ?? 0;
    if (value < min) return t("form.atLeast", { min: formatNumber(min, lang) });
  }
  if (field.type === "date" && !parseDate(text)) return t("error.date");
  return null;
}

/**
 * Form values → the mutation's input: numbers read the Vietnamese way, days typed dd/mm/yyyy as
 * ISO days, blank optional fields left out; `problems` names every field that cannot be sent
 * (the API would refuse the whole request rather than name the field).
 */
export function collectInput(
  fields: readonly FieldSpec[],
  form: FormData,
  t: Translate,
  lang: Lang,
): { input: Record<string, unknown>; problems: Record<string, string> } {
  const input: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const field of fields) {
    const raw = String(form.get(field.name) ?? "").trim();
    const problem = fieldProblem(field, raw, t, lang);
    if (problem) {
      problems[field.name] = problem;
      continue;
    }
    if (raw === "") continue;
    if (field.type === "number") input[field.name] = parseInteger(raw, lang);
    else if (field.type === "date") input[field.name] = parseDate(raw);
    else input[field.name] = raw;
  }
  return { input, problems };
}

export function RecordForm({
  title,
  fields,
  submit,
  initial,
  readOnlyReason,
  mode = "create",
  onSaved,
  extraActions,
  quietTitle,
}: Props) {
  const { t, lang } = useI18n();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  // Read by a second submit before React has drawn the first one's busy state.
  const sending = useRef(false);
  const [status, setStatus] = useState<"saved" | "queued" | null>(null);
  // Fields checked as they change: those already left once, and all of them after a first save.
  const [watched, setWatched] = useState<ReadonlySet<string>>(new Set());
  // One key per record being entered: a retry after a timeout cannot create it twice.
  const [key, setKey] = useState(newKey);
  const names = useMemo(() => fields.map((f) => f.name), [fields]);
  const readOnly = readOnlyReason !== undefined;

  function check(field: FieldSpec, raw: string) {
    const problem = fieldProblem(field, raw, t, lang);
    setErrors((previous) => {
      const next = { ...previous.fields };
      if (problem) next[field.name] = problem;
      else delete next[field.name];
      return { fields: next, form: previous.form };
    });
  }

  function onBlur(field: FieldSpec, target: HTMLInputElement | HTMLTextAreaElement) {
    setWatched((previous) => new Set(previous).add(field.name));
    // Shown back the way it is read: 1250 → 1.250, 1/2/2024 → 01/02/2024.
    if (field.type === "number") {
      const value = parseInteger(target.value, lang);
      if (value !== null) target.value = displayValue(field, value, lang);
    } else if (field.type === "date") {
      const day = parseDate(target.value);
      if (day) target.value = displayValue(field, day, lang);
    }
    check(field, target.value);
  }

  function focusField(name: string | undefined) {
    if (name) formRef.current?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (readOnly || sending.current) return;
    setStatus(null);
    setWatched(new Set(names));
    const { input, problems } = collectInput(fields, new FormData(event.currentTarget), t, lang);
    if (Object.keys(problems).length > 0) {
      setErrors({ fields: problems, form: [t("entry.invalid")] });
      focusField(names.find((name) => problems[name]));
      return;
    }
    setBusy(true);
    sending.current = true;
    try {
      const outcome = await submit({ ...input, idempotencyKey: key });
      if (outcome.ok) {
        setErrors(NO_ERRORS);
        setStatus("queued" in outcome ? "queued" : "saved");
        setKey(newKey());
        setWatched(new Set());
        if (mode === "create") formRef.current?.reset();
        onSaved?.("queued" in outcome);
      } else if ("error" in outcome && outcome.error.__typename === "InputError") {
        const mapped = mapIssues(outcome.error.issues, names);
        setErrors({
          fields: mapped.fields,
          form: mapped.form.length > 0 ? mapped.form : [t("entry.invalid")],
        });
        focusField(Object.keys(mapped.fields)[0]);
      } else {
        setErrors({
          fields: {},
          form: [
            "error" in outcome
              ? outcome.error.message
              : "offline" in outcome
                ? t("state.offline")
                : outcome.message,
          ],
        });
      }
    } finally {
      sending.current = false;
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className={`card ${styles.recordForm}`}
      onSubmit={onSubmit}
      noValidate
      aria-label={title}
    >
      <h2 className={quietTitle ? "sr-only" : "card-title"}>{title}</h2>
      {readOnly && (
        <p className="banner banner-warning" id={`${id}-readonly`}>
          {readOnlyReason}
        </p>
      )}
      <fieldset
        className={styles.formGrid}
        disabled={readOnly}
        aria-describedby={readOnly ? `${id}-readonly` : undefined}
      >
        {fields.map((field) => {
          const inputId = `${id}-${field.name}`;
          const error = errors.fields[field.name];
          const initialText =
            initial && field.name in initial
              ? displayValue(field, initial[field.name], lang)
              : undefined;
          const common = {
            id: inputId,
            name: field.name,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": error ? `${inputId}-error` : undefined,
            "aria-required": field.required || undefined,
            onChange: (event: { target: { value: string } }) => {
              if (watched.has(field.name) || error) check(field, event.target.value);
            },
          };
          return (
            <div
              key={field.name}
              className={`field ${field.type === "textarea" ? styles.fieldWide : ""}`}
            >
              <label htmlFor={inputId}>
                {t(field.label)}
                {field.required && <span aria-hidden="true"> *</span>}
              </label>
              {field.type === "select" ? (
                <select
                  className="select"
                  defaultValue={initialText ?? field.defaultValue}
                  {...common}
                  onBlur={() => setWatched((previous) => new Set(previous).add(field.name))}
                >
                  {!field.required && <option value="">—</option>}
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.type === "textarea" ? (
                <textarea
                  className="input"
                  rows={3}
                  defaultValue={initialText}
                  {...common}
                  onBlur={(event) => onBlur(field, event.currentTarget)}
                />
              ) : (
                // Numbers and days are text inputs: a number input refuses "1.250" and the native
                // date picker follows the browser's locale (mm/dd/yyyy on an English system).
                <input
                  className="input"
                  type={field.type === "password" ? "password" : "text"}
                  inputMode={
                    field.type === "number" || field.type === "date" ? "numeric" : undefined
                  }
                  placeholder={field.type === "date" ? t("form.datePlaceholder") : undefined}
                  autoComplete={
                    field.type !== "password"
                      ? "off"
                      : field.name === "newPassword"
                        ? "new-password"
                        : "current-password"
                  }
                  defaultValue={
                    initialText ??
                    (field.type === "number"
                      ? displayValue(field, field.defaultValue, lang) || undefined
                      : undefined)
                  }
                  {...common}
                  onBlur={(event) => onBlur(field, event.currentTarget)}
                />
              )}
              {error && (
                <p id={`${inputId}-error`} className="field-error">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>
      {errors.form.length > 0 && (
        <div className="form-error" role="alert">
          {errors.form.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {status && (
        <p className={status === "queued" ? "banner banner-warning" : "form-success"} role="status">
          {t(status === "queued" ? "outbox.queued" : "entry.saved")}
        </p>
      )}
      <div className={styles.actions}>
        {!readOnly && (
          // aria-disabled, not disabled, while saving: a browser drops focus from a disabled
          // button to the page, and the keyboard user would start again from the top (2.4.3).
          <button type="submit" className="button button-primary" aria-disabled={busy || undefined}>
            {busy ? t("entry.saving") : t("entry.save")}
          </button>
        )}
        {extraActions}
      </div>
    </form>
  );
}
