// Opening a generated report as a reader would: the Word file's XML (unzipped) and its visible
// text, the PDF's text (pdf.js) and page sizes.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

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

const escapeXml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The smallest Word file an office could upload as a template: one paragraph per line, the line's
 * text as typed (docxtemplater tags included).
 */
export function docxTemplate(lines: string[]): Uint8Array {
  const w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  const body = lines
    .map((l) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(l)}</w:t></w:r></w:p>`)
    .join("");
  return zipSync({
    "[Content_Types].xml": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    "word/document.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${w}"><w:body>${body}</w:body></w:document>`,
    ),
  });
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
 * Page 1 drawn by poppler's pdftoppm (Debian's poppler-utils, like Chromium a system tool the tests
 * use; .ci/run installs it) at 72 dpi × scale: what a reader sees, to check the layout and to look
 * at. The page size comes from pdf.js, in points, exactly.
 */
export async function renderFirstPage(bytes: Uint8Array, scale = 1): Promise<RenderedPage> {
  polyfillWithResolvers();
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes) });
  const viewport = (await (await task.promise).getPage(1)).getViewport({ scale });
  await task.destroy();
  const dir = mkdtempSync(join(tmpdir(), "d05-report-"));
  try {
    const pdf = join(dir, "report.pdf");
    writeFileSync(pdf, bytes);
    const draw = (format: "-gray" | "-png") =>
      execFileSync("pdftoppm", [
        format,
        "-r",
        String(72 * scale),
        "-f",
        "1",
        "-l",
        "1",
        "-singlefile",
        pdf,
        join(dir, "page"),
      ]);
    draw("-gray");
    draw("-png");
    const gray = parsePgm(readFileSync(join(dir, "page.pgm")));
    const darkPixels = (x0: number, x1: number, h: number) => {
      let dark = 0;
      const [from, to, rows] = [Math.floor(x0), Math.floor(x1), Math.floor(h)];
      for (let y = 0; y < rows; y++) {
        for (let x = from; x < to; x++) if ((gray.pixels[y * gray.width + x] ?? 255) < 128) dark++;
      }
      return { dark, area: (to - from) * rows };
    };
    const ink = (x0: number, x1: number) => {
      const { dark, area } = darkPixels(x0, x1, gray.height * 0.12);
      return dark / area;
    };
    const mm = (72 / 25.4) * scale;
    return {
      png: readFileSync(join(dir, "page.png")),
      width: viewport.width,
      height: viewport.height,
      inkTopLeft: ink(0, gray.width / 2),
      inkTopRight: ink(gray.width / 2, gray.width),
      inkInMargins:
        darkPixels(0, 28 * mm, gray.height).dark +
        darkPixels(gray.width - 13 * mm, gray.width, gray.height).dark,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A binary greyscale PGM (P5, 8-bit) as pdftoppm -gray writes it. */
function parsePgm(file: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString("latin1"));
  if (!header) throw new Error("pdftoppm did not write a P5 greyscale image");
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: file.subarray(whole.length) };
}

export interface OfficeRendering {
  pdf: Uint8Array;
  /** The PDF's text as poppler's pdftotext reads it, one string per page. */
  pages: string[];
  /** Pictures LibreOffice drew, per page, as poppler's pdfimages lists them (masks left out). */
  imagesPerPage: Map<number, number>;
}

/**
 * A Word file opened by a real office suite: LibreOffice (Debian's libreoffice-writer-nogui; .ci/run
 * installs it) converts it to PDF headless, with a private profile so parallel runs don't share
 * one. A file LibreOffice cannot read gives no PDF, and this throws with what it printed.
 */
export function renderWithLibreOffice(docx: Uint8Array): OfficeRendering {
  const dir = mkdtempSync(join(tmpdir(), "d05-office-"));
  try {
    writeFileSync(join(dir, "report.docx"), docx);
    const output = execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        join(dir, "report.docx"),
      ],
      { encoding: "utf8", timeout: 120_000, stdio: ["ignore", "pipe", "pipe"] },
    );
    let pdf: Uint8Array;
    try {
      pdf = readFileSync(join(dir, "report.pdf"));
    } catch {
      throw new Error(`LibreOffice wrote no PDF: ${output}`);
    }
    // pdftotext, not pdf.js: where a glyph comes from a fallback font (no Times New Roman here),
    // pdf.js cuts the word into runs, out of order; poppler keeps them in reading order.
    const pages = execFileSync("pdftotext", ["-layout", join(dir, "report.pdf"), "-"], {
      encoding: "utf8",
    })
      .split("\f")
      .filter((page, i, all) => i < all.length - 1 || page.trim() !== "");
    const listing = execFileSync("pdfimages", ["-list", join(dir, "report.pdf")], {
      encoding: "utf8",
    });
    const imagesPerPage = new Map<number, number>();
    for (const line of listing.split("\n").slice(2)) {
      const [page, , type] = line.trim().split(/\s+/);
      if (type !== "image") continue;
      imagesPerPage.set(Number(page), (imagesPerPage.get(Number(page)) ?? 0) + 1);
    }
    return { pdf, pages, imagesPerPage };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
