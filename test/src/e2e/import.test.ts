// Spreadsheet import on "Nhập liệu" in a real Chromium: a file with a bad row is explained row
// by row and cannot be imported; the corrected file passes its dry run, is imported once, and the
// overview shows it. Needs the built web (pnpm --filter @d05/web build) and /usr/bin/chromium.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Account,
  type DemoServer,
  demoAccount,
  kpiValue,
  settled,
  signedIn,
  startDemoServer,
} from "./app";
import { launchChromium, screenshot, type WatchedPage } from "./browser";

const DIST = new URL("../../../web/dist/index.html", import.meta.url);
const ATTENDANCE = "Lượt người tham dự";
const HEADER = "Mã đơn vị;Loại;Tiêu đề;Ngày;Số buổi;Lượt người;Ghi chú";

/** dd/MM/yyyy, `daysAgo` days before today (imports refuse days in the future). */
function dayBefore(daysAgo: number): { vi: string; year: number } {
  const date = new Date(Date.now() - daysAgo * 86_400_000);
  const [y, m, d] = date.toISOString().slice(0, 10).split("-");
  return { vi: `${d}/${m}/${y}`, year: Number(y) };
}

function csvFile(name: string, lines: string[]) {
  return { name, mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`) };
}

describe("importing a spreadsheet in the browser", () => {
  let server: DemoServer;
  let browser: Browser;
  let reporter: Account;
  let commune: string;
  const opened: WatchedPage[] = [];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error("web/dist is missing: pnpm --filter @d05/web build");
    const { DEMO } = await import("@d05/prisma/seed");
    commune = DEMO.communes.longBinh;
    server = await startDemoServer();
    reporter = await demoAccount("reporter"); // scoped to Long Bình
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const watched of opened) await watched.context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  async function open(viewport: "projector" | "phone" = "projector", path = "/") {
    const watched = await signedIn(browser, server.url, reporter, viewport, path);
    opened.push(watched);
    return watched;
  }

  function fileInput(page: Page) {
    return page.getByLabel("Chọn tệp .csv hoặc .xlsx");
  }

  it("explains a bad row, refuses to import it, then imports the corrected file", async () => {
    const day = dayBefore(3);
    const watched = await open("projector", `/?p=${day.year}`);
    const { page } = watched;
    await page.getByRole("article", { name: new RegExp(`^${ATTENDANCE}:`) }).waitFor();
    await settled(page);
    const before = await kpiValue(page, ATTENDANCE);

    await page.getByRole("link", { name: "Nhập liệu" }).click();
    await page.getByRole("tab", { name: "Nhập từ tệp" }).click();
    const rows = [
      `${commune};Hội nghị;Hội nghị quán triệt nhập từ tệp;${day.vi};2;1.200;`,
      `${commune};Sinh hoạt chuyên đề;Sinh hoạt chuyên đề nhập từ tệp;${day.vi};5;-40;Dòng sai`,
      `${commune}-CB01;Tuyên truyền;Tuyên truyền nhập từ tệp;${day.vi};1;305;`,
    ];
    await fileInput(page).setInputFiles(csvFile("hoat-dong.csv", [HEADER, ...rows]));

    const errors = page.getByRole("region", { name: "Lỗi theo dòng" });
    await errors.waitFor();
    // Leaving the live overview closed its socket on purpose: that is no lost connection.
    expect(await page.getByText("đang kết nối lại").count()).toBe(0);
    const errorRows = errors.locator("tbody tr");
    expect(await errorRows.count()).toBe(1);
    const cells = await errorRows.first().locator("td").allTextContents();
    expect(cells[0]).toBe("3");
    expect(cells[1]).toBe("Lượt người");
    expect(cells[2]?.length).toBeGreaterThan(5);
    expect(
      await page.getByRole("status").filter({ hasText: "Có 1 lỗi trong 3 dòng" }).count(),
    ).toBe(1);
    const commit = page.getByRole("button", { name: "Nhập dữ liệu" });
    expect(await commit.isDisabled()).toBe(true);
    // The preview marks the bad row and shows how each column was read.
    const preview = page.getByRole("region", { name: "Xem trước" });
    expect(await preview.locator("tbody tr").count()).toBe(3);
    expect(await preview.locator("tbody tr.import-row-bad").count()).toBe(1);
    const mapping = page.getByRole("region", { name: "Cách đọc các cột" });
    expect(await mapping.locator("tbody tr").count()).toBe(7);
    await screenshot(page, "nhap-tu-tep-loi-1920x1080");

    const fixed = rows.map((row) => row.replace(";-40;", ";40;"));
    await fileInput(page).setInputFiles(csvFile("hoat-dong.csv", [HEADER, ...fixed]));
    await page.getByRole("status").filter({ hasText: "Tệp hợp lệ." }).waitFor();
    expect(await errors.count()).toBe(0);
    expect(await commit.isEnabled()).toBe(true);
    await screenshot(page, "nhap-tu-tep-hop-le-1920x1080");

    await commit.click();
    await page.getByRole("status").filter({ hasText: "Đã nhập 3 bản ghi." }).waitFor();
    await screenshot(page, "nhap-tu-tep-xong-1920x1080");
    await page.getByRole("link", { name: "Xem trang Tổng quan" }).click();
    await expect.poll(() => page.locator("h1").first().textContent()).toContain("Tổng quan");
    await expect
      .poll(() => kpiValue(page, ATTENDANCE), { timeout: 15_000 })
      .toBe(before + 1_200 + 40 + 305);
    expect(watched.errors).toEqual([]);
  });

  it("reads an Excel workbook and offers a template Excel opens as UTF-8", async () => {
    const watched = await open("phone", "/nhap-lieu?form=import");
    const { page } = watched;
    await page.getByRole("button", { name: "Khen thưởng", exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải tệp mẫu CSV: Khen thưởng" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("mau-nhap-khen-thuong.csv");
    const template = (await readFile((await download.path())!)).toString("utf8");
    expect(template.startsWith("\uFEFFMã đơn vị;Đối tượng;")).toBe(true);

    const day = dayBefore(5);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Khen thưởng");
    sheet.addRow([
      "Mã đơn vị",
      "Đối tượng",
      "Tên tập thể, cá nhân",
      "Số lượng",
      "Cấp khen",
      "Hình thức",
      "Cơ quan khen",
      "Ngày khen",
    ]);
    sheet.addRow([
      commune,
      "Cá nhân",
      "Nguyễn Thị Mẫu",
      1,
      "Cấp xã",
      "Giấy khen",
      "UBND xã",
      day.vi,
    ]);
    sheet.addRow([commune, "Tập thể", "", 4, "Cấp xã", "Giấy khen", "UBND xã", day.vi]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    await page.getByLabel("Chọn tệp .csv hoặc .xlsx").setInputFiles({
      name: "khen-thuong.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer,
    });
    await page.getByRole("status").filter({ hasText: "Tệp hợp lệ." }).waitFor();
    const preview = page.getByRole("region", { name: "Xem trước" });
    expect(await preview.locator("tbody tr").count()).toBe(2);
    expect(await preview.textContent()).toContain("Nguyễn Thị Mẫu");
    expect(await page.getByRole("button", { name: "Nhập dữ liệu" }).isEnabled()).toBe(true);
    await screenshot(page, "nhap-tu-tep-390x844");
    await page.getByRole("region", { name: "Xem trước" }).scrollIntoViewIfNeeded();
    await screenshot(page, "nhap-tu-tep-xem-truoc-390x844");
    expect(watched.errors).toEqual([]);
  });
});
