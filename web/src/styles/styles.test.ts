// @vitest-environment node
// The stylesheets keep to the design tokens: a colour is written once, in tokens.css, and every
// media query uses one of the two breakpoints declared there.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));
const TOKENS = join(SRC, "styles", "tokens.css");

function stylesheets(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith(".css") ? [path] : [];
  });
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
