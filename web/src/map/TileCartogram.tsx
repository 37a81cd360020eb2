// Where the map has no boundaries (communes, chi bộ): one square per unit, in Vietnamese
// alphabetical order, coloured like the map and marked ▼ / ⚠ like the comparison's bars.

import { useI18n } from "../lib/i18n";
import styles from "./ChoroplethMap.module.css";
import type { MapRegion } from "./choropleth";
import { type RegionProps, regionFill } from "./regions";

/** "Phường Hòa Bình" → "Hòa Bình": the kind is the same on every tile. */
export function shortName(name: string): string {
  return name.replace(/^(Phường|Xã|Thị trấn|Đặc khu|Chi bộ|Thôn|Tổ dân phố)\s+/u, "");
}

/** White text on a navy plate over the two dark shades; dark text on a white plate elsewhere. */
export function darkTile(region: MapRegion): boolean {
  return region.status === "normal" && (region.shade ?? 0) >= 2;
}

export function TileCartogram({ regions, describe, format, onSelect }: RegionProps) {
  const { t } = useI18n();
  const rankLabel = t("map.rank");
  const byName = [...regions].sort((a, b) =>
    shortName(a.name).localeCompare(shortName(b.name), "vi"),
  );
  // About 1.6 columns per row of tiles, but never tiles narrower than a name: a phone gets fewer
  // columns (and scrolls the list) instead of a list wider than the screen.
  const columns = Math.max(2, Math.ceil(Math.sqrt(regions.length * 1.6)));
  const width = `max(7.5em, calc(${(100 / columns).toFixed(3)}% - 4px))`;
  return (
    <ul
      className={styles.tiles}
      style={{ gridTemplateColumns: `repeat(auto-fill, minmax(${width}, 1fr))` }}
    >
      {byName.map((region) => (
        <li key={region.id}>
          <button
            type="button"
            className={styles.tile}
            data-status={region.status}
            aria-label={describe(region)}
            title={describe(region)}
            onClick={() => onSelect?.(region.id)}
          >
            <svg
              className={styles.tileFill}
              aria-hidden="true"
              focusable="false"
              preserveAspectRatio="none"
            >
              <rect width="100%" height="100%" fill={regionFill(region)} />
            </svg>
            <span className={styles.tileText} data-dark={darkTile(region)}>
              <span className={styles.tileName}>
                {region.status === "notReported" ? "⚠ " : region.status === "lowest" ? "▼ " : ""}
                {shortName(region.name)}
              </span>
              {/* A space, so the text a reader gets is "An Phú 1.889,8", not "An Phú1.889,8". */}{" "}
              <span className={styles.tileValue}>
                {region.status === "notReported" ? "—" : format(region.value)}
              </span>{" "}
              {/* The rank in the words of the tile's name ("hạng 7/14"), so the visible label is
                  part of the name word for word (WCAG 2.5.3) for speech-input users. */}
              {region.rank !== null && (
                <small className={styles.tileRank}>
                  {rankLabel} {region.rank}/{regions.length}
                </small>
              )}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
