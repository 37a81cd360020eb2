// @vitest-environment node
// The focus ring for the person with weak eyes (WCAG 2.1 1.4.11, non-text contrast): the ring
// keeps 3:1 against every colour it sits next to. It is drawn 2 px outside the element, so what
// lies beside it on both sides is the ground the element stands on: the page, a card, the red top
// bar, the account menu's panel, and the slide and its cards in both presentation themes.
// Computed from the stylesheets (the ring's colour where each ground declares it, every var()
// followed to its token), as the browser paints them.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { contrast, declarations, resolver } from "./colour";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const tokens = declarations(read("./tokens.css"), ":root");
const slides = read("../views/Presentation.module.css");
const layout = read("../components/Layout.module.css");

/** "3px solid var(--focus)" or "var(--focus)" → "--focus" */
const varName = (value: string | undefined) => value?.match(/var\((--[\w-]+)\)/)?.[1] ?? "";

const ring = varName(declarations(read("./base.css"), ":focus-visible").get("outline"));

/** The ring's colour under a rule of Layout.module.css that recolours it, else the base ring. */
function ringUnder(selector: string): string {
  try {
    return varName(declarations(layout, selector).get("outline-color")) || ring;
  } catch {
    return ring;
  }
}

const dashboard = resolver(tokens);
const darkSlide = resolver(tokens, declarations(slides, ".present"));
// One element carries both classes: the light rule overrides the dark one on the same element.
const lightSlide = resolver(
  tokens,
  new Map([...declarations(slides, ".present"), ...declarations(slides, ".light")]),
);

/** Each ground a focusable element stands on, with the ring drawn there. */
const GROUNDS: { where: string; ring: string; ground: string }[] = [
  { where: "page", ring: dashboard(ring), ground: dashboard("--bg") },
  { where: "card", ring: dashboard(ring), ground: dashboard("--surface") },
  { where: "context bar", ring: dashboard(ring), ground: dashboard("--surface-2") },
  {
    where: "top bar",
    ring: dashboard(ringUnder(".topbar :focus-visible")),
    ground: dashboard("--primary"),
  },
  {
    where: "account menu and password dialog",
    ring: dashboard(ringUnder(".user-menu-panel :focus-visible, .topbar dialog :focus-visible")),
    ground: dashboard("--surface"),
  },
  ...(
    [
      ["dark slide", darkSlide],
      ["light slide", lightSlide],
    ] as const
  ).flatMap(([theme, scope]) =>
    ["--p-bg", "--surface", "--surface-2"].map((ground) => ({
      where: `${theme} ${ground}`,
      ring: scope(ring),
      ground: scope(ground),
    })),
  ),
];

describe("the focus ring", () => {
  it("is drawn in a token colour", () => {
    expect(ring).toBe("--focus");
  });

  for (const { where, ring: colour, ground } of GROUNDS) {
    it(`keeps 3:1 against the ${where} (${colour} on ${ground})`, () => {
      expect(contrast(colour, ground)).toBeGreaterThanOrEqual(3);
    });
  }
});
