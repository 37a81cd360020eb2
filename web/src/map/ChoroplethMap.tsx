// A choropleth of the units below the one in view: their real shapes where the map knows them
// (the 34 provinces), else a tile cartogram (one square per unit, by name) so a province's
// communes are shown rather than nothing. Colours and the laggard rule are the comparison's;
// laggards also carry a hatch and a symbol, so the map does not rely on colour alone. Every
// region is a focusable button named with its unit, value and rank; Enter or a click drills in.
import { lazy, Suspense } from "react";
import { rankColors } from "../charts/config";
import { useI18n } from "../lib/i18n";
import styles from "./ChoroplethMap.module.css";
import type { ChoroplethData, MapRegion } from "./choropleth";
import { MapLegend } from "./MapLegend";
import { provinceCode } from "./provinceMatch";
import type { RegionProps } from "./regions";
import { TileCartogram } from "./TileCartogram";

const GeoRegions = lazy(() => import("./GeoRegions"));

interface Props {
  data: ChoroplethData;
  format: (value: number) => string;
  onSelect?: (id: string) => void;
  big?: boolean;
  /** Height of the drawing in px (the legend comes below). */
  height: number;
  /** The laggards are those under target (a target applies), not the lowest quarter. */
  underTarget?: boolean;
}

export function ChoroplethMap({
  data,
  format,
  onSelect,
  big = false,
  height,
  underTarget = false,
}: Props) {
  const { t } = useI18n();
  const { regions } = data;
  const total = regions.length;
  if (total === 0) return <p className="state">{t("map.empty")}</p>;
  const describe = (region: MapRegion) => {
    const flag =
      region.status === "notReported"
        ? ` — ${t("comparison.notReported")}`
        : region.status === "lowest"
          ? ` — ${t(underTarget ? "target.under" : "comparison.lowest")}`
          : "";
    const rank = region.rank === null ? "" : `, ${t("map.rank")} ${region.rank}/${total}`;
    // No report is not zero: a silent unit has no figure to read out.
    const value = region.status === "notReported" ? "—" : format(region.value);
    return `${region.name}: ${value}${rank}${flag}`;
  };
  // Real shapes only when every unit has one: a map that silently leaves units out misleads.
  const geographic = regions.every((region) => provinceCode(region));
  const props: RegionProps = { regions, describe, format, onSelect, big };
  return (
    <div
      className={`${styles.map} ${big ? styles.big : ""}`}
      data-map={geographic ? "geo" : "tiles"}
    >
      <svg width="0" height="0" className={styles.defs} aria-hidden="true" focusable="false">
        <defs>
          <pattern
            id="map-hatch-lowest"
            width="8"
            height="8"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <rect width="8" height="8" fill={rankColors.lowest} />
            <line x1="0" y1="0" x2="0" y2="8" stroke="var(--map-hatch-lowest)" strokeWidth="3" />
          </pattern>
          <pattern id="map-hatch-notReported" width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill={rankColors.notReported} />
            <path d="M0 0L8 8M8 0L0 8" stroke="var(--map-hatch-not-reported)" strokeWidth="1.6" />
          </pattern>
        </defs>
      </svg>
      <div className={styles.drawing} style={{ height }}>
        {geographic ? (
          <Suspense fallback={<div className="state state-loading" role="status" />}>
            <GeoRegions {...props} />
          </Suspense>
        ) : (
          <TileCartogram {...props} />
        )}
      </div>
      {!geographic && <p className={styles.note}>{t("map.tiles")}</p>}
      <MapLegend classes={data.classes} format={format} underTarget={underTarget} />
    </div>
  );
}
