import type { CSSProperties } from "react";
import { formatChange } from "../lib/format";
import { useI18n } from "../lib/i18n";
import { direction } from "../lib/shape";

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

/** One headline figure with its change against the previous period. */
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
    <article className={`kpi kpi-${size}`} aria-label={`${label}: ${exact ?? value}`}>
      <h3 className="kpi-label">{label}</h3>
      <p className="kpi-value" title={exact}>
        {/* A long figure shrinks to its card's width (cards.css): "236,47 triệu đ" is one word. */}
        <span className="kpi-value-fit" style={{ "--kpi-chars": value.length } as CSSProperties}>
          {value}
        </span>
      </p>
      {basis && <p className="kpi-basis">{basis}</p>}
      {target && (
        <div
          className={`kpi-target ${target.under ? "kpi-target-under" : ""}`}
          data-under-target={target.under ? "true" : "false"}
        >
          {target.progress !== null && (
            <div
              className="kpi-target-track"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(target.progress * 100)}
              aria-label={target.text}
            >
              <div className="kpi-target-fill" style={{ width: `${target.progress * 100}%` }} />
            </div>
          )}
          <p className="kpi-target-text">{target.text}</p>
          {target.rule && <p className="kpi-target-rule">{target.rule}</p>}
        </div>
      )}
      {change === undefined ? null : trend === "none" ? (
        <p className="kpi-change kpi-change-none">{t("kpi.noPrevious")}</p>
      ) : (
        <p className={`kpi-change kpi-change-${trend}`}>
          <span aria-hidden="true">{arrows[trend]} </span>
          <span>{changeText}</span>{" "}
          <span className="kpi-change-note">
            {t(sameSpan ? "kpi.vsSameSpan" : "kpi.vsPrevious")}
          </span>
          {previous !== undefined && (
            <span className="kpi-previous">
              {" "}
              ({t(sameSpan ? "kpi.sameSpan" : "kpi.previous")}: {previous})
            </span>
          )}
        </p>
      )}
    </article>
  );
}
