import { describe, expect, it } from "vitest";
import { rankColors } from "../charts/config";
import { choropleth, classBounds, valueShades } from "./choropleth";
import { nameKey, provinceCode } from "./provinceMatch";
import { provinceFeatures } from "./provinces";

const row = (id: number, value: number | null, quartile: number, reported = true) => ({
  unit: { id: String(id), name: `Xã ${id}`, code: `X${id}` },
  value,
  perHundredMembers: value === null ? null : value / 10,
  rank: id,
  quartile,
  reported,
});

describe("choropleth", () => {
  it("colours laggards as the comparison does and shades the others darker for more", () => {
    const rows = [
      row(1, 900, 1),
      row(2, 700, 1),
      row(3, 500, 2),
      row(4, 400, 2),
      row(5, 300, 3),
      row(6, 100, 4),
      row(7, null, 4, false),
    ];
    const { regions, classes } = choropleth(rows, false);
    expect(regions.map((r) => r.status)).toEqual([
      "normal",
      "normal",
      "normal",
      "normal",
      "normal",
      "lowest",
      "notReported",
    ]);
    expect(regions[5]?.fill).toBe(rankColors.lowest);
    expect(regions[6]?.fill).toBe(rankColors.notReported);
    expect(regions[0]?.fill).toBe(valueShades[valueShades.length - 1]);
    expect(regions[4]?.fill).toBe(valueShades[0]);
    // Every ordinary value falls in exactly one legend class.
    for (const region of regions.filter((r) => r.status === "normal")) {
      const hits = classes.filter((c) => region.value >= c.from && region.value <= c.to);
      expect(hits.map((c) => c.shade)).toEqual([region.shade]);
    }
  });

  it("uses the per-100-members figure when asked", () => {
    const { regions } = choropleth([row(1, 900, 1), row(2, 100, 4)], true);
    expect(regions.map((r) => r.value)).toEqual([90, 10]);
  });

  it("merges classes when values repeat instead of showing overlapping ranges", () => {
    expect(classBounds([5, 5, 5, 5, 5, 5], 4)).toEqual([{ from: 5, to: 5 }]);
    expect(classBounds([], 4)).toEqual([]);
    expect(classBounds([1, 2, 3, 4, 5, 6, 7, 8], 4)).toEqual([
      { from: 1, to: 2 },
      { from: 3, to: 4 },
      { from: 5, to: 6 },
      { from: 7, to: 8 },
    ]);
  });
});

describe("the province map data", () => {
  it("holds the 34 provinces of 2025, one shape per code of the merger list", () => {
    expect(provinceFeatures).toHaveLength(34);
    const codes = provinceFeatures.map((f) => f.properties.code);
    expect(new Set(codes).size).toBe(34);
    for (const f of provinceFeatures) {
      expect(provinceCode({ code: f.properties.code, name: "?" })).toBe(f.properties.code);
      expect(["Polygon", "MultiPolygon"]).toContain(f.geometry.type);
    }
  });

  it("finds a province by code, or by its name written either way", () => {
    expect(provinceCode({ code: "01", name: "x" })).toBe("01");
    expect(provinceCode({ code: "HN", name: "Thành phố Hà Nội" })).toBe("01");
    expect(provinceCode({ code: null, name: "Tỉnh Khánh Hòa" })).toBe("56");
    expect(provinceCode({ code: "DEMO-X", name: "Xã Long Bình" })).toBeUndefined();
    expect(nameKey("Tỉnh Đắk Lắk")).toBe("dak lak");
  });
});
