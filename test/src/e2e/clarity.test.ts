// Figures that read one way (issue 14, clarity): KPI cards say what they count over (a flow in the
// period, a stock on a day, per N members of a day), the unit picker puts today's units first and
// marks the merged and dissolved ones, the comparison's legend says how "chưa báo cáo" differs
// from "nhóm thấp nhất", and a phone's table says it has columns beyond the edge; on a phone an
// amount keeps its unit on its line ("236,47 triệu đ") and a category of 0 keeps its name and 0.
// Needs the built web (node web/build-when-changed.mjs) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unitGid } from "../api/units-fixtures";
import { startTestServer, type TestServer } from "../support/server";
import { launchChromium, screenshot } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);
const SIZES = {
  "1024x768": { width: 1024, height: 768 },
  "1920x1080": { width: 1920, height: 1080 },
  "390x844": { width: 390, height: 844 },
} as const;

describe("figures that read one way, in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: { username: string; password: string };
  let provinceCode: string;

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: node web/build-when-changed.mjs");
    const seed = await import("@d05/prisma/seed");
    server = await startTestServer("pglite", async (t) => {
      await seed.seedDemo(t.db.prisma);
    });
    admin = seed.DEMO_ACCOUNTS.find((a) => a.role === "ADMIN")!;
    provinceCode = seed.DEMO.province;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(size: keyof typeof SIZES, path: string): Promise<Page> {
    const context = await browser.newContext({
      viewport: SIZES[size],
      locale: "vi-VN",
      timezoneId: "Asia/Ho_Chi_Minh",
    });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.getByLabel("Tên đăng nhập").fill(admin.username);
    await page.getByLabel("Mật khẩu").fill(admin.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.locator(".kpi, .table").first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".state-loading").length === 0);
    return page;
  }

  const card = (page: Page, label: string) =>
    page.locator(".kpi").filter({ has: page.locator(".kpi-label", { hasText: label }) });

  it("says on each KPI card what it counts over, the members of a rate included", async () => {
    const [row] = await server.database.db.prisma.$queryRaw<{ members: number }[]>`
      SELECT unit_members_on(u."id", DATE '2025-12-31')::int AS "members"
      FROM "Unit" u WHERE u."code" = ${provinceCode}`;
    const members = new Intl.NumberFormat("vi-VN").format(row!.members);
    for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      const page = await signedIn(size, "/?p=2025");
      expect(
        await card(page, "Lượt tham dự / 100 đảng viên").locator(".kpi-basis").textContent(),
      ).toBe(`trên ${members} đảng viên ngày 31/12/2025`);
      // The overview's "Mô hình nhân rộng" is a flow; the Models page counts a status on a day.
      expect(await card(page, "Mô hình nhân rộng").locator(".kpi-basis").textContent()).toBe(
        "cộng dồn trong kỳ",
      );
      expect(await card(page, "Mô hình đang duy trì").locator(".kpi-basis").textContent()).toBe(
        "tồn đến ngày 31/12/2025",
      );
      await screenshot(page, `clarity-tong-quan-${size}`);
      await page.context().close();
    }
  });

  it("lists today's units first in the unit picker and marks merged and dissolved ones", async () => {
    const children = await server.database.db.prisma.$queryRaw<
      { name: string; code: string; active: boolean; merged: boolean }[]
    >`SELECT c."name", c."code", c."activeUntil" IS NULL AS "active", c."successorId" IS NOT NULL AS "merged"
      FROM "Unit" c JOIN "Unit" p ON p."id" = c."parentId" WHERE p."code" = ${provinceCode}`;
    const page = await signedIn("1024x768", "/?p=2025");
    const groups = await page.getByLabel("Đơn vị trực thuộc").evaluate((select) =>
      [...select.querySelectorAll("optgroup")].map((g) => ({
        label: g.label,
        options: [...g.querySelectorAll("option")].map((o) => o.textContent ?? ""),
      })),
    );
    expect(groups.map((g) => g.label)).toEqual([
      "Đơn vị hiện nay",
      "Đã sáp nhập, giải thể (số liệu trước đây)",
    ]);
    const expected = (c: (typeof children)[number]) =>
      `${c.name} (${c.code})${c.active ? "" : c.merged ? " (đã sáp nhập)" : " (đã giải thể)"}`;
    expect([...groups[0]!.options].sort()).toEqual(
      children
        .filter((c) => c.active)
        .map(expected)
        .sort(),
    );
    expect([...groups[1]!.options].sort()).toEqual(
      children
        .filter((c) => !c.active)
        .map(expected)
        .sort(),
    );
    expect(children.some((c) => !c.active && !c.merged)).toBe(true);
    await page.context().close();
  });

  it("keeps an amount's unit on the line of its number on a phone's card, at 390 and 320 px", async () => {
    // A commune whose 2025 contributions are hundreds of millions: "…,… triệu đ", the longest
    // short form, which a half-width card broke as "236,47 triệu" / "đ".
    const [commune] = await server.database.db.prisma.$queryRaw<{ id: number; total: number }[]>`
      SELECT u."id", sum(r."totalVnd")::float8 AS "total"
      FROM "ContributionRollup" r JOIN "Unit" u ON u."id" = r."unitId"
      WHERE u."kind" = 'COMMUNE' AND r."month" >= DATE '2025-01-01' AND r."month" < DATE '2026-01-01'
      GROUP BY u."id" HAVING sum(r."totalVnd") BETWEEN 100000000 AND 999000000
      ORDER BY sum(r."totalVnd") DESC, u."id" LIMIT 1`;
    expect(commune).toBeDefined();
    const millions = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 }).format(
      commune!.total / 1e6,
    );
    const page = await signedIn(
      "390x844",
      `/?p=2025&unit=${encodeURIComponent(unitGid(commune!.id))}`,
    );
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      const value = card(page, "Tổng giá trị đóng góp").locator(".kpi-value");
      await expect.poll(() => value.textContent()).toBe(`${millions}\u00a0triệu\u00a0đ`);
      // One line, inside its card: set smaller rather than broken or cut.
      const box = await value.evaluate((p) => {
        const card = p.closest(".kpi") as HTMLElement;
        const inner = p.firstElementChild as HTMLElement;
        return {
          lines: inner.getClientRects().length,
          right: inner.getBoundingClientRect().right,
          cardRight: card.getBoundingClientRect().right,
          fontSize: Number.parseFloat(getComputedStyle(inner).fontSize),
        };
      });
      expect(box.lines).toBe(1);
      expect(box.right).toBeLessThanOrEqual(box.cardRight);
      expect(box.fontSize).toBeGreaterThanOrEqual(14);
      await value.scrollIntoViewIfNeeded();
      await screenshot(page, `clarity-tien-${width}x844`);
    }
    await page.context().close();
  });

  it("keeps a category of 0 with its name and its 0 on a phone's slide", async () => {
    const page = await signedIn("390x844", "/?p=2025");
    // The awards by level: no district exists after the 2025 reform, so "Cấp huyện" is 0.
    await page.goto(`${server.url}/trinh-chieu?p=2025&paused=1&slide=3`);
    await page.getByRole("heading", { name: "Khen thưởng theo cấp" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll(".state-loading").length === 0);
    const chart = page.locator(".present .recharts-surface").first();
    await chart.locator(".recharts-label-list text").first().waitFor();
    const texts = await chart.locator(".recharts-label-list text").allTextContents();
    // Each level's name above its bar and its figure after it, the 0 included.
    for (const name of ["Trung ương", "Cấp tỉnh", "Cấp huyện", "Cấp xã"]) {
      expect(texts).toContain(name);
    }
    const figures = texts.filter((t) => /^[\d.]+$/.test(t));
    expect(figures).toHaveLength(4);
    expect(figures).toContain("0");
    await screenshot(page, "clarity-trinh-chieu-so-0-390x844");
    await page.context().close();
  });

  it("explains 'chưa báo cáo' and 'nhóm thấp nhất', and shows a phone that the table goes on", async () => {
    for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      const page = await signedIn(size, "/so-sanh?p=2025&pc=1");
      // The page's legend (the map has one of its own).
      const legend = page
        .getByRole("list", { name: "Chú giải" })
        .filter({ hasText: "Nhóm thấp nhất:" });
      expect(await legend.textContent()).toContain(
        "Chưa báo cáo: không có bản ghi nào của chỉ tiêu trong kỳ: số liệu chưa biết, không phải 0.",
      );
      expect(await legend.textContent()).toContain(
        "Nhóm thấp nhất: đã báo cáo và thuộc 25% thấp nhất, kể cả khi bằng 0.",
      );
      const table = page.locator(".table-card").last();
      const region = table.locator(".table-scroll");
      await region.scrollIntoViewIfNeeded();
      // Every figure whole inside its cell: 1.017,6 never cut to "1.01".
      const cut = await table
        .locator("td.num")
        .evaluateAll((cells) =>
          cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => c.textContent),
        );
      expect(cut).toEqual([]);
      const wider = await region.evaluate((r) => r.scrollWidth > r.clientWidth);
      const hint = table.locator(".table-scroll-hint");
      if (size === "390x844") {
        // The phone's table is wider than the screen: the hint and the edge shade say so.
        expect(wider).toBe(true);
        expect(await hint.textContent()).toContain("vuốt sang trái để xem các cột bên phải");
        expect(await table.locator(".table-scroll-frame").getAttribute("data-more")).toBe("right");
        await screenshot(page, `clarity-so-sanh-bang-${size}`);
        // Scrolled to the end, the last column (the laggard marks) is in sight and the cue goes.
        await region.evaluate((r) => r.scrollTo({ left: r.scrollWidth }));
        await expect
          .poll(() => table.locator(".table-scroll-frame").getAttribute("data-more"))
          .toBeNull();
        expect(await hint.count()).toBe(0);
      } else {
        expect(wider).toBe(false);
        expect(await hint.count()).toBe(0);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `clarity-so-sanh-${size}`);
      await page.context().close();
    }
  });
});
