// @vitest-environment node
// The tile cartogram for the person with weak eyes (WCAG 2.1 AA), computed from the stylesheets as
// the browser paints them, on the dashboard and on both slide themes:
// - 1.4.11: a tile's fill may be as pale as the card (the first value shade, #c6dbef, is 1.4:1 on
//   white), so every tile is drawn inside an outline that keeps 3:1 against the card it sits on;
// - 1.4.3: the name, value and rank written on a tile keep 4.5:1 against their plate laid over
//   every colour the tile's fill uses (each value shade, the laggards' hatch and its stripes).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { rankColors } from "../charts/config";
import { contrast, declarations, over, parseColour, resolver } from "../styles/colour";
import type { MapRegion } from "./choropleth";
import { valueShades } from "./choropleth";
import { darkTile } from "./TileCartogram";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const tokens = declarations(read("../styles/tokens.css"), ":root");
const slides = read("../views/Presentation.module.css");
const map = read("./ChoroplethMap.module.css");

/** Where tiles are drawn, each with the custom properties in force there. */
const CONTEXTS = {
  dashboard: resolver(tokens),
  "dark slide": resolver(tokens, declarations(slides, ".present")),
  // One element carries both classes: the light rule overrides the dark one on the same element.
  "light slide": resolver(
    tokens,
    new Map([...declarations(slides, ".present"), ...declarations(slides, ".light")]),
  ),
};

/** "var(--muted)" → "--muted" */
const varName = (value: string) => value.match(/var\((--[\w-]+)\)/)?.[1] ?? "";

/** Every kind of tile: the four value shades, the lowest group and "not reported". */
const TILES: { name: string; region: MapRegion; fills: string[] }[] = [
  ...valueShades.map((shade, index) => ({
    name: `shade ${index + 1}`,
    region: { status: "normal", shade } as unknown as MapRegion,
    fills: [varName(shade)],
  })),
  {
    // ChoroplethMap's hatch patterns: the group's colour crossed by stripes of another.
    name: "lowest (hatched)",
    region: { status: "lowest", shade: null } as unknown as MapRegion,
    fills: [varName(rankColors.lowest), "--map-hatch-lowest"],
  },
  {
    name: "not reported (hatched)",
    region: { status: "notReported", shade: null } as unknown as MapRegion,
    fills: [varName(rankColors.notReported), "--map-hatch-not-reported"],
  },
].map((tile) => ({
  ...tile,
  // TILES is built with the shade's token; darkTile wants its index.
  region: {
    ...tile.region,
    shade: tile.region.status === "normal" ? valueShades.indexOf(tile.region.shade as never) : null,
  },
}));

describe("the tile cartogram's colours", () => {
  it("draws every tile inside an outline of 3:1 against the card, on the page and both slides", () => {
    const border = declarations(map, ".tile").get("border") ?? "";
    const width = Number(border.match(/([\d.]+)px/)?.[1] ?? 0);
    expect(width, border).toBeGreaterThanOrEqual(1);
    const outline = varName(border);
    expect(outline, border).not.toBe("");
    const weak: string[] = [];
    const ratios: Record<string, string> = {};
    for (const [where, resolve] of Object.entries(CONTEXTS)) {
      for (const ground of ["--surface", "--surface-2"]) {
        const ratio = contrast(resolve(outline), resolve(ground));
        ratios[`${where} ${ground}`] = ratio.toFixed(2);
        if (ratio < 3) weak.push(`${where}: ${outline} on ${ground} ${ratio.toFixed(2)}:1`);
      }
    }
    console.info("tile outline contrast:", ratios);
    expect(weak).toEqual([]);
  });

  it("writes a tile's name, value and rank at 4.5:1 over every colour of its fill", () => {
    const plates = {
      dark: { text: "--map-label-dark", plate: "--map-label-dark-bg" },
      light: { text: "--map-label-light", plate: "--map-label-light-bg" },
    };
    // The rule for the text on the plate, and its data-dark variant, name these tokens.
    const dark = declarations(map, ".tileName, .tileValue, .tileRank");
    expect(varName(dark.get("color") ?? "")).toBe(plates.dark.text);
    expect(varName(dark.get("background") ?? "")).toBe(plates.dark.plate);
    const light = declarations(
      map,
      `.tileText[data-dark="true"] .tileName, .tileText[data-dark="true"] .tileValue, .tileText[data-dark="true"] .tileRank`,
    );
    expect(varName(light.get("color") ?? "")).toBe(plates.light.text);
    expect(varName(light.get("background") ?? "")).toBe(plates.light.plate);

    const weak: string[] = [];
    let lowest = Number.POSITIVE_INFINITY;
    for (const [where, resolve] of Object.entries(CONTEXTS)) {
      for (const tile of TILES) {
        const { text, plate } = darkTile(tile.region) ? plates.light : plates.dark;
        for (const fill of tile.fills) {
          const ground = over(parseColour(resolve(plate)), parseColour(resolve(fill)).rgb);
          const ratio = contrast(over(parseColour(resolve(text)), ground), ground);
          lowest = Math.min(lowest, ratio);
          if (ratio < 4.5) weak.push(`${where}, ${tile.name} over ${fill}: ${ratio.toFixed(2)}:1`);
        }
      }
    }
    console.info("lowest text contrast on a tile:", lowest.toFixed(2));
    expect(weak).toEqual([]);
  });
});
