import { useEffect, useRef, useState } from "react";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { formatDate, parseDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import {
  encodePeriod,
  type PeriodChoice,
  periodLabel,
  periodRange,
  selectableYears,
} from "../lib/period";
import styles from "./PeriodPicker.module.css";

// Custom days are typed dd/mm/yyyy: the native date input follows the browser's language.
function toText(range: { from: string; to: string }) {
  return { from: formatDate(range.from), to: formatDate(range.to) };
}

/**
 * Year, quarter, month or custom days; the choice goes to the URL (?p=2026-Q3). The lists only
 * prepare a choice and "Áp dụng" makes it (WCAG 3.2.2: an arrow key on a closed list changes its
 * value, and must not reload the page's figures); the new period is announced and focus goes back
 * to the period list.
 */
export function PeriodPicker() {
  const { t, lang } = useI18n();
  const { period, setPeriod } = useDashboardParams();
  const years = selectableYears();
  const [draft, setDraft] = useState<PeriodChoice>(period);
  const [custom, setCustom] = useState(() => toText(periodRange(period)));
  const [announced, setAnnounced] = useState("");
  const applied = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  const apply = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    setDraft(period);
    setCustom(toText(periodRange(period)));
    if (applied.current) {
      setAnnounced(`${t("period.label")}: ${periodLabel(period, lang)}`);
      // "Áp dụng" is disabled once applied (nothing left to apply) and a browser drops focus from a
      // disabled button to the page: give it to the period list instead (WCAG 2.4.3).
      const active = document.activeElement;
      if (!active || active === document.body || active === apply.current) {
        form.current?.querySelector("select")?.focus();
      }
    }
    applied.current = false;
  }, [period, lang, t]);
  const year =
    draft.kind === "custom"
      ? Number(draft.from.slice(0, 4))
      : draft.kind === "last12"
        ? (years[0] ?? new Date().getFullYear())
        : draft.year;
  const from = parseDate(custom.from);
  const to = parseDate(custom.to);
  const valid = draft.kind !== "custom" || (!!from && !!to && from <= to);
  const next: PeriodChoice =
    draft.kind === "custom" && from && to ? { kind: "custom", from, to } : draft;
  const changed = encodePeriod(next) !== encodePeriod(period);

  function changeKind(kind: PeriodChoice["kind"]) {
    if (kind === "year") setDraft({ kind: "year", year });
    else if (kind === "quarter") setDraft({ kind: "quarter", year, quarter: 1 });
    else if (kind === "month") setDraft({ kind: "month", year, month: 1 });
    else if (kind === "last12") setDraft({ kind: "last12" });
    else setDraft({ kind: "custom", ...periodRange(draft) });
  }

  return (
    <form
      ref={form}
      className={styles.periodPicker}
      onSubmit={(event) => {
        event.preventDefault();
        if (!valid || !changed) return;
        applied.current = true;
        setPeriod(next);
      }}
    >
      <select
        className="select"
        aria-label={t("period.label")}
        value={draft.kind}
        onChange={(event) => changeKind(event.target.value as PeriodChoice["kind"])}
      >
        <option value="year">{t("period.year")}</option>
        <option value="quarter">{t("period.quarter")}</option>
        <option value="month">{t("period.month")}</option>
        <option value="last12">{t("period.last12")}</option>
        <option value="custom">{t("period.custom")}</option>
      </select>
      {draft.kind !== "custom" && draft.kind !== "last12" && (
        <NumberSelect
          label={t("period.year")}
          value={year}
          options={years.map((y) => [y, String(y)])}
          onChange={(y) => setDraft({ ...draft, year: y })}
        />
      )}
      {draft.kind === "quarter" && (
        <NumberSelect
          label={t("period.quarter")}
          value={draft.quarter}
          options={[1, 2, 3, 4].map((q) => [q, `${t("period.quarter")} ${q}`])}
          onChange={(q) => setDraft({ ...draft, quarter: q as 1 | 2 | 3 | 4 })}
        />
      )}
      {draft.kind === "month" && (
        <NumberSelect
          label={t("period.month")}
          value={draft.month}
          options={Array.from({ length: 12 }, (_, i) => [i + 1, `${t("period.month")} ${i + 1}`])}
          onChange={(m) => setDraft({ ...draft, month: m })}
        />
      )}
      {draft.kind === "custom" && (
        <span className={styles.periodCustom}>
          <DayInput
            label={t("period.from")}
            value={custom.from}
            valid={!!from}
            onChange={(text) => setCustom({ ...custom, from: text })}
          />
          <DayInput
            label={t("period.to")}
            value={custom.to}
            valid={!!to}
            onChange={(text) => setCustom({ ...custom, to: text })}
          />
        </span>
      )}
      <button
        ref={apply}
        type="submit"
        className="button button-small"
        disabled={!valid || !changed}
      >
        {t("period.apply")}
      </button>
      <span className="sr-only" role="status">
        {announced}
      </span>
    </form>
  );
}

/** A list of numbered choices (years, quarters, months), named by its label. */
function NumberSelect({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: number;
  options: [number, string][];
  onChange: (value: number) => void;
}) {
  return (
    <select
      className="select"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(Number(event.target.value))}
    >
      {options.map(([option, text]) => (
        <option key={option} value={option}>
          {text}
        </option>
      ))}
    </select>
  );
}

/** A day typed dd/mm/yyyy, marked invalid until it reads as one. */
function DayInput({
  label,
  value,
  valid,
  onChange,
}: {
  label: string;
  value: string;
  valid: boolean;
  onChange: (text: string) => void;
}) {
  return (
    <input
      type="text"
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      className={`input ${styles.day}`}
      aria-invalid={valid ? undefined : true}
      value={value}
      aria-label={label}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
