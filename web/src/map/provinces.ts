// The 34 provinces (after Resolution 202/2025/QH15) as GeoJSON, from the committed TopoJSON that
// web/map-data/build.mjs makes. Imported only by GeoRegions, which loads on demand.
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

export const provinceByCode = new Map(provinceFeatures.map((f) => [f.properties.code, f]));
