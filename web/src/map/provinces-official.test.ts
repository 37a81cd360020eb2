// @vitest-environment node
// The national map draws exactly the 34 provinces of the official post-2025 list (the file beside
// the repository that the unit import reads, not a copy), and the geometry ships with its source
// and licence next to it.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import merger from "../../map-data/provinces-2025-merger.json";
import { provinceCode } from "./provinceMatch";
import { provinceFeatures } from "./provinces";

const OFFICIAL = new URL("../../../../shared/data/vn-admin-units-2025.json", import.meta.url);
const file = (path: string) => fileURLToPath(new URL(path, import.meta.url));

interface OfficialProvince {
  Code: string;
  FullName: string;
}

const official = (JSON.parse(readFileSync(OFFICIAL, "utf8")) as OfficialProvince[]).map((p) => ({
  code: p.Code,
  name: p.FullName.normalize("NFC"),
}));
const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);

describe("the national map's provinces", () => {
  it("are the 34 of the official list, code for code and name for name", () => {
    expect(official).toHaveLength(34);
    const drawn = provinceFeatures.map((f) => ({
      code: f.properties.code,
      name: f.properties.name.normalize("NFC"),
    }));
    expect(drawn.sort(byCode)).toEqual([...official].sort(byCode));
  });

  it("are the merger list's, which names each official province once", () => {
    const listed = merger.provinces.map((p) => ({ code: p.code, name: p.name.normalize("NFC") }));
    expect(listed.sort(byCode)).toEqual([...official].sort(byCode));
  });

  it("are found for a unit imported from the official list, by code or by name alone", () => {
    for (const p of official) {
      expect(provinceCode({ code: p.code, name: p.name })).toBe(p.code);
      expect(provinceCode({ code: null, name: p.name })).toBe(p.code);
    }
  });

  it("ship with their source and licence beside them, named in the docs", () => {
    const notice = "./vn-provinces-2025.NOTICE.md";
    const licence = "../../map-data/LICENSE-vietnamese-provincial-icons.txt";
    expect(existsSync(file(notice))).toBe(true);
    expect(readFileSync(file(licence), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2022/);
    for (const doc of ["../../map-data/README.md", "../../../README.md"]) {
      const text = readFileSync(file(doc), "utf8");
      expect(text).toContain("LICENSE-vietnamese-provincial-icons.txt");
      expect(text).toContain("vn-provinces-2025.NOTICE.md");
    }
    expect(readFileSync(file(notice), "utf8")).toContain("LICENSE-vietnamese-provincial-icons.txt");
  });
});
