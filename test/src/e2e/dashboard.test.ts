// The dashboard in a real Chromium against a real server over the demo data (PGlite in-process).
// Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../support/demo";
import { startTestServer, type TestServer } from "../support/server";
import {
  DATA_TABLE_ROWS,
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

  const signInByApi = (account: Account): Promise<string> => signIn(server, account);

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

  it("adds a contribution from a model's page, land, its value and cash kept apart", async () => {
    const watched = await signedIn(reporter);
    const { page } = watched;
    const programme = encodeURIComponent("Dân vận khéo");
    await page.goto(
      `${server.url}/mo-hinh?unit=${encodeURIComponent(longBinhId)}&p=2023&programme=${programme}`,
    );
    const name = "Vận động nhân dân hiến đất làm đường Hòa Phú 5";
    await page.getByRole("button", { name: `Xem mô hình ${name}` }).click();
    await page.getByRole("heading", { level: 1, name }).waitFor();
    const total = page.locator(".kpi").filter({ hasText: "Tổng giá trị (đồng)" });
    await settled(page);
    // The card shows the short form ("1,33 tỷ đ"); the exact amount is its title.
    const exact = async () =>
      Number((await total.locator(".kpi-value").getAttribute("title"))?.replace(/\D/g, ""));
    const before = await exact();
    const form = page.getByRole("form", { name: "Ghi nhận đóng góp" });
    await form.getByLabel("Ngày ghi nhận").fill("15/01/2026");
    await form.getByLabel("Đất hiến (m²)").fill("1.226");
    await form.getByLabel("Trị giá đất hiến (đồng)").fill("1.051.980.000");
    await form.getByLabel("Tiền mặt (đồng)").fill("282.000.000");
    // A fraction of a workday is refused next to the field, in Vietnamese; nothing is written.
    await form.getByLabel("Ngày công").fill("1,5");
    await form.getByRole("button", { name: "Lưu" }).click();
    const workdays = form.getByLabel("Ngày công");
    await expect.poll(() => workdays.getAttribute("aria-invalid")).toBe("true");
    const errorId = await workdays.getAttribute("aria-describedby");
    expect(await page.locator(`#${errorId}`).textContent()).toBe(
      "Nhập một số nguyên, ví dụ 1.250.",
    );
    await workdays.fill("12");
    await form.getByRole("button", { name: "Lưu" }).click();
    await form.getByRole("status").filter({ hasText: "Đã lưu." }).waitFor();
    await expect.poll(exact).toBe(before + 1_333_980_000);
    const rows = await server.database.db.prisma.modelContribution.findMany({
      where: { model: { name }, recordedOn: new Date("2026-01-15") },
    });
    expect(rows.map((r) => [r.landM2, r.landValueVnd, r.cashVnd, r.inKindVnd, r.workdays])).toEqual(
      [[1226, 1_051_980_000n, 282_000_000n, 0n, 12]],
    );
    await screenshot(page, "mo-hinh-dong-gop-1920x1080");
    expectNoConsoleErrors(watched);
  });

  it("ranks the seed-report communes as reporting in 2025 and 2026, with figures of their own", async () => {
    const watched = await signedIn(admin);
    const { page } = watched;
    for (const year of ["2025", "2026"]) {
      await page.goto(`${server.url}/so-sanh?p=${year}`);
      await settled(page);
      for (const name of ["Xã Long Bình", "Xã Hạnh Sơn", "Xã Đại Cương"]) {
        const row = page.locator(DATA_TABLE_ROWS).filter({ hasText: name });
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
    const rows = page.locator(DATA_TABLE_ROWS);
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
    // The trend's tooltip puts a month beside the same month a year earlier (cùng kỳ).
    const chart = page.getByRole("img", { name: "Lượt người tham dự theo tháng" });
    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
    const tooltip = page.locator(".recharts-tooltip-wrapper").first();
    await expect.poll(() => tooltip.textContent()).toMatch(/cùng kỳ T\d+\/2024: /);
    await page.screenshot({ path: `${SCREENSHOTS}trend-tooltip-1920x1080.png` });

    await page.goto(`${server.url}/so-sanh?p=2025`);
    await settled(page);
    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: /^Tải CSV/ }).click(),
    ]);
    const text = (await readFile((await csv.path())!)).toString("utf8");
    // The server's /export file of the same answer: its headers name the periods and members.
    expect(text.startsWith("\uFEFFHạng;Đơn vị;Lượt người tham dự (01/01/2025 – 31/12/2025)")).toBe(
      true,
    );
    expect(text.split("\r\n")[0]).toContain(";Đảng viên (ngày 31/12/2025);");
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

  /** The form's screenshots at the three sizes a UI change is checked at (laptop, projector, phone). */
  async function atThreeSizes(page: Page, name: string) {
    for (const size of [
      { width: 1024, height: 768 },
      { width: 1920, height: 1080 },
      { width: 390, height: 844 },
    ]) {
      await page.setViewportSize(size);
      await screenshot(page, `${name}-${size.width}x${size.height}`);
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  }

  /** Activities under a unit whose title is `title`, as the API has them. */
  async function activitiesTitled(title: string) {
    const token = await signInByApi(admin);
    const { body } = await server.graphql<{
      activities: { edges: { node: { attendance: number; unit: { id: string } } }[] };
    }>(
      `query ($search: String!) {
        activities(filter: { search: $search }, first: 10) {
          edges { node { attendance unit { id } } }
        }
      }`,
      { search: title },
      token,
    );
    return body.data!.activities.edges.map((e) => e.node);
  }

  it("reads 1.250 typed the Vietnamese way as 1250, and says in Vietnamese beside a blank field that it is required", async () => {
    const watched = await signedIn(reporter);
    const { page } = watched;
    await page.goto(`${server.url}/nhap-lieu`);
    const form = page.getByRole("form", { name: "Hoạt động" });
    await form.getByLabel("Ngày diễn ra").fill("15/01/2026");
    await form.getByLabel("Lượt người tham dự").fill("1.250");
    await form.getByRole("button", { name: "Lưu" }).click();
    const title = form.getByLabel("Nội dung / tên");
    await expect.poll(() => title.getAttribute("aria-invalid")).toBe("true");
    const errorId = await title.getAttribute("aria-describedby");
    expect(await page.locator(`#${errorId}`).textContent()).toBe("Không được để trống.");
    await atThreeSizes(page, "nhap-lieu-bat-buoc");
    // Typing clears the message at once.
    await title.fill("Hội nghị một nghìn hai trăm năm mươi");
    await expect.poll(() => title.getAttribute("aria-invalid")).toBeNull();
    await form.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("status").filter({ hasText: "Đã lưu" }).waitFor();
    const saved = await activitiesTitled("Hội nghị một nghìn hai trăm năm mươi");
    expect(saved.map((a) => a.attendance)).toEqual([1250]);
    expectNoConsoleErrors(watched);
  });

  it("shows a viewer the entry form disabled, saying why, with no save button", async () => {
    const watched = await signedIn({ username: "viewer", password: "demo-viewer-05" });
    const { page } = watched;
    await page.goto(`${server.url}/nhap-lieu`);
    const form = page.getByRole("form", { name: "Hoạt động" });
    await form.getByText("Tài khoản này chỉ được xem, không được nhập liệu.").waitFor();
    expect(await form.getByLabel("Nội dung / tên").isEditable()).toBe(false);
    expect(await form.getByLabel("Lượt người tham dự").isEditable()).toBe(false);
    expect(await form.getByRole("button", { name: "Lưu" }).count()).toBe(0);
    await page.goto(`${server.url}/hoat-dong?p=2026`);
    await settled(page);
    expect(await page.getByRole("button", { name: "Sửa" }).count()).toBe(0);
    expectNoConsoleErrors(watched);
  });

  it("moves a record to another unit from the list, and both units' open overviews follow", async () => {
    const token = await signInByApi(reporter);
    const { body } = await server.graphql<{
      unit: { children: { edges: { node: { id: string; name: string; kind: string } }[] } };
    }>(
      "query ($id: ID!) { unit(id: $id) { children(first: 100) { edges { node { id name kind } } } } }",
      { id: longBinhId },
      token,
    );
    const cells = body
      .data!.unit.children.edges.map((e) => e.node)
      .filter((u) => u.kind === "PARTY_CELL");
    const [from, to] = cells as [(typeof cells)[0], (typeof cells)[0]];
    const title = "Sinh hoạt chuyên đề ghi nhầm chi bộ";
    const recorded = await server.graphql<{ recordActivity: { __typename: string } }>(
      `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { __typename } }`,
      {
        input: {
          unitId: from.id,
          kind: "THEMATIC_SESSION",
          title,
          occurredOn: "2026-12-01",
          attendance: 4321,
        },
      },
      token,
    );
    expect(recorded.body.data?.recordActivity.__typename).toBe("MutationRecordActivitySuccess");

    const kpi = async (page: Page) => {
      const card = page.getByRole("article", { name: /^Lượt người tham dự:/ });
      const text = (await card.getAttribute("aria-label")) ?? "";
      return Number(text.split(":")[1]?.replace(/[^\d]/g, "") || 0);
    };
    // Two overviews side by side in one signed-in browser: the unit the record leaves, the one it joins.
    const watcher = await signedIn(admin);
    const overviewOf = async (page: Page, unitId: string) => {
      await page.goto(`${server.url}/?unit=${encodeURIComponent(unitId)}&p=2026`);
      await page.getByRole("article", { name: /^Lượt người tham dự:/ }).waitFor();
      await settled(page);
      return { value: () => kpi(page) };
    };
    const left = await overviewOf(watcher.page, from.id);
    const joined = await overviewOf(await watcher.context.newPage(), to.id);
    const leftBefore = await left.value();
    const joinedBefore = await joined.value();

    const writer = await signedIn(reporter);
    const { page } = writer;
    await page.goto(`${server.url}/hoat-dong?unit=${encodeURIComponent(longBinhId)}&p=2026`);
    const row = page.getByRole("row").filter({ hasText: title });
    await row.getByRole("button", { name: "Sửa" }).click();
    const dialog = page.getByRole("dialog", { name: `Sửa: ${title}` });
    const unit = dialog.getByLabel("Đơn vị");
    await expect.poll(() => unit.inputValue()).toBe(from.id);
    expect(await dialog.getByLabel("Lượt người tham dự").inputValue()).toBe("4.321");
    await screenshot(page, "sua-ban-ghi-1920x1080");
    await unit.selectOption(to.id);
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await dialog.waitFor({ state: "hidden" });

    await expect.poll(left.value, { timeout: 15_000 }).toBe(leftBefore - 4321);
    await expect.poll(joined.value, { timeout: 15_000 }).toBe(joinedBefore + 4321);
    expect((await activitiesTitled(title)).map((a) => a.unit.id)).toEqual([to.id]);

    // And deleted, after a confirmation.
    await row.getByRole("button", { name: "Xóa" }).click();
    const confirm = page.getByRole("alertdialog", { name: "Xóa bản ghi này?" });
    await confirm.getByText(`“${title}” sẽ bị xóa`).waitFor();
    await screenshot(page, "xoa-ban-ghi-1920x1080");
    await confirm.getByRole("button", { name: "Xóa" }).click();
    await expect.poll(joined.value, { timeout: 15_000 }).toBe(joinedBefore);
    expect(await activitiesTitled(title)).toEqual([]);
    await expect.poll(() => row.count()).toBe(0);
    expectNoConsoleErrors(writer);
    expectNoConsoleErrors(watcher);
  }, 120_000);

  it("keeps an entry made offline and saves it once when the connection returns, a reload included", async () => {
    const watched = await signedIn(reporter);
    const { page, context } = watched;
    await page.goto(`${server.url}/nhap-lieu`);
    const form = page.getByRole("form", { name: "Hoạt động" });
    await form.getByLabel("Nội dung / tên").waitFor();
    await context.setOffline(true);
    const title = "Họp chi bộ khi mất mạng";
    await form.getByLabel("Nội dung / tên").fill(title);
    await form.getByLabel("Ngày diễn ra").fill("12/02/2026");
    await form.getByLabel("Lượt người tham dự").fill("37");
    await form.getByRole("button", { name: "Lưu" }).click();
    await form.getByRole("status").filter({ hasText: "Chưa có kết nối" }).waitFor();
    await page.getByText("Đang chờ gửi 1 bản ghi").waitFor();
    await atThreeSizes(page, "nhap-lieu-cho-gui");

    // The connection returns but the answer to the first send is lost: saved on the server,
    // still waiting in the browser. The reload sends it again with the same key.
    let forwarded = 0;
    await page.route("**/graphql", async (route) => {
      if (!route.request().postData()?.includes("RecordActivity")) return route.continue();
      // The server saves it; the proxy in between loses the answer.
      await route.fetch();
      await route.fulfill({ status: 502, body: "Bad Gateway" });
      forwarded += 1;
    });
    await context.setOffline(false);
    await expect.poll(() => forwarded, { timeout: 15_000 }).toBe(1);
    await page.unroute("**/graphql");
    expect(await activitiesTitled(title)).toHaveLength(1);
    await page.reload();
    await page.getByText("Đã gửi các bản ghi đang chờ.").waitFor({ timeout: 20_000 });
    expect(await page.evaluate(() => localStorage.getItem("d05.outbox"))).toBe("[]");
    expect((await activitiesTitled(title)).map((a) => a.attendance)).toEqual([37]);
  }, 120_000);
});
