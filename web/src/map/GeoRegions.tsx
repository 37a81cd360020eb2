// The provinces as SVG paths (d3-geo, Mercator fitted to the country). Loaded on demand (the
// default export is for React.lazy): commune-level maps never download the shapes. Provinces that are not in
// the comparison stay grey for orientation and are not focusable.
import { geoMercator, geoPath } from "d3-geo";
import { useMemo } from "react";
import { useI18n } from "../lib/i18n";
import styles from "./ChoroplethMap.module.css";
import { provinceCode } from "./provinceMatch";
import { provinceByCode, provinceFeatures } from "./provinces";
import { activate, type RegionProps, regionFill } from "./regions";

const SIZE = 1000;

export default function GeoRegions({ regions, describe, onSelect }: RegionProps) {
  const { t } = useI18n();
  // Fit the whole country (islands included), then crop the viewBox to what was drawn, so the
  // map fills its box whatever the box's shape.
  const { path, viewBox } = useMemo(() => {
    const country = { type: "FeatureCollection" as const, features: provinceFeatures };
    const path = geoPath(geoMercator().fitSize([SIZE, SIZE], country));
    const [[x0, y0], [x1, y1]] = path.bounds(country);
    const pad = 4;
    return { path, viewBox: `${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}` };
  }, []);
  const shown = new Set(regions.map((region) => provinceCode(region)));
  return (
    <svg viewBox={viewBox} className={styles.svg} preserveAspectRatio="xMidYMid meet">
      <title>{t("map.title")}</title>
      {provinceFeatures
        .filter((province) => !shown.has(province.properties.code))
        .map((province) => (
          <path
            key={province.properties.code}
            d={path(province) ?? ""}
            className={styles.outside}
          />
        ))}
      {regions.map((region) => {
        const province = provinceByCode.get(provinceCode(region) ?? "");
        if (!province) return null;
        const label = describe(region);
        return (
          // biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>
          <path
            key={region.id}
            d={path(province) ?? ""}
            fill={regionFill(region)}
            className={styles.region}
            data-status={region.status}
            role="button"
            tabIndex={0}
            aria-label={label}
            onClick={() => onSelect?.(region.id)}
            onKeyDown={activate(onSelect, region.id)}
          >
            <title>{label}</title>
          </path>
        );
      })}
    </svg>
  );
}
