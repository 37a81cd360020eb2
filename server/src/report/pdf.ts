// The report as a PDF (pdfkit: maintained, pure JavaScript, embeds a subset of the font it is
// given), with the Word file's layout: A4, decree margins, Tinos (Times New Roman's metrics) in
// the same sizes, page numbers at the top from page 2 as Nghị định 30/2020 asks.
import type { Block, ReportDocument, TableColumn, TableRow } from "@d05/schema/report";
import PDFDocument from "pdfkit";
import { CHART_HEIGHT, CHART_WIDTH } from "./chart";
import { type Face, parsedFaces } from "./fonts";

const MM = 72 / 25.4;
export const PDF_PAGE = {
  width: 595.28,
  height: 841.89,
  margins: { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM },
};
const LEFT = PDF_PAGE.margins.left;
const WIDTH = PDF_PAGE.width - PDF_PAGE.margins.left - PDF_PAGE.margins.right;
const BOTTOM = PDF_PAGE.height - PDF_PAGE.margins.bottom;
const INDENT = 10 * MM;

type Doc = PDFKit.PDFDocument;
const face = (bold?: boolean, italic?: boolean): Face =>
  bold ? (italic ? "BI" : "B") : italic ? "I" : "R";

/** Lines centred in a column; returns the y below them. */
function column(
  doc: Doc,
  x: number,
  y: number,
  width: number,
  lines: { text: string; f: Face; size: number; underline?: boolean }[],
): number {
  let at = y;
  for (const l of lines) {
    doc.font(l.f).fontSize(l.size);
    doc.text(l.text, x, at, { width, align: "center", underline: l.underline });
    at = doc.y;
  }
  return at;
}

function header(doc: Doc, d: ReportDocument): void {
  const h = d.header;
  const leftW = WIDTH * 0.42;
  const top = PDF_PAGE.margins.top;
  const leftEnd = column(doc, LEFT, top, leftW, [
    ...(h.parentBody ? [{ text: h.parentBody, f: "R" as Face, size: 13 }] : []),
    { text: h.issuer, f: "B", size: 13 },
    { text: h.style === "party" ? "*" : "________", f: "R", size: 13 },
    { text: h.number, f: "R", size: 13 },
  ]);
  const motto =
    h.style === "party"
      ? [{ text: "ĐẢNG CỘNG SẢN VIỆT NAM", f: "B" as Face, size: 14, underline: true }]
      : [
          { text: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f: "B" as Face, size: 13 },
          { text: "Độc lập - Tự do - Hạnh phúc", f: "B" as Face, size: 14, underline: true },
        ];
  const rightEnd = column(doc, LEFT + leftW, top, WIDTH - leftW, [
    ...motto,
    { text: " ", f: "R", size: 14 },
    { text: h.placeAndDate, f: "I", size: 14 },
  ]);
  let y = Math.max(leftEnd, rightEnd) + 20;
  y = column(doc, LEFT, y, WIDTH, [
    { text: d.kind, f: "B", size: 14 },
    ...d.title.map((t) => ({ text: t, f: "B" as Face, size: 14 })),
    ...(h.style === "party" ? [{ text: "-----", f: "R" as Face, size: 13 }] : []),
  ]);
  doc.x = LEFT;
  doc.y = y + 10;
}

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.x = LEFT;
  }
}

function paragraph(doc: Doc, block: Exclude<Block, { kind: "table" | "chart" }>): void {
  doc.x = LEFT;
  const options = { width: WIDTH, align: "justify" as const, indent: INDENT, paragraphGap: 6 };
  if (block.kind === "heading") {
    ensureRoom(doc, 40);
    doc
      .font("B")
      .fontSize(14)
      .text(block.text, LEFT, doc.y, { ...options, align: "left" });
    return;
  }
  if (block.kind === "placeholder") {
    doc.font("I").fontSize(14).fillColor("#7c5800").text(block.text, LEFT, doc.y, options);
    doc.fillColor("black");
    return;
  }
  // pdfkit drops the leading space of a continued run: it moves to the end of the run before.
  const runs = block.runs
    .filter((r) => r.text.length > 0)
    .map((r, i, all) => ({
      ...r,
      text: (i > 0 ? r.text.trimStart() : r.text) + (/^\s/.test(all[i + 1]?.text ?? "") ? " " : ""),
    }));
  // Runs of one paragraph: the layout options go with the first run only; pdfkit carries them
  // through `continued` (given again, they start a new line).
  runs.forEach((r, i) => {
    doc.font(face(r.bold, r.italic)).fontSize(14);
    const continued = i < runs.length - 1;
    if (i === 0) doc.text(r.text, LEFT, doc.y, { ...options, continued });
    else doc.text(r.text, { continued });
  });
}

