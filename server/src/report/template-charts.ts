// Charts in an uploaded Word template: a paragraph holding only `{%attendanceChart}` (or another
// tag of CHART_TAGS) becomes that chart, the same PNG the default report draws (chart.ts).
//
// Why our own code: docxtemplater's image module is a paid module (not on the public npm
// registry); the free forks on npm (docxtemplater-image-module-free and its copies) have not been
// maintained for years. What an image needs is small and documented (ECMA-376 part 1: an inline
// DrawingML picture in the paragraph, the PNG as a part of the package, a relationship from
// document.xml to it, and a content type for .png), so it is written here, through docxtemplater's
// public module interface (the same `expandToOne` trait its own `{@raw}` tag uses: the tag takes
// its whole paragraph).
import { CHART_TAGS, type ChartSpec, type ChartTag } from "@d05/schema/report";
import type Docxtemplater from "docxtemplater";
import traits from "docxtemplater/js/traits.js";
import type PizZip from "pizzip";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart";

export const CHART_MODULE = "d05-chart";

/** The text width of an A4 page with the decree's margins (16.5 cm), in EMU (360,000 per cm). */
const WIDTH_EMU = 16.5 * 360_000;
const HEIGHT_EMU = Math.round((WIDTH_EMU * CHART_HEIGHT) / CHART_WIDTH);

const NS = {
  wp: "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
  a: "http://schemas.openxmlformats.org/drawingml/2006/main",
  pic: "http://schemas.openxmlformats.org/drawingml/2006/picture",
  r: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  image: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image",
  rels: "http://schemas.openxmlformats.org/package/2006/relationships",
};

const DOCUMENT_RELS = "word/_rels/document.xml.rels";

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const isChartTag = (tag: string): tag is ChartTag => Object.hasOwn(CHART_TAGS, tag);

/** A chart to place: its PNG, and the relationship id and media name it gets in the package. */
interface Placed {
  png: Buffer;
  relId: string;
  media: string;
  title: string;
}

/**
 * A centred paragraph with the picture inline, the namespaces declared on the elements themselves
 * (a template's document.xml need not declare wp:, a:, pic: or r:).
 */
function drawingParagraph(placed: Placed, drawingId: number): string {
  const title = escapeXml(placed.title);
  return (
    `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:drawing>` +
    `<wp:inline xmlns:wp="${NS.wp}" distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${WIDTH_EMU}" cy="${HEIGHT_EMU}"/>` +
    `<wp:docPr id="${drawingId}" name="${title}" descr="${title}"/>` +
    `<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="${NS.a}" noChangeAspect="1"/></wp:cNvGraphicFramePr>` +
    `<a:graphic xmlns:a="${NS.a}"><a:graphicData uri="${NS.pic}">` +
    `<pic:pic xmlns:pic="${NS.pic}"><pic:nvPicPr><pic:cNvPr id="0" name="${placed.media}"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip xmlns:r="${NS.r}" r:embed="${placed.relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${WIDTH_EMU}" cy="${HEIGHT_EMU}"/></a:xfrm>` +
    `<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

/**
 * The docxtemplater module for `{%tag}`. At upload it only parses (the tags are checked by name in
 * template.ts); when filling, `pngs` holds the drawn charts and `addParts` puts them in the zip.
 */
export class ChartModule implements Docxtemplater.DXT.Module {
  readonly name = "ChartModule";
  private readonly placed = new Map<string, Placed>();
  private drawings = 0;
  private fileTypeConfig: { tagRawXml: string } | undefined;

  constructor(
    private readonly charts: Partial<Record<ChartTag, { png: Buffer; chart: ChartSpec }>> = {},
  ) {}

  optionsTransformer(
    options: Docxtemplater.DXT.Options,
    doc: Docxtemplater,
  ): Docxtemplater.DXT.Options {
    this.fileTypeConfig = (
      doc as unknown as { fileTypeConfig: { tagRawXml: string } }
    ).fileTypeConfig;
    return options;
  }

  matchers(): [string, string, Record<string, unknown>][] {
    return [["%", CHART_MODULE, {}]];
  }

  postparse(postparsed: Docxtemplater.DXT.Part[]): Docxtemplater.DXT.Part[] {
    return traits.expandToOne(postparsed, {
      moduleName: CHART_MODULE,
      // The tag replaces its whole paragraph ("w:p"); other text beside it is an error there.
      expandTo: this.fileTypeConfig?.tagRawXml ?? "w:p",
      getInner: ({ part, left, right, postparsed, index }) => {
        // As docxtemplater's {@raw}: text beside the tag would vanish with its paragraph.
        const beside = postparsed
          .slice(left + 1, right)
          .filter((_p, i) => i !== index - left - 1)
          .some(
            (p) => p.type === "placeholder" || (p.type === "content" && p.position === "insidetag"),
          );
        if (beside) {
          throw Object.assign(new Error("Chart tag should be the only text in its paragraph"), {
            name: "TemplateError",
            properties: {
              id: "chart_tag_outside_paragraph",
              xtag: part.value,
              offset: part.offset,
            },
          });
        }
        return part;
      },
      error: {
        message: "Chart tag not in paragraph",
        id: "chart_tag_outside_paragraph",
        explanation: () => "A chart tag must be alone in its own paragraph.",
      },
    });
  }

  render(part: Docxtemplater.DXT.Part): Docxtemplater.DXT.Rendered | null {
    if (part.module !== CHART_MODULE) return null;
    const tag = String(part.value);
    const chart = isChartTag(tag) ? this.charts[tag] : undefined;
    // A chart the period has nothing for (one month only, no models): the paragraph goes.
    if (!chart) return { value: "", errors: [] };
    let placed = this.placed.get(tag);
    if (!placed) {
      const n = this.placed.size + 1;
      placed = {
        png: chart.png,
        relId: `rIdD05Chart${n}`,
        media: `d05-chart-${n}.png`,
        title: chart.chart.title,
      };
      this.placed.set(tag, placed);
    }
    this.drawings += 1;
    // Ids of drawings must be unique in the document; a template's own pictures use small ones.
    return { value: drawingParagraph(placed, 90_000 + this.drawings), errors: [] };
  }

  /** After rendering: the PNG parts, their relationships and the .png content type. */
  addParts(zip: PizZip): void {
    if (this.placed.size === 0) return;
    for (const p of this.placed.values()) zip.file(`word/media/${p.media}`, p.png);
    const links = [...this.placed.values()]
      .map((p) => `<Relationship Id="${p.relId}" Type="${NS.image}" Target="media/${p.media}"/>`)
      .join("");
    const rels = zip.file(DOCUMENT_RELS)?.asText();
    zip.file(
      DOCUMENT_RELS,
      rels
        ? rels.replace("</Relationships>", `${links}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="${NS.rels}">${links}</Relationships>`,
    );
    const types = zip.file("[Content_Types].xml")?.asText() ?? "";
    if (!/<Default [^>]*Extension="png"/i.test(types)) {
      zip.file(
        "[Content_Types].xml",
        types.replace("</Types>", `<Default Extension="png" ContentType="image/png"/></Types>`),
      );
    }
  }
}
