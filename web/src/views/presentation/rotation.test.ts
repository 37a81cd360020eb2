import { describe, expect, it } from "vitest";
import { entryParams, parseRotation } from "./rotation";

describe("presentation rotation", () => {
  it("knows units and views, nothing else", () => {
    expect(parseRotation("units")).toBe("units");
    expect(parseRotation("views")).toBe("views");
    expect(parseRotation("maps")).toBeNull();
    expect(parseRotation(null)).toBeNull();
  });

  it("lays a saved view's period and measure over the room's, never its slide or pace", () => {
    const base = new URLSearchParams("unit=U1&p=2026&slide=2&entry=1&interval=20&rotate=views");
    const merged = entryParams(base, {
      key: "v",
      unitId: "U2",
      label: "Toàn tỉnh",
      query: "p=2024&m=ATTENDANCE&slide=5&interval=3&unit=U9",
    });
    expect(Object.fromEntries(merged)).toEqual({
      unit: "U1",
      p: "2024",
      slide: "2",
      entry: "1",
      interval: "20",
      rotate: "views",
      m: "ATTENDANCE",
    });
    // A unit entry has no parameters of its own.
    expect(entryParams(base, { key: "u", unitId: "U2", label: "Xã" })).toBe(base);
  });
});
