// The 34 provinces (after Resolution 202/2025/QH15) as GeoJSON, from the committed TopoJSON that
// web/map-data/build.mjs makes. Units are matched to a province by their code ("01" … "96", as in
// the official list) and, failing that, by name without "Tỉnh"/"Thành phố" and without accents,
// so units imported under either convention find their shape.
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import topology from "./vn-provinces-2025.topo.json";

export interface ProvinceProperties {
  code: string;
  name: string;
}

export type ProvinceFeature = Feature<Polygon | MultiPolygon, ProvinceProperties>;

const topo = topology as unknown as Topology<{
  provinces: GeometryCollection<ProvinceProperties>;
}>;

export const provinceFeatures: ProvinceFeature[] = (
  feature(topo, topo.objects.provinces) as unknown as { features: ProvinceFeature[] }
).features;

/** "Tỉnh Khánh Hoà" and "khanh hoa" are the same key. */
export function nameKey(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/gi, "d")
    .toLowerCase()
    .replace(/^(tinh|thanh pho|tp\.?)\s+/, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const byCode = new Map(provinceFeatures.map((f) => [f.properties.code, f]));
const byName = new Map(provinceFeatures.map((f) => [nameKey(f.properties.name), f]));

export function provinceFor(unit: {
  code?: string | null;
  name: string;
}): ProvinceFeature | undefined {
  const code = unit.code?.trim() ?? "";
  return byCode.get(code) ?? byCode.get(code.padStart(2, "0")) ?? byName.get(nameKey(unit.name));
}
