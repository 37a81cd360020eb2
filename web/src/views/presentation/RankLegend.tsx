// The comparison slide's key: what blue, amber and red bars mean, the ⚠ mark, and which rule
// makes a unit a laggard (under target, or the lowest 25%). The map slide has its own legend
// (map/MapLegend); every slide names the rule under its title (LaggardRuleNote).
import { rankColors } from "../../charts/config";
import { useI18n } from "../../lib/i18n";
import styles from "../Presentation.module.css";

export function RankLegend({ rule }: { rule?: "UNDER_TARGET" | "BOTTOM_QUARTER" }) {
  const { t } = useI18n();
  const items = [
    { key: "normal", color: rankColors.normal, text: t("present.otherUnits") },
    {
      key: "lowest",
      color: rankColors.lowest,
      text: rule === "UNDER_TARGET" ? t("target.under") : `${t("comparison.lowest")} (25%)`,
    },
    { key: "notReported", color: rankColors.notReported, text: `⚠ ${t("comparison.notReported")}` },
  ];
  return (
    <ul className={styles.legend} aria-label={t("present.legend")}>
      {items.map((item) => (
        <li key={item.key}>
          <span className={styles.swatch} style={{ background: item.color }} aria-hidden="true" />
          {item.text}
        </li>
      ))}
    </ul>
  );
}
