// Which units are provinces the map can draw: by code ("01" … "96", as in the official list) or,
// failing that, by name without "Tỉnh"/"Thành phố" and accents, so units imported under either
// convention find their shape. Light (the 34 names only): the shapes load only when needed.
import merger from "../../map-data/provinces-2025-merger.json";

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

const codes = new Set(merger.provinces.map((p) => p.code));
const byName = new Map(merger.provinces.map((p) => [nameKey(p.name), p.code]));

/** The 2025 province code of a unit, or undefined when it is not one of the 34 provinces. */
export function provinceCode(unit: { code?: string | null; name: string }): string | undefined {
  const code = unit.code?.trim() ?? "";
  if (codes.has(code)) return code;
  if (/^\d$/.test(code) && codes.has(code.padStart(2, "0"))) return code.padStart(2, "0");
  return byName.get(nameKey(unit.name));
}
