// @vitest-environment node
import { describe, expect, it } from "vitest";
import {
  base64ToBlob,
  bytesToBase64,
  importFormat,
  newImportKey,
  readImportContent,
} from "./importFile";

describe("importFile", () => {
  it("tells CSV and XLSX files apart by name and refuses anything else", () => {
    expect(importFormat("hoat-dong.CSV")).toBe("CSV");
    expect(importFormat("Báo cáo quý I.xlsx")).toBe("XLSX");
    expect(importFormat("cu.xls")).toBeNull();
    expect(importFormat("notes.txt")).toBeNull();
  });

  it("encodes bytes as base64 the way btoa does, across chunk boundaries", () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 7) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    expect(bytesToBase64(new Uint8Array())).toBe("");
  });

  it("reads a CSV as UTF-8 text and an XLSX as base64", async () => {
    const text = "Mã đơn vị;Lượt người\r\nX-A;16.940\r\n";
    const csv = new Blob([text]);
    expect(await readImportContent(csv, "CSV")).toBe(text);
    const xlsx = new Blob([new Uint8Array([0x50, 0x4b, 3, 4, 0xff])]);
    expect(await readImportContent(xlsx, "XLSX")).toBe("UEsDBP8=");
  });

  it("turns the template the API sends as base64 back into its bytes", async () => {
    const bytes = new Uint8Array(300).map((_, i) => (i * 13) % 256);
    const blob = base64ToBlob(Buffer.from(bytes).toString("base64"), "application/x-test");
    expect(blob.type).toBe("application/x-test");
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(bytes);
  });

  it("makes a different version-4 UUID each time", () => {
    const a = newImportKey();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newImportKey()).not.toBe(a);
  });
});
