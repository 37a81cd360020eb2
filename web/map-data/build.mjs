// Builds web/src/map/vn-provinces-2025.topo.json, the map's only geometry: the 63 pre-2025
// provinces of source-63-provinces.topo.json dissolved into the 34 provinces of Resolution
// 202/2025/QH15 (provinces-2025-merger.json), simplified and quantised to stay small.
// Run once after changing either input: node web/map-data/build.mjs. The output is committed,
// so neither the build nor the dashboard needs these libraries' data or a network at run time.
import { readFileSync, writeFileSync } from "node:fs";
import { feature, merge } from "topojson-client";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";

const here = new URL("./", import.meta.url);
const source = JSON.parse(readFileSync(new URL("source-63-provinces.topo.json", here), "utf8"));
const merger = JSON.parse(readFileSync(new URL("provinces-2025-merger.json", here), "utf8"));
const OUTPUT = new URL("../src/map/vn-provinces-2025.topo.json", here);
/** Share of the source's points kept: enough for a projector, a few hundred KB at most. */
const KEEP = 0.08;

// Names as the source spells them (it has a few typos) → the names of the merger list.
const SOURCE_SPELLING = {
  "Cần Thơn": "Cần Thơ",
  "Kien Giang": "Kiên Giang",
  "Quản Bình": "Quảng Bình",
  "Đăk Lăk": "Đắk Lắk",
  "Đăk Nông": "Đắk Nông",
  "TP. Hồ Chí Minh": "Hồ Chí Minh",
  "Bà Rịa -Vũng Tàu": "Bà Rịa - Vũng Tàu",
};

const geometries = source.objects.diaphantinh.geometries;
const byName = new Map(
  geometries.map((g) => [SOURCE_SPELLING[g.properties.ten_tinh] ?? g.properties.ten_tinh, g]),
);
const used = new Set();
const merged = merger.provinces.map((province) => {
  const parts = province.formerProvinces.map((name) => {
    const geometry = byName.get(name);
    if (!geometry) throw new Error(`${province.name}: no source geometry for "${name}"`);
    if (used.has(name)) throw new Error(`"${name}" is merged into two provinces`);
    used.add(name);
    return geometry;
  });
  return {
    type: "Feature",
    id: province.code,
    properties: { code: province.code, name: province.name },
    geometry: merge(source, parts),
  };
});
const unused = [...byName.keys()].filter((name) => !used.has(name));
if (unused.length > 0) throw new Error(`source provinces in no 2025 province: ${unused}`);
if (merged.length !== 34) throw new Error(`expected 34 provinces, built ${merged.length}`);

let topo = topology({ provinces: { type: "FeatureCollection", features: merged } }, 1e5);
topo = presimplify(topo);
topo = simplify(topo, quantile(topo, KEEP));
// Drop the arcs simplified away entirely and re-quantise through a GeoJSON round trip.
const simplified = feature(topo, topo.objects.provinces);
const output = topology({ provinces: simplified }, 1e4);
writeFileSync(OUTPUT, JSON.stringify(output));
console.log(
  `${merged.length} provinces, ${JSON.stringify(output).length} bytes → ${OUTPUT.pathname}`,
);
