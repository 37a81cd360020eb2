// Drill everywhere, in a real Chromium over the demo data: a click on a chart narrows the page's
// list and figures and shows the filter as a chip; removing the chip, the browser's Back and the
// breadcrumb each undo what a reader expects. Needs the built web and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  type DemoServer,
  demoAccount,
  demoUnitId,
  settled,
  signedIn,
  signInByApi,
  startDemoServer,
} from "./app";
import { launchChromium, screenshot, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

describe("drilling into the dashboard's charts", () => {
  let server: DemoServer;
  let browser: Browser;
  let admin: Account;
  let longBinhId: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: node web/build-when-changed.mjs");
    server = await startDemoServer();
    admin = await demoAccount("admin");
    const seed = await import("@d05/prisma/seed");
    const token = await signInByApi(server, admin);
    longBinhId = await demoUnitId(server, seed.DEMO.communes.longBinh, token);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport: "projector" | "phone" = "projector") {
    const watched = await signedIn(browser, server.url, admin, viewport, path);
    opened.push(watched);
    await settled(watched.page);
    return watched;
  }

  /** "123 mô hình · …" under the models list: how many models it holds. */
  async function listed(page: Page): Promise<number> {
    const text = (await modelList(page).locator(".card-subtitle").textContent()) ?? "";
    const match = /([\d.]+) mô hình/.exec(text);
    return match ? Number(match[1]?.replace(/\./g, "")) : Number.NaN;
  }

  const modelList = (page: Page) =>
    page.locator("section.table-card").filter({ hasText: "Danh sách mô hình" });
  const chips = (page: Page) => page.getByRole("list", { name: "Bộ lọc đang áp dụng" });
  const sectorBars = (page: Page) =>
    page
      .locator("figure")
      .filter({ hasText: "Mô hình theo lĩnh vực" })
      .locator(".recharts-bar-rectangle");

  it("narrows the models list to the sector of a clicked bar, and the chip, Back and the breadcrumb undo it", async () => {
    const watched = await open(`/mo-hinh?p=2025&unit=${encodeURIComponent(longBinhId)}`);
    const { page } = watched;
    const all = await listed(page);
    expect(all).toBeGreaterThan(5);
    expect(await chips(page).isHidden()).toBe(true);

    // The first bar is "Phát triển kinh tế" (the label table's order).
    await sectorBars(page).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get("sector")).toBe("ECONOMY");
    const chip = chips(page).getByRole("listitem");
    await expect.poll(() => chip.textContent()).toContain("Lĩnh vực: Phát triển kinh tế");
    await expect.poll(() => listed(page), { timeout: 20_000 }).toBeLessThan(all);
    const narrowed = await listed(page);
    expect(narrowed).toBeGreaterThan(0);
    // Every row shown is of that sector.
    const rows = modelList(page).locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    for (const text of await rows.allTextContents()) expect(text).toContain("Phát triển kinh tế");
    // Announced to screen readers.
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Đang lọc" }).textContent())
      .toContain("Lĩnh vực: Phát triển kinh tế");
    await screenshot(page, "drill-mo-hinh-sector-1920x1080");

    // The chip's remove button, by keyboard: focus moves to the list, nothing is lost.
    const remove = page.getByRole("button", { name: "Bỏ lọc Lĩnh vực: Phát triển kinh tế" });
    await remove.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("sector")).toBeNull();
    await expect.poll(() => listed(page), { timeout: 20_000 }).toBe(all);
    expect(await chips(page).isHidden()).toBe(true);
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Đã bỏ mọi bộ lọc" }).count())
      .toBe(1);

    // Back brings the removed filter back; Back again undoes the drill itself.
    await page.goBack();
    await expect.poll(() => listed(page), { timeout: 20_000 }).toBe(narrowed);
    await expect.poll(() => chip.count()).toBe(1);
    await page.goBack();
    await expect.poll(() => new URL(page.url()).searchParams.get("sector")).toBeNull();
    await expect.poll(() => listed(page), { timeout: 20_000 }).toBe(all);

    // Drill again, then up the unit tree by the breadcrumb: the filter stays, the unit changes.
    await sectorBars(page).first().click();
    await expect.poll(() => listed(page), { timeout: 20_000 }).toBe(narrowed);
    const crumbs = page.getByRole("navigation", { name: "Đường dẫn đơn vị" });
    const up = crumbs.getByRole("button").last();
    const parentName = (await up.textContent()) ?? "";
    await up.click();
    await expect
      .poll(() => page.locator(".breadcrumb [aria-current=page]").textContent())
      .toContain(parentName);
    await expect.poll(() => listed(page), { timeout: 20_000 }).toBeGreaterThan(narrowed);
    expect(await chip.textContent()).toContain("Phát triển kinh tế");
    expect(watched.errors).toEqual([]);
  });

  it("narrows the overview to a month from the trend, and the awards list from a level", async () => {
    const watched = await open("/?p=2025");
    const { page } = watched;
    // The trend's table, the keyboard's way to the same drill as a click on a point.
    const trend = page.locator("figure").filter({ hasText: "Lượt người tham dự theo tháng" });
    await trend.getByRole("button", { name: /^Bảng số liệu/ }).click();
    await trend.getByRole("button", { name: "Lọc theo T3/2025" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("p")).toBe("2025-03");
    await expect.poll(() => chips(page).textContent()).toContain("Tháng: ");
    await page.getByRole("button", { name: /^Bỏ lọc Tháng/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("p")).toBe("2025");

    // A level bar on the overview opens the awards page narrowed to it.
    const levels = page.locator("figure").filter({ hasText: "Khen thưởng theo cấp" });
    await levels.locator(".recharts-bar-rectangle").first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/khen-thuong");
    const level = new URL(page.url()).searchParams.get("awardLevel");
    expect(level).toBeTruthy();
    await settled(page);
    await expect.poll(() => chips(page).textContent()).toContain("Cấp: ");
    await page.goBack();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/");
    expect(watched.errors).toEqual([]);
  });
});
