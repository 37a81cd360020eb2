// axe-core in the page under test: the WCAG 2.1 A and AA rules, each violation as one line.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

let axeCache: string | undefined;
export async function axeScript(): Promise<string> {
  const require = createRequire(import.meta.url);
  axeCache ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  return axeCache;
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is: "rule (impact): targets" per violation. */
export async function audit(page: Page, source: string): Promise<string[]> {
  if (!(await page.evaluate("typeof axe !== 'undefined'"))) await page.evaluate(source);
  return (await page.evaluate(
    `axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] })
      .then((r) => r.violations.map((v) => v.id + " (" + v.impact + "): " +
        v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")))`,
  )) as string[];
}
