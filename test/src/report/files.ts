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

export async function openPdf(bytes: Uint8Array): Promise<PdfContent> {
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
