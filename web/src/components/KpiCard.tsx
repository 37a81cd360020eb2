import type { CSSProperties, ReactNode } from "react";
import { formatChange } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { direction } from "../lib/shape";
import styles from "./KpiCard.module.css";

export interface KpiCardProps {
  label: string;
  /** The value, already formatted for its measure. */
  value: string;
  /** The exact figure when `value` is a short form ("5,21 tỷ đ"): shown on hover, read aloud. */
  exact?: string;
  /** Relative change vs the previous period (0.12 = +12%); null when not comparable, undefined
   * when the card has no previous period at all (the change line is left out). */
  change?: number | null;
  /** The previous period's value, formatted. */
  previous?: string;
  size?: "normal" | "huge";
  /** True when compared with the same span of the previous period (cùng kỳ), not a whole one. */
  sameSpan?: boolean;
  /** What the figure counts over, so it is read one way: "trong kỳ", "tồn ngày 31/10/2026",
   * "trên 3.898 đảng viên ngày 31/10/2026". Quiet text under the value. */
  basis?: string;
  /** The unit's target for the figure: its text ("Đạt 67% chỉ tiêu ≥ 3"), how far the value has
   * come (0..1; null for a ceiling: no bar), whether the value misses it, and, for a target made
   * of its units' ("Chỉ tiêu: tổng chỉ tiêu của 168 xã, phường"), how it is made. */
  target?: { text: string; progress: number | null; under: boolean | null; rule?: string };
}

const arrows = { up: "▲", down: "▼", flat: "■", none: "" } as const;
const changeClass = {
  up: styles.changeUp,
  down: styles.changeDown,
  flat: styles.changeFlat,
  none: styles.changeNone,
} as const;

/**
 * One headline figure with its change against the previous period. Besides its module classes the
 * card keeps the plain names kpi, kpi-label, kpi-value, kpi-basis and kpi-target-rule, unstyled:
 * the end-to-end tests find a card and read its parts by them.
 */
export function KpiCard({
  label,
  value,
  exact,
  change,
  previous,
  size = "normal",
  sameSpan = false,
  basis,
  target,
}: KpiCardProps) {
  const { t, lang } = useI18n();
  const trend = direction(change);
  const changeText = formatChange(change, lang);
  return (
    <article
      className={`kpi ${styles.kpi} ${size === "huge" ? styles.huge : ""}`}
      aria-label={`${label}: ${exact ?? value}`}
    >
      <h3 className={`kpi-label ${styles.label}`}>{label}</h3>
      <p className={`kpi-value ${styles.value}`} title={exact}>
        {/* A long figure shrinks to its card's width (KpiCard.module.css): "236,47 triệu đ" is one word. */}
        <span className={styles.valueFit} style={{ "--kpi-chars": value.length } as CSSProperties}>
          {value}
        </span>
      </p>
      {basis && <p className={`kpi-basis ${styles.basis}`}>{basis}</p>}
      {target && (
        <div
          className={`${styles.target} ${target.under ? styles.targetUnder : ""}`}
          data-under-target={target.under ? "true" : "false"}
        >
          {target.progress !== null && (
            <div
              className={styles.targetTrack}
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(target.progress * 100)}
              aria-label={target.text}
            >
              <div className={styles.targetFill} style={{ width: `${target.progress * 100}%` }} />
            </div>
          )}
          <p className={styles.targetText}>{target.text}</p>
          {target.rule && <p className={`kpi-target-rule ${styles.targetRule}`}>{target.rule}</p>}
        </div>
      )}
      {change === undefined ? null : trend === "none" ? (
        <p className={`${styles.change} ${styles.changeNone}`} data-change="none">
          {t("kpi.noPrevious")}
        </p>
      ) : (
        <p className={`${styles.change} ${changeClass[trend]}`} data-change={trend}>
          <span aria-hidden="true">{arrows[trend]} </span>
          <span>{changeText}</span>{" "}
          <span className={styles.changeNote}>
            {t(sameSpan ? "kpi.vsSameSpan" : "kpi.vsPrevious")}
          </span>
          {previous !== undefined && (
            <span className={styles.previous}>
              {" "}
              ({t(sameSpan ? "kpi.sameSpan" : "kpi.previous")}: {previous})
            </span>
          )}
        </p>
      )}
    </article>
  );
}

/** The row KPI cards stand in: four to a line on a desk, three on a projector's slide. */
export function KpiRow({
  size = "normal",
  children,
}: {
  size?: KpiCardProps["size"];
  children: ReactNode;
}) {
  return <div className={size === "huge" ? styles.gridHuge : styles.grid}>{children}</div>;
}
