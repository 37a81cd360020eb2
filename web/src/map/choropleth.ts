// What a map region shows, from a comparison's rows: the same ranking and laggard rule as the
// comparison's bars (rankedBars / rankStatus), plus a shade of blue by value for the units that
// are neither lowest nor silent, so the map reads "darker = more". Pure: unit-tested.
import { palette, rankColors } from "../charts/config";
import { type ComparisonRowInput, type RankStatus, rankedBars } from "../lib/shape";

/** Light to dark: four classes of the ordinary units' values. */
export const valueShades = [
  "var(--map-shade-1)",
  "var(--map-shade-2)",
  "var(--map-shade-3)",
  "var(--map-shade-4)",
] as const;

export interface MapRegion {
  id: string;
  name: string;
  code: string;
  value: number;
  rank: number | null;
  status: RankStatus;
  /** Index into valueShades for ordinary units; null for lowest / not reported. */
  shade: number | null;
  fill: string;
}

export interface ShadeClass {
  shade: number;
  from: number;
  to: number;
}

export interface ChoroplethData {
  regions: MapRegion[];
  /** The value range of each shade in use, for the legend. */
  classes: ShadeClass[];
}

export interface MapRowInput extends ComparisonRowInput {
  unit: ComparisonRowInput["unit"] & { code?: string | null };
}

/** Regions in rank order, each with its colour; classes split the ordinary values in four. */
export function choropleth(rows: readonly MapRowInput[], perCapita: boolean): ChoroplethData {
  const codes = new Map(rows.map((row) => [row.unit.id, row.unit.code ?? ""]));
  const bars = rankedBars(rows, perCapita);
  const ordinary = bars
    .filter((bar) => bar.status === "normal")
    .map((bar) => bar.value)
    .sort((a, b) => a - b);
  const bounds = classBounds(ordinary, valueShades.length);
  const shadeOf = (value: number) => {
    const index = bounds.findIndex((bound) => value <= bound.to);
    return index === -1 ? bounds.length - 1 : index;
  };
  const regions = bars.map((bar): MapRegion => {
    const shade = bar.status === "normal" ? shadeOf(bar.value) : null;
    return {
      id: bar.id,
      name: bar.name,
      code: codes.get(bar.id) ?? "",
      value: bar.value,
      rank: bar.rank,
      status: bar.status,
      shade,
      fill:
        shade === null
          ? rankColors[bar.status]
          : (valueShades[shade] ?? valueShades[0] ?? palette.blue),
    };
  });
  return { regions, classes: bounds.map((bound, shade) => ({ shade, ...bound })) };
}

/** Up to `count` ranges of equal membership over sorted values; fewer when values repeat. */
export function classBounds(
  sorted: readonly number[],
  count: number,
): { from: number; to: number }[] {
  if (sorted.length === 0) return [];
  const classes: { from: number; to: number }[] = [];
  for (let i = 0; i < count; i++) {
    const start = Math.floor((i * sorted.length) / count);
    const end = Math.floor(((i + 1) * sorted.length) / count) - 1;
    if (end < start) continue;
    const from = sorted[start] as number;
    const to = sorted[end] as number;
    const last = classes[classes.length - 1];
    if (last && from <= last.to) last.to = Math.max(last.to, to);
    else classes.push({ from, to });
  }
  return classes;
}
