// What the accessibility tests (keyboard-a11y, presentation-a11y) share: one demo server and one
// Chromium per file, pages signed in as the demo admin, a view or a slide opened and settled, and
// the WCAG 1.4.12 text-spacing check. Needs the built web and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { type DemoServer, demoAccount, settled, signedIn, startDemoServer } from "./app";
import {
  launchChromium,
  openPage,
  type SavedSession,
  type ViewportName,
  type WatchedPage,
} from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

/** Every dashboard view, with the demo year so every chart has data. */
export const VIEWS = [
  { name: "tong-quan", path: "/?p=2025" },
  { name: "so-sanh", path: "/so-sanh?p=2025" },
  { name: "mo-hinh", path: "/mo-hinh?p=2025" },
  { name: "khen-thuong", path: "/khen-thuong?p=2025" },
  { name: "hoat-dong", path: "/hoat-dong?p=2025" },
  { name: "nhap-lieu", path: "/nhap-lieu?p=2025" },
  { name: "nhap-tep", path: "/nhap-lieu?p=2025&form=import" },
];

export interface A11yApp {
  readonly server: DemoServer;
  readonly browser: Browser;
  /** A page not signed in (closed with the file's browser). */
  page(viewport?: ViewportName): Promise<WatchedPage>;
  /** A page signed in as the demo admin. */
  signedIn(): Promise<WatchedPage>;
  /** Opens a dashboard view and waits until its figures are in. */
  visit(page: Page, path: string): Promise<void>;
  /** A signed-in page on the presentation (`query` after ?p=2025&), settled. */
  presenting(query: string): Promise<Page>;
}

/** Starts the demo server and Chromium before the file's tests and stops them after. */
export function a11yApp(): A11yApp {
  let server: DemoServer | undefined;
  let browser: Browser | undefined;
  const opened: WatchedPage[] = [];
  let session: SavedSession | undefined;

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: node web/build-when-changed.mjs");
    server = await startDemoServer();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  const app: A11yApp = {
    get server() {
      if (!server) throw new Error("the demo server has not started");
      return server;
    },
    get browser() {
      if (!browser) throw new Error("Chromium has not started");
      return browser;
    },
    async page(viewport = "projector") {
      const watched = await openPage(app.browser, viewport);
      opened.push(watched);
      return watched;
    },
    async signedIn() {
      // Through the login screen once; after that a fresh context with the session it saved.
      if (!session) {
        const watched = await signedIn(app.browser, app.server.url, await demoAccount("admin"));
        opened.push(watched);
        session = await watched.context.storageState();
        return watched;
      }
      const watched = await openPage(app.browser, "projector", session);
      opened.push(watched);
      await watched.page.goto(app.server.url);
      await watched.page.getByRole("navigation", { name: "Các trang" }).waitFor();
      return watched;
    },
    async visit(page, path) {
      await page.goto(`${app.server.url}${path}`);
      await page.locator("main h1").first().waitFor();
      await settled(page);
    },
    async presenting(query) {
      let page: Page;
      if (session) {
        // Straight to the presentation with the saved session: no overview loaded first.
        const watched = await openPage(app.browser, "projector", session);
        opened.push(watched);
        page = watched.page;
      } else {
        page = (await app.signedIn()).page;
      }
      await page.goto(`${app.server.url}/trinh-chieu?p=2025&${query}`);
      await page.locator(".present").waitFor();
      await settled(page);
      return page;
    },
  };
  return app;
}

/**
 * Steps the presentation on `page` by the arrow key until slide `index` shows, as a presenter
 * moves on (the comparison pages through its units first): one load of the dashboard for a walk
 * through every slide. Each press waits until the slide or page in the URL has moved, so a slow
 * render cannot make two presses skip a slide.
 */
export async function stepToSlide(page: Page, index: number): Promise<void> {
  const show = page.locator(".present");
  while ((await show.getAttribute("data-slide-index")) !== String(index)) {
    const before = page.url();
    await page.keyboard.press("ArrowRight");
    await page.waitForURL((url) => url.href !== before);
  }
  await page.locator(`.present[data-slide-index="${index}"]`).waitFor();
  await settled(page);
}

/**
 * WCAG 1.4.12's text spacing, as the bookmarklets that test it set it: line height 1.5, paragraphs
 * 2 em apart, letters 0.12 em, words 0.16 em, over every author style.
 */
const TEXT_SPACING_CSS = `
  *, *::before, *::after {
    line-height: 1.5 !important;
    letter-spacing: 0.12em !important;
    word-spacing: 0.16em !important;
  }
  p { margin-bottom: 2em !important; }
`;

/**
 * Sets WCAG 1.4.12's text spacing on the page as it is and lists the text it cuts off: every
 * element holding text that hides its overflow (or ends it with an ellipsis) and whose content
 * is now wider or taller than its box. Screen-reader-only text (1 px by design) and chart
 * drawings (SVG, which the overrides do not reach the same way) are left out.
 */
export async function clippedAtTextSpacing(page: Page): Promise<string[]> {
  // Through the CSSOM (a constructed sheet): the dashboard's CSP forbids inline <style>, as it
  // should, and the CSSOM is what a user's text-spacing extension uses too.
  await page.evaluate((css) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, TEXT_SPACING_CSS);
  // Charts and slides measure their boxes and lay out again: two frames and a breath.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  await page.waitForTimeout(400);
  return page.evaluate(() => {
    const clipped: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      if (element.closest(".sr-only, svg, .recharts-wrapper, [hidden], dialog:not([open])")) {
        continue;
      }
      const style = getComputedStyle(element);
      const hides = (value: string) => value === "hidden" || value === "clip";
      const clipsX = hides(style.overflowX) || style.textOverflow === "ellipsis";
      const clipsY = hides(style.overflowY);
      if (!clipsX && !clipsY) continue;
      if (element.clientWidth === 0 && element.clientHeight === 0) continue;
      const text = (element.textContent ?? "").trim();
      if (!text) continue;
      const wide = clipsX && element.scrollWidth > element.clientWidth + 1;
      const tall = clipsY && element.scrollHeight > element.clientHeight + 1;
      if (wide || tall) {
        const name = `${element.tagName.toLowerCase()}.${String(element.className).split(" ")[0]}`;
        const size = `${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight}`;
        clipped.push(`${name} "${text.slice(0, 40).replace(/\s+/g, " ")}" ${size}`);
      }
    }
    return clipped;
  });
}
