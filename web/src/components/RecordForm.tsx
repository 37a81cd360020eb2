// A data-entry form driven by a list of fields. The API is the judge of what is valid: its
// InputError issues come back onto the fields they name (aria-invalid + message under the field).
import { type FormEvent, useId, useMemo, useRef, useState } from "react";
import type { WriteError } from "../graphql/writes";
import { parseDate } from "../lib/format";
import { type FormErrors, mapIssues, NO_ERRORS } from "../lib/formErrors";
import { type MessageKey, useI18n } from "../lib/i18n";
import styles from "./RecordForm.module.css";

export type FieldSpec =
  | { name: string; label: MessageKey; type: "text" | "textarea" | "date"; required?: boolean }
  | { name: string; label: MessageKey; type: "number"; required?: boolean; defaultValue?: number }
  | {
      name: string;
      label: MessageKey;
      type: "select";
      required?: boolean;
      options: { value: string; label: string }[];
      defaultValue?: string;
    };

/** The answer of a write: success, a typed error, or a transport / GraphQL failure. */
export type WriteOutcome =
  | { ok: true }
  | { ok: false; error: WriteError }
  | { ok: false; message: string };

interface Props {
  title: string;
  fields: FieldSpec[];
  submit: (input: Record<string, unknown>) => Promise<WriteOutcome>;
}

function newKey(): string {
  return (
    globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`
  );
}

/**
 * Form values → the mutation's input: numbers as numbers, days typed dd/mm/yyyy as ISO days,
 * blank optional fields left out. A day that cannot be read is named in `badDates` (the API's
 * Date scalar would reject the whole request rather than name the field).
 */
export function collectInput(
  fields: readonly FieldSpec[],
  form: FormData,
): { input: Record<string, unknown>; badDates: string[] } {
  const input: Record<string, unknown> = {};
  const badDates: string[] = [];
  for (const field of fields) {
    const raw = String(form.get(field.name) ?? "").trim();
    if (raw === "" && !field.required) continue;
    if (field.type === "number" && raw !== "") input[field.name] = Number(raw);
    else if (field.type === "date") {
      const day = parseDate(raw);
      if (day) input[field.name] = day;
      else badDates.push(field.name);
    } else input[field.name] = raw;
  }
  return { input, badDates };
}

export function RecordForm({ title, fields, submit }: Props) {
  const { t } = useI18n();
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  // One key per record being entered: a retry after a timeout cannot create it twice.
  const [key, setKey] = useState(newKey);
  const names = useMemo(() => fields.map((f) => f.name), [fields]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setSaved(false);
    try {
      const { input, badDates } = collectInput(fields, new FormData(event.currentTarget));
      if (badDates.length > 0) {
        setErrors({
          fields: Object.fromEntries(badDates.map((name) => [name, t("error.date")])),
          form: [t("entry.invalid")],
        });
        formRef.current?.querySelector<HTMLElement>(`[name="${badDates[0]}"]`)?.focus();
        return;
      }
      const outcome = await submit({ ...input, idempotencyKey: key });
      if (outcome.ok) {
        setErrors(NO_ERRORS);
        setSaved(true);
        setKey(newKey());
        formRef.current?.reset();
      } else if ("error" in outcome && outcome.error.__typename === "InputError") {
        const mapped = mapIssues(outcome.error.issues, names);
        setErrors({
          fields: mapped.fields,
          form: mapped.form.length > 0 ? mapped.form : [t("entry.invalid")],
        });
        const first = Object.keys(mapped.fields)[0];
        if (first) formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      } else {
        setErrors({
          fields: {},
          form: ["error" in outcome ? outcome.error.message : outcome.message],
        });
      }
    } finally {
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
      <h2 className="card-title">{title}</h2>
      <div className={styles.formGrid}>
        {fields.map((field) => {
          const inputId = `${id}-${field.name}`;
          const error = errors.fields[field.name];
          const common = {
            id: inputId,
            name: field.name,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": error ? `${inputId}-error` : undefined,
            required: field.required,
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
                <select className="select" defaultValue={field.defaultValue} {...common}>
                  {!field.required && <option value="">—</option>}
                  {field.options.map((option) => (
                    <option key={option.value} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </select>
              ) : field.type === "textarea" ? (
                <textarea className="input" rows={3} {...common} />
              ) : field.type === "date" ? (
                // Typed as dd/mm/yyyy whatever the browser's language: the native date picker
                // follows the browser locale and shows mm/dd/yyyy on an English system.
                <input
                  className="input"
                  type="text"
                  inputMode="numeric"
                  placeholder="dd/mm/yyyy"
                  autoComplete="off"
                  {...common}
                />
              ) : (
                <input
                  className="input"
                  type={field.type}
                  defaultValue={field.type === "number" ? field.defaultValue : undefined}
                  inputMode={field.type === "number" ? "numeric" : undefined}
                  {...common}
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
      </div>
      {errors.form.length > 0 && (
        <div className="form-error" role="alert">
          {errors.form.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {saved && (
        <p className="form-success" role="status">
          {t("entry.saved")}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t("entry.saving") : t("entry.save")}
      </button>
    </form>
  );
}
