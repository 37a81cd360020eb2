// The map's key: the value classes (light → dark) and the two laggard marks, each a swatch with
// its texture and symbol, so it reads the same in grey print and for colour-blind viewers.
import { useI18n } from "../lib/i18n";
import styles from "./ChoroplethMap.module.css";
import { type ShadeClass, valueShades } from "./choropleth";

/** Edged in the legend's text colour (≥ 3:1), as a tile is: the palest shade is 1.4:1 on white. */
function Swatch({ fill }: { fill: string }) {
  return (
    <svg className={styles.swatch} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect width="16" height="16" fill={fill} stroke="currentColor" strokeWidth="2" />
    </svg>
  );
}

export function MapLegend({
  classes,
  format,
  underTarget = false,
}: {
  classes: ShadeClass[];
  format: (v: number) => string;
  /** The hatched units are those under target, not the lowest quarter. */
  underTarget?: boolean;
}) {
  const { t } = useI18n();
  return (
    <ul className={styles.legend} aria-label={t("map.legend")}>
      {classes.map((item) => (
        <li key={item.shade}>
          <Swatch fill={valueShades[item.shade] ?? valueShades[0]} />
          {item.from === item.to ? format(item.from) : `${format(item.from)} – ${format(item.to)}`}
        </li>
      ))}
      {classes.length > 1 && <li className={styles.hint}>{t("map.darker")}</li>}
      <li>
        <Swatch fill="url(#map-hatch-lowest)" />
        {t(underTarget ? "map.underTargetMark" : "map.lowestMark")}
      </li>
      <li>
        <Swatch fill="url(#map-hatch-notReported)" />
        {t("map.notReportedMark")}
      </li>
    </ul>
  );
}
