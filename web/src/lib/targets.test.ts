import { describe, expect, it } from "vitest";
import { catalogs, type MessageKey, type MessageValues } from "./i18n";
import { type FigureTargets, figureTarget } from "./targets";

/** The catalog's text with its simple `{name}` arguments filled (no plurals needed here). */
const t = (key: MessageKey, values: MessageValues = {}) =>
  catalogs.vi[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));

const base: FigureTargets = {
  measure: "SESSIONS",
  value: 150,
  underTarget: true,
  targetBasis: "YEAR",
  target: null,
  combinedTarget: null,
};

describe("figureTarget", () => {
  it("names a province's target as the sum of its communes' targets", () => {
    const card = figureTarget(
      {
        ...base,
        combinedTarget: {
          value: 168,
          direction: "AT_LEAST",
          rule: "SUM",
          level: "COMMUNE",
          units: 168,
        },
      },
      t,
      "vi",
    );
    expect(card).toEqual({
      text: "Đạt 89% chỉ tiêu ≥ 168",
      progress: 150 / 168,
      under: true,
      rule: "Chỉ tiêu: tổng chỉ tiêu của 168 xã, phường",
    });
  });

  it("names a rate's target as the one its communes share", () => {
    const card = figureTarget(
      {
        ...base,
        measure: "REGISTRATION_RATE",
        value: 90,
        targetBasis: "LEVEL",
        combinedTarget: {
          value: 100,
          direction: "AT_LEAST",
          rule: "SHARED",
          level: "COMMUNE",
          units: 1234,
        },
      },
      t,
      "vi",
    );
    expect(card?.rule).toBe("Chỉ tiêu: chỉ tiêu chung của 1.234 xã, phường");
  });

  it("says nothing of units for the unit's own target, and nothing without a target", () => {
    const own = figureTarget(
      { ...base, value: 3, underTarget: false, target: { value: 3, direction: "AT_LEAST" } },
      t,
      "vi",
    );
    expect(own).toEqual({ text: "Đạt 100% chỉ tiêu ≥ 3", progress: 1, under: false });
    expect(figureTarget(base, t, "vi")).toBeUndefined();
  });
});
