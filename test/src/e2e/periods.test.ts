// Cùng kỳ in the browser: on a day in the middle of a year (the server's clock fixed at
// 15/07/2026), the overview and the presentation say which days they count ("Đến ngày
// 15/07/2026") and compare ("so với cùng kỳ (01/01/2025 – 15/07/2025)"), and no KPI shows a fall
// that is only the unfinished half of the year. Needs the built web and /usr/bin/chromium.
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import {
  launchChromium,
  openPage,
  screenshot,
  type ViewportName,
  type WatchedPage,
} from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);
const TODAY = new Date("2026-07-15T00:00:00Z");

interface Figure {
  measure: string;
  value: number | null;
  previousValue: number | null;
  change: number | null;
}

describe("an unfinished year in the browser", () => {
  let server: TestServer;
  let browser: Browser;
  let account: { username: string; password: string };
  let token: string;
  let scopeId: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    const seed = await import("@d05/prisma/seed");
    server = await startTestServer(
      "pglite",
      async (t) => {
        await seed.seedDemo(t.db.prisma);
      },
      { today: () => TODAY },
    );
    const admin = seed.DEMO_ACCOUNTS.find((a) => a.username === "admin");
    if (!admin) throw new Error("no demo admin");
    account = admin;
    const { body } = await server.graphql<{
      login: { data?: { token: string; user: { scope: { id: string } } } };
    }>(
      `mutation ($u: String!, $p: String!) { login(username: $u, password: $p) {
        ... on MutationLoginSuccess { data { token user { scope { id } } } } } }`,
      { u: admin.username, p: admin.password },
    );
    token = body.data?.login.data?.token as string;
    scopeId = body.data?.login.data?.user.scope.id as string;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(viewport: ViewportName, path: string) {
    const watched = await openPage(browser, viewport);
    opened.push(watched);
    const { page } = watched;
    await page.goto(`${server.url}${path}`);
    await page.getByLabel("Tên đăng nhập").fill(account.username);
    await page.getByLabel("Mật khẩu").fill(account.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("navigation", { name: "Các trang" }).waitFor();
    return watched;
  }

  /** The overview of the viewer's scope for a period, as the API gives it. */
  async function overview(period: { from: string; to: string }) {
    const { body } = await server.graphql<{
      overview: { previousPeriod: { from: string; to: string }; figures: Figure[] };
    }>(
      `query ($u: ID!, $p: PeriodInput!) { overview(period: $p, unitId: $u) { ... on Overview {
        previousPeriod { from to } figures { measure value previousValue change } } } }`,
      { u: scopeId, p: period },
      token,
    );
    return body.data?.overview as {
      previousPeriod: { from: string; to: string };
      figures: Figure[];
    };
  }

  it("labels the overview 'đến ngày 15/07/2026, so với cùng kỳ' and compares the same span", async () => {
    const year = await overview({ from: "2026-01-01", to: "2026-12-31" });
    expect(year.previousPeriod).toEqual({ from: "2025-01-01", to: "2025-07-15" });
    const watched = await signedIn("projector", "/?p=2026");
    const { page } = watched;
    const note = page.getByTestId("kpi-period");
    await note.waitFor();
    expect(await note.textContent()).toBe(
      "Đến ngày 15/07/2026, so với cùng kỳ (01/01/2025 – 15/07/2025)",
    );
    const cards = page.getByRole("article");
    await cards.first().waitFor();
    const texts = await cards.allTextContents();
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) {
      if (!text.includes("▲") && !text.includes("▼") && !text.includes("■")) continue;
      expect(text).toContain("so với cùng kỳ");
      expect(text).not.toContain("so với kỳ trước");
    }
    // A fall shown is a fall over the same days. Against the whole of 2025, some KPI would fall
    // although the same span did not: those must not show ▼.
    const whole2025 = await overview({ from: "2025-01-01", to: "2025-12-31" });
    const wholeValue = new Map(whole2025.figures.map((f) => [f.measure, f.value]));
    let onlyUnfinished = 0;
    for (const f of year.figures) {
      const whole = wholeValue.get(f.measure);
      if (f.value !== null && whole != null && f.value < whole && (f.change ?? 0) >= 0) {
        onlyUnfinished++;
      }
    }
    expect(onlyUnfinished, "the day tests something").toBeGreaterThan(0);
    // The overview's cards (KpiGrid's HEADLINE): ▼ exactly where the same span fell.
    const headline = [
      "SESSIONS",
      "ATTENDANCE",
      "ATTENDANCE_PER_100_MEMBERS",
      "MODELS_ACTIVE",
      "MODELS_REPLICATED",
      "CONTRIBUTION_VND",
      "AWARDS",
      "COMMITMENTS_REGISTERED",
    ];
    const falls = texts.filter((t) => t.includes("▼")).length;
    const realFalls = year.figures.filter(
      (f) => headline.includes(f.measure) && (f.change ?? 0) < 0,
    ).length;
    expect(falls).toBe(realFalls);
    console.info(
      `[e2e] 15/07/2026: ${falls} KPI cards fall over the same span; ${onlyUnfinished} figures would have shown a fall against the whole of 2025`,
    );
    await screenshot(page, "tong-quan-cung-ky-1920x1080");
    expect(watched.errors).toEqual([]);
  });

  it("says the same on the projector and on a phone", async () => {
    for (const [viewport, size, path] of [
      ["projector", "1920x1080", "/trinh-chieu?p=2026&paused=1"],
      ["phone", "390x844", "/?p=2026"],
    ] as [ViewportName, string, string][]) {
      const watched = await signedIn(viewport, "/?p=2026");
      await watched.page.goto(`${server.url}${path}`);
      const note = watched.page.getByTestId("kpi-period");
      await note.waitFor();
      expect(await note.textContent()).toContain("Đến ngày 15/07/2026, so với cùng kỳ");
      await screenshot(watched.page, `cung-ky-${viewport}-${size}`);
      expect(watched.errors).toEqual([]);
    }
  });
});
