// "Báo cáo" next to the period picker, in a real Chromium over the demo data: the dialog downloads
// the report of the unit and period on screen as PDF and Word, and a period without figures gives
// the server's Vietnamese message in the dialog instead of a file.
// Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDocx, openPdf } from "../report/files";
import { startTestServer, type TestServer } from "../support/server";
import { launchChromium, openPage, screenshot, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);

describe("the report dialog in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let account: { username: string; password: string };
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
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(path: string, viewport: "projector" | "phone" = "projector") {
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
});
