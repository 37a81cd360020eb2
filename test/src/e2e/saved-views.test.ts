// Saved views and the presentation's rotation in a real Chromium over the demo data: a view saved
// from a narrowed models page reopens narrowed; the presentation plays each commune's slides in
// turn, and each saved view, with the entry and the slide in the URL (a reload resumes there), its
// "n/N" on screen and Space to pause. Needs the built web and /usr/bin/chromium.
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

describe("saved views and presentation rotation", () => {
  let server: DemoServer;
  let browser: Browser;
  let admin: Account;
  let token: string;
  let longBinhId: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: node web/build-when-changed.mjs");
    server = await startDemoServer();
    admin = await demoAccount("admin");
    const seed = await import("@d05/prisma/seed");
    token = await signInByApi(server, admin);
    longBinhId = await demoUnitId(server, seed.DEMO.communes.longBinh, token);
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport: "projector" | "phone" = "projector") {
    const watched = await signedIn(browser, server.url, admin, viewport, "/");
    opened.push(watched);
    await watched.page.goto(`${server.url}${path}`);
    await settled(watched.page);
    return watched;
  }

  /** "Đơn vị 2/14: Xã Long Bình · Trang 1/2": the entry line and the slide number, as read. */
  const counter = async (page: Page) => {
    const line = page.locator(".present header p").last();
    const entry = (await line.locator("[data-entry]").textContent()) ?? "";
    const text = (await line.textContent()) ?? "";
    return `${entry} · ${text.slice(entry.length)}`;
  };

  it("saves the narrowed models page under a name and reopens it from another page", async () => {
    const watched = await open(`/mo-hinh?p=2025&unit=${encodeURIComponent(longBinhId)}`);
    const { page } = watched;
    await page
      .locator("figure")
      .filter({ hasText: "Mô hình theo lĩnh vực" })
      .locator(".recharts-bar-rectangle")
      .first()
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get("sector")).toBe("ECONOMY");

    await page.getByRole("button", { name: "Góc nhìn", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Góc nhìn đã lưu" });
    // A blank name is refused beside the field, in Vietnamese.
    await dialog.getByRole("button", { name: "Lưu góc nhìn" }).click();
    await expect.poll(() => dialog.locator(".field-error").textContent()).toContain("đặt tên");
    await dialog.getByLabel("Tên góc nhìn hiện tại").fill("Kinh tế Long Bình 2025");
    await dialog.getByRole("button", { name: "Lưu góc nhìn" }).click();
    await expect
      .poll(() => dialog.getByRole("status").textContent())
      .toContain("Đã lưu góc nhìn “Kinh tế Long Bình 2025”");
    await dialog.getByRole("button", { name: "Kinh tế Long Bình 2025", exact: true }).waitFor();
    // The same name again is the API's typed error, shown beside the field.
    await dialog.getByLabel("Tên góc nhìn hiện tại").fill("Kinh tế Long Bình 2025");
    await dialog.getByRole("button", { name: "Lưu góc nhìn" }).click();
    await expect
      .poll(() => dialog.locator(".field-error").textContent())
      .toContain("Bạn đã có một góc nhìn tên");
    await screenshot(page, "goc-nhin-1920x1080");
    await dialog.getByRole("button", { name: "Đóng" }).click();

    // From the overview of the province, open it: page, unit, period and filter come back.
    await page.goto(`${server.url}/?p=2026`);
    await settled(page);
    await page.getByRole("button", { name: "Góc nhìn", exact: true }).click();
    await page.getByRole("button", { name: "Kinh tế Long Bình 2025", exact: true }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/mo-hinh");
    const url = new URL(page.url());
    expect(url.searchParams.get("sector")).toBe("ECONOMY");
    expect(url.searchParams.get("p")).toBe("2025");
    expect(url.searchParams.get("unit")).toBe(longBinhId);
    await expect
      .poll(() => page.getByRole("list", { name: "Bộ lọc đang áp dụng" }).textContent())
      .toContain("Phát triển kinh tế");

    // Renamed, then deleted, by its owner.
    await page.getByRole("button", { name: "Góc nhìn", exact: true }).click();
    const again = page.getByRole("dialog", { name: "Góc nhìn đã lưu" });
    await again.getByRole("button", { name: "Đổi tên: Kinh tế Long Bình 2025" }).click();
    await again.getByLabel("Tên mới cho “Kinh tế Long Bình 2025”").fill("Long Bình: kinh tế");
    await again.getByRole("button", { name: "Lưu tên" }).click();
    await again.getByRole("button", { name: "Long Bình: kinh tế", exact: true }).waitFor();
    await again.getByRole("button", { name: "Xóa: Long Bình: kinh tế" }).click();
    await again.getByRole("button", { name: "Xác nhận xóa: Long Bình: kinh tế" }).click();
    await expect
      .poll(() => again.getByRole("button", { name: "Long Bình: kinh tế", exact: true }).count())
      .toBe(0);
    expect(watched.errors).toEqual([]);
  });

  it("plays each commune's slides in turn, resumes entry and slide after a reload, and pauses", async () => {
    const watched = await open("/trinh-chieu?p=2025&slides=kpi,trend&paused=1");
    const { page } = watched;
    await page.getByLabel("Xoay vòng").selectOption("units");
    await expect.poll(() => counter(page)).toMatch(/Đơn vị 1\/\d+: .+ · Trang 1\/2/);
    const total = Number(/Đơn vị 1\/(\d+)/.exec((await counter(page)) ?? "")?.[1]);
    expect(total).toBeGreaterThan(3);
    const first = /Đơn vị 1\/\d+: (.+?) ·/.exec((await counter(page)) ?? "")?.[1];
    // The slide shows that commune, not the province.
    expect(await page.locator(".present header").textContent()).toContain(first);

    // The last slide of an entry leads to the next entry's first.
    await page.locator(".present").focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => counter(page)).toMatch(/Đơn vị 2\/\d+: .+ · Trang 1\/2/);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => new URL(page.url()).searchParams.get("slide")).toBe("1");
    expect(new URL(page.url()).searchParams.get("entry")).toBe("1");
    const second = /Đơn vị 2\/\d+: (.+?) ·/.exec((await counter(page)) ?? "")?.[1];
    expect(second).not.toBe(first);
    await screenshot(page, "trinh-chieu-xoay-vong-1920x1080");

    // Back before the first slide goes to the previous entry's last slide.
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => counter(page)).toMatch(/Đơn vị 1\/\d+: .+ · Trang 2\/2/);
    await page.keyboard.press("ArrowRight");

    await page.reload();
    await page.locator(".present").waitFor();
    await expect.poll(() => counter(page)).toMatch(/Đơn vị 2\/\d+: .+ · Trang 1\/2/);

    // Space pauses and resumes the rotation (the URL opened paused).
    await page.locator(".present").focus();
    await expect.poll(() => page.locator(".present-paused").count()).toBe(1);
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator(".present-paused").count()).toBe(0);
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator(".present-paused").count()).toBe(1);
    expect(watched.errors).toEqual([]);
  });

  it("plays each saved view in turn with its own unit and period", async () => {
    const save = (name: string, unitId: string, query: string) =>
      server.graphql(
        `mutation($input: SaveViewInput!) { saveView(input: $input) { __typename } }`,
        { input: { name, unitId, path: "/so-sanh", query } },
        token,
      );
    const me = await server.graphql<{ me: { scope: { id: string } } }>(
      "{ me { scope { id } } }",
      {},
      token,
    );
    const provinceId = me.body.data?.me.scope.id as string;
    expect((await save("A. Toàn tỉnh 2025", provinceId, "p=2025&m=ATTENDANCE")).status).toBe(200);
    expect((await save("B. Long Bình 2024", longBinhId, "p=2024")).status).toBe(200);

    const watched = await open("/trinh-chieu?p=2026&slides=kpi&paused=1&rotate=views");
    const { page } = watched;
    await expect
      .poll(() => counter(page))
      .toMatch(/Góc nhìn 1\/2: A\. Toàn tỉnh 2025 · Trang 1\/1/);
    expect(await page.locator(".present header").textContent()).toContain("Năm 2025");
    await page.locator(".present").focus();
    await page.keyboard.press("ArrowRight");
    await expect
      .poll(() => counter(page))
      .toMatch(/Góc nhìn 2\/2: B\. Long Bình 2024 · Trang 1\/1/);
    await expect.poll(() => page.locator(".present header").textContent()).toContain("Năm 2024");
    expect(await page.locator(".present header").textContent()).toContain("Long Bình");
    await page.reload();
    await expect.poll(() => counter(page)).toMatch(/Góc nhìn 2\/2/);
    expect(watched.errors).toEqual([]);
  });

  it("plays the saved views picked one by one, in the picked order, each with its own filters", async () => {
    const save = async (name: string, path: string, query: string) => {
      const { body } = await server.graphql<{ saveView: { data?: { id: string } } }>(
        `mutation($input: SaveViewInput!) { saveView(input: $input) {
          ... on MutationSaveViewSuccess { data { id } } } }`,
        { input: { name, unitId: longBinhId, path, query } },
        token,
      );
      return body.data?.saveView.data?.id as string;
    };
    const economy = await save(
      "C. Kinh tế 2025",
      "/mo-hinh",
      "p=2025&sector=ECONOMY&status=MAINTAINED",
    );
    const collective = await save(
      "D. Khen tập thể 2025",
      "/khen-thuong",
      "p=2025&recipient=COLLECTIVE",
    );
    // The awards slide of view D must draw exactly what the API counts for collectives.
    const { body } = await server.graphql<{ metrics: { rows: { values: number[] }[] } }>(
      `query($input: MetricsInput!) { metrics(input: $input) { ... on Metrics { rows { values } } } }`,
      {
        input: {
          unitId: longBinhId,
          measures: ["AWARDS"],
          dimensions: ["AWARD_LEVEL"],
          period: { from: "2025-01-01", to: "2025-12-31" },
          filters: { recipientKinds: ["COLLECTIVE"] },
        },
      },
      token,
    );
    const collectives = (body.data?.metrics.rows ?? []).map((row) => row.values[0] ?? 0);
    expect(collectives.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    const watched = await open("/trinh-chieu?p=2026&slides=sectors,awards&paused=1&rotate=views");
    const { page } = watched;
    // By keyboard: the control bar hides (pointer events off) after 3 s without a mouse move.
    const picker = page.getByTestId("view-picker");
    await picker.locator("summary").focus();
    await page.keyboard.press("Enter");
    // D first, then C: the playlist keeps the order of the picks.
    for (const name of [/D\. Khen tập thể 2025$/, /C\. Kinh tế 2025$/]) {
      await picker.getByLabel(name).focus();
      await page.keyboard.press("Space");
      await expect.poll(() => picker.getByLabel(name).isChecked()).toBe(true);
    }
    await expect
      .poll(() => new URL(page.url()).searchParams.get("views"))
      .toBe(`${collective},${economy}`);
    await expect
      .poll(() => counter(page))
      .toMatch(/Góc nhìn 1\/2: D\. Khen tập thể 2025 · Trang 1\/2/);
    const filters = page.getByTestId("slide-filters");
    // The sectors slide cannot narrow by recipient: it says so.
    await expect
      .poll(() => filters.locator("[data-applied=false]").allTextContents())
      .toEqual(["Đối tượng: Tập thể (không áp dụng cho trang này)"]);

    // Arrows in a checkbox are the checkbox's: back to the slide first.
    await page.locator('section[aria-roledescription="trang"]').focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => page.locator(".present").getAttribute("data-slide")).toBe("awards");
    await settled(page);
    expect(await filters.locator("[data-applied=true]").allTextContents()).toEqual([
      "Đối tượng: Tập thể",
    ]);
    const drawn = await page.locator(".present .recharts-label-list text").allTextContents();
    const sum = (texts: string[]) => texts.reduce((a, t) => a + Number(t.replace(/\D/g, "")), 0);
    expect(sum(drawn)).toBe(collectives.reduce((a, b) => a + b, 0));
    await screenshot(page, "trinh-chieu-goc-nhin-loc-1920x1080");

    // Next comes view C: the sectors slide with its sector marked and the status it cannot apply.
    await page.locator('section[aria-roledescription="trang"]').focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => counter(page)).toMatch(/Góc nhìn 2\/2: C\. Kinh tế 2025 · Trang 1\/2/);
    await expect
      .poll(() => filters.locator("[data-applied=true]").allTextContents())
      .toEqual(["Lĩnh vực: Phát triển kinh tế"]);
    expect(await filters.locator("[data-applied=false]").allTextContents()).toEqual([
      "Trạng thái: Duy trì (không áp dụng cho trang này)",
    ]);
    // The reload keeps the picks, their order and the place.
    await page.reload();
    await page.locator(".present").waitFor();
    await expect.poll(() => counter(page)).toMatch(/Góc nhìn 2\/2: C\. Kinh tế 2025/);
    expect(new URL(page.url()).searchParams.get("views")).toBe(`${collective},${economy}`);
    expect(watched.errors).toEqual([]);
  });
});
