// The filters a drill has set, as removable chips: each names its filter and value, its "×"
// button says what it removes, and a status line announces every change to screen readers
// (WCAG 4.1.3). Removing one moves focus to the next chip, or to the list when none is left.
import { useEffect, useRef, useState } from "react";
import { useDashboardParams } from "../hooks/useDashboardParams";
import { useDrill } from "../hooks/useDrill";
import { DRILL_FILTERS, type DrillParam, PERIOD_BEFORE_DRILL } from "../lib/drill";
import { useI18n } from "../lib/i18n";
import { label } from "../lib/labels";
import { periodLabel } from "../lib/period";
import styles from "./FilterChips.module.css";

interface Chip {
  param: DrillParam | "month";
  text: string;
}

export function FilterChips({ filters }: { filters: DrillParam[] }) {
  const { t, lang } = useI18n();
  const drill = useDrill();
  const { params, period } = useDashboardParams();
  const chips: Chip[] = [];
  if (params.has(PERIOD_BEFORE_DRILL) && period.kind === "month") {
    chips.push({ param: "month", text: `${t("drill.month")}: ${periodLabel(period, lang)}` });
  }
  for (const param of filters) {
    const value = drill.value(param);
    if (!value) continue;
    const filter = DRILL_FILTERS[param];
    chips.push({ param, text: `${t(filter.title)}: ${label(filter.labels, value, lang)}` });
  }
  const summary = chips.map((chip) => chip.text).join("; ");
  const list = useRef<HTMLUListElement>(null);
  const removed = useRef<number | null>(null);
  const [announced, setAnnounced] = useState("");
  const previous = useRef(summary);
  useEffect(() => {
    if (previous.current === summary) return;
    previous.current = summary;
    setAnnounced(summary ? t("drill.filtered", { filters: summary }) : t("drill.cleared"));
    const index = removed.current;
    removed.current = null;
    if (index === null) return;
    const buttons = list.current?.querySelectorAll("button");
    const next = buttons?.[Math.min(index, buttons.length - 1)];
    if (next) next.focus();
    else list.current?.focus();
  }, [summary, t]);

  return (
    <>
      <p className="sr-only" role="status">
        {announced}
      </p>
      <ul
        ref={list}
        className={styles.chips}
        aria-label={t("drill.filters")}
        tabIndex={-1}
        hidden={chips.length === 0}
      >
        {chips.map((chip, index) => (
          <li key={chip.param} className={styles.chip}>
            <span>{chip.text}</span>
            <button
              type="button"
              className={styles.remove}
              aria-label={t("drill.remove", { filter: chip.text })}
              onClick={() => {
                removed.current = index;
                drill.remove(chip.param);
              }}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
