import { describe, expect, it } from "vitest";
import { niceCeiling, slidePage } from "./paging";

describe("slidePage", () => {
  it("splits 14 units at 10 a page into two balanced pages that cover every unit once", () => {
    const pages = [0, 1].map((p) => slidePage(14, 10, p));
    expect(pages.map((p) => [p.from, p.to, p.count])).toEqual([
      [0, 7, 2],
      [7, 14, 2],
    ]);
  });

  it("keeps one page when everything fits and clamps a page past the end", () => {
    expect(slidePage(6, 10, 0)).toEqual({ page: 0, count: 1, from: 0, to: 6, total: 6 });
    expect(slidePage(14, 10, 9).page).toBe(1);
    expect(slidePage(0, 10, 0)).toMatchObject({ count: 1, from: 0, to: 0 });
  });

  it("never leaves a unit out, whatever the page size", () => {
    for (let total = 1; total <= 60; total++) {
      for (const perPage of [1, 3, 7, 10, 25]) {
        const { count } = slidePage(total, perPage, 0);
        const seen = Array.from({ length: count }, (_, p) => slidePage(total, perPage, p)).reduce(
          (sum, p) => sum + (p.to - p.from),
          0,
        );
        expect(seen).toBe(total);
        expect(Math.ceil(total / count)).toBeLessThanOrEqual(perPage);
      }
    }
  });
});

describe("niceCeiling", () => {
  it("rounds an axis maximum up to a round number", () => {
    expect(niceCeiling(2179.3)).toBe(2500);
    expect(niceCeiling(8523)).toBe(10000);
    expect(niceCeiling(100)).toBe(100);
    expect(niceCeiling(0)).toBe(1);
  });
});
