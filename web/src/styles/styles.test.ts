// @vitest-environment node
// The stylesheets and the code keep to the design tokens: a colour is written once, in tokens.css,
// every media query uses one of the two breakpoints declared there, and the chart colours keep
// 3:1 (WCAG 2.1, 1.4.11) against every ground a chart is drawn on.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { palette } from "../charts/config";
import { contrast } from "./colour";

const SRC = fileURLToPath(new URL("..", import.meta.url));
const TOKENS = join(SRC, "styles", "tokens.css");

function filesOf(folder: string, keep: (name: string) => boolean): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : filesOf(path, keep);
    return keep(entry.name) ? [path] : [];
  });
}

const stylesheets = (folder: string) => filesOf(folder, (name) => name.endsWith(".css"));

/** The values of tokens.css: "--chart-red" → "#d7263d" (one level of var() resolved). */
function tokens(): Map<string, string> {
  const table = new Map(
    [...readFileSync(TOKENS, "utf8").matchAll(/(--[\w-]+):\s*([^;]+);/g)].map(
      (m) => [m[1] ?? "", (m[2] ?? "").trim()] as const,
    ),
  );
  for (const [name, value] of table) {
    const alias = value.match(/^var\((--[\w-]+)\)$/);
    if (alias) table.set(name, table.get(alias[1] ?? "") ?? value);
  }
  return table;
}

const COLOUR = /#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(/g;

/** "--breakpoint-narrow: 800px;" → ["800px", ...] */
function breakpoints(): string[] {
  return [...readFileSync(TOKENS, "utf8").matchAll(/--breakpoint-[\w-]+:\s*([\d.]+px)/g)].map(
    (m) => m[1] ?? "",
  );
}

describe("stylesheets", () => {
  const files = stylesheets(SRC);

  it("write colours only as design tokens", () => {
    const strays = files
      .filter((file) => file !== TOKENS)
      .flatMap((file) =>
        [...readFileSync(file, "utf8").matchAll(COLOUR)].map(
          (m) => `${relative(SRC, file)}: ${m[0]}`,
        ),
      );
    expect(strays).toEqual([]);
  });

  it("leave no colour in the code: components and charts name tokens", () => {
    const code = filesOf(SRC, (name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name));
    expect(code.length).toBeGreaterThan(20);
    const strays = code.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(COLOUR)].map(
        (m) => `${relative(SRC, file)}: ${m[0]}`,
      ),
    );
    expect(strays).toEqual([]);
  });

  it("give every chart colour 3:1 against the page's cards and both slide themes", () => {
    const table = tokens();
    const grounds = [
      "--surface",
      "--surface-2",
      "--present-dark-bg",
      "--present-dark-surface",
      "--present-light-surface",
      "--present-light-surface-2",
    ];
    const weak: string[] = [];
    for (const colour of Object.values(palette)) {
      const name = colour.match(/^var\((--[\w-]+)\)$/)?.[1] ?? "";
      const value = table.get(name);
      expect(value, `${colour} is a token`).toMatch(/^#[0-9a-f]{6}$/i);
      for (const ground of grounds) {
        const ratio = contrast(value ?? "", table.get(ground) ?? "");
        if (ratio < 3) weak.push(`${name} on ${ground}: ${ratio.toFixed(2)}:1`);
      }
    }
    expect(weak).toEqual([]);
  });

  it("use only the breakpoints of the tokens", () => {
    const allowed = breakpoints();
    expect(allowed.length).toBeGreaterThan(0);
    const queries = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/@media\s*([^{]+)\{/g)].map((m) => ({
        file: relative(SRC, file),
        query: (m[1] ?? "").trim(),
      })),
    );
    expect(queries.length).toBeGreaterThan(0);
    const others = queries.filter(({ query }) => {
      const widths = query.match(/[\d.]+px/g) ?? [];
      return widths.some((width) => !allowed.includes(width));
    });
    expect(others).toEqual([]);
  });
});
