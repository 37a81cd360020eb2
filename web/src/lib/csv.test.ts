import { describe, expect, it } from "vitest";
import { slug, toCsv } from "./csv";

describe("toCsv", () => {
  it("writes a BOM, a header and quoted fields where needed", () => {
    const text = toCsv(
      [
        { header: "Đơn vị", value: (r: { name: string; value: number | null }) => r.name },
        { header: "Giá trị", value: (r) => r.value },
      ],
      [
        { name: 'Xã "Long Bình", Đồng Tháp', value: 16940 },
        { name: "Hạnh Sơn", value: null },
      ],
    );
    expect(text).toBe(
      '\uFEFFĐơn vị;Giá trị\r\n"Xã ""Long Bình"", Đồng Tháp";16940\r\nHạnh Sơn;\r\n',
    );
  });

  it("writes figures with a decimal comma and without float noise", () => {
    const text = toCsv(
      [{ header: "Tỷ lệ", value: (r: { v: number }) => r.v }],
      [{ v: 0.1 + 0.2 }, { v: 1_333_980_000 }, { v: -12.5 }, { v: 100 / 3 }],
    );
    expect(text).toBe("\uFEFFTỷ lệ\r\n0,3\r\n1333980000\r\n-12,5\r\n33,333333\r\n");
  });

  it("neutralises text a spreadsheet would run as a formula (OWASP CSV injection)", () => {
    const titles = [
      '=HYPERLINK("http://x","y")',
      "+1+1",
      "-2+3",
      "@SUM(A1:A2)",
      "\t=1+1",
      "\r=1+1",
      "  =1+1",
      "\t -1",
      "＝1+1",
    ];
    const text = toCsv(
      [{ header: "Tiêu đề", value: (r: { title: string }) => r.title }],
      titles.map((title) => ({ title })),
    );
    const cells = text.slice(1).split("\r\n").slice(1, -1);
    expect(cells).toEqual([
      '"\'=HYPERLINK(""http://x"",""y"")"',
      '"\'+1+1"',
      '"\'-2+3"',
      '"\'@SUM(A1:A2)"',
      '"\'\t=1+1"',
      // A CR inside a quoted field is kept as is; the quote in front stops the formula.
      '"\'\r=1+1"',
      '"\'  =1+1"',
      '"\'\t -1"',
      '"\'＝1+1"',
    ]);
  });

  it("leaves numbers, and text that does not start a formula, as they are", () => {
    const text = toCsv(
      [
        { header: "Tiêu đề", value: (r: { title: string; change: number }) => r.title },
        { header: "Thay đổi", value: (r) => r.change },
      ],
      [
        { title: "Hội nghị - chuyên đề 2025", change: -24 },
        { title: "Email a@b.vn", change: 3.5 },
      ],
    );
    expect(text).toBe(
      "\uFEFFTiêu đề;Thay đổi\r\nHội nghị - chuyên đề 2025;-24\r\nEmail a@b.vn;3,5\r\n",
    );
  });

  it("makes file names without diacritics", () => {
    expect(slug("Mô hình theo lĩnh vực — Đồng Tháp")).toBe("mo-hinh-theo-linh-vuc-dong-thap");
  });
});
