import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import merger from "../../map-data/provinces-2025-merger.json";
import { I18nProvider } from "../lib/i18n";
import { ChoroplethMap } from "./ChoroplethMap";
import { choropleth } from "./choropleth";

afterEach(cleanup);

const format = (v: number) => v.toLocaleString("vi-VN");

function rowsFor(units: { code: string; name: string }[]) {
  return units.map((unit, i) => ({
    unit: { id: `u${i}`, ...unit },
    value: i === units.length - 1 ? null : 1000 - i * 10,
    rank: i + 1,
    quartile: i >= units.length * 0.75 ? 4 : 1,
    reported: i !== units.length - 1,
  }));
}

describe("ChoroplethMap", () => {
  it("draws one named, focusable shape per province at national level; Enter drills in", async () => {
    const onSelect = vi.fn();
    render(
      <I18nProvider lang="vi">
        <ChoroplethMap
          data={choropleth(rowsFor(merger.provinces), false)}
          format={format}
          onSelect={onSelect}
          height={400}
        />
      </I18nProvider>,
    );
    // The shapes load on demand (React.lazy), like in the browser.
    const regions = await screen.findAllByRole("button", {}, { timeout: 15_000 });
    expect(regions).toHaveLength(34);
    for (const region of regions) {
      expect(region.tagName.toLowerCase()).toBe("path");
      expect(region.getAttribute("tabindex")).toBe("0");
      expect(region.getAttribute("d")?.length).toBeGreaterThan(20);
    }
    const haNoi = screen.getByRole("button", { name: "Thành phố Hà Nội: 1.000, hạng 1/34" });
    fireEvent.keyDown(haNoi, { key: "Enter" });
    expect(onSelect).toHaveBeenCalledWith("u0");
    const silent = screen.getByRole("button", {
      name: /^Tỉnh Cà Mau: —, hạng 34\/34 — Chưa báo cáo$/,
    });
    expect(silent.getAttribute("fill")).toBe("url(#map-hatch-notReported)");
    expect(screen.getByRole("list", { name: "Chú giải bản đồ" }).textContent).toContain(
      "nhóm 25% thấp nhất",
    );
  }, 30_000); // the lazy shapes chunk can take a while on a loaded machine

  it("lays communes out as tiles, one button per unit, marked ▼ and ⚠ as well as coloured", () => {
    const onSelect = vi.fn();
    const communes = [
      "Xã Long Bình",
      "Xã Hạnh Sơn",
      "Phường Hòa Bình",
      "Xã Đại Cương",
      "Xã An Phú",
    ];
    render(
      <I18nProvider lang="vi">
        <ChoroplethMap
          data={choropleth(rowsFor(communes.map((name, i) => ({ code: `C${i}`, name }))), false)}
          format={format}
          onSelect={onSelect}
          height={300}
        />
      </I18nProvider>,
    );
    const tiles = screen.getAllByRole("button");
    expect(tiles).toHaveLength(5);
    // By name, as Vietnamese sorts: An Phú, Đại Cương, Hạnh Sơn, Hòa Bình, Long Bình.
    expect(tiles.map((t) => t.getAttribute("aria-label")?.split(":")[0])).toEqual([
      "Xã An Phú",
      "Xã Đại Cương",
      "Xã Hạnh Sơn",
      "Phường Hòa Bình",
      "Xã Long Bình",
    ]);
    const anPhu = tiles[0]!;
    expect(anPhu.textContent).toContain("⚠");
    fireEvent.click(anPhu);
    expect(onSelect).toHaveBeenCalledWith("u4");
  });
});
