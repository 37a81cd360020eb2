// The dashboard in a real Chromium against a real server over the demo data (PGlite in-process).
// Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/server";
import {
  launchChromium,
  openPage,
  SCREENSHOTS,
  screenshot,
  sidewaysOverflow,
  type ViewportName,
  type WatchedPage,
} from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

interface Account {
  username: string;
  password: string;
}

describe("the dashboard in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let admin: Account;
  let reporter: Account;
  let longBinhId: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    const seed = await import("@d05/prisma/seed");
    server = await startTestServer("pglite", async (t) => {
      await seed.seedDemo(t.db.prisma);
    });
    const find = (username: string) => {
      const account = seed.DEMO_ACCOUNTS.find((a) => a.username === username);
      if (!account) throw new Error(`no demo account ${username}`);
      return account;
    };
    admin = find("admin");
    reporter = find("reporter");
    const token = await signInByApi(admin);
    const { body } = await server.graphql<{ unitByCode: { id: string } }>(
      "query ($code: String!) { unitByCode(code: $code) { id } }",
      { code: seed.DEMO.communes.longBinh },
      token,
    );
    longBinhId = body.data!.unitByCode.id;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signInByApi(account: Account): Promise<string> {
    const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
      `mutation ($u: String!, $p: String!) {
        login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
      }`,
      { u: account.username, p: account.password },
    );
    const token = body.data?.login.data?.token;
    if (!token) throw new Error(`could not sign in as ${account.username}`);
    return token;
  }

  async function signedIn(account: Account, viewport: ViewportName = "projector", path = "/") {
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

  /** Waits until no spinner is left: every data component has its data, empty state or error. */
  async function settled(page: Page) {
    await page.waitForFunction(
      () => document.querySelectorAll(".state-loading").length === 0,
      null,
      {
        timeout: 30_000,
      },
    );
  }

  function expectNoConsoleErrors(watched: WatchedPage) {
    expect(watched.errors).toEqual([]);
  }

  it("refuses a wrong password, then signs in and shows the overview's figures", async () => {
    const watched = await openPage(browser);
    opened.push(watched);
    const { page } = watched;
    await page.goto(server.url);
    await screenshot(page, "login-1920x1080");
    await page.getByLabel("Tên đăng nhập").fill(admin.username);
    await page.getByLabel("Mật khẩu").fill("wrong-password");
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("Sai tên đăng nhập hoặc mật khẩu");
    watched.errors.length = 0; // the 200 answer with an AuthenticationError logs nothing, but be explicit
    await page.getByLabel("Mật khẩu").fill(admin.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.locator(".kpi").first().waitFor();
    expect(await page.locator(".kpi").count()).toBeGreaterThanOrEqual(4);
    expect(await page.locator("h1").textContent()).toContain("Tổng quan");
    expectNoConsoleErrors(watched);
  });

  const views = [
    { path: "/", name: "tong-quan", heading: "Tổng quan" },
    { path: "/so-sanh", name: "so-sanh", heading: "So sánh" },
    { path: "/mo-hinh", name: "mo-hinh", heading: "Mô hình" },
    { path: "/khen-thuong", name: "khen-thuong", heading: "Khen thưởng" },
    { path: "/hoat-dong", name: "hoat-dong", heading: "Hoạt động" },
    { path: "/nhap-lieu", name: "nhap-lieu", heading: "Nhập liệu" },
    { path: "/nhap-lieu?form=import", name: "nhap-lieu-tep", heading: "Nhập liệu" },
  ];

  /** No sideways scrolling of the page, and every page and tab in sight (phones included). */
  async function expectNoSidewaysScroll(page: Page, where: string) {
    const overflow = await sidewaysOverflow(page);
    expect({ where, ...overflow }).toEqual({
      where,
      scrollWidth: overflow.clientWidth,
      clientWidth: overflow.clientWidth,
      hiddenTabs: [],
    });
  }

  for (const viewport of ["projector", "phone"] as const) {
    it(`renders every view with content, without console errors (${viewport})`, async () => {
      const watched = await signedIn(admin, viewport);
      const { page } = watched;
      const size = viewport === "projector" ? "1920x1080" : "390x844";
      for (const view of views) {
        const join = view.path.includes("?") ? "&" : "?";
        await page.goto(`${server.url}${view.path}${join}p=2025`);
        await page.locator("h1").first().waitFor();
        expect(await page.locator("h1").first().textContent()).toContain(view.heading);
        await settled(page);
        expect(await page.locator(".state-error").count()).toBe(0);
        await expectNoSidewaysScroll(page, view.name);
        await screenshot(page, `${view.name}-${size}`);
      }
      await page.goto(`${server.url}/trinh-chieu?p=2025&paused=1`);
      await page.locator(".present .kpi").first().waitFor();
      await expectNoSidewaysScroll(page, "trinh-chieu");
      await screenshot(page, `trinh-chieu-${size}`);
      expectNoConsoleErrors(watched);
    });
  }

  it("lists Long Bình's 14 Dân vận khéo models when that commune is selected", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    await page.goto(`${server.url}/mo-hinh?unit=${encodeURIComponent(longBinhId)}`);
    await page.getByLabel("Chương trình").fill("Dân vận khéo");
    await page.getByLabel("Chương trình").press("Enter");
    const table = page.getByRole("region", { name: "Danh sách mô hình" });
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 20_000 }).toBe(14);
    expect(await page.locator(".breadcrumb").textContent()).toContain("Xã Long Bình");
    // The sector chart counts the same programme's models as the list, and says so.
    const bySector = page.locator("figure").filter({ hasText: "Mô hình theo lĩnh vực" });
    await expect
      .poll(() => bySector.locator(".card-subtitle").textContent())
      .toContain("Chương trình: Dân vận khéo");
    await bySector.locator(".recharts-surface").waitFor();
    await screenshot(page, "mo-hinh-long-binh-1920x1080");
    expectNoConsoleErrors(watched);
  });

  it("ranks the seed-report communes as reporting in 2025 and 2026, with figures of their own", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    for (const year of ["2025", "2026"]) {
      await page.goto(`${server.url}/so-sanh?p=${year}`);
      await settled(page);
      for (const name of ["Xã Long Bình", "Xã Hạnh Sơn", "Xã Đại Cương"]) {
        const row = page.locator(".table tbody tr").filter({ hasText: name });
        expect(await row.count()).toBe(1);
        expect(await row.getAttribute("class")).not.toContain("rank-notReported");
        const attendance = await row.locator("td").nth(2).textContent();
        expect(Number(attendance?.replace(/\D/g, ""))).toBeGreaterThan(500);
      }
    }
    expectNoConsoleErrors(watched);
  });

  it("drills down from the comparison to a commune", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    await page.goto(`${server.url}/so-sanh?p=2025`);
    await settled(page);
    const rows = page.locator(".table tbody tr");
    expect(await rows.count()).toBeGreaterThan(3);
    const first = rows.first().getByRole("button");
    const name = (await first.textContent()) ?? "";
    await first.click();
    await expect
      .poll(() => page.locator(".breadcrumb [aria-current=page]").textContent())
      .toContain(name);
    expectNoConsoleErrors(watched);
  });

  it("shows the API's validation error next to the field that caused it", async () => {
    const watched = await signedIn(reporter);
    const { page } = watched;
    await page.goto(`${server.url}/nhap-lieu`);
    const form = page.getByRole("form", { name: "Hoạt động" });
    await form.getByLabel("Nội dung / tên").fill("Hội nghị kiểm thử");
    await form.getByLabel("Ngày diễn ra").fill("15/01/2026");
    await form.getByLabel("Lượt người tham dự").fill("-5");
    await form.getByRole("button", { name: "Lưu" }).click();
    const attendance = form.getByLabel("Lượt người tham dự");
    await expect.poll(() => attendance.getAttribute("aria-invalid")).toBe("true");
    const errorId = await attendance.getAttribute("aria-describedby");
    const message = await page.locator(`#${errorId}`).textContent();
    expect(message?.length).toBeGreaterThan(3);
    expect(await form.getByLabel("Nội dung / tên").getAttribute("aria-invalid")).toBeNull();
    await screenshot(page, "nhap-lieu-loi-1920x1080");
    expectNoConsoleErrors(watched);
  });

  it("advances slides on its own, and a shared link reopens the same slide", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    await page.goto(`${server.url}/trinh-chieu?p=2025&interval=3`);
    const show = page.locator(".present");
    await show.waitFor();
    expect(await show.getAttribute("data-slide-index")).toBe("0");
    await expect.poll(() => show.getAttribute("data-slide-index"), { timeout: 10_000 }).toBe("1");
    // Space pauses; arrows step.
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator(".present-paused").count()).toBe(1);
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => show.getAttribute("data-slide-index")).toBe("3");
    const shared = page.url();
    expect(shared).toContain("slide=3");
    const title = await page.locator(".present-title").textContent();
    await screenshot(page, "trinh-chieu-slide-3-1920x1080");

    const other = await signedIn(admin, "projector", "/");
    await other.page.goto(`${shared}&paused=1`);
    await other.page.locator(".present").waitFor();
    expect(await other.page.locator(".present").getAttribute("data-slide-index")).toBe("3");
    expect(await other.page.locator(".present-title").textContent()).toBe(title);
    await other.page.goto(`${shared.replace(/slide=\d+/, "slide=5")}&paused=1&theme=light`);
    await other.page.locator(".present-light .recharts-surface").waitFor();
    await screenshot(other.page, "trinh-chieu-light-slide-6-1920x1080");
    expectNoConsoleErrors(watched);
    expectNoConsoleErrors(other);
  });

  it("updates the overview in one page while an activity is recorded in another", async () => {
    const viewer = await signedIn(admin);
    const overview = `${server.url}/?unit=${encodeURIComponent(longBinhId)}&p=2026`;
    await viewer.page.goto(overview);
    const attendance = viewer.page.getByRole("article", { name: /^Lượt người tham dự:/ });
    await attendance.waitFor();
    await viewer.page.locator(".live-dot, .state-loading").count(); // page settled enough to subscribe
    const before = await attendance.getAttribute("aria-label");

    const writer = await signedIn(reporter);
    await writer.page.goto(`${server.url}/nhap-lieu`);
    const form = writer.page.getByRole("form", { name: "Hoạt động" });
    await form.getByLabel("Nội dung / tên").fill("Sinh hoạt chuyên đề trực tiếp");
    await form.getByLabel("Ngày diễn ra").fill("20/10/2026");
    await form.getByLabel("Lượt người tham dự").fill("777");
    await form.getByRole("button", { name: "Lưu" }).click();
    await writer.page.getByRole("status").filter({ hasText: "Đã lưu" }).waitFor();

    await expect
      .poll(() => attendance.getAttribute("aria-label"), { timeout: 15_000 })
      .not.toBe(before);
    await screenshot(viewer.page, "tong-quan-live-1920x1080");
    expectNoConsoleErrors(viewer);
    expectNoConsoleErrors(writer);
  });

  it("takes a custom period typed as dd/mm/yyyy and keeps it in the URL", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    await page.getByLabel("Kỳ báo cáo").selectOption("custom");
    await page.getByLabel("Từ ngày").fill("01/01/2025");
    await page.getByLabel("Đến ngày").fill("30/06/2025");
    await page.getByRole("button", { name: "Áp dụng" }).click();
    await expect.poll(() => page.url()).toContain("p=2025-01-01..2025-06-30");
    await expect
      .poll(() => page.locator("h1").first().textContent())
      .toContain("01/01/2025 – 30/06/2025");
    await settled(page);
    expect(await page.locator(".kpi").count()).toBeGreaterThanOrEqual(4);
    expectNoConsoleErrors(watched);
  });

  it("exports a chart as PNG and a table as CSV", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    await page.goto(`${server.url}/?p=2025`);
    await settled(page);
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải ảnh PNG: Lượt người tham dự theo tháng" }).click(),
    ]);
    expect(png.suggestedFilename()).toBe("luot-nguoi-tham-du-theo-thang.png");
    const image = await readFile((await png.path())!);
    expect(image.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(image.length).toBeGreaterThan(10_000);
    await png.saveAs(`${SCREENSHOTS}export-trend.png`);

    await page.goto(`${server.url}/so-sanh?p=2025`);
    await settled(page);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /^Tải CSV/ }).click(),
    ]);
    const text = (await readFile((await csv.path())!)).toString("utf8");
    expect(text.startsWith("\uFEFFHạng;Đơn vị;Lượt người tham dự")).toBe(true);
    expect(text.split("\r\n").length).toBeGreaterThan(5);
    expectNoConsoleErrors(watched);
  });

  it("switches to English and back, and signs out from the user menu", async () => {
    const watched = await signedIn(admin, "phone");
    const { page } = watched;
    await page.getByRole("button", { name: "EN", exact: true }).click();
    await page.getByRole("link", { name: "Overview" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.reload();
    await page.getByRole("link", { name: "Overview" }).waitFor();
    await page.getByRole("button", { name: "VI", exact: true }).click();
    await page.getByRole("link", { name: "Tổng quan" }).waitFor();
    await page.getByRole("button", { name: /^Tài khoản/ }).click();
    await page.getByRole("menuitem", { name: "Đăng xuất" }).click();
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem("d05.session"))).toBeNull();
    expectNoConsoleErrors(watched);
  });

  it("goes back to the login screen when the API no longer accepts the token", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    await page.evaluate(() => {
      const session = JSON.parse(localStorage.getItem("d05.session") ?? "{}");
      localStorage.setItem("d05.session", JSON.stringify({ ...session, token: "not-a-token" }));
    });
    await page.reload();
    await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
    // The browser itself logs the 401 responses; nothing else may fail.
    expect(watched.errors.filter((e) => !e.includes("401"))).toEqual([]);
  });
});
