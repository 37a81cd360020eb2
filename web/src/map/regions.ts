// What the geographic map and the tile cartogram share: their props, the fill, the keys.
import type { KeyboardEvent } from "react";
import type { MapRegion } from "./choropleth";

export interface RegionProps {
  regions: MapRegion[];
  /** The accessible name of a region: unit, value, rank, flag. */
  describe: (region: MapRegion) => string;
  format: (value: number) => string;
  onSelect?: (id: string) => void;
  big?: boolean;
}

/** Enter and Space act as a click, as on a real button. */
export function activate(onSelect: ((id: string) => void) | undefined, id: string) {
  return (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onSelect?.(id);
    }
  };
}

/** The fill of a region: laggards get their hatched pattern (colour plus texture). */
export function regionFill(region: MapRegion): string {
  return region.status === "normal" ? region.fill : `url(#map-hatch-${region.status})`;
}
