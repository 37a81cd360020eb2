// "Báo cáo" next to the period picker, in a real Chromium over the demo data: the dialog downloads
// the report of the unit and period on screen as PDF and Word, and a period without figures gives
// the server's Vietnamese message in the dialog instead of a file. An administrator uploads a Word
// template there (a bad one shows the server's problems one per line), picks it for the report and
// deletes it.
// Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { unzipSync } from "fflate";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docxTemplate, openDocx, openPdf } from "../report/files";
import { startTestServer, type TestServer } from "../support/server";
import { launchChromium, openPage, screenshot, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

describe("the report dialog in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let account: { username: string; password: string };
  let admin: { username: string; password: string };
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    const seed = await import("@d05/prisma/seed");
    server = await startTestServer("pglite", async (t) => {
      await seed.seedDemo(t.db.prisma);
    });
    const reporter = seed.DEMO_ACCOUNTS.find((a) => a.username === "reporter");
    if (!reporter) throw new Error("no demo reporter");
    account = reporter;
    const administrator = seed.DEMO_ACCOUNTS.find((a) => a.username === "admin");
    if (!administrator) throw new Error("no demo admin");
    admin = administrator;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(
    path: string,
    viewport: "projector" | "phone" = "projector",
    as: { username: string; password: string } = account,
  ) {
    const watched = await openPage(browser, viewport);
    opened.push(watched);
    const { page } = watched;
    await page.goto(`${server.url}${path}`);
    await page.getByLabel("Tên đăng nhập").fill(as.username);
    await page.getByLabel("Mật khẩu").fill(as.password);
    await page.getByRole("button", { name: "Đăng nhập" }).click();
    await page.getByRole("navigation", { name: "Các trang" }).waitFor();
    return watched;
  }

  it("downloads Long Bình's 2023 report as PDF and as Word", async () => {
    const watched = await signedIn("/?p=2023");
    const { page } = watched;
    await page.getByRole("button", { name: "Báo cáo", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Tải báo cáo định kỳ" });
    await dialog.waitFor();
    await screenshot(page, "report-dialog-1920x1080");
    await page.setViewportSize({ width: 1024, height: 768 });
    await screenshot(page, "report-dialog-1024x768");

    await dialog.getByLabel("PDF").check();
    await dialog.getByLabel("Người ký (không bắt buộc)").fill("Nguyễn Thị Kim Ngọc");
    const [pdfDownload] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      dialog.getByRole("button", { name: "Tải báo cáo" }).click(),
    ]);
    expect(pdfDownload.suggestedFilename()).toBe("bao-cao-xa-long-binh-2023-01-2023-12.pdf");
    const pdf = await openPdf(await readFile((await pdfDownload.path()) as string));
    const text = pdf.text.replace(/\s+/g, "");
    expect(text).toContain("ĐẢNGỦYXÃLONGBÌNH");
    expect(text).toContain("1.333.980.000đồng");
    expect(text).toContain("NguyễnThịKimNgọc");

    await dialog.getByLabel("Word (.docx, sửa được)").check();
    const [wordDownload] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      dialog.getByRole("button", { name: "Tải báo cáo" }).click(),
    ]);
    expect(wordDownload.suggestedFilename()).toBe("bao-cao-xa-long-binh-2023-01-2023-12.docx");
    const docx = openDocx(await readFile((await wordDownload.path()) as string));
    expect(docx.text).toContain("Mô hình “Dân vận khéo”: 14 (mười bốn) mô hình");
    expect(watched.errors).toEqual([]);
  }, 120_000);

  it("shows the server's message when the period has no figures, on a phone", async () => {
    const watched = await signedIn("/?p=2010", "phone");
    const { page } = watched;
    await page.getByRole("button", { name: "Báo cáo", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Tải báo cáo định kỳ" });
    await dialog.getByRole("button", { name: "Tải báo cáo" }).click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent(), { timeout: 30_000 })
      .toContain("chưa có số liệu nào trong kỳ năm 2010");
    await screenshot(page, "report-dialog-390x844");
  }, 120_000);

  it("lets an administrator upload a template, see its problems, use it and delete it", async () => {
    const watched = await signedIn("/?p=2023", "projector", admin);
    const { page } = watched;
    await page.getByRole("button", { name: "Báo cáo", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Tải báo cáo định kỳ" });
    const manager = dialog.getByRole("region", { name: "Mẫu báo cáo của đơn vị" });
    await manager.getByText("Chưa có mẫu nào tải lên cho đơn vị này.").waitFor();

    // A template with an unknown tag and an unknown chart: each problem on its own line.
    await manager.getByLabel("Tệp mẫu (.docx)").setInputFiles({
      name: "mau-loi.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(docxTemplate(["{issuer} {donViCapTren}", "{%banDo}"])),
    });
    await manager.getByRole("button", { name: "Tải mẫu lên" }).click();
    const problems = manager.getByRole("alert").getByRole("listitem");
    await expect
      .poll(() => problems.allTextContents(), { timeout: 30_000 })
      .toEqual([
        "Thẻ biểu đồ “{%banDo}” không có trong danh sách biểu đồ của báo cáo ({%attendanceChart}, {%modelsChart}).",
        "Thẻ “{donViCapTren}” không có trong danh sách thẻ của báo cáo.",
      ]);
    await problems.last().scrollIntoViewIfNeeded();
    await screenshot(page, "report-templates-problems-1920x1080");

    // A good one, with a chart: listed, and chosen for the Word report.
    await manager.getByLabel("Tệp mẫu (.docx)").setInputFiles({
      name: "mau-tinh.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      buffer: Buffer.from(
        docxTemplate([
          "MẪU CỦA TỈNH — {issuer}",
          "Kỳ báo cáo: {period}; tham dự {attendance} lượt",
          "{%attendanceChart}",
          "Hết mẫu",
        ]),
      ),
    });
    await manager.getByLabel("Tên mẫu (mặc định: tên tệp)").fill("Mẫu thử của tỉnh");
    await manager.getByRole("button", { name: "Tải mẫu lên" }).click();
    await manager
      .getByRole("status")
      .filter({ hasText: "Đã tải lên mẫu “Mẫu thử của tỉnh”." })
      .waitFor();
    await expect.poll(() => manager.getByRole("alert").count()).toBe(0);
    await manager
      .getByRole("list", { name: "Các mẫu đã tải lên" })
      .getByText("Mẫu thử của tỉnh")
      .waitFor();
    for (const [w, h] of [
      [1024, 768],
      [390, 844],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await manager.getByRole("list", { name: "Các mẫu đã tải lên" }).scrollIntoViewIfNeeded();
      await screenshot(page, `report-templates-${w}x${h}`);
    }

    await dialog.getByLabel("Word (.docx, sửa được)").check();
    await dialog
      .getByLabel("Mẫu báo cáo", { exact: true })
      .selectOption({ label: "Mẫu thử của tỉnh" });
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      dialog.getByRole("button", { name: "Tải báo cáo" }).click(),
    ]);
    const bytes = await readFile((await download.path()) as string);
    const docx = openDocx(bytes);
    expect(docx.text).toContain("MẪU CỦA TỈNH — BAN TUYÊN GIÁO");
    expect(docx.text).toMatch(/Kỳ báo cáo: năm 2023; tham dự [\d.]+ lượt/);
    expect(docx.xml).toContain("<w:drawing>");
    expect(Object.keys(unzipSync(bytes))).toContain("word/media/d05-chart-1.png");

    // Delete, after confirming.
    await manager.getByRole("button", { name: "Xóa mẫu Mẫu thử của tỉnh" }).click();
    await manager.getByRole("button", { name: "Xác nhận xóa “Mẫu thử của tỉnh”" }).click();
    await manager
      .getByRole("status")
      .filter({ hasText: "Đã xóa mẫu “Mẫu thử của tỉnh”." })
      .waitFor();
    await manager.getByText("Chưa có mẫu nào tải lên cho đơn vị này.").waitFor();
    expect(
      await dialog.getByLabel("Mẫu báo cáo", { exact: true }).locator("option").allTextContents(),
    ).toEqual(["Mẫu mặc định (Nghị định 30/2020)"]);
    expect(await server.database.db.prisma.reportTemplate.count()).toBe(0);
    // The browser logs the refused upload (400), and nothing else.
    expect(watched.errors).toEqual([
      "Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
  }, 180_000);
});
