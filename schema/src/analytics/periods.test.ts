import { describe, expect, it } from "vitest";
import { comparePeriods, isoDay, relativePeriod, shiftDay, vietnamToday } from "./periods";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const span = (p: { from: Date; to: Date }) => `${isoDay(p.from)}..${isoDay(p.to)}`;

describe("periods: cùng kỳ", () => {
  it("shifts a day by months, keeping month ends as month ends", () => {
    expect(isoDay(shiftDay(d("2026-12-02"), 12))).toBe("2025-12-02");
    expect(isoDay(shiftDay(d("2025-02-28"), 12))).toBe("2024-02-29");
    expect(isoDay(shiftDay(d("2024-02-29"), 12))).toBe("2023-02-28");
    expect(isoDay(shiftDay(d("2024-02-28"), 12))).toBe("2023-02-28");
    expect(isoDay(shiftDay(d("2026-05-31"), 3))).toBe("2026-02-28");
    expect(isoDay(shiftDay(d("2026-05-30"), 3))).toBe("2026-02-28");
    expect(isoDay(shiftDay(d("2026-11-30"), 3))).toBe("2026-08-31");
    expect(isoDay(shiftDay(d("2026-01-15"), 1))).toBe("2025-12-15");
  });

  it("compares an unfinished period with the same span of the previous one", () => {
    const year = { from: d("2026-01-01"), to: d("2026-12-31") };
    const c = comparePeriods(year, d("2026-12-02"));
    expect(span(c.period)).toBe("2026-01-01..2026-12-02");
    expect(span(c.previous)).toBe("2025-01-01..2025-12-02");
    expect(c.sameSpan).toBe(true);
    expect(c.ended).toBe(false);
    // A quarter against the previous quarter; a month against the previous month.
    const q4 = comparePeriods({ from: d("2026-10-01"), to: d("2026-12-31") }, d("2026-12-02"));
    expect(span(q4.previous)).toBe("2026-07-01..2026-09-02");
    const dec = comparePeriods({ from: d("2026-12-01"), to: d("2026-12-31") }, d("2026-12-02"));
    expect(span(dec.previous)).toBe("2026-11-01..2026-11-02");
    // The same quarter last year, when asked.
    const lastYear = comparePeriods(
      { from: d("2026-10-01"), to: d("2026-12-31") },
      d("2026-12-02"),
      "SAME_PERIOD_LAST_YEAR",
    );
    expect(span(lastYear.previous)).toBe("2025-10-01..2025-12-02");
  });

  it("compares ended and not yet started periods whole", () => {
    const ended = comparePeriods({ from: d("2025-01-01"), to: d("2025-12-31") }, d("2026-12-02"));
    expect(span(ended.previous)).toBe("2024-01-01..2024-12-31");
    expect(ended.sameSpan).toBe(false);
    expect(ended.ended).toBe(true);
    const lastDay = comparePeriods({ from: d("2026-01-01"), to: d("2026-12-31") }, d("2026-12-31"));
    expect(lastDay.ended).toBe(true);
    expect(span(lastDay.previous)).toBe("2025-01-01..2025-12-31");
    const future = comparePeriods({ from: d("2027-01-01"), to: d("2027-12-31") }, d("2026-12-02"));
    expect(future.sameSpan).toBe(false);
    expect(span(future.period)).toBe("2027-01-01..2027-12-31");
  });

  it("names relative periods on a day", () => {
    const today = d("2026-12-02");
    expect(span(relativePeriod("YEAR_TO_DATE", today))).toBe("2026-01-01..2026-12-31");
    expect(span(relativePeriod("QUARTER_TO_DATE", today))).toBe("2026-10-01..2026-12-31");
    expect(span(relativePeriod("LAST_12_MONTHS", today))).toBe("2026-01-01..2026-12-31");
    expect(span(relativePeriod("LAST_12_MONTHS", d("2025-02-27")))).toBe("2024-03-01..2025-02-28");
    expect(span(relativePeriod("MONTH_TO_DATE", d("2024-02-10")))).toBe("2024-02-01..2024-02-29");
  });

  it("takes today in Vietnam time (UTC+7)", () => {
    expect(isoDay(vietnamToday(new Date("2026-12-01T16:59:59Z")))).toBe("2026-12-01");
    expect(isoDay(vietnamToday(new Date("2026-12-01T17:00:00Z")))).toBe("2026-12-02");
  });
});
