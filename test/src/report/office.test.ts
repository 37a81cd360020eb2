// The Word files the product writes, opened by a real office suite. Offices edit the report in
// Word; the tests elsewhere read the files' XML, which proves the figures but not that an office
// program accepts the package (relationships, content types, the drawings written by hand in
// template-charts.ts). LibreOffice reads and lays out each file here, and its PDF is checked as a
// reader would: A4, the header and the seed report's figures on the page, the charts drawn.
// One database is enough: the files' bytes do not depend on it (report.test.ts covers both).
import { DEMO, DEMO_ACCOUNTS, seedDemo } from "@d05/prisma/seed";
import { fillTemplate } from "@d05/server/report/template";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid } from "../api/records-fixtures";
import { startTestServer, type TestServer } from "../support/server";
import { docxTemplate, openPdf, renderWithLibreOffice } from "./files";

const A4 = { width: 595.3, height: 841.9 };
/**
 * Text without any white space: LibreOffice breaks lines where Word would not, and where a glyph
 * comes from a fallback font (this machine has no Times New Roman) poppler may put a space inside
 * a word. The words and figures themselves must be there, in order.
 */
const squeeze = (text: string) => text.replace(/\s+/g, "");

describe("the Word files in LibreOffice", () => {
  let server: TestServer;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer("pglite", (db) => seedDemo(db.db.prisma).then(() => undefined));
    const admin = DEMO_ACCOUNTS.find((a) => a.username === "admin");
    const { body } = await server.graphql<{ login: { data?: { token: string } } }>(
      `mutation ($u: String!, $p: String!) {
        login(username: $u, password: $p) { ... on MutationLoginSuccess { data { token } } }
      }`,
      { u: "admin", p: admin?.password },
    );
    token = body.data?.login.data?.token ?? "";
    expect(token).not.toBe("");
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
  });

  it("opens Long Bình's 2023 report: A4 pages with the header, the figures in words and the charts", async () => {
    const unit = await server.database.db.prisma.unit.findUniqueOrThrow({
      where: { code: DEMO.communes.longBinh },
    });
    const params = new URLSearchParams({
      unitId: gid("Unit", unit.id),
      from: "2023-01-01",
      to: "2023-12-31",
      format: "docx",
    });
    const response = await fetch(`${server.url}/report?${params}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const office = renderWithLibreOffice(new Uint8Array(await response.arrayBuffer()));
    const sizes = await openPdf(office.pdf);

    expect(sizes.pages.length).toBeGreaterThanOrEqual(2);
    expect(office.pages).toHaveLength(sizes.pages.length);
    for (const page of sizes.pages) {
      expect(page.width).toBeCloseTo(A4.width, 0);
      expect(page.height).toBeCloseTo(A4.height, 0);
    }
    const firstPage = squeeze(office.pages[0] ?? "");
    expect(firstPage).toContain(squeeze("ĐẢNG CỘNG SẢN VIỆT NAM"));
    expect(firstPage).toContain(squeeze("ĐẢNG ỦY XÃ LONG BÌNH"));
    const text = squeeze(office.pages.join(""));
    expect(text).toContain(squeeze("14 (mười bốn) mô hình"));
    expect(text).toContain(squeeze("1.333.980.000 đồng"));
    expect(text).toContain(squeeze("1.226 m²"));
    expect(text).toContain(squeeze("Nơi nhận"));
    // The built-in report's charts are pictures LibreOffice draws.
    const pictures = [...office.imagesPerPage.values()].reduce((a, b) => a + b, 0);
    expect(pictures).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it("opens a province's template filled with its tags and a chart at the tag's place", async () => {
    const template = docxTemplate([
      "Đơn vị: {unitName}",
      "Trước biểu đồ",
      "{%attendanceChart}",
      "Sau biểu đồ",
    ]);
    const filled = await fillTemplate(template, {
      data: { unitName: "Xã Long Bình" },
      charts: {
        attendanceChart: {
          title: "Lượt người tham dự theo tháng, so với cùng kỳ",
          categories: ["T1", "T2", "T3"],
          series: [
            { name: "Kỳ báo cáo", values: [120, 80, 200] },
            { name: "Cùng kỳ", values: [100, 90, 150] },
          ],
        },
      },
    });
    const office = renderWithLibreOffice(filled);
    const text = squeeze(office.pages.join(""));
    expect(text).toContain(squeeze("Đơn vị: Xã Long Bình"));
    const before = text.indexOf(squeeze("Trước biểu đồ"));
    expect(before).toBeGreaterThanOrEqual(0);
    expect(before).toBeLessThan(text.indexOf(squeeze("Sau biểu đồ")));
    expect(office.imagesPerPage.get(1)).toBe(1);
  }, 180_000);
});
