import { useEffect, useState } from "react";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { formatDate, parseDate } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { type PeriodChoice, periodRange, selectableYears } from "../lib/period";
import styles from "./PeriodPicker.module.css";

// Custom days are typed dd/mm/yyyy: the native date input follows the browser's language.
function toText(range: { from: string; to: string }) {
  return { from: formatDate(range.from), to: formatDate(range.to) };
}

/** Year, quarter or custom days; the choice goes to the URL (?p=2026-Q3). */
export function PeriodPicker() {
  const { t } = useI18n();
  const { period, setPeriod } = useDashboardParams();
  const years = selectableYears();
  const year =
    period.kind === "custom"
      ? Number(period.from.slice(0, 4))
      : period.kind === "last12"
        ? (years[0] ?? new Date().getFullYear())
        : period.year;
  const [custom, setCustom] = useState(() => toText(periodRange(period)));
  useEffect(() => setCustom(toText(periodRange(period))), [period]);
  const from = parseDate(custom.from);
  const to = parseDate(custom.to);
  const valid = !!from && !!to && from <= to;

  function changeKind(kind: PeriodChoice["kind"]) {
    if (kind === "year") setPeriod({ kind: "year", year });
    else if (kind === "quarter") setPeriod({ kind: "quarter", year, quarter: 1 });
    else if (kind === "month") setPeriod({ kind: "month", year, month: 1 });
    else if (kind === "last12") setPeriod({ kind: "last12" });
    else setPeriod({ kind: "custom", ...periodRange(period) });
  }

  return (
    <fieldset className={styles.periodPicker}>
      <legend className="sr-only">{t("period.label")}</legend>
      <select
        className="select"
        aria-label={t("period.label")}
        value={period.kind}
        onChange={(event) => changeKind(event.target.value as PeriodChoice["kind"])}
      >
        <option value="year">{t("period.year")}</option>
        <option value="quarter">{t("period.quarter")}</option>
        <option value="month">{t("period.month")}</option>
        <option value="last12">{t("period.last12")}</option>
        <option value="custom">{t("period.custom")}</option>
      </select>
      {period.kind !== "custom" && period.kind !== "last12" && (
        <select
          className="select"
          aria-label={t("period.year")}
          value={year}
          onChange={(event) => {
            const next = Number(event.target.value);
            setPeriod(
              period.kind === "quarter" || period.kind === "month"
                ? { ...period, year: next }
                : { kind: "year", year: next },
            );
          }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      )}
      {period.kind === "quarter" && (
        <select
          className="select"
          aria-label={t("period.quarter")}
          value={period.quarter}
          onChange={(event) =>
            setPeriod({ ...period, quarter: Number(event.target.value) as 1 | 2 | 3 | 4 })
          }
        >
          {[1, 2, 3, 4].map((q) => (
            <option key={q} value={q}>
              {t("period.quarter")} {q}
            </option>
          ))}
        </select>
      )}
      {period.kind === "month" && (
        <select
          className="select"
          aria-label={t("period.month")}
          value={period.month}
          onChange={(event) => setPeriod({ ...period, month: Number(event.target.value) })}
        >
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <option key={m} value={m}>
              {t("period.month")} {m}
            </option>
          ))}
        </select>
      )}
      {period.kind === "custom" && (
        <form
          className={styles.periodCustom}
          onSubmit={(event) => {
            event.preventDefault();
            if (valid) setPeriod({ kind: "custom", from, to });
          }}
        >
          <label>
            <span className="sr-only">{t("period.from")}</span>
            <input
              type="text"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              className="input input-date"
              aria-invalid={parseDate(custom.from) ? undefined : true}
              value={custom.from}
              aria-label={t("period.from")}
              onChange={(event) => setCustom({ ...custom, from: event.target.value })}
            />
          </label>
          <label>
            <span className="sr-only">{t("period.to")}</span>
            <input
              type="text"
              inputMode="numeric"
              placeholder="dd/mm/yyyy"
              className="input input-date"
              aria-invalid={parseDate(custom.to) ? undefined : true}
              value={custom.to}
              aria-label={t("period.to")}
              onChange={(event) => setCustom({ ...custom, to: event.target.value })}
            />
          </label>
          <button type="submit" className="button button-small" disabled={!valid}>
            {t("period.apply")}
          </button>
        </form>
      )}
    </fieldset>
  );
}
