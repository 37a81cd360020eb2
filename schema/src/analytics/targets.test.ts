import { describe, expect, it } from "vitest";
import { commonTarget, isUnderTarget, markRows, targetBasis } from "./targets";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const year2025 = { from: d("2025-01-01"), to: d("2025-12-31") };

describe("targets", () => {
  it("compares a flow's yearly target over one calendar year only, year to date while it runs", () => {
    expect(targetBasis("ATTENDANCE", year2025, year2025)).toBe("YEAR");
    expect(targetBasis("ATTENDANCE", year2025, { ...year2025, to: d("2025-10-31") })).toBe(
      "YEAR_TO_DATE",
    );
    const quarter = { from: d("2025-04-01"), to: d("2025-06-30") };
    expect(targetBasis("ATTENDANCE", quarter, quarter)).toBe("NOT_A_YEAR");
    const twoYears = { from: d("2024-01-01"), to: d("2025-12-31") };
    expect(targetBasis("AWARDS", twoYears, twoYears)).toBe("NOT_A_YEAR");
    // Stocks and rates are levels, whatever the period.
    expect(targetBasis("MODELS_ACTIVE", quarter, quarter)).toBe("LEVEL");
    expect(targetBasis("REGISTRATION_RATE", quarter, quarter)).toBe("LEVEL");
  });

  it("misses a floor below it and a ceiling above it", () => {
    const floor = { id: 1, unitId: 1, value: 3, direction: "AT_LEAST" as const };
    const ceiling = { ...floor, direction: "AT_MOST" as const };
    expect([2, 3, 4].map((v) => isUnderTarget(v, floor))).toEqual([true, false, false]);
    expect([2, 3, 4].map((v) => isUnderTarget(v, ceiling))).toEqual([false, false, true]);
  });

  it("marks under-target and silent rows once a target applies, the lowest quarter otherwise", () => {
    const t = { id: 1, unitId: 9, value: 3, direction: "AT_LEAST" as const };
    const row = (id: number, value: number | null, reported: boolean, quartile: number) => ({
      unit: { id },
      value,
      reported,
      quartile,
    });
    const rows = [row(1, 5, true, 1), row(2, 2, true, 2), row(3, 0, false, 4), row(4, 1, true, 4)];
    const none = markRows(rows, new Map());
    expect(none.laggardRule).toBe("BOTTOM_QUARTER");
    expect(none.rows.map((r) => r.laggard)).toEqual([false, false, true, true]);
    const some = markRows(
      rows,
      new Map([
        [1, t],
        [2, t],
        [3, t],
      ]),
    );
    expect(some.laggardRule).toBe("UNDER_TARGET");
    expect(some.rows.map((r) => [r.underTarget, r.laggard])).toEqual([
      [false, false],
      [true, true],
      [null, true],
      // No target of its own: not marked, whatever its quarter.
      [null, false],
    ]);
    expect(commonTarget(some.rows.map((r) => r.target))).toBeNull();
    expect(commonTarget(some.rows.slice(0, 3).map((r) => r.target))).toBe(t);
  });
});
