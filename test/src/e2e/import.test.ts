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
    // The preview marks the bad row; the mapping step shows the field each column feeds.
    const preview = page.getByRole("region", { name: "Xem trước" });
    expect(await preview.locator("tbody tr").count()).toBe(3);
    expect(await preview.locator("tbody tr.import-row-bad").count()).toBe(1);
    expect(await preview.textContent()).not.toContain("Tệp không có dòng dữ liệu nào");
    const mapping = page.getByRole("region", { name: "3. Ghép cột" });
    expect(await mapping.locator("tbody tr").count()).toBe(7);
    expect(await mapping.getByLabel("Trường cho cột Lượt người").inputValue()).toBe("attendance");
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

  it("reads an Excel workbook and offers an Excel template with the account's own units", async () => {
    const watched = await open("phone", "/nhap-lieu?form=import");
    const { page } = watched;
    await page.getByRole("button", { name: "Khen thưởng", exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Tải tệp mẫu Excel: Khen thưởng" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("mau-nhap-khen-thuong.xlsx");
    const template = new ExcelJS.Workbook();
    const bytes = await readFile((await download.path()) as string);
    await template.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const [data, units] = template.worksheets;
    expect(((data?.getRow(1).values ?? []) as unknown[]).slice(1, 3)).toEqual([
      "Mã đơn vị",
      "Đối tượng",
    ]);
    // Two example rows, a drop-down for the recipient kind, the account's units with codes.
    expect(data?.getRow(3).getCell(2).value).toBe("Cá nhân");
    expect(data?.getRow(4).getCell(1).value ?? null).toBeNull();
    expect(data?.getCell("B2").dataValidation).toMatchObject({ type: "list" });
    expect(units?.name).toBe("Đơn vị");
    const listed = (units?.getSheetValues() ?? []).map(
      (row) => (row as unknown[] | undefined)?.[2],
    );
    expect(listed).toContain(commune);
    expect(listed).toContain(`${commune}-CB01`);

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

  it("imports a commune's own sheet by mapping its columns, and remembers the mapping", async () => {
    const day = dayBefore(7);
    // As a commune keeps it: its own headers, units by name (one without diacritics), land value
    // apart and the cash in two instalments (summed into one field), a total computed by a
    // formula, and no level or lead organisation columns (the same for the whole file).
    const sheetOf = async (names: string[]) => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet("Mô hình 2025");
      sheet.addRow([
        "STT",
        "Tên mô hình",
        "Ấp",
        "Lĩnh vực",
        "Ngày triển khai",
        "Giá trị đất hiến (đồng)",
        "Tiền mặt đợt 1 (đồng)",
        "Tiền mặt đợt 2 (đồng)",
        "Diện tích đất (m2)",
        "Tổng (đồng)",
      ]);
      sheet.addRow([
        1,
        names[0],
        "Ấp Phú Trung",
        "Môi trường",
        day.vi,
        1_051_980_000,
        200_000_000,
        82_000_000,
        1_226,
      ]);
      sheet.addRow([
        2,
        names[1],
        "ap long thoi",
        "Phát triển kinh tế",
        day.vi,
        0,
        50_000_000,
        0,
        0,
      ]);
      sheet.getCell("J2").value = { formula: "F2+G2+H2", result: 1_333_980_000 };
      sheet.getCell("J3").value = { formula: "F3+G3+H3", result: 50_000_000 };
      return {
        name: "mo-hinh-xa.xlsx",
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: Buffer.from(await workbook.xlsx.writeBuffer()),
      };
    };
    const watched = await open("projector", "/nhap-lieu?form=import");
    const { page } = watched;
    await page.getByRole("button", { name: "Mô hình", exact: true }).click();
    const first = ["Tuyến đường hoa nhập từ tệp", "Nuôi bò sinh sản nhập từ tệp"];
    await fileInput(page).setInputFiles(await sheetOf(first));

    const mapping = page.getByRole("region", { name: "3. Ghép cột" });
    await mapping.waitFor();
    // Matched by itself: the name, the unit (by its "Ấp" header), the sector.
    expect(await mapping.getByLabel("Trường cho cột Tên mô hình").inputValue()).toBe("name");
    expect(await mapping.getByLabel("Trường cho cột Ấp").inputValue()).toBe("unitCode");
    expect(await mapping.getByLabel("Trường cho cột Lĩnh vực").inputValue()).toBe("sector");
    const idle = () => page.getByText("Đang kiểm tra tệp…").waitFor({ state: "detached" });
    const choose = async (column: string, field: string) => {
      await mapping.getByLabel(`Trường cho cột ${column}`).selectOption(field);
      await idle();
    };
    await choose("Ngày triển khai", "startedOn");
    await choose("Giá trị đất hiến (đồng)", "landValueVnd");
    await choose("Tiền mặt đợt 1 (đồng)", "cashVnd");
    await choose("Tiền mặt đợt 2 (đồng)", "cashVnd");
    await choose("Diện tích đất (m2)", "landM2");
    expect(await mapping.getByText("cộng các cột").count()).toBe(2);
    await mapping.getByLabel(/^Cấp/).selectOption("COMMUNE");
    await idle();
    await screenshot(page, "nhap-tu-tep-ghep-cot-1920x1080");
    await mapping.getByLabel(/^Đơn vị chủ trì/).selectOption("FARMERS_UNION");
    await page.getByRole("status").filter({ hasText: "Tệp hợp lệ." }).waitFor();
    await mapping.scrollIntoViewIfNeeded();
    await screenshot(page, "nhap-tu-tep-ghep-cot-xong-1920x1080");

    await page.getByRole("button", { name: "Nhập dữ liệu" }).click();
    await page.getByRole("status").filter({ hasText: "Đã nhập 2 bản ghi." }).waitFor();
    const prisma = server.database.db.prisma;
    const models = await prisma.model.findMany({
      where: { name: { in: first } },
      include: { unit: true, contributions: true },
      orderBy: { id: "asc" },
    });
    expect(
      models.map((m) => [
        m.name,
        m.unit.name,
        m.sector,
        m.level,
        m.leadOrganisation,
        m.contributions.map((c) => [c.landValueVnd, c.cashVnd, c.landM2]),
      ]),
    ).toEqual([
      [
        first[0],
        "Chi bộ ấp Phú Trung",
        "ENVIRONMENT",
        "COMMUNE",
        "FARMERS_UNION",
        [[1_051_980_000n, 282_000_000n, 1_226]],
      ],
      [
        first[1],
        "Chi bộ ấp Long Thới",
        "ECONOMY",
        "COMMUNE",
        "FARMERS_UNION",
        [[0n, 50_000_000n, 0]],
      ],
    ]);

    // Next month's file with the same headers, from another browser (a new profile: nothing in
    // its storage): the mapping comes back by itself, kept by the server for this account.
    const elsewhere = await open("projector", "/nhap-lieu?form=import");
    const later = elsewhere.page;
    await later.getByRole("button", { name: "Mô hình", exact: true }).click();
    const next = ["Tuyến đường hoa tháng sau", "Nuôi bò tháng sau"];
    await fileInput(later).setInputFiles(await sheetOf(next));
    await later.getByRole("status").filter({ hasText: "Tệp hợp lệ." }).waitFor();
    const laterMapping = later.getByRole("region", { name: "3. Ghép cột" });
    expect(await laterMapping.getByLabel("Trường cho cột Tiền mặt đợt 2 (đồng)").inputValue()).toBe(
      "cashVnd",
    );
    expect(await laterMapping.getByLabel(/^Cấp/).inputValue()).toBe("COMMUNE");
    for (const size of [
      { width: 1024, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await later.setViewportSize(size);
      await laterMapping.scrollIntoViewIfNeeded();
      await screenshot(later, `nhap-tu-tep-ghep-cot-${size.width}x${size.height}`);
    }
    expect(elsewhere.errors).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
