// A real Chromium for the end-to-end tests (Debian's, driven by playwright-core: nothing is
// downloaded), and pages that record every console error so a test can insist on none.
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";

export const SCREENSHOTS = fileURLToPath(
  new URL("../../../test-results/screenshots/", import.meta.url),
);

export const viewports = {
  projector: { width: 1920, height: 1080 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof viewports;

export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  errors: string[];
}

/** A session a signed-in context saved (`context.storageState()`), to start another one with. */
export type SavedSession = Awaited<ReturnType<BrowserContext["storageState"]>>;

export async function openPage(
  browser: Browser,
  viewport: ViewportName = "projector",
  session?: SavedSession,
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: viewports[viewport],
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    acceptDownloads: true,
    storageState: session,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, context, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

export interface SidewaysOverflow {
  scrollWidth: number;
  clientWidth: number;
  /** Navigation links and tabs lying (partly) past the edge, where a phone user cannot see them. */
  hiddenTabs: string[];
}

/** How far a page reaches past the right edge of the window, and which tabs it hides there. */
export function sidewaysOverflow(page: Page): Promise<SidewaysOverflow> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const hiddenTabs = [...document.querySelectorAll("nav a, [role=tab]")]
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.left < 0 || box.right > root.clientWidth);
      })
      .map((element) => element.textContent?.trim() ?? "");
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, hiddenTabs };
  });
}

/** The rows of a view's data tables, not the hidden tables that repeat each chart's figures. */
export const DATA_TABLE_ROWS = ".table:not([data-chart-table]) tbody tr";
