// Targets in a real Chromium over the demo data: an administrator sets "≥ N active models per
// commune" from the comparison page; the target appears as a line across the bars, the legend
// says the laggards are now those under target, and the marked communes become exactly those the
// API marks; removing it brings back the lowest quarter. Screenshots of the comparison with its
// target at 1024×768 and 1920×1080; the province's KPI card with its communes' targets summed
// at 390×844, 1024×768 and 1920×1080. Needs the built web and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  type DemoServer,
  demoAccount,
  settled,
  signedIn,
  signInByApi,
  startDemoServer,
} from "./app";
import { launchChromium, screenshot, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

const COMPARE = `query($unitId: ID!) {
  comparison(unitId: $unitId, childLevel: COMMUNE, measure: MODELS_ACTIVE,
    period: { from: "2025-01-01", to: "2025-12-31" }) {
    ... on Comparison { laggardRule rows { unit { name } value reported laggard } } } }`;

interface Answer {
  laggardRule: string;
  rows: { unit: { name: string }; value: number | null; reported: boolean; laggard: boolean }[];
}

describe("targets on the comparison page", () => {
  let server: DemoServer;
  let browser: Browser;
  let admin: Account;
  let token: string;
  let provinceId: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: node web/build-when-changed.mjs");
    server = await startDemoServer();
    admin = await demoAccount("admin");
    const seed = await import("@d05/prisma/seed");
    token = await signInByApi(server, admin);
    const { body } = await server.graphql<{ unitByCode: { id: string } }>(
      "query ($code: String!) { unitByCode(code: $code) { id } }",
      { code: seed.DEMO.province },
      token,
    );
    provinceId = body.data?.unitByCode.id as string;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function comparison(): Promise<Answer> {
    const { body } = await server.graphql<{ comparison: Answer }>(
      COMPARE,
      { unitId: provinceId },
      token,
    );
    return body.data?.comparison as Answer;
  }

  /** The communes whose names the chart marks as lagging (amber, bold). */
  const markedOnChart = async (page: Page) =>
    (await page.locator('[data-rank-tick="lowest"]').allTextContents()).sort();

  it("shows an administrator's target as a line and marks the communes under it", async () => {
    const watched = await signedIn(browser, server.url, admin, "projector", "/");
    opened.push(watched);
    const { page } = watched;
    await page.goto(
      `${server.url}/so-sanh?p=2025&m=MODELS_ACTIVE&level=COMMUNE&unit=${encodeURIComponent(provinceId)}`,
    );
    await settled(page);
    const chart = page.locator("figure").first();
    const rule = page.locator("main [data-laggard-rule]");

    // Before: no target, the lowest quarter lags, and the page says so.
    const before = await comparison();
    expect(before.laggardRule).toBe("BOTTOM_QUARTER");
    await expect.poll(() => rule.getAttribute("data-laggard-rule")).toBe("BOTTOM_QUARTER");
    expect(await rule.textContent()).toContain("25% thấp nhất");
    expect(await page.locator(".recharts-reference-line").count()).toBe(0);
    const marksBefore = await markedOnChart(page);

    // A target every commune but the best few misses: the highest value reported.
    const values = before.rows.filter((r) => r.reported).map((r) => r.value ?? 0);
    const goal = Math.max(...values);
    const panel = page.getByRole("region", { name: /^Chỉ tiêu: Mô hình đang duy trì/ });
    await panel.getByLabel("Giá trị chỉ tiêu").fill(String(goal));
    await panel.getByRole("button", { name: "Đặt chỉ tiêu" }).click();
    await expect.poll(() => panel.getByRole("status").textContent()).toBe("Đã lưu chỉ tiêu.");

    // The line, the rule and the marks follow, pushed live to the page.
    await chart.locator(".recharts-reference-line").waitFor({ state: "attached", timeout: 15_000 });
    // The line is drawn at the target on the value scale, with its label.
    await chart.locator(".recharts-reference-line-line").waitFor({ state: "attached" });
    await chart.locator("text", { hasText: `Chỉ tiêu ≥ ${goal}` }).waitFor();
    await expect.poll(() => rule.getAttribute("data-laggard-rule")).toBe("UNDER_TARGET");
    expect(await rule.textContent()).toBe(`Đơn vị chậm: dưới chỉ tiêu (≥ ${goal})`);
    const after = await comparison();
    expect(after.laggardRule).toBe("UNDER_TARGET");
    const underNames = after.rows
      .filter((r) => r.reported && r.laggard)
      .map((r) => r.unit.name)
      .sort();
    expect(underNames.length).toBeGreaterThan(0);
    await expect.poll(() => markedOnChart(page)).toEqual(underNames);
    expect(underNames).not.toEqual(marksBefore);
    expect(await page.locator("[data-under-target]").count()).toBe(underNames.length);
    expect(await panel.locator("[data-target-item]").textContent()).toContain(`≥ ${goal}`);

    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "targets-comparison-1920x1080");
    await page.setViewportSize({ width: 1024, height: 768 });
    await settled(page);
    await chart.scrollIntoViewIfNeeded();
    await screenshot(page, "targets-comparison-1024x768");
    expect(watched.errors).toEqual([]);

    // Removed: the line goes and the lowest quarter lags again.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await panel.getByRole("button", { name: new RegExp(`^Bỏ chỉ tiêu .*≥ ${goal}`) }).click();
    await expect.poll(() => panel.getByRole("status").textContent()).toBe("Đã bỏ chỉ tiêu.");
    await expect.poll(() => rule.getAttribute("data-laggard-rule")).toBe("BOTTOM_QUARTER");
    await expect.poll(() => chart.locator(".recharts-reference-line").count()).toBe(0);
    await expect.poll(() => markedOnChart(page)).toEqual(marksBefore);
  });

  it("names the rule on the presentation's slides", async () => {
    const { body } = await server.graphql<{ setTarget: { __typename: string } }>(
      `mutation($input: SetTargetInput!) { setTarget(input: $input) { __typename } }`,
      {
        input: {
          unitId: provinceId,
          measure: "MODELS_ACTIVE",
          level: "COMMUNE",
          value: 3,
        },
      },
      token,
    );
    expect(body.data?.setTarget.__typename).toBe("MutationSetTargetSuccess");
    const watched = await signedIn(browser, server.url, admin, "projector", "/");
    opened.push(watched);
    const { page } = watched;
    for (const slide of [0, 5]) {
      await page.goto(
        `${server.url}/trinh-chieu?p=2025&m=MODELS_ACTIVE&level=COMMUNE&paused=1&slide=${slide}&unit=${encodeURIComponent(provinceId)}`,
      );
      await settled(page);
      const rule = page.locator(".present [data-laggard-rule]");
      await expect.poll(() => rule.textContent()).toBe("Đơn vị chậm: dưới chỉ tiêu (≥ 3)");
    }
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.goto(
      `${server.url}/trinh-chieu?p=2025&m=MODELS_ACTIVE&level=COMMUNE&paused=1&slide=5&unit=${encodeURIComponent(provinceId)}`,
    );
    await settled(page);
    await page.locator(".present text", { hasText: "Chỉ tiêu ≥ 3" }).waitFor({ timeout: 15_000 });
    await screenshot(page, "targets-presentation-1024x768");

    // A commune's KPI card: progress towards the target its province set for every commune.
    const seed = await import("@d05/prisma/seed");
    const { body: commune } = await server.graphql<{ unitByCode: { id: string } }>(
      "query ($code: String!) { unitByCode(code: $code) { id } }",
      { code: seed.DEMO.communes.hoaBinh },
      token,
    );
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(
      `${server.url}/?p=2025&unit=${encodeURIComponent(commune.data?.unitByCode.id as string)}`,
    );
    await settled(page);
    const card = page.getByRole("article", { name: /^Mô hình đang duy trì:/ });
    const bar = card.getByRole("progressbar");
    await expect.poll(() => bar.getAttribute("aria-label")).toMatch(/^Đạt \d+% chỉ tiêu ≥ 3$/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, "targets-kpi-1920x1080");
    expect(watched.errors).toEqual([]);
  });

  it("gives the province's KPI card the sum of its communes' targets and says so", async () => {
    // The target of 3 active models per commune (set above) is not set for the province itself.
    const { body } = await server.graphql<{
      overview: {
        figures: {
          measure: string;
          value: number;
          target: unknown;
          combinedTarget: { value: number; units: number; rule: string } | null;
        }[];
      };
    }>(
      `query($u: ID!) { overview(unitId: $u, period: { from: "2025-01-01", to: "2025-12-31" }) {
        ... on Overview { figures { measure value target { value }
          combinedTarget { value units rule } } } } }`,
      { u: provinceId },
      token,
    );
    const figure = body.data?.overview.figures.find((f) => f.measure === "MODELS_ACTIVE");
    const units = figure?.combinedTarget?.units ?? 0;
    expect(units).toBeGreaterThan(1);
    expect(figure).toMatchObject({
      target: null,
      combinedTarget: { value: 3 * units, rule: "SUM" },
    });
    const watched = await signedIn(browser, server.url, admin, "phone", "/");
    opened.push(watched);
    const { page } = watched;
    const percent = Math.round(((figure?.value ?? 0) / (3 * units)) * 100);
    for (const [width, height] of [
      [390, 844],
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/?p=2025&unit=${encodeURIComponent(provinceId)}`);
      await settled(page);
      const card = page.getByRole("article", { name: /^Mô hình đang duy trì:/ });
      await expect
        .poll(() => card.locator(".kpi-target-rule").textContent())
        .toBe(`Chỉ tiêu: tổng chỉ tiêu của ${units} xã, phường`);
      expect(await card.getByRole("progressbar").getAttribute("aria-label")).toBe(
        `Đạt ${new Intl.NumberFormat("vi-VN").format(percent)}% chỉ tiêu ≥ ${3 * units}`,
      );
      // The line stays inside the card, whole.
      const rule = card.locator(".kpi-target-rule");
      expect(await rule.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
      await card.scrollIntoViewIfNeeded();
      await screenshot(page, `targets-kpi-tinh-${width}x${height}`);
    }
    expect(watched.errors).toEqual([]);
  });
});