function table(doc: Doc, caption: string, columns: TableColumn[], rows: TableRow[], note?: string) {
  const total = columns.reduce((s, c) => s + c.width, 0);
  const widths = columns.map((c) => (WIDTH * c.width) / total);
  const pad = 3;
  const size = 11;
  const heightOf = (cells: string[], f: Face) => {
    doc.font(f).fontSize(size);
    return (
      Math.max(
        ...cells.map((t, i) => doc.heightOfString(t, { width: (widths[i] ?? 0) - 2 * pad })),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], f: Face, shaded: boolean, centred: boolean) => {
    const h = heightOf(cells, f);
    let x = LEFT;
    const y = doc.y;
    cells.forEach((text, i) => {
      const w = widths[i] ?? 0;
      if (shaded) doc.rect(x, y, w, h).fill("#e5e7eb");
      doc.fillColor("black").lineWidth(0.5).rect(x, y, w, h).stroke();
      doc
        .font(f)
        .fontSize(size)
        .text(text, x + pad, y + pad, {
          width: w - 2 * pad,
          align: centred ? "center" : (columns[i]?.align ?? "left"),
        });
      x += w;
    });
    doc.x = LEFT;
    doc.y = y + h;
  };
  const head = columns.map((c) => c.title);
  ensureRoom(doc, 40 + heightOf(head, "B") + 20);
  doc
    .font("BI")
    .fontSize(13)
    .text(caption, LEFT, doc.y + 4, { width: WIDTH, align: "center" });
  doc.y += 3;
  drawRow(head, "B", false, true);
  for (const r of rows) {
    const f = r.total ? "B" : "R";
    if (doc.y + heightOf(r.cells, f) > BOTTOM) {
      doc.addPage();
      drawRow(head, "B", false, true);
    }
    drawRow(r.cells, f, Boolean(r.marked), false);
  }
  if (note) {
    doc
      .font("I")
      .fontSize(12)
      .text(note, LEFT, doc.y + 3, { width: WIDTH, align: "justify" });
  }
  doc.y += 8;
}

function chart(doc: Doc, png: Buffer): void {
  const height = (WIDTH * CHART_HEIGHT) / CHART_WIDTH;
  ensureRoom(doc, height + 10);
  doc.image(png, LEFT, doc.y + 4, { width: WIDTH, height });
  doc.x = LEFT;
  doc.y += height + 12;
}

function closing(doc: Doc, d: ReportDocument): void {
  ensureRoom(doc, 150);
  const y = doc.y + 16;
  const leftW = WIDTH * 0.45;
  doc.font("BI").fontSize(12).text("Nơi nhận:", LEFT, y, { width: leftW });
  doc.font("R").fontSize(11);
  for (const r of d.recipients) doc.text(`- ${r}`, LEFT, doc.y, { width: leftW });
  const s = d.signature;
  column(doc, LEFT + leftW, y, WIDTH - leftW, [
    { text: s.capacity, f: "B", size: 14 },
    { text: s.title, f: "B", size: 14 },
    { text: " ", f: "R", size: 14 },
    { text: " ", f: "R", size: 14 },
    { text: " ", f: "R", size: 14 },
    { text: s.name, f: "B", size: 14 },
  ]);
}

/** Page numbers at the top centre, from the second page on. */
function numberPages(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.top;
    doc.page.margins.top = 0;
    doc
      .font("R")
      .fontSize(13)
      .text(String(i + 1), LEFT, 10 * MM, { width: WIDTH, align: "center" });
    doc.page.margins.top = margin;
  }
}

/** The PDF; `charts` holds one PNG per chart block, in order. */
export function renderPdf(d: ReportDocument, charts: Buffer[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: PDF_PAGE.margins,
    bufferPages: true,
    info: { Title: `${d.kind} ${d.title.join(" ")}`, Author: d.header.issuer },
  });
  for (const [name, font] of Object.entries(parsedFaces())) {
    // A parsed fontkit font: pdfkit's types name only files and bytes, its code takes this too.
    doc.registerFont(name, font as unknown as Buffer);
  }
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  header(doc, d);
  let chartIndex = 0;
  for (const block of d.blocks) {
    if (block.kind === "table") table(doc, block.caption, block.columns, block.rows, block.note);
    else if (block.kind === "chart") {
      const png = charts[chartIndex++];
      if (png) chart(doc, png);
    } else paragraph(doc, block);
  }
  closing(doc, d);
  numberPages(doc);
  doc.end();
  return done;
}
