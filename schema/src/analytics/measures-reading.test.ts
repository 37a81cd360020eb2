// The dashboard's "tồn đến ngày …" / "cộng dồn trong kỳ" under each KPI card comes from the
// domain's MEASURES_READ_ON_A_DAY; the engine decides from each measure's source. They must agree,
// or a card would call a stock a flow.
import { MEASURES, MEASURES_READ_ON_A_DAY } from "@d05/schema/domain";
import { describe, expect, it } from "vitest";
import { MEASURE_DEFINITIONS } from "./measures";

/** Sources the engine reads on the last day (stocks and the registration rate). */
const READ_ON_A_DAY_SOURCES = new Set([
  "modelStock",
  "modelStatus",
  "commitmentStock",
  "registration",
]);

describe("which measures are read on a day", () => {
  it("lists exactly the measures whose source is read on the period's last day", () => {
    const bySource = MEASURES.filter((m) =>
      READ_ON_A_DAY_SOURCES.has(MEASURE_DEFINITIONS[m].source),
    );
    expect([...MEASURES_READ_ON_A_DAY].sort()).toEqual([...bySource].sort());
  });
});
