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
        <select
          className="select"
          aria-label={t("period.year")}
          value={year}
          onChange={(event) => setDraft({ ...draft, year: Number(event.target.value) })}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      )}
      {draft.kind === "quarter" && (
        <select
          className="select"
          aria-label={t("period.quarter")}
          value={draft.quarter}
          onChange={(event) =>
            setDraft({ ...draft, quarter: Number(event.target.value) as 1 | 2 | 3 | 4 })
          }
        >
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              {t("period.quarter")} {q}
            </option>
          ))}
        </select>
      )}
      {draft.kind === "month" && (
        <select
          className="select"
          aria-label={t("period.month")}
          value={draft.month}
          onChange={(event) => setDraft({ ...draft, month: Number(event.target.value) })}
        >
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={m}>
              {t("period.month")} {m}
            </option>
          ))}
        </select>
      )}
      {draft.kind === "custom" && (
        <span className={styles.periodCustom}>
          <input
            type="text"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            className="input input-date"
            aria-invalid={from ? undefined : true}
            value={custom.from}
            aria-label={t("period.from")}
            onChange={(event) => setCustom({ ...custom, from: event.target.value })}
          />
          <input
            type="text"
            inputMode="numeric"
            placeholder="dd/mm/yyyy"
            className="input input-date"
            aria-invalid={to ? undefined : true}
            value={custom.to}
            aria-label={t("period.to")}
            onChange={(event) => setCustom({ ...custom, to: event.target.value })}
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
