// Opening a generated report as a reader would: the Word file's XML (unzipped) and its visible
// text, the PDF's text (pdf.js) and page sizes.
import { strFromU8, unzipSync } from "fflate";

export interface DocxContent {
  /** word/document.xml as it is. */
  xml: string;
  /** The text of every w:t, paragraphs separated by newlines. */
  text: string;
  files: string[];
}

export function openDocx(bytes: Uint8Array): DocxContent {
  const files = unzipSync(bytes);
  const xml = strFromU8(files["word/document.xml"] ?? new Uint8Array());
  const text = xml
    .split("</w:p>")
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .map((t) =>
      t
        .replace(/&amp;/g, "&")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&quot;/g, '"'),
    )
    .join("\n");
  return { xml, text, files: Object.keys(files) };
}

export interface PdfContent {
  pages: { width: number; height: number; text: string }[];
  text: string;
}

function polyfillWithResolvers() {
  // … and ArrayBuffer.prototype.transferToFixedLength when it draws a page (a copy does here).
  const proto = ArrayBuffer.prototype as unknown as Record<string, unknown>;
  if (!("transferToFixedLength" in proto)) {
    proto.transferToFixedLength = function (this: ArrayBuffer, length = this.byteLength) {
      const copy = new ArrayBuffer(length);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(length, this.byteLength)));
      return copy;
    };
  }
  // pdf.js 6 calls Promise.withResolvers, which Node 20 lacks (Node 22 has it).
  if (!("withResolvers" in Promise)) {
    Object.assign(Promise, {
      withResolvers<T>() {
        let resolve!: (value: T) => void;
        let reject!: (reason?: unknown) => void;
        const promise = new Promise<T>((res, rej) => {
          resolve = res;
          reject = rej;
        });
        return { promise, resolve, reject };
      },
    });
  }
}

export async function openPdf(bytes: Uint8Array): Promise<PdfContent> {
  polyfillWithResolvers();
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false });
  const doc = await task.promise;
  const pages: PdfContent["pages"] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
      .join("");
    pages.push({ width, height, text });
  }
  await task.destroy();
  return { pages, text: pages.map((p) => p.text).join("\n") };
}

export interface RenderedPage {
  png: Buffer;
  width: number;
  height: number;
  /** Share of dark pixels in the header's top-left and top-right blocks (first 12% of the page). */
  inkTopLeft: number;
  inkTopRight: number;
  /** Dark pixels in the strips the decree's margins keep empty (left 30 mm, right 15 mm), less 2 mm. */
  inkInMargins: number;
}

/**
 * Page 1 drawn by pdf.js onto its Node canvas (@napi-rs/canvas, pdf.js' own optional dependency),
 * at 72 dpi × scale: what a reader sees, to check the layout and to look at.
 */
export async function renderFirstPage(bytes: Uint8Array, scale = 1): Promise<RenderedPage> {
  polyfillWithResolvers();
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const doc = await task.promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale });
  const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
  const { canvas, context } = factory.create(viewport.width, viewport.height);
  await page.render({ canvas, canvasContext: context, viewport } as never).promise;
  const darkPixels = (x0: number, x1: number, h: number) => {
    const w = Math.floor(x1 - x0);
    const data = context.getImageData(Math.floor(x0), 0, w, Math.floor(h)).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
    return { dark, area: w * Math.floor(h) };
  };
  const ink = (x0: number, x1: number) => {
    const { dark, area } = darkPixels(x0, x1, viewport.height * 0.12);
    return dark / area;
  };
  const mm = (72 / 25.4) * scale;
  const result = {
    png: canvas.toBuffer("image/png"),
    width: viewport.width,
    height: viewport.height,
    inkTopLeft: ink(0, viewport.width / 2),
    inkTopRight: ink(viewport.width / 2, viewport.width),
    inkInMargins:
      darkPixels(0, 28 * mm, viewport.height).dark +
      darkPixels(viewport.width - 13 * mm, viewport.width, viewport.height).dark,
  };
  await task.destroy();
  return result;
}

interface CanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    canvas: { toBuffer(type: "image/png"): Buffer };
    context: {
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
}
