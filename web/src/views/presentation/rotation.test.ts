import { describe, expect, it } from "vitest";
import { chosenViews, entryParams, parseRotation, parseViewIds } from "./rotation";

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

  it("keeps no drill filter or measure of the room or of another view on a view's slides", () => {
    const base = new URLSearchParams(
      "unit=U1&p=2026&sector=ECONOMY&m=SESSIONS&rotate=views&views=b,a",
    );
    const merged = entryParams(base, {
      key: "a",
      unitId: "U2",
      label: "Khen tập thể",
      query: "recipient=COLLECTIVE&path=x&views=z",
    });
    expect(Object.fromEntries(merged)).toEqual({
      unit: "U1",
      p: "2026",
      rotate: "views",
      views: "b,a",
      recipient: "COLLECTIVE",
      path: "x",
    });
  });

  it("plays the picked views in the order they were picked, or all when none is picked", () => {
    const all = [{ key: "a" }, { key: "b" }, { key: "c" }];
    expect(parseViewIds("c,a,,c")).toEqual(["c", "a"]);
    expect(chosenViews(all, ["c", "a"]).map((v) => v.key)).toEqual(["c", "a"]);
    // A deleted view drops out; nothing left means every view.
    expect(chosenViews(all, ["gone", "b"]).map((v) => v.key)).toEqual(["b"]);
    expect(chosenViews(all, ["gone"]).map((v) => v.key)).toEqual(["a", "b", "c"]);
    expect(chosenViews(all, []).map((v) => v.key)).toEqual(["a", "b", "c"]);
  });
});
