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
      '\uFEFFĐơn vị,Giá trị\r\n"Xã ""Long Bình"", Đồng Tháp",16940\r\nHạnh Sơn,\r\n',
    );
  });

  it("makes file names without diacritics", () => {
    expect(slug("Mô hình theo lĩnh vực — Đồng Tháp")).toBe("mo-hinh-theo-linh-vuc-dong-thap");
  });
});
