import { describe, expect, it } from "vitest";
import { slideFilters } from "./slideFilters";

const params = (query: string) => new URLSearchParams(query);

describe("a saved view's filters on the slides", () => {
  it("narrows the sectors slide by programme and marks its own sector, never filtering it away", () => {
    const result = slideFilters(
      params("sector=ECONOMY&status=MAINTAINED&programme=Dân vận khéo&awardLevel=PROVINCE"),
      "sectors",
    );
    expect(result.metrics).toEqual({ programmes: ["Dân vận khéo"] });
    expect(result.selected).toBe("ECONOMY");
    expect(result.filters).toEqual([
      { param: "sector", value: "ECONOMY", applied: true },
      { param: "status", value: "MAINTAINED", applied: false },
      { param: "programme", value: "Dân vận khéo", applied: true },
      { param: "awardLevel", value: "PROVINCE", applied: false },
    ]);
  });

  it("cross-filters the award slides by the other award drills", () => {
    const query = params("awardLevel=PROVINCE&recipient=COLLECTIVE&ground=YEAR_THEME");
    expect(slideFilters(query, "awards")).toMatchObject({
      metrics: { recipientKinds: ["COLLECTIVE"], awardGrounds: ["YEAR_THEME"] },
      selected: "PROVINCE",
    });
    expect(slideFilters(query, "recipients")).toMatchObject({
      metrics: { awardLevels: ["PROVINCE"], awardGrounds: ["YEAR_THEME"] },
      selected: "COLLECTIVE",
    });
  });

  it("says which filters a slide without filters cannot apply, and ignores unknown values", () => {
    const result = slideFilters(params("sector=ECONOMY&awardForm=NOT_A_FORM"), "kpi");
    expect(result.metrics).toBeUndefined();
    expect(result.selected).toBeUndefined();
    expect(result.filters).toEqual([{ param: "sector", value: "ECONOMY", applied: false }]);
  });
});
