import { describe, expect, it } from "vitest";
import { decodePeriod, encodePeriod, periodLabel, periodRange } from "./period";

describe("period", () => {
  it("turns a year and a quarter into first and last days", () => {
    expect(periodRange({ kind: "year", year: 2024 })).toEqual({
      from: "2024-01-01",
      to: "2024-12-31",
    });
    expect(periodRange({ kind: "quarter", year: 2024, quarter: 1 })).toEqual({
      from: "2024-01-01",
      to: "2024-03-31",
    });
    expect(periodRange({ kind: "quarter", year: 2026, quarter: 4 }).to).toBe("2026-12-31");
    expect(periodRange({ kind: "quarter", year: 2025, quarter: 2 }).to).toBe("2025-06-30");
  });

  it("round-trips every kind of period through the URL", () => {
    for (const text of ["2026", "2026-Q3", "2026-07", "12m", "2024-01-15..2024-06-30"]) {
      const choice = decodePeriod(text);
      expect(choice).not.toBeNull();
      expect(encodePeriod(choice!)).toBe(text);
    }
  });

  it("turns a month and the last 12 months into whole months", () => {
    expect(periodRange({ kind: "month", year: 2024, month: 2 })).toEqual({
      from: "2024-02-01",
      to: "2024-02-29",
    });
    expect(periodRange({ kind: "last12" }, new Date(2026, 11, 2))).toEqual({
      from: "2026-01-01",
      to: "2026-12-31",
    });
    expect(periodRange({ kind: "last12" }, new Date(2025, 1, 27))).toEqual({
      from: "2024-03-01",
      to: "2025-02-28",
    });
  });

  it("rejects unreadable or backwards periods", () => {
    expect(decodePeriod("2026-Q5")).toBeNull();
    expect(decodePeriod("2026-13")).toBeNull();
    expect(decodePeriod("2024-06-30..2024-01-01")).toBeNull();
    expect(decodePeriod("soon")).toBeNull();
  });

  it("labels periods in Vietnamese and English", () => {
    expect(periodLabel({ kind: "quarter", year: 2026, quarter: 3 }, "vi")).toBe("Quý 3/2026");
    expect(periodLabel({ kind: "year", year: 2026 }, "en")).toBe("2026");
    expect(periodLabel({ kind: "custom", from: "2024-01-19", to: "2024-02-01" }, "vi")).toBe(
      "19/01/2024 – 01/02/2024",
    );
  });
});
