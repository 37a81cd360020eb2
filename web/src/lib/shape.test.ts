import { describe, expect, it } from "vitest";
import { sectors } from "./labels";
import {
  barsForSlide,
  categorySeries,
  direction,
  type RankedBar,
  rankedBars,
  relativeChange,
  total,
  trendSeries,
} from "./shape";

describe("shape", () => {
  it("computes relative change only when there is a previous value", () => {
    expect(relativeChange(120, 100)).toBeCloseTo(0.2);
    expect(relativeChange(80, 100)).toBeCloseTo(-0.2);
    expect(relativeChange(5, 0)).toBeNull();
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(5, null)).toBeNull();
  });

  it("names the direction of a change", () => {
    expect(direction(0.1)).toBe("up");
    expect(direction(-0.1)).toBe("down");
    expect(direction(0)).toBe("flat");
    expect(direction(null)).toBe("none");
  });

  it("gives every known sector a category, in a stable order, summing repeated keys", () => {
    const series = categorySeries(
      [
        { keys: [{ dimension: "SECTOR", key: "CULTURE_SOCIETY" }], values: [5] },
        { keys: [{ dimension: "SECTOR", key: "ECONOMY" }], values: [4] },
        { keys: [{ dimension: "SECTOR", key: "ECONOMY" }], values: [2] },
        { keys: [{ dimension: "SECTOR", key: "SPACE", label: "Vũ trụ" }], values: [1] },
      ],
      "SECTOR",
      sectors,
      "vi",
    );
    expect(series.map((c) => [c.key, c.value])).toEqual([
      ["ECONOMY", 6],
      ["CULTURE_SOCIETY", 5],
      ["SECURITY_ORDER", 0],
      ["PARTY_BUILDING", 0],
      ["ENVIRONMENT", 0],
      ["SPACE", 1],
    ]);
    expect(series[0]?.label).toBe("Phát triển kinh tế");
    expect(series.at(-1)?.label).toBe("Vũ trụ");
    expect(total(series)).toBe(12);
  });

  it("orders trend points by time and labels months", () => {
    const points = trendSeries(
      [
        { start: "2026-02-01", value: 30 },
        { start: "2026-01-01", value: null },
      ],
      "vi",
    );
    // January reported nothing: a gap, not 0.
    expect(points.map((p) => [p.label, p.value])).toEqual([
      ["T1/2026", null],
      ["T2/2026", 30],
    ]);
    expect(trendSeries([{ start: "2026-03-01", value: 1 }], "en")[0]?.label).toBe("Mar 2026");
    expect(
      trendSeries([{ start: "2026-04-01", label: "Quý 2/2026", value: 1 }], "vi", "QUARTER")[0]
        ?.label,
    ).toBe("Quý 2/2026");
  });

  it("carries each bucket's same bucket a year earlier for the tooltip (cùng kỳ)", () => {
    const point = { start: "2026-03-01", value: 12, previousLabel: "T3/2025", previousValue: 10 };
    expect(trendSeries([point], "vi")[0]?.lastYear).toEqual({ label: "T3/2025", value: 10 });
    expect(trendSeries([point], "en")[0]?.lastYear).toEqual({ label: "Mar 2025", value: 10 });
    // Not reported a year earlier stays null, not 0; a bucket not started has nothing to compare.
    const silent = { ...point, previousValue: null };
    expect(trendSeries([silent], "vi")[0]?.lastYear).toEqual({ label: "T3/2025", value: null });
    const future = { start: "2026-04-01", value: null, previousLabel: null };
    expect(trendSeries([future], "vi")[0]?.lastYear).toBeNull();
  });

  it("draws the running bucket on a dashed line from the last finished one", () => {
    const points = trendSeries(
      [
        { start: "2026-10-01", value: 5, complete: true },
        { start: "2026-11-01", value: 8, complete: true },
        { start: "2026-12-01", value: 2, complete: false },
      ],
      "vi",
    );
    expect(points.map((p) => [p.value, p.running])).toEqual([
      [5, null],
      [8, 8],
      [null, 2],
    ]);
  });

  it("ranks comparison bars and flags non-reporting and lowest-quartile units", () => {
    const bars = rankedBars(
      [
        {
          unit: { id: "b", name: "B" },
          value: 10,
          perHundredMembers: 50,
          rank: 2,
          quartile: 4,
          reported: true,
        },
        {
          unit: { id: "a", name: "A" },
          value: 30,
          perHundredMembers: 20,
          rank: 1,
          quartile: 1,
          reported: true,
        },
        {
          unit: { id: "c", name: "C" },
          value: null,
          perHundredMembers: null,
          rank: 3,
          quartile: 4,
          reported: false,
        },
      ],
      true,
    );
    expect(bars.map((b) => [b.id, b.value, b.status])).toEqual([
      ["a", 20, "normal"],
      ["b", 50, "lowest"],
      ["c", 0, "notReported"],
    ]);
  });

  it("keeps the lowest and non-reporting units when a slide has room for fewer bars", () => {
    const bar = (id: string, status: RankedBar["status"]): RankedBar => ({
      id,
      name: id,
      value: 1,
      rank: null,
      status,
    });
    const bars = [
      bar("1", "normal"),
      bar("2", "normal"),
      bar("3", "normal"),
      bar("4", "normal"),
      bar("5", "lowest"),
      bar("6", "lowest"),
      bar("7", "notReported"),
    ];
    expect(barsForSlide(bars, 5).map((b) => b.id)).toEqual(["1", "2", "5", "6", "7"]);
    expect(barsForSlide(bars, 10)).toEqual(bars);
    expect(barsForSlide(bars, 2).map((b) => b.id)).toEqual(["5", "6", "7"]);
  });
});
