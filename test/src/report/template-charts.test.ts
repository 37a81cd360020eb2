// Charts in an uploaded Word template ({%attendanceChart}, {%modelsChart}): the filled file holds
// the chart as a PNG part, related from document.xml, with its content type, and the drawing sits
// where the tag's paragraph was. A chart tag outside the list is refused at upload by name.
import { fillTemplate, inspectTemplate, TemplateProblem } from "@d05/server/report/template";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { docxTemplate, openDocx } from "./files";

const chart = {
  title: "Lượt người tham dự theo tháng, so với cùng kỳ",
  categories: ["T1", "T2", "T3"],
  series: [
    { name: "Kỳ báo cáo", values: [120, 80, 200] },
    { name: "Cùng kỳ", values: [100, 90, 150] },
  ],
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("charts in an uploaded template", () => {
  it("places the chart's picture at its tag, with the image part, relationship and type", async () => {
    const template = docxTemplate([
      "Đơn vị: {unitName}",
      "Trước biểu đồ",
      "{%attendanceChart}",
      "Sau biểu đồ",
      "{%modelsChart}",
      "Hết",
    ]);
    expect(inspectTemplate(template)).toEqual(["unitName", "%attendanceChart", "%modelsChart"]);
    // The period has an attendance chart but no models chart: that paragraph goes.
    const filled = await fillTemplate(template, {
      data: { unitName: "Xã Long Bình" },
      charts: { attendanceChart: chart },
    });
    const files = unzipSync(filled);
    const png = files["word/media/d05-chart-1.png"];
    expect(png && [...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(Object.keys(files).filter((f) => f.startsWith("word/media/"))).toHaveLength(1);
    const rels = strFromU8(files["word/_rels/document.xml.rels"] ?? new Uint8Array());
    expect(rels).toMatch(
      /<Relationship Id="rIdD05Chart1" Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/image" Target="media\/d05-chart-1\.png"\/>/,
    );
    const types = strFromU8(files["[Content_Types].xml"] ?? new Uint8Array());
    expect(types).toContain('<Default Extension="png" ContentType="image/png"/>');

    const { xml, text } = openDocx(filled);
    expect(text.split("\n").filter(Boolean)).toEqual([
      "Đơn vị: Xã Long Bình",
      "Trước biểu đồ",
      "Sau biểu đồ",
      "Hết",
    ]);
    // The drawing is the paragraph between "Trước biểu đồ" and "Sau biểu đồ", and nothing is left
    // of either tag.
    const paragraphs = xml.split("</w:p>");
    const at = paragraphs.findIndex((p) => p.includes("<w:drawing>"));
    expect(paragraphs[at - 1]).toContain("Trước biểu đồ");
    expect(paragraphs[at + 1]).toContain("Sau biểu đồ");
    expect(paragraphs[at]).toContain('r:embed="rIdD05Chart1"');
    expect(paragraphs[at]).toContain(`descr="${chart.title}"`);
    expect(paragraphs.filter((p) => p.includes("<w:drawing>"))).toHaveLength(1);
    expect(xml).not.toContain("Chart}");
  });

  it("keeps a template's own relationships and pictures", async () => {
    const base = unzipSync(docxTemplate(["{%modelsChart}"]));
    const { zipSync, strToU8 } = await import("fflate");
    const template = zipSync({
      ...base,
      "word/_rels/document.xml.rels": strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.png"/></Relationships>',
      ),
      "word/media/logo.png": new Uint8Array(PNG_SIGNATURE),
    });
    const filled = unzipSync(
      await fillTemplate(template, { data: {}, charts: { modelsChart: chart } }),
    );
    const rels = strFromU8(filled["word/_rels/document.xml.rels"] ?? new Uint8Array());
    expect(rels).toContain('Id="rId1"');
    expect(rels).toContain('Id="rIdD05Chart1"');
    expect(filled["word/media/logo.png"]).toBeDefined();
    expect(filled["word/media/d05-chart-1.png"]).toBeDefined();
  });

  it("refuses a chart tag outside the list, or one sharing its paragraph, naming it", () => {
    const problems = (lines: string[]) => {
      try {
        inspectTemplate(docxTemplate(lines));
        return [];
      } catch (error) {
        if (!(error instanceof TemplateProblem)) throw error;
        return error.problems;
      }
    };
    expect(problems(["{issuer}", "{%banDo}"])).toEqual([
      "Thẻ biểu đồ “{%banDo}” không có trong danh sách biểu đồ của báo cáo ({%attendanceChart}, {%modelsChart}).",
    ]);
    expect(problems(["{issuer}", "Biểu đồ: {%modelsChart}"])).toEqual([
      "Thẻ biểu đồ “{%modelsChart}” phải đứng một mình trong một đoạn văn.",
    ]);
  });
});
