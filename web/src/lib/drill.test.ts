import { describe, expect, it } from "vitest";
import { drillValue, monthOf } from "./drill";
import { savedViewHref } from "./savedViews";

describe("drill filters", () => {
  it("reads a value the label table knows and ignores an edited or unknown one", () => {
    const params = new URLSearchParams("sector=ECONOMY&status=GONE&ground=YEAR_THEME");
    expect(drillValue(params, "sector")).toBe("ECONOMY");
    expect(drillValue(params, "status")).toBeUndefined();
    expect(drillValue(params, "ground")).toBe("YEAR_THEME");
    expect(drillValue(params, "awardLevel")).toBeUndefined();
  });

  it("turns a trend bucket's first day into its month's period", () => {
    expect(monthOf("2025-03-01")).toBe("2025-03");
    expect(monthOf("not a day")).toBeNull();
  });
});

describe("savedViewHref", () => {
  it("opens the view's page on its unit with the parameters it was saved with", () => {
    expect(
      savedViewHref({ path: "/mo-hinh", query: "p=2025&sector=ECONOMY", unit: { id: "VW5pdDox" } }),
    ).toBe("/mo-hinh?p=2025&sector=ECONOMY&unit=VW5pdDox");
  });
});
